"""Reading every row of a table the same way each time, whatever kind of table it is; undoing
the latest migration to make a file of the version before."""

from __future__ import annotations

import sqlite3


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    """The rows of ``table`` in the order they were written, or in the order of its key for a
    table WITHOUT ROWID (the training hours kept by year)."""
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    except sqlite3.OperationalError:
        return conn.execute(f'SELECT * FROM "{table}"').fetchall()


def undo_table_versions(conn: sqlite3.Connection) -> None:
    """Migration 0011 undone inside the caller's transaction: a file as version 10 left it
    (the caller sets ``user_version``)."""
    from swdesk.storage.trigger_tables import VERSIONED_0011

    for table in VERSIONED_0011:
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER {table}_version_{event}")
    conn.execute("DROP TABLE table_versions")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_table_versions'")
