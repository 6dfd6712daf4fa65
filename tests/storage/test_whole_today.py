"""A file the quick check found whole, and which the program left exactly as it found it, is not
checked again the same day: any change since (the program's own writes, another program's, a
damaged page), a new day, or a log with anything in it makes the next open check it again, and
a damaged file is still refused."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from safety_kit import damage_middle_page, make_demo, open_ws

from swdesk.services.workspace import Workspace
from swdesk.storage import database, integrity
from swdesk.storage.errors import DamagedDatabase

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The quick checks made, in a cache of the test's own, on a fixed day; each open is a new
    start of the program (this process's own memory of checked files is forgotten first)."""
    monkeypatch.setenv("SWDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(integrity, "_today", lambda: TODAY)
    made: list[Path] = []
    real = database.quick_check

    def counted(path: Path) -> str | None:
        made.append(path)
        return real(path)

    monkeypatch.setattr(database, "quick_check", counted)
    return made


def _start(path: Path, **kwargs: object) -> Workspace:
    database._checked.clear()  # a new process remembers nothing
    return open_ws(path, **kwargs)


def test_left_as_found_it_is_not_checked_again_that_day(
    tmp_path: Path, checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    assert len(checks) == 1  # the demo's own session wrote: checked
    _start(path).close()
    _start(path, read_only=True).close()
    assert len(checks) == 1  # found as the last one left it: not again
    monkeypatch.setattr(integrity, "_today", lambda: TODAY + dt.timedelta(days=1))
    _start(path).close()
    assert len(checks) == 2  # a new day: checked again


def test_a_session_that_writes_leaves_the_file_to_be_checked(
    tmp_path: Path, checks, staff_adder
) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    ws = _start(path)
    staff_adder(ws, "新来的", 905)
    ws.close()
    assert len(checks) == 1
    _start(path).close()
    assert len(checks) == 2


def test_a_page_damaged_since_is_found(tmp_path: Path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    _start(path).close()
    assert len(checks) == 1 and integrity.passed_today(path)
    damage_middle_page(path)
    assert not integrity.passed_today(path)
    with pytest.raises(DamagedDatabase):
        _start(path)
    assert len(checks) == 2


def test_a_log_or_journal_with_something_in_it_is_checked(tmp_path: Path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    assert integrity.passed_today(path)
    wal = Path(str(path) + "-wal")
    wal.write_bytes(b"\0" * 32)
    assert not integrity.passed_today(path)
    wal.unlink()
    assert integrity.passed_today(path)
    Path(str(path) + "-journal").write_bytes(b"\0" * 512)  # a transaction left half-written
    assert not integrity.passed_today(path)


def test_no_cache_to_write_to_checks_every_time(
    tmp_path: Path, checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("SWDESK_CACHE_DIR", str(blocked))
    path = make_demo(tmp_path / "agency.db")
    for _ in range(3):
        _start(path).close()
    assert len(checks) == 3


def test_a_record_written_wrong_is_ignored(tmp_path: Path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    record = tmp_path / "cache" / "whole-today.json"
    for text in ("{", "[]", '{"day": "2026-12-04", "files": 3}', '{"day": 1}'):
        record.write_text(text, encoding="utf-8")
        assert not integrity.passed_today(path)
        _start(path).close()
    assert len(checks) == 5


def test_the_check_ahead_is_not_started_for_a_file_passed_today(tmp_path: Path, checks) -> None:
    path = make_demo(tmp_path / "agency.db")
    _start(path).close()
    _start(path).close()
    before = threading.active_count()
    integrity.check_ahead(path)
    assert path.resolve() not in integrity._ahead and threading.active_count() == before
