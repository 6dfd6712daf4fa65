"""Work folders: where a backup, a restore or the check of a backup stages its copy of the data.

While the work runs such a folder holds a full, readable copy of the data and the scans, so one
left behind by a killed process is personal data lying about. Each folder is named
``.swdesk-<kind>-…`` and holds an ``owner`` file on which its process keeps an operating-system
lock (dropped by the system however the process ends): a folder whose lock nobody holds was left
behind. The next writable open of the data file removes those beside it and in its backups folder,
and ``check`` reports them.

A restore puts the backup's scans into the attachment store before it renames the database into
place. It first writes the list of scans it adds (``installed``); if it dies before the rename, the
clean-up takes exactly those out again, so data and scans change together or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from swdesk.storage.lock import _os_lock, _os_unlock, pid_alive, this_host

PREFIX = ".swdesk-"
KINDS = ("backup", "restore", "check")
OWNER, INSTALLED, STORE, PARTIAL, STAGED_DB = "owner", "installed", "store", "partial", "data.db"


class WorkDir:
    """A work folder held by this process until ``close()`` removes it."""

    def __init__(self, parent: Path, kind: str) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-", dir=parent))
        self._fd = os.open(self.path / OWNER, os.O_RDWR | os.O_CREAT, 0o600)
        _os_lock(self._fd)
        os.write(self._fd, json.dumps({"pid": os.getpid(), "host": this_host()}).encode())

    def note(self, name: str, lines: list[str]) -> None:
        """Write a journal file durably before the step it announces."""
        target = self.path / name
        with target.open("w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
            fh.flush()
            os.fsync(fh.fileno())

    def close(self) -> None:
        if self._fd >= 0:
            _os_unlock(self._fd)
            os.close(self._fd)
            self._fd = -1
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> WorkDir:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def work_dir(parent: Path, kind: str) -> WorkDir:
    return WorkDir(parent, kind)


def _abandoned(folder: Path) -> bool:
    """Whether the process that made ``folder`` is gone (its lock on ``owner`` is free)."""
    owner = folder / OWNER
    try:
        fd = os.open(owner, os.O_RDWR)
    except FileNotFoundError:
        return True  # killed between making the folder and its owner file
    except OSError:
        return False
    try:
        got = _os_lock(fd)
        if got:
            _os_unlock(fd)
            return True
        if got is False:
            return False
        # No operating-system locks here: a process of this computer that is gone.
        try:
            data = json.loads(os.read(fd, 4096).decode("utf-8"))
            return data["host"] == this_host() and not pid_alive(int(data["pid"]))
        except (ValueError, KeyError, TypeError):
            return True
    finally:
        os.close(fd)


def _places(db_path: Path) -> list[Path]:
    from swdesk.storage.backup import backups_dir

    return [db_path.parent, backups_dir(db_path)]


def leftovers(db_path: Path) -> list[Path]:
    """Work folders left by killed processes beside ``db_path`` and in its backups folder."""
    found = []
    for place in _places(db_path):
        if place.is_dir():
            found += [
                p
                for p in sorted(place.glob(PREFIX + "*"))
                if p.is_dir() and p.name.split("-")[1] in KINDS and _abandoned(p)
            ]
    return found


def _lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    except OSError:
        return []


def undo_restore(folder: Path) -> None:
    """A restore that stopped before its database rename: take the scans it put into the store
    out again (those it only replaced were damaged copies of the same content)."""
    if not (folder / STAGED_DB).exists():
        return  # the rename happened: the scans belong to the restored data
    from swdesk.storage.attachments import is_hash

    store = _lines(folder / STORE)
    for sha in _lines(folder / INSTALLED) if store else []:
        if is_hash(sha):
            (Path(store[0]) / sha[:2] / sha).unlink(missing_ok=True)


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove the leftovers of ``leftovers``; returns what was removed. Call with the writer lock
    held, so that no restore of this file is under way."""
    removed = []
    for folder in leftovers(db_path):
        if folder.name.startswith(PREFIX + "restore-"):
            undo_restore(folder)
        for partial in _lines(folder / PARTIAL):
            # A backup copied to another drive writes there under a temporary name first.
            name = Path(partial).name
            if name.startswith(".") and name.endswith(".partial"):
                Path(partial).unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed
