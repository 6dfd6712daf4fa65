"""Helpers for the data-safety tests: demo files on disk, table dumps, damage.

Import the fixtures by name into a test module to use them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from swdesk.services.workspace import Workspace

DAY1 = dt.date(2026, 11, 21)


def open_ws(path: Path, day: dt.date = DAY1, **kwargs: object) -> Workspace:
    return Workspace.open(path, clock=lambda: day, user="tester", **kwargs)


def make_demo(path: Path, day: dt.date = DAY1) -> Path:
    from swdesk.services.demo import fill_demo

    ws = open_ws(path, day)
    fill_demo(ws)
    ws.close()
    return path


def dump(path: Path, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, read without writing; what 'the same data' means in a test."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
            for t in tables
            if t not in skip
        }
    finally:
        conn.close()


def damage_middle_page(path: Path, seed: int = 7) -> int:
    """Overwrite the page in the middle of the file with random bytes, as a failing disk sector
    would; returns the page number."""
    import random

    page_size = 4096
    pages = path.stat().st_size // page_size
    page = pages // 2
    rng = random.Random(seed)
    with path.open("r+b") as fh:
        fh.seek(page * page_size)
        fh.write(bytes(rng.randrange(256) for _ in range(page_size)))
    return page
