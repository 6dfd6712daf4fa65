"""Opening the database file: one writer at a time, refuse damaged and newer files and files
whose schema is not the one this program makes, back up and migrate older ones, then switch on
foreign keys and WAL and check both.

The order matters. The path is resolved first, so a link to the file is the same file (one lock,
one attachment store, one backups folder). The writer lock comes next, so a second copy of the
program writes nothing, not even the journal-mode switch. The quick integrity check and the schema
check come before anything that could write, and run through a read-only connection. The automatic
backups come before migrations.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import weakref
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from swdesk import __version__
from swdesk.i18n import _
from swdesk.storage import backup, schema_check, scratch, settings
from swdesk.storage import migrations as schema
from swdesk.storage.errors import (
    DamagedDatabase,
    DatabaseError,
    NeedsUpgrade,
    NewerVersionError,
    ReadOnlyDataFile,
    SchemaMismatch,
)
from swdesk.storage.integrity import (
    connect_read_only,
    file_look,
    file_signature,
    note_whole,
    passed_ahead,
    passed_today,
    quick_check,
    write_protected,
)
from swdesk.storage.lock import WriterLock, acquire

__all__ = [
    "DamagedDatabase",
    "DatabaseError",
    "NewerVersionError",
    "SwdeskDatabase",
    "check_not_newer",
    "open_database",
    "real_path",
    "schema_version",
]


class SwdeskDatabase(Database):
    """A sqlite-utils Database that gives back the writer lock when it is closed (or collected).

    Without sqlite-utils' plugins: any package installed beside the program could register one,
    and it would run on every connection to the office's data (and its first look-up of them
    reads every installed package's metadata, 25 ms of each start)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("execute_plugins", False)
        super().__init__(*args, **kwargs)

    _release: weakref.finalize | None = None
    # Why today's automatic backup could not be made (disk full, folder not writable), for the
    # program to show; opening goes on, since refusing would stop the office's work.
    backup_problem: str | None = None

    # The file and its look when its open (and check) ended: if closing leaves it so, it is not
    # checked again today (storage.integrity.note_whole).
    _found_whole: tuple[Path, list[int] | None] | None = None

    def hold(self, lock: WriterLock) -> None:
        self._release = weakref.finalize(self, lock.release)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._release is not None:
                self._release()
        if self._found_whole is not None:
            path, look = self._found_whole
            self._found_whole = None
            if look is not None:
                note_whole(path, look)


def real_path(path: Path | str) -> Path:
    """The file's own path, every link resolved: a link to a data file must not be a second file
    with a lock, attachments and backups of its own."""
    return Path(os.path.realpath(Path(path)))


