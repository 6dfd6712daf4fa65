"""Backups: consistent snapshots (write-ahead log included), automatic ones, rotation."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from safety_kit import DAY1, dump, open_ws

from swdesk.storage import backup
from swdesk.storage import migrations as schema
from swdesk.storage.backup import (
    BEFORE_MIGRATION,
    DAILY,
    backups_dir,
    keep,
    list_backups,
    make_backup,
    rotate,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _inside(zip_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"inside-{zip_path.stem}.db"
    with zipfile.ZipFile(zip_path) as zf:
        out.write_bytes(zf.read("data.db"))
    return out


def test_a_backup_taken_while_open_holds_what_is_only_in_the_write_ahead_log(
    demo_file: Path, tmp_path: Path, staff_adder
) -> None:
    ws = open_ws(demo_file)
    # Keep SQLite from folding the log into the file, as a busy program would.
    ws.db.execute("PRAGMA wal_autocheckpoint = 0")
    staff_adder(ws, "新来的", 901)
    wal = Path(str(demo_file) + "-wal")
    assert wal.stat().st_size > 0
    plain_copy = tmp_path / "plain.db"
    shutil.copyfile(demo_file, plain_copy)
    info = make_backup(demo_file)
    ws.close()
    names = [
        r[0]
        for r in sqlite3.connect(_inside(info.path, tmp_path)).execute("SELECT name FROM staff")
    ]
    assert "新来的" in names and len(names) == 61
    # What a plain copy of the main file would have lost:
    assert "新来的" not in [
        r[0] for r in sqlite3.connect(plain_copy).execute("SELECT name FROM staff")
    ]


def test_a_backup_has_a_manifest_and_its_database_passes_the_integrity_check(
    demo_file: Path, tmp_path: Path
) -> None:
    info = make_backup(demo_file)
    assert info.path.parent == backups_dir(demo_file) and info.kind == "manual"
    with zipfile.ZipFile(info.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["program"] == "swdesk" and manifest["staff"] == 60
    assert manifest["schema_version"] == schema.count() and manifest["missing_attachments"] == []
    inside = _inside(info.path, tmp_path)
    assert sqlite3.connect(inside).execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert dump(inside) == dump(demo_file)
    assert not [p for p in info.path.parent.iterdir() if p.name.startswith(".")]


def test_two_backups_in_the_same_second_get_different_names(demo_file: Path) -> None:
    when = dt.datetime(2026, 11, 21, 9, 30)
    first = make_backup(demo_file, when=when)
    second = make_backup(demo_file, when=when)
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_the_first_open_of_each_day_makes_one_backup(demo_file: Path) -> None:
    assert list_backups(backups_dir(demo_file)) == []  # a new file has nothing to protect yet
    for day in (DAY1, DAY1, DAY1 + dt.timedelta(days=1)):
        open_ws(demo_file, day).close()
    dailies = [b for b in list_backups(backups_dir(demo_file)) if b.kind == DAILY]
    assert sorted(b.made.date() for b in dailies) == [DAY1, DAY1 + dt.timedelta(days=1)]


def test_read_only_opens_make_no_backup(demo_file: Path) -> None:
    open_ws(demo_file, DAY1 + dt.timedelta(days=3), read_only=True).close()
    assert list_backups(backups_dir(demo_file)) == []


def test_opening_a_version_1_file_backs_it_up_before_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "v1.db", path)
    before = dump(path)
    open_ws(path).close()
    kinds = {b.kind: b for b in list_backups(backups_dir(path))}
    assert set(kinds) == {DAILY, BEFORE_MIGRATION}
    inside = _inside(kinds[BEFORE_MIGRATION].path, tmp_path)
    assert sqlite3.connect(inside).execute("PRAGMA user_version").fetchone()[0] == 1
    assert dump(inside) == before


def test_a_backup_that_fails_leaves_no_half_file(demo_file: Path, monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup.zipfile.ZipFile, "writestr", broken)
    try:
        make_backup(demo_file)
    except OSError:
        pass
    else:
        raise AssertionError("the failure was swallowed")
    assert list(backups_dir(demo_file).iterdir()) == []


def _stamps(draw_days: list[int], hours: list[int]) -> list[dt.datetime]:
    start = dt.datetime(2024, 1, 1, 8)
    return [start + dt.timedelta(days=d, hours=h) for d, h in zip(draw_days, hours, strict=False)]


@settings(max_examples=200, deadline=None)
@given(
    days=st.lists(st.integers(0, 900), min_size=1, max_size=80),
    hours=st.lists(st.integers(0, 12), min_size=80, max_size=80),
    daily=st.integers(1, 20),
    monthly=st.integers(0, 15),
)
def test_rotation_keeps_recent_days_and_one_per_recent_month(
    days: list[int], hours: list[int], daily: int, monthly: int
) -> None:
    stamps = _stamps(days, hours)
    kept = keep(stamps, daily, monthly)
    assert kept <= set(stamps)
    assert max(stamps) in kept
    assert len(kept) <= daily + monthly
    recent_days = sorted({s.date() for s in stamps}, reverse=True)[:daily]
    for day in recent_days:
        assert max(s for s in stamps if s.date() == day) in kept
    recent_months = sorted({(s.year, s.month) for s in stamps}, reverse=True)[:monthly]
    for month in recent_months:
        assert max(s for s in stamps if (s.year, s.month) == month) in kept
    assert keep(sorted(kept), daily, monthly) == kept  # rotating again deletes nothing more


def test_rotation_deletes_only_old_daily_backups(tmp_path: Path) -> None:
    folder = tmp_path / "agency.backups"
    folder.mkdir()
    start = dt.datetime(2025, 1, 1, 9)
    for d in range(500):
        (folder / f"agency-{start + dt.timedelta(days=d):%Y%m%d-%H%M%S}-daily.zip").touch()
    manual = folder / "agency-20240101-090000-manual.zip"
    upgrade = folder / "agency-20240101-090000-before-migration.zip"
    other_db = folder / "other-20240101-090000-daily.zip"
    for p in (manual, upgrade, other_db):
        p.touch()
    rotate(folder, "agency")
    dailies = [b for b in list_backups(folder, "agency") if b.kind == DAILY]
    assert len(dailies) == 14 + 12 - 1  # this month's newest is also today's
    newest = start + dt.timedelta(days=499)
    assert dailies[0].made == newest
    assert {b.made.date() for b in dailies[:14]} == {
        (newest - dt.timedelta(days=i)).date() for i in range(14)
    }
    assert manual.exists() and upgrade.exists() and other_db.exists()


def test_a_failed_daily_backup_does_not_stop_the_work_but_is_reported(
    demo_file: Path, monkeypatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "make_backup", full)
    ws = open_ws(demo_file, DAY1 + dt.timedelta(days=1))
    assert "No space left on device" in ws.db.backup_problem
    assert ws.db["staff"].count == 60
    ws.close()


def test_a_failed_backup_before_a_migration_stops_the_upgrade(tmp_path: Path, monkeypatch) -> None:
    import pytest

    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "v1.db", path)
    before = path.read_bytes()

    def full(db_path: Path, kind: str = "manual", **kwargs: object) -> None:
        if kind == BEFORE_MIGRATION:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "make_backup", full)
    from swdesk.storage.errors import DatabaseError

    with pytest.raises(DatabaseError, match="backup before the upgrade could not be made"):
        open_ws(path)
    assert path.read_bytes() == before
