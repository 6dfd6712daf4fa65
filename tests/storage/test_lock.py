"""One writer per data file: a second copy is told who and since when, writes nothing, may read."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from safety_kit import make_demo, open_ws

from swdesk.storage import lock as lockmod
from swdesk.storage.errors import DatabaseInUse
from swdesk.storage.lock import current_holder, lock_path

HOLDER = """
import sys
from swdesk.services.workspace import Workspace
ws = Workspace.open(sys.argv[1], user="王会计")
print("ready", flush=True)
if sys.argv[2] == "crash":
    import os
    os._exit(3)  # dies without closing anything, as a crashed program does
sys.stdin.readline()
ws.close()
"""


def _fingerprint(path: Path) -> dict[str, str]:
    out = {}
    for suffix in ("", "-wal"):
        f = Path(str(path) + suffix)
        out[suffix] = hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "absent"
    return out


@pytest.fixture
def held(demo_file: Path):
    """Another process that has ``demo_file`` open for writing, until the test ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_file), "hold"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


def test_a_second_process_is_told_who_and_since_when_and_may_read(
    demo_file: Path, held: subprocess.Popen
) -> None:
    holder = current_holder(demo_file)
    assert holder is not None and holder.user == "王会计" and holder.pid == held.pid
    with pytest.raises(DatabaseInUse) as exc:
        open_ws(demo_file)
    message = str(exc.value)
    assert "王会计" in message and lockmod.this_host() in message
    assert holder.since.replace("T", " ")[:16] in message
    assert "read-only" in message
    ws = open_ws(demo_file, read_only=True)
    assert ws.db["staff"].count == 60
    ws.close()


def test_the_second_process_writes_nothing(demo_file: Path, held: subprocess.Popen) -> None:
    before = _fingerprint(demo_file)
    result = subprocess.run(
        [sys.executable, "-m", "swdesk", "--lang", "en", "--db", str(demo_file), "staff", "add"]
        + ["黄丽华", "450602198904170420"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "王会计" in result.stderr and "Only one copy can change it" in result.stderr
    assert _fingerprint(demo_file) == before
    listing = subprocess.run(
        [sys.executable, "-m", "swdesk", "--lang", "en", "--db", str(demo_file)]
        + ["staff", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    assert "450602198904170420" not in listing.stdout
    assert _fingerprint(demo_file) == before


def test_a_lock_left_by_a_crashed_process_is_cleared(demo_file: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HOLDER, str(demo_file), "crash"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3
    left = json.loads(lock_path(demo_file).read_text("utf-8"))
    assert left["user"] == "王会计"
    assert current_holder(demo_file) is None
    ws = open_ws(demo_file)
    assert json.loads(lock_path(demo_file).read_text("utf-8"))["pid"] == os.getpid()
    ws.close()
    assert not lock_path(demo_file).exists()


def test_one_process_may_open_its_file_twice_and_the_last_close_releases(
    demo_file: Path,
) -> None:
    first = open_ws(demo_file)
    second = open_ws(demo_file)
    first.close()
    assert lock_path(demo_file).exists() and current_holder(demo_file) is not None
    second.close()
    assert not lock_path(demo_file).exists()


def test_a_workspace_never_closed_gives_its_lock_back_when_collected(tmp_path: Path) -> None:
    import gc

    path = make_demo(tmp_path / "a.db")
    ws = open_ws(path)
    assert lock_path(path).exists()
    del ws
    gc.collect()
    assert not lock_path(path).exists()


def test_an_empty_or_garbled_lock_file_counts_as_free(demo_file: Path) -> None:
    lock_path(demo_file).write_text("{half", "utf-8")
    ws = open_ws(demo_file)
    ws.close()
    assert not lock_path(demo_file).exists()


@pytest.fixture
def no_os_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without flock (some network shares): only the pid and host decide."""
    monkeypatch.setattr(lockmod, "_os_lock", lambda fd: None)


def _plant(path: Path, **fields: object) -> None:
    holder = {"user": "李主任", "host": lockmod.this_host(), "pid": 1, "since": "2026-11-20T08:30"}
    holder.update(fields)
    lock_path(path).write_text(json.dumps(holder, ensure_ascii=False), "utf-8")


def test_without_os_locks_a_dead_pid_on_this_host_is_stale(
    demo_file: Path, no_os_locks: None
) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _plant(demo_file, pid=dead.pid)
    assert current_holder(demo_file) is None
    ws = open_ws(demo_file)
    # The stale lock is taken over: the file now names this process, not 李主任's dead one.
    taken = json.loads(lock_path(demo_file).read_text("utf-8"))
    assert taken["pid"] == os.getpid() and taken["user"] != "李主任"
    ws.close()
    assert not lock_path(demo_file).exists()


def test_without_os_locks_a_live_pid_on_this_host_holds(demo_file: Path, no_os_locks: None) -> None:
    _plant(demo_file, pid=os.getppid())
    with pytest.raises(DatabaseInUse, match="李主任"):
        open_ws(demo_file)


def test_a_lock_from_another_computer_is_left_alone_and_its_file_named(
    demo_file: Path, no_os_locks: None
) -> None:
    _plant(demo_file, host="财务室电脑", pid=99999)
    with pytest.raises(DatabaseInUse) as exc:
        open_ws(demo_file)
    assert "财务室电脑" in str(exc.value) and str(lock_path(demo_file)) in str(exc.value)
    assert "李主任" in lock_path(demo_file).read_text("utf-8")


def test_a_backup_can_be_made_while_another_process_writes(
    demo_file: Path, held: subprocess.Popen, tmp_path: Path
) -> None:
    from swdesk.services.backup import backup_now
    from swdesk.storage.restore import check_backup

    info = backup_now(demo_file, tmp_path)
    assert check_backup(info.path).staff == 60


def test_threads_of_one_process_share_the_lock(demo_file: Path) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from swdesk.storage.database import open_database

    start = threading.Barrier(6)

    def open_and_close(_n: int) -> int:
        start.wait()
        db = open_database(demo_file)
        count = db["staff"].count
        db.close()
        return count

    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(open_and_close, range(6))) == [60] * 6
    assert not lock_path(demo_file).exists()


def test_releasing_twice_closes_nothing_else(demo_file: Path, tmp_path: Path) -> None:
    lock = lockmod.acquire(demo_file)
    fd = lock.fd
    lock.release()
    other = tmp_path / "other.txt"
    with other.open("w") as fh:  # may well get the same descriptor number
        lock.release()
        lockmod._release_all()
        fh.write("still open")
    assert other.read_text() == "still open" and fd >= 0