def data_stamp(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """What changes whenever the data read through ``conn`` may have: SQLite's data version
    (another connection, in this process or another, committed) and the rows this connection
    has changed. None inside a transaction, where what is read may yet be rolled back."""
    if conn.in_transaction:
        return None
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def tables_stamp(conn: sqlite3.Connection, tables: tuple[str, ...]) -> tuple[int, ...] | None:
    """What changes whenever a row of one of ``tables`` may have (a count of writes to each,
    kept by the file's triggers: migration 0011), whoever wrote it; ``data_stamp`` for a file
    without those counts (one opened read-only before its upgrade) or for a table that has
    none. None inside a transaction."""
    if conn.in_transaction:
        return None
    marks = ",".join("?" * len(tables))
    try:
        found = dict(
            conn.execute(
                f"SELECT name, version FROM table_versions WHERE name IN ({marks})",  # noqa: S608
                tables,
            ).fetchall()
        )
    except sqlite3.OperationalError:  # no such table
        found = {}
    if len(found) < len(tables):
        return data_stamp(conn)
    return tuple(found[t] for t in tables)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_not_newer(path: Path, conn: sqlite3.Connection) -> list[str]:
    """The migrations applied to the file; refuses a file written by a newer swdesk."""
    applied = schema_check.applied_migrations(conn)
    unknown = [name for name in applied if name not in schema.known_names()]
    if unknown or schema_version(conn) > schema.count():
        raise NewerVersionError(
            _(
                "The data file {path} was written by a newer version of swdesk (schema {found}, "
                "this program knows {known}). Install the newer version to open it; "
                "nothing was changed."
            ).format(path=str(path), found=schema_version(conn), known=schema.count())
        )
    return applied


def verify_schema(path: Path, conn: sqlite3.Connection) -> None:
    """Raise SchemaMismatch when the file's schema is not the one its version should have."""
    try:
        found = schema_check.differences(conn)
    except sqlite3.DatabaseError as exc:  # e.g. a schema SQLite itself cannot parse
        found = [str(exc)]
    if found:
        raise SchemaMismatch(path, found)


# The files that passed the quick check and the reference check in this process, with what they
# looked like just after: a start opens its file twice or more (the window, the worker, a read
# connection), and a file that has not changed since need not be checked again (0.2 s each on a
# large file). Any change to the file or its log, by anyone, means the checks run again.
_checked: dict[Path, tuple[object, ...]] = {}


def _checked_already(path: Path) -> bool:
    return _checked.get(path) == file_signature(path)


def refuse_damaged(path: Path) -> None:
    """Raise DamagedDatabase, naming the latest good backup, if ``path`` fails the quick check
    (not made again for a file this process, or an earlier one today, found whole and left as
    it is)."""
    if _checked_already(path) or passed_today(path) or passed_ahead(path):
        return
    detail = quick_check(path)
    if detail is None:
        return
    from swdesk.storage.backup_check import latest_good_backup  # it opens files through here

    good = latest_good_backup(path)
    raise DamagedDatabase(path, detail, good.path if good else None, good.made_text if good else "")


def open_database(
    path: Path | str,
    *,
    read_only: bool = False,
    migrate: bool = True,
    user: str | None = None,
    today: dt.date | None = None,
    auto_backup: bool = True,
    lock: bool = True,
    daily: bool = True,
) -> Database:
    """Open (creating if needed) the swdesk data file at ``path`` and bring it up to date.

    Writable opens take the writer lock (released by ``close()``), make the day's first backup and
    a backup before any migration. ``lock`` and ``auto_backup`` are off only for staged copies.
    ``daily=False`` leaves the day's backup and the check of every reference to the caller
    (the window runs both in the background once it is shown, `daily_checks` below); the
    quick check and the backup before a migration are made all the same.
    """
    path = real_path(path)
    if read_only:
        return _open_read_only(path)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = acquire(path, user) if lock else None
    except OSError as exc:
        if write_protected(path) or not path.parent.is_dir():
            raise ReadOnlyDataFile(path, exc.strerror or str(exc)) from None
        raise DatabaseError(
            _(
                "Cannot write beside the data file {path} ({error}); open it read-only, or copy "
                "it to a folder you may write to."
            ).format(path=str(path), error=exc.strerror or exc)
        ) from None
    try:
        if writer is not None:
            scratch.clean_leftovers(path)
        db = _open_writable(path, migrate, today or dt.date.today(), auto_backup, daily)
    except BaseException:
        if writer is not None:
            writer.release()
        raise
    if writer is not None:
        db.hold(writer)
    _checked[path] = file_signature(path)
    if lock:  # the program's own open, not a staged copy's
        db._found_whole = (path, file_look(path))
    return db


def _open_read_only(path: Path) -> SwdeskDatabase:
    if not path.exists():
        raise DatabaseError(_("The data file {path} does not exist.").format(path=str(path)))
    refuse_damaged(path)
    conn = connect_read_only(path)
    try:
        check_not_newer(path, conn)
        verify_schema(path, conn)
        version = schema_check.version_of(conn)
        if version == 0:
            raise DatabaseError(
                _("The data file {path} holds no swdesk data yet.").format(path=str(path))
            )
        if version < schema.count():
            raise NeedsUpgrade(path, version, schema.count())
        db = SwdeskDatabase(conn)
        db.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    _checked[path] = file_signature(path)
    return db


def open_reader(path: Path | str) -> SwdeskDatabase:
    """A second, read-only connection to a data file the program has open already: the writer's
    open checked, upgraded and locked it, so none of that is done again. The window's reads run
    on it, beside the writer, and see what the writer committed."""
    return SwdeskDatabase(connect_read_only(real_path(path)))


def _open_writable(
    path: Path, migrate: bool, today: dt.date, auto_backup: bool, daily: bool = True
) -> SwdeskDatabase:
    existed = path.exists() and path.stat().st_size > 0
    if write_protected(path):
        raise ReadOnlyDataFile(path)
    if existed:
        refuse_damaged(path)
        # Read through a read-only connection: a file that is refused is never written to.
        probe = connect_read_only(path)
        try:
            check_not_newer(path, probe)
            verify_schema(path, probe)
        finally:
            probe.close()
    try:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("{path} is not a swdesk data file or is damaged: {error}").format(
                path=str(path), error=exc
            )
        ) from None
    try:
        applied = check_not_newer(path, conn)
        db = SwdeskDatabase(conn)
        pending = [n for n in schema.known_names() if n not in applied]
        if existed and applied and auto_backup:
            if daily:
                try:
                    backup.daily_backup(path, today)
                except (OSError, sqlite3.Error) as exc:
                    db.backup_problem = daily_backup_problem(path, exc)
            if pending and migrate:
                try:
                    backup.make_backup(path, backup.BEFORE_MIGRATION)
                except (OSError, sqlite3.Error) as exc:
                    raise DatabaseError(
                        _(
                            "{path} must be upgraded for this version, but the backup before the "
                            "upgrade could not be made ({error}); nothing was changed."
                        ).format(path=str(path), error=exc)
                    ) from None
        if pending and migrate:
            # Foreign keys stay off while migrating: transform() inside a transaction with
            # cascades fails otherwise.
            db.execute("PRAGMA foreign_keys = OFF")
            # All pending steps in one transaction, the migrations table and user_version too:
            # sqlite-utils creates its table and its index as two statements and commits each
            # step apart, so a kill in between left a new file that no open would accept.
            with db.atomic():
                schema.migrations.apply(db)
                db.execute(f"PRAGMA user_version = {schema.count()}")
        if not pending or migrate:
            _record_writer(db)
        _configure(path, db, check_references=daily and not (existed and _checked_already(path)))
    except sqlite3.OperationalError as exc:
        conn.close()
        # Disk full while upgrading, a file that turned read-only: each step rolled back.
        raise DatabaseError(
            _("The data file {path} could not be opened for writing: {error}").format(
                path=str(path), error=exc
            )
        ) from None
    except BaseException:
        conn.close()
        raise
    return db


