"""A data file with the schema of migrations 0001–0004 (the demo as swdesk wrote it before the
corrections, tests/storage/fixtures/v4.db) upgrades cleanly: every row and id kept, the schema
exactly what a new file gets, and the new uniqueness rules hold among live rows only."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from swdesk.storage import migrations as schema
from swdesk.storage import schema_check
from swdesk.storage.database import open_database

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("staff", "credentials", "grade_appointments", "award_payments", "applications",
          "application_steps", "attendance", "training_events", "audit_log")  # fmt: skip


def _rows(conn: sqlite3.Connection, table: str, columns: str = "*") -> list[tuple]:
    return conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()


@pytest.fixture
def upgraded(tmp_path: Path):
    path = tmp_path / "v4.db"
    shutil.copy(FIXTURES / "v4.db", path)
    old = sqlite3.connect(FIXTURES / "v4.db")
    before = {t: _rows(old, t) for t in TABLES}
    old.close()
    db = open_database(path)
    yield db, before
    db.close()


def test_every_row_is_kept_and_the_schema_is_a_new_files(upgraded, tmp_path: Path) -> None:
    db, before = upgraded
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
    assert schema_check.differences(db.conn) == []
    fresh = open_database(tmp_path / "fresh.db")
    assert schema_check.shape_of(db.conn) == schema_check.shape_of(fresh.conn)
    fresh.close()
    for table in TABLES:
        now = _rows(db.conn, table)
        if table in ("credentials", "grade_appointments", "award_payments"):
            # The old columns as they were, then the new ones: live, with no reason.
            assert [r[:-2] for r in now] == before[table], table
            assert {r[-2:] for r in now} == {(None, "")}, table
        elif table == "application_steps":
            assert [r[:-1] for r in now] == before[table]
            assert {r[-1] for r in now} == {None}
        elif table == "audit_log":
            assert now[: len(before[table])] == before[table]
        else:
            assert now == before[table], table
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db["undo_steps"].count == 0


def test_uniqueness_holds_among_live_rows_only(upgraded) -> None:
    db, _before = upgraded
    cred = next(iter(db["credentials"].rows))
    copy = {k: v for k, v in cred.items() if k not in ("id", "voided_on", "void_reason")}
    with pytest.raises(sqlite3.IntegrityError):
        db["credentials"].insert({**copy, "certificate_number": copy["certificate_number"].lower()})
    db["credentials"].update(cred["id"], {"voided_on": "2026-11-21", "void_reason": "录错了"})
    db["credentials"].insert(copy)  # the number entered again, correctly

    appointment = next(iter(db["grade_appointments"].rows))
    again = {k: appointment[k] for k in ("staff_id", "grade_code", "appointed_on")}
    with pytest.raises(sqlite3.IntegrityError):
        db["grade_appointments"].insert(again)
    db["grade_appointments"].update(appointment["id"], {"voided_on": "2026-11-21"})
    db["grade_appointments"].insert(again)

    paid = next(r for r in db["award_payments"].rows if r["award"] == "level_award")
    twice = {k: paid[k] for k in ("staff_id", "award", "level", "amount", "paid_on", "source")}
    with pytest.raises(sqlite3.IntegrityError):
        db["award_payments"].insert(twice)
    db["award_payments"].update(paid["id"], {"voided_on": "2026-11-21", "void_reason": "重复"})
    db["award_payments"].insert(twice)


def test_application_history_is_still_append_only(upgraded) -> None:
    db, _before = upgraded
    step = next(iter(db["application_steps"].rows))
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        db.execute("DELETE FROM application_steps WHERE id = ?", [step["id"]])
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        db.execute("UPDATE application_steps SET reason = 'x' WHERE id = ?", [step["id"]])
