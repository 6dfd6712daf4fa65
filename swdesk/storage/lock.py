"""One writer per data file: a lock file beside it says who has it open and since when.

The lock file (``agency.db.lock``) holds the holder's user, computer, process id and start time as
JSON, and the holder keeps an operating-system lock on it (``flock`` / ``msvcrt.locking``) for as
long as the file is open. The operating system drops that lock when the process dies, however it
dies, so a lock file that nobody holds is stale by definition: it is cleared and taken over.
Where the file system offers no such locks, a lock file whose process is gone from this computer
is stale; one from another computer is left alone and named in the message.

Within one process the lock is shared and counted: the same program opening the file twice is
not a second copy of the program.
"""

from __future__ import annotations

import atexit
import datetime as dt
import errno
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from swdesk.storage.errors import DatabaseInUse, LockHolder, NetworkLocation

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks bytes, and a locked byte cannot be read by others: lock one far past the text.
_WIN_LOCK_OFFSET = 1 << 20


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def this_host() -> str:
    return socket.gethostname() or "localhost"


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass
class WriterLock:
    db_path: Path
    file: Path
    fd: int
    holder: LockHolder
    cleared: LockHolder | None  # a stale holder found and cleared when this lock was taken
    count: int = 1

    def release(self) -> None:
        """Give the lock back (the last release of this process removes the lock file)."""
        with _GUARD:
            if self.fd < 0:
                return  # released already (close() and then exit, say): never close twice
            self.count -= 1
            if self.count > 0:
                return
            _HELD.pop(_key(self.file), None)
            try:
                os.ftruncate(self.fd, 0)
                if _same_file(self.fd, self.file):
                    self.file.unlink()
            except OSError:
                pass  # Windows cannot delete an open file: an empty lock file means "free".
            _os_unlock(self.fd)
            os.close(self.fd)
            self.fd = -1


_HELD: dict[str, WriterLock] = {}
# The GUI's worker thread and its main thread may open the same file at once: one at a time here,
# or the second would find the first's fresh OS lock and report this very process as the holder.
_GUARD = threading.RLock()


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def held_here(db_path: Path) -> bool:
    """Whether this process holds the writer lock of ``db_path``."""
    return _key(lock_path(db_path)) in _HELD


def acquire(db_path: Path, user: str | None = None) -> WriterLock:
    """Take the writer lock of ``db_path`` or raise DatabaseInUse naming who has it.

    A file on a network share is refused (NetworkLocation): the lock and SQLite's log only hold
    on this computer's own disk."""
    from swdesk.storage.location import network_location

    where = network_location(Path(os.path.realpath(db_path)))
    if where is not None:
        raise NetworkLocation(db_path, where)
    with _GUARD:
        return _acquire(db_path, user)


def _acquire(db_path: Path, user: str | None) -> WriterLock:
    file = lock_path(db_path)
    held = _HELD.get(_key(file))
    if held is not None:
        held.count += 1
        return held
    me = LockHolder(
        user=user or os_user(),
        host=this_host(),
        pid=os.getpid(),
        since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    for _attempt in range(5):
        fd = os.open(file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            got = _os_lock(fd)
            previous = _read(fd)
            if got is False:
                raise DatabaseInUse(db_path, previous, file, _is_local(previous))
            if not _same_file(fd, file):
                # The holder released and deleted the file between our open and our lock.
                _os_unlock(fd)
                os.close(fd)
                continue
            if previous is not None and got is None and not _stale(previous):
                # No OS locks here: only a holder on this computer whose process is gone is stale.
                raise DatabaseInUse(db_path, previous, file, _is_local(previous))
            _write(fd, me)
        except BaseException:
            os.close(fd)  # also drops the operating-system lock, if we had it
            raise
        lock = WriterLock(db_path, file, fd, me, previous)
        _HELD[_key(file)] = lock
        return lock
    raise DatabaseInUse(db_path, None, file, True)


def current_holder(db_path: Path) -> LockHolder | None:
    """Who holds the lock now, or None when nobody does (a stale lock file counts as free)."""
    file = lock_path(db_path)
    if not file.exists():
        return None
    try:
        fd = os.open(file, os.O_RDWR)
    except OSError:
        return None
    try:
        holder = _read(fd)
        if holder is None:
            return None
        got = _os_lock(fd)
        if got is True:
            _os_unlock(fd)
            return None
        if got is None and _stale(holder):
            return None
        return holder
    finally:
        os.close(fd)


def _read(fd: int) -> LockHolder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except (ValueError, KeyError, TypeError):
        return None  # empty or half-written: whoever wrote it did not finish taking the lock


def _write(fd: int, holder: LockHolder) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(asdict(holder), ensure_ascii=False).encode("utf-8"))
    os.fsync(fd)


def _same_file(fd: int, file: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(file)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _is_local(holder: LockHolder | None) -> bool:
    return holder is None or holder.host == this_host()


def _stale(holder: LockHolder) -> bool:
    """Without operating-system locks: a holder on this computer whose process is gone."""
    return holder.host == this_host() and not pid_alive(holder.pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _os_lock(fd: int) -> bool | None:
    """True: locked; False: someone else holds it; None: this file system has no such locks."""
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            return False if exc.errno in (errno.EACCES, errno.EDEADLK) else None
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _os_unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


@atexit.register
def _release_all() -> None:
    # Commands that never close their workspace still leave no lock file behind.
    for lock in list(_HELD.values()):
        lock.count = 1
        lock.release()
