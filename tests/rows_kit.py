"""Reading every row of a table the same way each time, whatever kind of table it is."""

from __future__ import annotations

import sqlite3


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    """The rows of ``table`` in the order they were written, or in the order of its key for a
    table WITHOUT ROWID (the training hours kept by year)."""
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    except sqlite3.OperationalError:
        return conn.execute(f'SELECT * FROM "{table}"').fetchall()
