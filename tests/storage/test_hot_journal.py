"""A program killed inside a transaction before the file is in WAL mode (creating a file, an
upgrade's migrations) leaves a hot rollback journal. The next open rolls it back, as SQLite is
made to, instead of calling the file unreadable."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from safety_kit import make_demo, open_ws

from swdesk.storage.integrity import quick_check

# Starts a transaction in rollback-journal mode, writes enough to spill pages into the file,
# and dies without committing: the journal beside the file is then hot.
_DIE_IN_TRANSACTION = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 10")
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE spill (x)")
    for _ in range(3000):
        conn.execute("INSERT INTO spill VALUES (randomblob(1000))")
    conn.execute("UPDATE staff SET name = 'half-done'")
    os._exit(0)
    """
)


def _die_in_transaction(path: Path) -> None:
    subprocess.run([sys.executable, "-c", _DIE_IN_TRANSACTION, str(path)], check=True)
    journal = Path(str(path) + "-journal")
    assert journal.exists() and journal.stat().st_size > 0


def test_a_hot_journal_is_rolled_back_on_the_next_open(tmp_path: Path) -> None:
    path = make_demo(tmp_path / "agency.db")
    names = _names(path)
    _die_in_transaction(path)

    assert quick_check(path) is None  # whole, once the journal is rolled back
    ws = open_ws(path)
    try:
        tables = {r[0] for r in ws.db.execute("SELECT name FROM sqlite_master").fetchall()}
        assert "spill" not in tables
    finally:
        ws.close()
    assert _names(path) == names


def test_a_read_only_open_after_a_kill_reads_the_last_committed_state(tmp_path: Path) -> None:
    path = make_demo(tmp_path / "agency.db")
    names = _names(path)
    _die_in_transaction(path)
    ws = open_ws(path, read_only=True)
    try:
        assert sorted(r[0] for r in ws.db.execute("SELECT name FROM staff").fetchall()) == names
    finally:
        ws.close()


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM staff").fetchall())
    finally:
        conn.close()
