"""Restore: only a backup that passes every check, always undoable, older versions upgraded."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from safety_kit import DAY1, dump, open_ws

from swdesk.storage import migrations as schema
from swdesk.storage.backup import BEFORE_MIGRATION, backups_dir, list_backups, make_backup
from swdesk.storage.errors import BadBackup, DatabaseError, DatabaseInUse
from swdesk.storage.restore import check_backup, restore_backup

FIXTURES = Path(__file__).parent / "fixtures"


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM staff ORDER BY id")]
    finally:
        conn.close()


SKIP = ("audit_log", "undo_steps")


def test_restore_brings_back_the_backup_and_can_be_undone(demo_file: Path, staff_adder) -> None:
    # The audit log notes each restore, and each restore starts a new undo history.
    good = make_backup(demo_file)
    at_backup = dump(demo_file, skip=SKIP)
    ws = open_ws(demo_file)
    staff_adder(ws, "后来的", 902)
    ws.close()
    after_change = dump(demo_file, skip=SKIP)

    result = restore_backup(demo_file, good.path, user="tester")
    assert dump(demo_file, skip=SKIP) == at_backup
    assert result.safety_backup is not None and result.set_aside is None
    last = json.loads(dump(demo_file)["audit_log"][-1][-1])
    assert last["backup"] == str(good.path)

    restore_backup(demo_file, result.safety_backup, user="tester")
    assert dump(demo_file, skip=SKIP) == after_change
    assert "后来的" in _names(demo_file)


def test_a_backup_made_before_a_migration_is_restored_and_upgraded(
    tmp_path: Path, staff_adder
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "v1.db", path)
    v1_staff = dump(path)["staff"]
    ws = open_ws(path)  # upgrades, after a backup
    staff_adder(ws, "升级后录入", 903)
    ws.close()
    before_upgrade = next(b for b in list_backups(backups_dir(path)) if b.kind == BEFORE_MIGRATION)
    assert check_backup(before_upgrade.path).schema_version == 1

    result = restore_backup(path, before_upgrade.path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.count()
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    assert dump(path)["staff"] == v1_staff
    ws = open_ws(path)  # and the program works on it
    # The settings table is new (no password yet); only the program's own record is in it.
    assert [r["key"] for r in ws.db["settings"].rows] == ["written_by"]
    assert ws.db["grade_appointments"].count == 1
    ws.close()
    assert "升级后录入" in _names(_unzipped(result.safety_backup, tmp_path))


def _unzipped(zip_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "unzipped.db"
    with zipfile.ZipFile(zip_path) as zf:
        out.write_bytes(zf.read("data.db"))
    return out


def _rewrite(zip_path: Path, target: Path, change) -> Path:
    """A copy of a backup with one member changed by ``change(name, bytes) -> bytes | None``."""
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item.filename, data)
    return target


def test_a_backup_with_a_damaged_database_is_refused_and_nothing_changes(
    demo_file: Path, tmp_path: Path
) -> None:
    good = make_backup(demo_file)

    def damage(name: str, data: bytes) -> bytes:
        if name != "data.db":
            return data
        middle = len(data) // 2 // 4096 * 4096
        return data[:middle] + bytes(range(256)) * 16 + data[middle + 4096 :]

    bad = _rewrite(good.path, tmp_path / "bad.zip", damage)
    before = dump(demo_file)
    with pytest.raises(BadBackup, match="its database is damaged"):
        restore_backup(demo_file, bad)
    assert dump(demo_file) == before
    assert [b.kind for b in list_backups(backups_dir(demo_file))] == ["manual"]


def test_a_truncated_backup_file_is_refused(demo_file: Path, tmp_path: Path) -> None:
    good = make_backup(demo_file)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.path.read_bytes()[:5000])
    with pytest.raises(BadBackup, match="unreadable or damaged"):
        restore_backup(demo_file, cut)


def test_a_backup_from_a_newer_version_is_refused(demo_file: Path, tmp_path: Path) -> None:
    good = make_backup(demo_file)
    inside = _unzipped(good.path, tmp_path)
    conn = sqlite3.connect(inside)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('swdesk', '0999_future', 'x')"
    )
    conn.execute(f"PRAGMA user_version = {schema.count() + 1}")
    conn.commit()
    conn.close()
    newer = _rewrite(
        good.path,
        tmp_path / "newer.zip",
        lambda name, data: inside.read_bytes() if name == "data.db" else data,
    )
    with pytest.raises(BadBackup, match="newer version"):
        restore_backup(demo_file, newer)


def test_something_that_is_not_a_backup_is_refused(demo_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(BadBackup, match="not a swdesk backup"):
        restore_backup(demo_file, other)
    with pytest.raises(BadBackup, match="does not exist"):
        restore_backup(demo_file, tmp_path / "nowhere.zip")


def test_no_restore_into_a_file_this_process_has_open(demo_file: Path) -> None:
    good = make_backup(demo_file)
    ws = open_ws(demo_file)
    with pytest.raises(DatabaseError, match="Close the data file"):
        restore_backup(demo_file, good.path)
    ws.close()


def test_no_restore_into_a_file_another_process_has_open(demo_file: Path) -> None:
    import subprocess
    import sys

    good = make_backup(demo_file)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from swdesk.services.workspace import Workspace;"
            "ws = Workspace.open(sys.argv[1]); print('ready', flush=True); sys.stdin.readline()",
            str(demo_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseInUse):
            restore_backup(demo_file, good.path)
    finally:
        holder.communicate("\n", timeout=30)


def test_restore_into_a_new_place(demo_file: Path, tmp_path: Path) -> None:
    good = make_backup(demo_file)
    elsewhere = tmp_path / "new-pc" / "agency.db"
    result = restore_backup(elsewhere, good.path)
    assert result.safety_backup is None
    assert dump(elsewhere, skip=("audit_log",)) == dump(demo_file, skip=("audit_log",))
    ws = open_ws(elsewhere, DAY1)
    assert ws.db["staff"].count == 60
    ws.close()


def test_a_swap_the_system_refuses_leaves_the_data_as_it_was(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, staff_adder
) -> None:
    from swdesk.storage import restore as restore_module

    good = make_backup(demo_file)
    ws = open_ws(demo_file)
    staff_adder(ws, "不能丢", 905)
    ws.close()
    before = dump(demo_file)

    real_replace = restore_module.os.replace

    def refused(src: object, dst: object) -> None:
        if Path(dst) == demo_file:  # Windows, while another program has the file open
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(restore_module.os, "replace", refused)
    with pytest.raises(DatabaseError, match="open in another program"):
        restore_backup(demo_file, good.path)
    monkeypatch.undo()
    assert dump(demo_file) == before


def test_a_folder_without_write_permission_is_a_clear_error(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swdesk.storage import database

    def denied(path: Path, user: object = None) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(database, "acquire", denied)
    with pytest.raises(DatabaseError, match="open it read-only"):
        open_ws(demo_file)
    ws = open_ws(demo_file, read_only=True)
    assert ws.db["staff"].count == 60
    ws.close()


def test_training_sums_edited_in_a_backup_are_made_again_from_its_attendance(
    demo_file: Path,
) -> None:
    from swdesk.storage import hours_by_year

    # Sums kept by year that are not those of the attendance: as a hand-edited file has them.
    conn = sqlite3.connect(demo_file)
    with conn:
        conn.execute("UPDATE ce_hours_by_year SET online = online + 5000")
    conn.close()
    edited = make_backup(demo_file)
    restore_backup(demo_file, edited.path, user="tester")
    ws = open_ws(demo_file)
    try:
        assert ws.db.execute("SELECT COUNT(*) FROM ce_hours_by_year").fetchone()[0] > 0
        assert hours_by_year.disagreeing(ws.db) == 0
    finally:
        ws.close()
