"""A damaged data file is recognised on open, never written to, and the last good state offered."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from safety_kit import DAY1, damage_middle_page, dump, make_demo, open_ws

from swdesk.storage.backup import backups_dir, list_backups, make_backup
from swdesk.storage.database import open_database
from swdesk.storage.errors import DamagedDatabase
from swdesk.storage.restore import restore_backup

DAY2, DAY3 = DAY1 + dt.timedelta(days=1), DAY1 + dt.timedelta(days=2)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged_demo(tmp_path: Path, staff_adder) -> tuple[Path, dict, Path]:
    """A demo file used over three days (each first open backs it up), then damaged in the middle.
    Returns the path, its last good content and the newest backup."""
    path = make_demo(tmp_path / "agency.db")
    ws = open_ws(path, DAY2)
    staff_adder(ws, "第二天录入", 904)
    ws.close()
    open_ws(path, DAY3).close()  # the backup of day 3 holds everything entered before
    last_good = dump(path, skip=("audit_log", "undo_steps"))
    newest = list_backups(backups_dir(path))[0]
    assert newest.made.date() == DAY3
    damage_middle_page(path)
    return path, last_good, newest.path


def test_damage_is_detected_on_open_with_the_latest_good_backup_named(damaged_demo) -> None:
    path, _good, newest = damaged_demo
    before = _digest(path)
    with pytest.raises(DamagedDatabase) as exc:
        open_ws(path, DAY3 + dt.timedelta(days=1))
    message = str(exc.value)
    assert "is damaged" in message and "Nothing has been written to it" in message
    assert str(newest) in message and f"swdesk --db {path} restore {newest}" in message
    assert exc.value.backup == newest
    assert _digest(path) == before  # not one byte written
    assert len(list_backups(backups_dir(path))) == 2  # days 2 and 3; none of the damage
    with pytest.raises(DamagedDatabase):
        open_ws(path, read_only=True)


def test_the_offered_restore_brings_back_the_last_good_state(damaged_demo) -> None:
    path, last_good, _newest = damaged_demo
    with pytest.raises(DamagedDatabase) as exc:
        open_database(path)
    result = restore_backup(path, exc.value.backup)
    # The audit log notes the restore, and a restore starts a new undo history.
    assert dump(path, skip=("audit_log", "undo_steps")) == last_good
    assert result.set_aside is not None and result.set_aside.exists()
    ws = open_ws(path, DAY3)
    assert "第二天录入" in [r["name"] for r in ws.db["staff"].rows]
    ws.close()


def test_a_damaged_newest_backup_is_passed_over_for_an_older_good_one(damaged_demo) -> None:
    path, _good, newest = damaged_demo
    newest.write_bytes(newest.read_bytes()[:3000])
    with pytest.raises(DamagedDatabase) as exc:
        open_database(path)
    assert exc.value.backup is not None and exc.value.backup != newest
    assert exc.value.backup.name.startswith("agency-20261122")


def test_the_command_line_says_so_and_exits_1(damaged_demo) -> None:
    path, _good, newest = damaged_demo
    for lang, words in (("en", "is damaged"), ("zh_CN", "已损坏")):
        result = subprocess.run(
            [sys.executable, "-m", "swdesk", "--lang", lang, "--db", str(path), "staff", "list"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert words in result.stderr and str(newest) in result.stderr
        assert "Traceback" not in result.stderr


def test_without_backups_the_message_says_to_keep_a_copy(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "agency.db"
    copy.parent.mkdir()
    shutil.copyfile(demo_file, copy)
    damage_middle_page(copy)
    with pytest.raises(DamagedDatabase, match="No good backup was found"):
        open_database(copy)


def test_a_manual_backup_of_a_damaged_file_is_refused(damaged_demo) -> None:
    from swdesk.services.backup import backup_now

    path, _good, _newest = damaged_demo
    with pytest.raises(DamagedDatabase):
        backup_now(path)


@pytest.mark.parametrize("kind", ["header", "truncated"])
def test_other_kinds_of_damage(demo_file: Path, kind: str) -> None:
    make_backup(demo_file)
    data = demo_file.read_bytes()
    if kind == "header":
        demo_file.write_bytes(b"\0" * 100 + data[100:])
    else:
        demo_file.write_bytes(data[: len(data) // 3])
    with pytest.raises(DamagedDatabase) as exc:
        open_database(demo_file)
    assert exc.value.backup is not None


def test_any_page_overwritten_whole_is_detected(demo_file: Path, tmp_path: Path) -> None:
    """Every page of the demo file in turn, overwritten as a failed sector write would."""
    data = demo_file.read_bytes()
    pages = len(data) // 4096
    rng = random.Random(11)
    copy = tmp_path / "copy" / "agency.db"
    copy.parent.mkdir()
    missed = []
    for page in range(pages):
        junk = bytes(rng.randrange(256) for _ in range(4096))
        copy.write_bytes(data[: page * 4096] + junk + data[(page + 1) * 4096 :])
        try:
            open_database(copy, read_only=True).close()
        except DamagedDatabase:
            continue
        missed.append(page)
    assert missed == []
