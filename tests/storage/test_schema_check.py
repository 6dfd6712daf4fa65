"""A file that brings SQL of its own (a trigger, a dropped guard index, a view) is refused on
restore, on `restore --check-only` and when it is opened, and `check` says what differs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from safety_kit import dump, open_ws, tamper, tampered_backup

from swdesk.cli.main import main
from swdesk.storage import migrations as schema
from swdesk.storage import schema_check
from swdesk.storage.backup import backups_dir, list_backups, make_backup
from swdesk.storage.database import open_database
from swdesk.storage.errors import BadBackup, SchemaMismatch
from swdesk.storage.restore import check_backup, restore_backup

# The attack of the issue: every later write pays more and the program password is wiped.
TRIGGER = """CREATE TRIGGER audit_log_tamper AFTER INSERT ON audit_log BEGIN
    UPDATE award_payments SET amount = amount + 1;
    DELETE FROM settings WHERE key = 'program_password'; END"""
BLOCKER = """CREATE TRIGGER audit_log_block BEFORE INSERT ON audit_log
    BEGIN SELECT RAISE(ABORT, 'no more writes'); END"""
GUARDS = (
    "DROP INDEX award_payments_once_per_level",
    "DROP INDEX applications_one_live_claim",
    "DROP TRIGGER applications_never_deleted",
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_carrying_a_trigger_is_refused_and_nothing_changes(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = make_backup(demo_file)
    bad = tampered_backup(good.path, tmp_path / "bad.zip", TRIGGER)
    before = dump(demo_file)
    with pytest.raises(BadBackup, match="an extra trigger audit_log_tamper \\(on audit_log\\)"):
        check_backup(bad)
    with pytest.raises(BadBackup, match="altered outside swdesk"):
        restore_backup(demo_file, bad)
    assert dump(demo_file) == before
    assert [b.kind for b in list_backups(backups_dir(demo_file))] == ["manual"]

    for args in (["restore", "--check-only", str(bad)], ["restore", str(bad)]):
        assert main(["--lang", "en", "--db", str(demo_file), *args]) == 1
        err = capsys.readouterr().err
        assert "audit_log_tamper" in err and "cannot be restored" in err
    assert dump(demo_file) == before


def test_a_trigger_that_blocks_writes_is_refused_before_the_swap(
    demo_file: Path, tmp_path: Path, staff_adder
) -> None:
    good = make_backup(demo_file)
    bad = tampered_backup(good.path, tmp_path / "blocker.zip", BLOCKER)
    with pytest.raises(BadBackup, match="audit_log_block"):
        restore_backup(demo_file, bad)
    ws = open_ws(demo_file)  # the data in place still takes writes
    staff_adder(ws, "照常录入", 931)
    ws.close()


def test_a_backup_without_the_guard_indexes_and_triggers_names_each(
    demo_file: Path, tmp_path: Path
) -> None:
    good = make_backup(demo_file)
    bad = tampered_backup(good.path, tmp_path / "unguarded.zip", *GUARDS)
    with pytest.raises(BadBackup) as exc:
        restore_backup(demo_file, bad)
    for name in ("award_payments_once_per_level", "applications_one_live_claim"):
        assert f"no index {name}" in str(exc.value)
    assert "no trigger applications_never_deleted" in str(exc.value)


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("CREATE VIEW everyone AS SELECT * FROM staff", "an extra view everyone"),
        ("CREATE TABLE extra (x)", "an extra table extra"),
        ("ALTER TABLE staff ADD COLUMN salary INTEGER", "the table staff is not defined"),
        ("CREATE INDEX staff_name ON staff(name)", "an extra index staff_name (on staff)"),
        ("DELETE FROM _sqlite_migrations WHERE name = '0002_training_and_applications'",
         "not the ones this version makes"),
    ],
)  # fmt: skip
def test_a_file_altered_in_place_is_refused_on_open_and_reported_by_check(
    demo_file: Path, sql: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(demo_file, sql)
    before = _digest(demo_file)
    for read_only in (False, True):
        with pytest.raises(SchemaMismatch) as exc:
            open_database(demo_file, read_only=read_only)
        assert words in str(exc.value) and "nothing was changed" in str(exc.value)
    assert _digest(demo_file) == before  # not even the journal mode was switched
    assert main(["--lang", "en", "--db", str(demo_file), "check"]) == 1
    out = capsys.readouterr().out
    assert words in out and "The data file is whole" not in out
    assert main(["--lang", "en", "--db", str(demo_file), "staff", "list"]) == 1
    assert words in capsys.readouterr().err


def test_the_same_file_untouched_is_whole(demo_file: Path, capsys) -> None:
    assert main(["--lang", "en", "--db", str(demo_file), "check"]) == 0
    assert "The data file is whole" in capsys.readouterr().out
    assert check_backup(make_backup(demo_file).path).staff == 60


def test_layout_of_the_sql_does_not_count() -> None:
    assert schema_check.normalise_sql("CREATE  TABLE t (\n  a INT ,\n b )") == (
        schema_check.normalise_sql("CREATE TABLE t(a INT, b)")
    )


def test_a_migration_added_later_is_covered_with_no_extra_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "agency.db"
    open_database(path).close()
    monkeypatch.setattr(schema.migrations, "_migrations", list(schema.migrations._migrations))
    monkeypatch.setattr(schema, "_NAMES", list(schema._NAMES))

    @schema._step("0999_later")
    def later(db) -> None:  # noqa: ANN001
        db.execute("CREATE TABLE later_things (id INTEGER PRIMARY KEY, what TEXT NOT NULL)")
        db.execute("CREATE INDEX later_things_what ON later_things(what)")

    schema_check.expected_shape.cache_clear()
    try:
        open_database(path).close()  # upgraded, then opened again: the new shape is expected
        open_database(path, read_only=True).close()
        tamper(path, "DROP INDEX later_things_what")
        with pytest.raises(SchemaMismatch, match="no index later_things_what"):
            open_database(path)
    finally:
        schema_check.expected_shape.cache_clear()


def test_the_digest_kept_is_that_of_what_the_migrations_make() -> None:
    made = schema_check.shape_digest(schema_check.expected_shape(len(schema.known_names())))
    assert made == schema_check.CURRENT_SHAPE, (
        f"a migration changed the schema: set schema_check.CURRENT_SHAPE to {made!r}"
    )


def test_a_file_of_this_version_is_found_whole_by_its_digest_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "agency.db"
    open_database(path).close()

    def not_asked(version: int) -> schema_check.Shape:
        raise AssertionError("the migrations were run to compare a file of this version")

    monkeypatch.setattr(schema_check, "expected_shape", not_asked)
    open_database(path).close()
    open_database(path, read_only=True).close()
    # One change is enough for the full comparison, which names it.
    monkeypatch.undo()
    tamper(path, "CREATE INDEX staff_extra ON staff(name)")
    with pytest.raises(SchemaMismatch, match="staff_extra"):
        open_database(path)
