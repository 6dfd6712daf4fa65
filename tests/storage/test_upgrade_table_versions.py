"""An agency's data file from before migration 0011 upgrades with its staff and certificates as
they were, and from then on each write to either table is counted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from rows_kit import table_rows, undo_table_versions

from swdesk.domain import idnumber
from swdesk.services import staff
from swdesk.services.agency import init_agency
from swdesk.services.workspace import Workspace
from swdesk.storage import migrations as schema
from swdesk.storage.database import tables_stamp

TODAY = dt.date(2026, 11, 21)


def _open(path: Path) -> Workspace:
    return Workspace.open(path, clock=lambda: TODAY, user="tester")


def test_a_version_10_file_upgrades_and_counts_writes(tmp_path: Path) -> None:
    assert schema.known_names()[10] == "0011_table_versions"
    ws = _open(tmp_path / "agency.db")
    init_agency(ws, name="测试社会工作服务中心", profile_id="fangchenggang-2023")
    number = idnumber.make("452822", dt.date(1988, 2, 3), 301)
    staff.add_staff(ws, name="黄丽华", id_number=number, hire_date=dt.date(2020, 1, 1))
    staff.add_credential(
        ws, number, level="assistant", certificate_number="Z000301",
        obtained_on=dt.date(2021, 6, 20),
    )  # fmt: skip
    before = {t: table_rows(ws.db.conn, t) for t in ("staff", "credentials")}
    path = ws.path
    ws.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        undo_table_versions(conn)
        conn.execute(f"PRAGMA user_version = {schema.count() - 1}")
        conn.execute("COMMIT")
    finally:
        conn.close()

    ws = _open(path)  # refuses a file whose schema is not version 10's, so this checks too
    try:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
        assert {t: table_rows(ws.db.conn, t) for t in ("staff", "credentials")} == before
        counted = tables_stamp(ws.db.conn, ("staff", "credentials"))
        assert counted == (0, 0)
        staff.update_staff(ws, staff.find_staff(ws, number).id, phone="13900001111")
        assert tables_stamp(ws.db.conn, ("staff", "credentials")) == (1, 0)
    finally:
        ws.close()
