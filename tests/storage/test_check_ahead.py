"""The quick check started ahead of an open (the window starts it before it builds itself): the
open takes up a pass, and checks for itself a file found damaged, or changed since."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from safety_kit import damage_middle_page, make_demo
from threads_kit import threads_calling

from swdesk.storage import database, integrity
from swdesk.storage.database import open_database
from swdesk.storage.errors import DamagedDatabase


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The threads each quick check ran on (ahead, or the open's own)."""
    return threads_calling(monkeypatch, "quick_check", integrity, database)


def _open_and_close(path: Path) -> None:
    open_database(path, daily=False).close()


def test_a_whole_file_checked_ahead_is_not_checked_again(tmp_path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    database._checked.clear()
    integrity.check_ahead(path)
    _open_and_close(path)
    assert checks == ["swdesk-check-ahead"]


def test_without_a_check_ahead_the_open_checks(tmp_path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    database._checked.clear()
    _open_and_close(path)
    assert checks == [threading.current_thread().name]


def test_a_file_changed_after_the_check_ahead_is_checked_again(tmp_path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    database._checked.clear()
    integrity.check_ahead(path)
    assert integrity._ahead[path.resolve()].join(30) is None
    conn = sqlite3.connect(path)  # someone else writes in between
    with conn:
        conn.execute("UPDATE settings SET value = value WHERE key = 'written_by'")
        conn.execute("PRAGMA user_version = user_version")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _open_and_close(path)
    assert checks == ["swdesk-check-ahead", threading.current_thread().name]


def test_a_damaged_file_checked_ahead_is_still_refused_and_left_as_it_was(tmp_path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    damage_middle_page(path)
    database._checked.clear()
    before = path.read_bytes()
    integrity.check_ahead(path)
    with pytest.raises(DamagedDatabase):
        open_database(path, daily=False)
    assert path.read_bytes() == before
    assert checks == ["swdesk-check-ahead", threading.current_thread().name]


@pytest.mark.parametrize("name", ["missing.db", "folder", "nul\x00.db"])
def test_nothing_to_check_ahead_is_no_error(tmp_path, checks, name) -> None:
    (tmp_path / "folder").mkdir()
    integrity.check_ahead(tmp_path / name)  # the open that follows says what is wrong
    assert checks == []
