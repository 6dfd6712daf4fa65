"""The bureau that keeps a bureau's data file (the one-row ``bureau`` table), who reports to it
(``reporting_units``) and by when (``period_deadlines``). Every function works inside the
caller's transaction; none writes the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from swdesk.domain.submission import BureauLevel, UnitKind


def bureau_row(db: Database) -> dict[str, Any] | None:
    rows = list(db["bureau"].rows_where("id = 1"))
    return rows[0] if rows else None


def save_bureau(db: Database, row: dict[str, Any]) -> None:
    db["bureau"].upsert({"id": 1, **row}, pk="id")


@dataclass(frozen=True)
class ReportingUnit:
    id: int
    credit_code: str
    name: str
    kind: UnitKind
    level: BureauLevel | None
    expected: bool
    added_on: dt.date
    note: str = ""


def _unit(row: dict[str, Any]) -> ReportingUnit:
    return ReportingUnit(
        row["id"],
        row["credit_code"],
        row["name"],
        UnitKind(row["kind"]),
        BureauLevel(row["level"]) if row["level"] else None,
        bool(row["expected"]),
        dt.date.fromisoformat(row["added_on"]),
        row["note"],
    )


def units(db: Database) -> list[ReportingUnit]:
    return [_unit(r) for r in db["reporting_units"].rows_where(order_by="id")]


def unit_with_code(db: Database, credit_code: str) -> ReportingUnit | None:
    # Straight from the connection: a receipt asks once per file, and sqlite-utils' look-up
    # asks the schema first each time.
    cursor = db.conn.execute(
        "SELECT * FROM reporting_units WHERE credit_code = ? LIMIT 1", [credit_code]
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return _unit(dict(zip([d[0] for d in cursor.description], row, strict=True)))


def add_unit(
    db: Database,
    *,
    credit_code: str,
    name: str,
    kind: UnitKind,
    level: BureauLevel | None,
    on: dt.date,
    note: str = "",
) -> int:
    row = {
        "credit_code": credit_code,
        "name": name,
        "kind": kind.value,
        "level": level.value if level else None,
        "expected": 1,
        "added_on": on.isoformat(),
        "note": note,
    }
    cursor = db.conn.execute(
        f"INSERT INTO reporting_units ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    return int(cursor.lastrowid)


def update_unit(db: Database, unit_id: int, **fields: Any) -> None:
    row = {k: (v.value if isinstance(v, UnitKind | BureauLevel) else v) for k, v in fields.items()}
    if "expected" in row:
        row["expected"] = int(bool(row["expected"]))
    db["reporting_units"].update(unit_id, row)


def deadline(db: Database, period: int) -> dt.date | None:
    rows = list(db["period_deadlines"].rows_where("period = ?", [period]))
    return dt.date.fromisoformat(rows[0]["due_on"]) if rows else None


def set_deadline(db: Database, period: int, due_on: dt.date) -> None:
    db["period_deadlines"].upsert({"period": period, "due_on": due_on.isoformat()}, pk="period")
