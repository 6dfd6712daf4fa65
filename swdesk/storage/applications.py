"""Applications and the steps of their life: the ``applications`` and ``application_steps``
tables ⇄ swdesk.domain.applications values. Money is whole fen in the file, details are JSON.

Nothing here is ever deleted or changed but an application's current status (triggers refuse
the rest); the unique indexes refuse a second live claim of the same thing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from swdesk.domain.applications import (
    ACTIVE,
    OPEN,
    Application,
    Kind,
    Status,
    Step,
    from_fen,
    to_fen,
)
from swdesk.domain.levels import Level

# A subsidy is the agency's own: its "person" is the agency's name.
_SELECT = """SELECT a.*, COALESCE(s.name, (SELECT name FROM agency WHERE id = 1), '') AS person,
                    s.id_number AS id_number
             FROM applications a LEFT JOIN staff s ON s.id = a.staff_id"""


def _marks(values: Iterable[object]) -> tuple[str, list[Any]]:
    """Placeholders and their values for ``IN (…)``: statuses come from the domain's tuples."""
    items = [v.value if isinstance(v, Status | Kind) else v for v in values]
    return ",".join("?" * len(items)), items


def step_to_row(application_id: int, step: Step) -> dict[str, Any]:
    return {
        "application_id": application_id,
        "status": step.status.value,
        "on_date": step.on.isoformat(),
        "by_whom": step.by,
        "reason": step.reason,
        "amount_fen": None if step.amount is None else to_fen(step.amount),
        "recorded_at": step.recorded_at,
        "recorded_by": step.recorded_by,
    }


def _step_from_row(row: Mapping[str, Any]) -> Step:
    return Step(
        Status(row["status"]),
        dt.date.fromisoformat(row["on_date"]),
        row["by_whom"],
        row["reason"],
        from_fen(row["amount_fen"]),
        row["recorded_at"],
        row["recorded_by"],
        row["id"],
        row["undoes"],
    )


def _steps(db: Database, app_ids: list[int]) -> dict[int, list[Step]]:
    out: dict[int, list[Step]] = {i: [] for i in app_ids}
    if not app_ids:
        return out
    marks, params = _marks(app_ids)
    rows = db["application_steps"].rows_where(f"application_id IN ({marks})", params, order_by="id")
    for r in rows:
        out[r["application_id"]].append(_step_from_row(r))
    return out


def _load(db: Database, where: str, params: list[Any]) -> list[Application]:
    rows = list(db.query(f"{_SELECT} WHERE {where} ORDER BY a.number", params))
    steps = _steps(db, [r["id"] for r in rows])
    return [
        Application(
            id=r["id"],
            number=r["number"],
            kind=Kind(r["kind"]),
            award=r["award"],
            amount=from_fen(r["amount_fen"]) or Decimal("0.00"),
            status=Status(r["status"]),
            created_on=dt.date.fromisoformat(r["created_on"]),
            staff_id=r["staff_id"],
            level=Level(r["level"]) if r["level"] else None,
            claim_key=r["claim_key"],
            details=json.loads(r["details"]),
            person=r["person"],
            id_number=r["id_number"] or "",
            steps=tuple(steps[r["id"]]),
        )
        for r in rows
    ]


def application_with_number(db: Database, number: str) -> Application | None:
    found = _load(db, "a.number = ?", [number])
    return found[0] if found else None


def applications(
    db: Database,
    *,
    status: Status | None = None,
    kind: Kind | None = None,
    staff_id: int | None = None,
) -> list[Application]:
    """Applications by number, of one status, kind or person when asked."""
    where, params = ["1 = 1"], []
    for column, value in (("status", status), ("kind", kind), ("staff_id", staff_id)):
        if value is not None:
            where.append(f"a.{column} = ?")
            params.append(value.value if isinstance(value, Status | Kind) else value)
    return _load(db, " AND ".join(where), params)


def numbers_of_year(db: Database, year: int) -> list[str]:
    rows = db["applications"].rows_where("number LIKE ?", [f"{year}-%"], select="number")
    return [r["number"] for r in rows]


def insert_application(
    db: Database,
    *,
    number: str,
    kind: Kind,
    award: str,
    claim_key: str,
    amount: Decimal,
    created_on: dt.date,
    staff_id: int | None,
    honour_id: int | None,
    level: Level | None,
    details: Mapping[str, Any],
) -> int | None:
    """Store a new draft; None when a live application already claims the same (the unique
    indexes: one live claim of a thing, one open level award per person)."""
    row = {
        "number": number,
        "kind": kind.value,
        "staff_id": staff_id,
        "honour_id": honour_id,
        "award": award,
        "level": level.value if level else None,
        "claim_key": claim_key,
        "amount_fen": to_fen(amount),
        "status": Status.DRAFT.value,
        "created_on": created_on.isoformat(),
        "details": json.dumps(dict(details), ensure_ascii=False, default=str),
    }
    try:
        return db["applications"].insert(row).last_pk
    except sqlite3.IntegrityError:
        return None


def insert_step(db: Database, application_id: int, step: Step) -> None:
    """Keep a step and make its status the application's."""
    db["application_steps"].insert(step_to_row(application_id, step))
    db["applications"].update(application_id, {"status": step.status.value})


def live_claims(
    db: Database, kind: Kind, staff_id: int | None, award: str, claim_key: str
) -> list[tuple[str, Status]]:
    """(number, status) of the live applications that claim the same as the one described —
    or, for a level award, any live level award of the person — newest first."""
    marks, statuses = _marks(ACTIVE)
    rows = db.query(
        f"""SELECT number, status FROM applications WHERE kind = ? AND COALESCE(staff_id, 0) = ?
            AND ((award = ? AND claim_key = ?) OR kind = ?)
            AND status IN ({marks}) ORDER BY id DESC""",
        [kind.value, staff_id or 0, award, claim_key, Kind.LEVEL_AWARD.value, *statuses],
    )
    return [(r["number"], Status(r["status"])) for r in rows]


def open_level_awards(db: Database) -> dict[int, str]:
    """Staff id -> number of their level-award application still in progress."""
    marks, statuses = _marks(OPEN)
    rows = db.execute(
        f"SELECT staff_id, number FROM applications WHERE kind = ? AND status IN ({marks})",
        [Kind.LEVEL_AWARD.value, *statuses],
    )
    return dict(rows.fetchall())


def live_exam_claims(db: Database) -> dict[tuple[int, str], str]:
    """(staff id, "year/level") -> number of every live exam-cost application: one query."""
    marks, statuses = _marks(ACTIVE)
    rows = db["applications"].rows_where(
        f"kind = ? AND status IN ({marks})",
        [Kind.EXAM_REIMBURSEMENT.value, *statuses],
        select="staff_id, claim_key, number",
    )
    return {(r["staff_id"], r["claim_key"]): r["number"] for r in rows}


def status_counts(db: Database) -> dict[str, int]:
    """How many applications are at each status, counted by SQLite."""
    return dict(db.execute("SELECT status, COUNT(*) FROM applications GROUP BY status"))
