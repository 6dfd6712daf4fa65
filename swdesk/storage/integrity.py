"""Is the data file whole? SQLite's own checks, run through a read-only connection so that a
damaged file is never written to (a read-write connection would checkpoint into it on close)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote

from swdesk.i18n import _
from swdesk.paths import user_cache_dir
from swdesk.storage.errors import UnreadableDataFile

# Enough of SQLite's report to say what is wrong without flooding the message.
_DETAIL_LINES = 2
_DETAIL_CHARS = 160


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A ``file:`` URI opening ``path`` read-only; safe for names with spaces, ``#``, ``?``, CJK."""
    posix = Path(path).resolve().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # Windows: file:/C:/...
    return "file:" + quote(posix, safe="/:") + ("?immutable=1" if immutable else "?mode=ro")


def write_protected(path: Path) -> bool:
    """Whether the file, or the folder it is in, cannot be written (read-only media, rights)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def _has_log(path: Path) -> bool:
    try:
        return os.stat(str(path) + "-wal").st_size > 0
    except OSError:
        return False


def _has_hot_journal(path: Path) -> bool:
    try:
        return os.stat(str(path) + "-journal").st_size > 0
    except OSError:
        return False


def roll_back_hot_journal(path: Path) -> None:
    """Undo the transaction a killed program left half-written in a rollback journal.

    Before a new file is switched to WAL (its first migrations) SQLite writes through a rollback
    journal; a kill then leaves the journal "hot", and only a connection that may write can roll
    it back, which SQLite does on its first read. A read-only connection fails instead ("attempt
    to write a readonly database"). Rolling back restores the last committed state; SQLite
    leaves a journal alone while the program that writes it is alive.
    """
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection. On write-protected media SQLite cannot make the shared-memory file
    a write-ahead-logged file needs, so such a file is opened as immutable: nothing can change it
    while it is read. A log beside it would then be ignored, so that case stays an error."""
    if _has_hot_journal(path) and not write_protected(path):
        roll_back_hot_journal(path)
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if not write_protected(path) or _has_log(path):
            raise
    return sqlite3.connect(read_only_uri(path, immutable=True), uri=True)


def summary(problems: list[str]) -> str:
    """The first problems SQLite reported, short enough for a message."""
    # SQLite prefixes reports with "*** in database main ***" and spreads them over lines.
    lines = [" ".join(p.replace("*** in database main ***", "").split()) for p in problems]
    text = "; ".join(line for line in lines[:_DETAIL_LINES] if line)
    if len(lines) > _DETAIL_LINES:
        text += " …"
    return text[:_DETAIL_CHARS]


def quick_check(path: Path) -> str | None:
    """None when ``path`` passes ``PRAGMA quick_check``; otherwise a short account of the damage.

    The quick check reads every page and verifies the b-tree structure, but not that indexes
    agree with their tables; it takes milliseconds on an agency-sized file. A file that cannot be
    read at all (a full disk, a drive gone) is not damaged: UnreadableDataFile says so.
    """
    try:
        conn = connect_read_only(path)
    except sqlite3.OperationalError as exc:
        raise UnreadableDataFile(path, str(exc)) from None
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.OperationalError as exc:
        raise UnreadableDataFile(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    problems = [r for r in rows if r != "ok"]
    return summary(problems) if problems else None


def full_check(path: Path) -> list[str]:
    """Every problem ``PRAGMA integrity_check`` and ``foreign_key_check`` find; [] when whole."""
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [r for r in rows if r != "ok"]
        if problems:
            return problems
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        return [
            _("{table} row {row} refers to a missing {parent} row").format(
                table=table, row=rowid, parent=parent
            )
            for table, rowid, parent, _fk in broken
        ]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def file_signature(path: Path) -> tuple[object, ...]:
    """What the file and its log look like (device, inode, size, time changed): any change to
    either, by anyone, changes it."""
    out: list[object] = []
    for name in (str(path), str(path) + "-wal"):
        try:
            st = os.stat(name)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(out)


# The quick checks started ahead of an open (``check_ahead``), and the files they found whole
# with what the files looked like then.
_ahead: dict[Path, threading.Thread] = {}
_whole_when: dict[Path, tuple[object, ...]] = {}


# ---------------------------------------------------------------- found whole today

# A file the quick check found whole, and which the program then left exactly as it found it,
# is not checked again the same day while it stays so: the check reads every page (a fifth of a
# second on a 65 MB file here, seconds from an office PC's disk) and a start waited for it. What
# is kept is the file's own look (device, inode, size, time written) when its open ended, so any
# write by anyone since, the program's own included, makes the next open check it again; a log
# with anything in it does too. Kept in the user's cache: losing it costs one check.
_WHOLE_TODAY = "whole-today.json"
_WHOLE_KEPT = 64  # files remembered; the oldest go first


def _today() -> dt.date:
    return dt.date.today()


def file_look(path: Path) -> list[int] | None:
    """The data file's own (device, inode, size, time written); None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _whole_record() -> Path:
    return user_cache_dir() / _WHOLE_TODAY


def _read_whole() -> dict[str, list[int]]:
    try:
        data = json.loads(_whole_record().read_text(encoding="utf-8"))
        files = data["files"] if data["day"] == _today().isoformat() else {}
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    return files if isinstance(files, dict) else {}


def note_whole(path: Path, look: list[int]) -> None:
    """Keep that the file at ``path`` passed its check today and still looks as ``look`` says
    (what ``file_look`` said at the end of its open). Nothing is kept if the file has changed
    since, or has anything in its log."""
    if file_look(path) != look or _has_log(path):
        return
    files = _read_whole()
    key = str(path)
    files.pop(key, None)
    files[key] = look
    kept = dict(list(files.items())[-_WHOLE_KEPT:])
    record = _whole_record()
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps({"day": _today().isoformat(), "files": kept}), "utf-8")
        partial.replace(record)
    except OSError:
        pass  # no cache to write to: the file is checked at every open, as before


def passed_today(path: Path | str) -> bool:
    """Whether the file at ``path`` passed its check today and nothing has changed it since."""
    path = Path(os.path.realpath(path))
    look = _read_whole().get(str(path))
    if look is None or file_look(path) != look:
        return False
    # A log or journal with anything in it: something wrote, or was writing, since.
    return not _has_log(path) and not _has_hot_journal(path)


def check_ahead(path: Path | str) -> None:
    """Start the quick check of the file at ``path`` on a thread of its own, for the open that
    follows to take up (``passed_ahead``): the window starts it before it builds itself, and
    SQLite reads the file beside the window's own start (a fifth of a second on a large file).
    It writes nothing and raises nothing: a file that does not pass, or changes meanwhile, or
    has a transaction to roll back, is left to the open's own check, which says what is wrong."""
    try:
        path = Path(os.path.realpath(path))  # as the open resolves it (database.real_path)
        if path in _ahead or not path.is_file() or _has_hot_journal(path) or passed_today(path):
            return
    except (OSError, ValueError):  # a folder it may not look into, a NUL in the name: the
        return  # open says what is wrong

    def check() -> None:
        before = file_signature(path)
        try:
            whole = quick_check(path) is None
        except Exception:  # noqa: BLE001 - the open checks again and reports it
            return
        after = file_signature(path)
        (file_before, log_before), (file_after, log_after) = before, after
        # Reading makes an empty log beside a file that had none: nothing was written.
        new_empty_log = log_before is None and isinstance(log_after, tuple) and log_after[2] == 0
        if whole and file_after == file_before and (log_after == log_before or new_empty_log):
            _whole_when[path] = after

    thread = threading.Thread(target=check, name="swdesk-check-ahead", daemon=True)
    _ahead[path] = thread
    thread.start()


def passed_ahead(path: Path | str) -> bool:
    """Whether a check started by ``check_ahead`` found the file at ``path`` whole and it has
    not changed since (waiting for the check if it still runs)."""
    path = Path(os.path.realpath(path))
    thread = _ahead.pop(path, None)
    if thread is not None:
        thread.join()
    return _whole_when.pop(path, None) == file_signature(path)