def broken_references(path: Path) -> str | None:
    """What is wrong if rows of the file at ``path`` point at rows that are not there (SQLite's
    foreign-key check over every table: a second or so on a large file), read through a
    connection of its own; None when all is well."""
    conn = connect_read_only(path)
    try:
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    if not problems:
        return None
    return _("The data file {path} has {n} broken references.").format(
        path=str(path), n=len(problems)
    )


def daily_backup_problem(path: Path, exc: BaseException) -> str:
    """What the user is told when the day's automatic backup could not be made."""
    return _("Today's automatic backup of {path} could not be made: {error}").format(
        path=str(path), error=exc
    )


# The settings key naming the program that last opened the file for writing ("swdesk 1.0.0"), so
# that a support call or a restore can tell which version touched the data.
WRITTEN_BY = "written_by"


def _record_writer(db: Database) -> None:
    me = f"swdesk {__version__}"
    if settings.get(db, WRITTEN_BY) != me:
        with db.conn:
            settings.put(db, WRITTEN_BY, me)


def _configure(path: Path, db: Database, check_references: bool = True) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        raise DatabaseError(_("This SQLite cannot enforce foreign keys."))
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise DatabaseError(
            _("Could not switch {path} to write-ahead logging (got {mode}).").format(
                path=str(path), mode=mode
            )
        )
    db.execute("PRAGMA synchronous = FULL")
    problems = db.execute("PRAGMA foreign_key_check").fetchall() if check_references else []
    if problems:
        raise DatabaseError(
            _("The data file {path} has {n} broken references.").format(
                path=str(path), n=len(problems)
            )
        )
