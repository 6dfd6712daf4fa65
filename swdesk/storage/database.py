"""Opening the database file: refuse newer files, back up and migrate older ones, then switch on
foreign keys and WAL and check both."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _
from swdesk.storage import migrations as schema


class DatabaseError(SwdeskError):
    pass


class NewerVersionError(DatabaseError):
    pass


def _applied(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
        [schema.MIGRATION_SET],
    ).fetchall()
    return [r[0] for r in rows]


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _check_not_newer(path: Path, conn: sqlite3.Connection) -> list[str]:
    applied = _applied(conn)
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


def backup_before_migration(path: Path, conn: sqlite3.Connection, version: int) -> Path:
    """A consistent copy taken with SQLite's backup API before an upgrade touches the file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-before-upgrade-{stamp}{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def open_database(path: Path | str, *, read_only: bool = False, migrate: bool = True) -> Database:
    """Open (creating if needed) the swdesk data file at ``path`` and bring it up to date."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise DatabaseError(_("The data file {path} does not exist.").format(path=str(path)))
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        _check_not_newer(path, conn)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    try:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("{path} is not a swdesk data file or is damaged: {error}").format(
                path=str(path), error=exc
            )
        ) from None
    applied = _check_not_newer(path, conn)
    db = Database(conn)
    pending = [n for n in schema.known_names() if n not in applied]
    if pending and migrate:
        if existed and applied:
            backup_before_migration(path, conn, len(applied))
        # Foreign keys stay off while migrating: transform() inside a transaction with
        # cascades fails otherwise.
        db.execute("PRAGMA foreign_keys = OFF")
        schema.migrations.apply(db)
        db.execute(f"PRAGMA user_version = {schema.count()}")
        conn.commit()
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
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise DatabaseError(
            _("The data file {path} has {n} broken references.").format(
                path=str(path), n=len(problems)
            )
        )
    return db
