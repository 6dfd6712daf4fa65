"""Crash safety of the data-safety commands: a real `swdesk backup`, `restore` and `demo` killed at
random moments, at least 20 times each. After every kill the data file is whole, `check` names any
work folder left with a copy of the data, and the next open removes it; a restore leaves either the
old data with exactly the old scans or the new data with all of its scans; a demo leaves an empty
file that `demo` fills, or the whole demo."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_kit import dump, make_demo, open_ws

from swdesk.services.backup import check_data
from swdesk.storage import attachments
from swdesk.storage.restore import check_backup

KILLS = 20
SEED = 20261122
SCANS = 6  # of 400 KB each, so that copying them takes a moment to kill


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "swdesk", "--lang", "en", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _work_folders(*places: Path) -> list[Path]:
    return [p for place in places if place.is_dir() for p in place.glob(".swdesk-*")]


def _whole(path: Path) -> None:
    ws = open_ws(path)  # the next open: recovers the log, clears the lock, removes leftovers
    try:
        assert ws.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        ws.close()


def _kill_at_random(
    start: Callable[[], subprocess.Popen],
    rng: random.Random,
    times: tuple[float, float],
    busy: Callable[[], bool],
    n: int,
) -> tuple[bool, bool]:
    """Start the command and kill it: at any moment of its run (even turns) or while ``busy()``
    says it is in the middle of its work (odd turns). ``times``: how long a whole run and its
    busy part take. Returns (killed, killed while busy)."""
    full_time, busy_time = times
    proc = start()
    t0 = time.monotonic()
    if n % 2 == 0:
        time.sleep(rng.uniform(0, full_time * 1.05))
    else:
        while proc.poll() is None and not busy() and time.monotonic() - t0 < full_time * 3:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, busy_time))
    was_busy = busy()
    killed = proc.poll() is None
    if killed:
        proc.kill()
    proc.wait()
    proc.stderr.close()  # type: ignore[union-attr]
    return killed, killed and was_busy


def _more(killed: int, busy_kills: int) -> bool:
    """KILLS kills, and more (up to three times as many) until a quarter of them struck while
    busy: on a loaded machine the killer is scheduled late and many kills land after the work."""
    return killed < KILLS or (busy_kills < KILLS // 4 and killed < 3 * KILLS)


def _timed(start: Callable[[], subprocess.Popen], busy: Callable[[], bool]) -> tuple[float, float]:
    """How long one run takes to the end, and how long of it ``busy()`` holds."""
    t0 = time.monotonic()
    proc = start()
    first = last = None
    while proc.poll() is None:
        if busy():
            first = first or time.monotonic()
            last = time.monotonic()
        time.sleep(0.001)
    assert proc.returncode == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    end = time.monotonic()
    return end - t0, (last - first if first and last else 0.0) or (end - t0) / 4


def _with_scans(path: Path, tmp_path: Path) -> Path:
    make_demo(path)
    ws = open_ws(path)
    rng = random.Random(SEED)
    with ws.db.atomic():
        for n in range(SCANS):
            scan = tmp_path / f"scan{n}.pdf"
            scan.write_bytes(b"%PDF-1.4 " + rng.randbytes(400 << 10))
            attachments.attach(ws.db, ws.path, scan, owner_table="credentials", owner_id=n + 1,
                               user="t")  # fmt: skip
    ws.close()
    return path


@pytest.mark.slow
def test_killing_a_backup_leaves_no_half_backup_and_no_copy_lying_about(tmp_path: Path) -> None:
    db = _with_scans(tmp_path / "office" / "agency.db", tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    before = dump(db)
    backups = db.with_name("agency.backups")
    busy = lambda: bool(_work_folders(db.parent, usb))  # noqa: E731
    times = _timed(lambda: _start("--db", str(db), "backup", "-o", str(usb)), busy)
    for old in usb.iterdir():
        old.unlink()
    rng = random.Random(SEED)
    killed = busy_kills = reported = 0
    n = 0
    while killed < KILLS:
        target = ["-o", str(usb)] if n % 4 < 2 else []
        k, b = _kill_at_random(
            lambda t=target: _start("--db", str(db), "backup", *t), rng, times, busy, n
        )
        killed, busy_kills, n = killed + k, busy_kills + b, n + 1
        left = _work_folders(db.parent, backups)
        assert sorted(check_data(db).leftovers) == sorted(left)
        reported += bool(left)
        _whole(db)
        assert _work_folders(db.parent, backups) == []
        assert [p for p in usb.iterdir() if p.name.startswith(".")] == []
        for zip_path in [*usb.glob("*.zip"), *backups.glob("*.zip")]:
            check_backup(zip_path)  # never a half backup: each one passes every check
        assert dump(db, skip=("audit_log",)) == {
            k: v for k, v in before.items() if k != "audit_log"
        }
    print(f"\n{killed} backup kills, {busy_kills} while copying, {reported} left a work folder")
    assert busy_kills >= KILLS // 4 and reported >= 1


@pytest.mark.slow
def test_killing_a_restore_leaves_old_data_and_scans_or_new_data_and_scans(
    tmp_path: Path,
) -> None:
    source = _with_scans(tmp_path / "old-pc" / "agency.db", tmp_path)
    from swdesk.storage.backup import make_backup

    backup = make_backup(source).path
    new_data = {k: v for k, v in dump(source).items() if k != "audit_log"}
    pristine = make_demo(tmp_path / "pristine" / "agency.db")  # another agency, no scans
    old_data = {k: v for k, v in dump(pristine).items() if k != "audit_log"}
    office = tmp_path / "office"

    def reset() -> Path:
        shutil.rmtree(office, ignore_errors=True)
        office.mkdir()
        shutil.copyfile(pristine, office / "agency.db")
        return office / "agency.db"

    db = reset()
    busy = lambda: bool(_work_folders(office))  # noqa: E731
    times = _timed(lambda: _start("--db", str(db), "restore", str(backup)), busy)
    rng = random.Random(SEED)
    outcomes = {"old": 0, "new": 0}
    killed = busy_kills = n = 0
    while _more(killed, busy_kills):
        reset()
        k, b = _kill_at_random(
            lambda: _start("--db", str(db), "restore", str(backup)), rng, times, busy, n
        )
        killed, busy_kills, n = killed + k, busy_kills + b, n + 1
        left = _work_folders(office)
        assert sorted(check_data(db).leftovers) == sorted(left)
        _whole(db)
        assert _work_folders(office) == []
        now = {k: v for k, v in dump(db).items() if k != "audit_log"}
        store = attachments.files_in(attachments.store_dir(db))
        if now == old_data:
            outcomes["old"] += 1
            assert store == []  # the scans it had put in are gone again
        else:
            assert now == new_data
            outcomes["new"] += 1
            ws = open_ws(db)
            assert len(store) == SCANS and attachments.verify(ws.db, ws.path) == []
            ws.close()
    print(f"\n{killed} restore kills, {busy_kills} mid-restore; outcomes {outcomes}")
    assert busy_kills >= KILLS // 4 and outcomes["old"] >= 3


@pytest.mark.slow
def test_killing_demo_leaves_an_empty_file_or_the_whole_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"

    def reset() -> None:
        shutil.rmtree(tmp_path / "demo.backups", ignore_errors=True)
        for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)

    times = _timed(lambda: _start("--db", str(db), "demo"), db.exists)
    rng = random.Random(SEED)
    outcomes = {"empty": 0, "whole": 0, "no file": 0}
    killed = n = 0
    while killed < KILLS:
        reset()
        k, _busy = _kill_at_random(
            lambda: _start("--db", str(db), "demo"), rng, times, db.exists, n
        )
        killed, n = killed + k, n + 1
        if not db.exists():
            outcomes["no file"] += 1
            continue
        _whole(db)
        ws = open_ws(db)
        staff, agency = ws.db["staff"].count, ws.agency_row()
        ws.close()
        if agency is None:
            assert staff == 0
            outcomes["empty"] += 1
            proc = _start("--db", str(db), "demo")  # and demo fills it
            assert proc.wait() == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
            proc.stderr.close()  # type: ignore[union-attr]
            ws = open_ws(db)
            assert ws.db["staff"].count == 60
            ws.close()
        else:
            assert staff == 60
            outcomes["whole"] += 1
    print(f"\n{killed} demo kills; outcomes {outcomes}")
    assert outcomes["empty"] >= 3
