"""A bureau's data file from before migration 0010 (its received records indexed by identity
number) upgrades with every record intact, and a record's payments are then read through an
index of their own rather than the whole table."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import bureau_kit as kit
from rows_kit import table_rows, undo_table_versions

from swdesk.domain.awards import Payment
from swdesk.domain.levels import Level
from swdesk.services.bureau_receive import receive
from swdesk.storage import migrations as schema
from swdesk.storage import submissions as store

TABLES = ("agency_records", "record_people", "record_certificates", "record_payments",
          "record_claims", "record_ce_results")  # fmt: skip


def _as_before_0010(path: Path) -> None:
    """The file as version 9 left it: 0011 and 0010 undone, statement by statement."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        undo_table_versions(conn)
        conn.execute("DROP INDEX record_payments_record")
        conn.execute("CREATE INDEX record_people_number ON record_people(id_number)")
        conn.execute("CREATE INDEX record_payments_number ON record_payments(id_number)")
        conn.execute("CREATE INDEX record_claims_person ON record_claims(id_number)")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0010_bureau_record_indexes'")
        conn.execute(f"PRAGMA user_version = {schema.count() - 2}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_version_9_bureau_file_upgrades_with_its_records(tmp_path: Path) -> None:
    assert schema.known_names()[9] == "0010_bureau_record_indexes"
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    paid = [Payment(10000, dt.date(2024, 5, 1), Level.ASSISTANT)]
    people = [kit.staff(11, "黄丽华", paid=paid), kit.staff(12, "梁伟")]
    rec = kit.record(1, people, [kit.level_claim("SQ-1", people[1], "5000")])
    receive(ws, [kit.record_file(tmp_path, rec)])
    before = {t: table_rows(ws.db.conn, t) for t in TABLES}
    [row] = store.records(ws.db, 2026)
    loaded = store.load_records(ws.db, [row.id])
    path = ws.path
    ws.close()
    _as_before_0010(path)

    ws = kit.open_ws(path)  # refuses a file whose schema is not version 9's, so this checks too
    try:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
        assert {t: table_rows(ws.db.conn, t) for t in TABLES} == before
        assert store.load_records(ws.db, [row.id]) == loaded
        assert loaded[0].people[0].paid == tuple(paid)
        plan = " ".join(
            r[3]
            for r in ws.db.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM record_payments WHERE record_id IN (?)", [row.id]
            )
        )
        assert "record_payments_record" in plan
        indexes = {r[0] for r in ws.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert not indexes & {
            "record_people_number",
            "record_payments_number",
            "record_claims_person",
        }
    finally:
        ws.close()
