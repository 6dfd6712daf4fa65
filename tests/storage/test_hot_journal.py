"""A program killed inside a transaction before the file is in WAL mode (creating a file, an
upgrade's migrations) leaves a hot rollback journal. The next open rolls it back, as SQLite is
made to, instead of calling the file unreadable."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from safety_kit import make_demo, open_ws

from swdesk.storage import migrations
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


# Creates a new data file and dies at the given point of the schema's making, as a kill would.
_DIE_MAKING_A_FILE = textwrap.dedent(
    """
    import os, sys
    import sqlite_utils.db
    from sqlite_utils.migrations import Migrations
    from swdesk.storage.database import open_database

    where = sys.argv[2]
    if where == "index":
        create_index = sqlite_utils.db.Table.create_index
        def die_on_migrations_index(self, *args, **kwargs):
            if self.name == "_sqlite_migrations":
                os._exit(0)
            return create_index(self, *args, **kwargs)
        sqlite_utils.db.Table.create_index = die_on_migrations_index
    else:
        record = Migrations._record_applied
        done = []
        def die_after(self, db, name):
            record(self, db, name)
            done.append(name)
            if len(done) == int(where):
                os._exit(0)
        Migrations._record_applied = die_after
    open_database(sys.argv[1], lock=False, auto_backup=False)
    sys.exit("the file was made whole")
    """
)


@pytest.mark.parametrize("where", ["index", "1", "4"])
def test_a_kill_while_making_a_new_file_leaves_a_file_the_next_start_makes(
    tmp_path: Path, where: str
) -> None:
    path = tmp_path / "new.db"
    subprocess.run([sys.executable, "-c", _DIE_MAKING_A_FILE, str(path), where], check=True)

    ws = open_ws(path)  # not "not a swdesk data file": the half-made schema was rolled back
    try:
        assert ws.db["staff"].count == 0
        applied = ws.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(migrations.known_names())
    finally:
        ws.close()
