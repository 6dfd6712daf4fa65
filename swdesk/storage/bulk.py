"""Many rows into one table with one prepared statement.

sqlite-utils' ``insert_all`` builds a multi-row INSERT per chunk in Python, checking every value
for JSON on the way: for a 10,000-row import that was most of the time spent writing (20,000
rows with their audit entries, some 0.6 s). The rows an import writes are already plain values
(text, numbers, None), so ``executemany`` of one INSERT does the same work in SQLite itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

from sqlite_utils import Database


def insert_rows(db: Database, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (each with the same keys) into ``table``. The caller holds the
    transaction."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return
    columns = list(first)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        (tuple(row[c] for c in columns) for row in chain([first], it)),
    )
