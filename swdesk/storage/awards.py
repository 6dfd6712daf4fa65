"""Awards paid and honours conferred: the ``award_payments`` and ``agency_honours`` tables.

A payment is kept as its row (staff_id, award, level, amount, paid_on, source, application_id);
the level-award rules read them as swdesk.domain.awards.Payment values.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sqlite_utils import Database

from swdesk.domain.applications import ACTIVE, Kind
from swdesk.domain.awards import LEVEL_AWARD, Payment
from swdesk.domain.levels import Level

EXAM_REIMBURSEMENT = Kind.EXAM_REIMBURSEMENT.value  # the award of an exam claim's payment

# ---------------------------------------------------------------- payments

# A voided payment was recorded by mistake (or taken back by undo): it is kept, and counts nowhere.
_LIVE = "voided_on IS NULL"


def level_award_payments(
    db: Database, staff_id: int | None = None, *, until: dt.date | None = None
) -> dict[int, list[Payment]]:
    """Level-award payments by staff id (all of them, or those paid on or before ``until``)."""
    where, params = ["award = ?", _LIVE], [LEVEL_AWARD]
    if staff_id is not None:
        where.append("staff_id = ?")
        params.append(staff_id)
    if until is not None:
        where.append("paid_on <= ?")
        params.append(until.isoformat())
    out: dict[int, list[Payment]] = {}
    for row in db["award_payments"].rows_where(" AND ".join(where), params, order_by="paid_on"):
        out.setdefault(row["staff_id"], []).append(
            Payment(
                row["amount"],
                dt.date.fromisoformat(row["paid_on"]),
                Level(row["level"]) if row["level"] else None,
            )
        )
    return out


def level_award_paid(db: Database, *, until: dt.date) -> dict[int, int]:
    """Staff id -> CNY of the live level-award payments paid on or before ``until``, summed by
    SQLite: what the award rule counts as already paid, for everyone in one query."""
    rows = db.execute(
        f"""SELECT staff_id, SUM(amount) FROM award_payments
            WHERE award = ? AND {_LIVE} AND paid_on <= ? GROUP BY staff_id""",
        [LEVEL_AWARD, until.isoformat()],
    )
    return dict(rows.fetchall())


def award_people(db: Database, on: dt.date, *, include_left: bool = False) -> list[tuple[Any, ...]]:
    """Everyone on the staff on ``on`` (or everyone ever, with ``include_left``), in the order
    they were added, as tuples: (id, name, identity number, civil servant, social work since,
    hire date, leave date), the dates as ISO text: who the nominations are for, under a policy
    without a cash award."""
    if include_left:
        where, params = "", []
    else:
        where = (
            " WHERE (hire_date IS NULL OR hire_date <= ?)"
            " AND (leave_date IS NULL OR leave_date > ?)"
        )
        params = [on.isoformat(), on.isoformat()]
    return db.execute(
        "SELECT id, name, id_number, civil_servant, social_work_since, hire_date, leave_date "
        f"FROM staff{where} ORDER BY id",
        params,
    ).fetchall()


def payment_rows(db: Database) -> list[dict[str, Any]]:
    """staff_id, award, level, amount, paid_on and exam_year of every live payment on file."""
    return list(
        db["award_payments"].rows_where(
            _LIVE, select="staff_id, award, level, amount, paid_on, exam_year"
        )
    )


def exam_reimbursed(
    db: Database, staff_id: int, exam_year: int, level: Level
) -> dict[str, Any] | None:
    """The live exam reimbursement paid before the program was used for that sitting, if any."""
    rows = db["award_payments"].rows_where(
        f"staff_id = ? AND award = ? AND exam_year = ? AND level = ? AND {_LIVE}",
        [staff_id, EXAM_REIMBURSEMENT, exam_year, level.value],
        limit=1,
    )
    return next(iter(rows), None)


def payment_by_id(db: Database, payment_id: int) -> dict[str, Any] | None:
    rows = list(db["award_payments"].rows_where("id = ?", [payment_id]))
    return rows[0] if rows else None


def payments_of(db: Database, staff_id: int | None = None) -> list[dict[str, Any]]:
    """Every payment (of one person when asked), voided ones too, with the number of the
    application that paid it (``number``, None for an imported payment), by date."""
    where = "WHERE p.staff_id = ?" if staff_id is not None else ""
    return list(
        db.query(
            f"""SELECT p.*, a.number FROM award_payments p
                LEFT JOIN applications a ON a.id = p.application_id
                {where} ORDER BY p.paid_on, p.id""",
            [staff_id] if staff_id is not None else [],
        )
    )


def void_payment(db: Database, payment_id: int, on: dt.date, reason: str) -> None:
    db["award_payments"].update(payment_id, {"voided_on": on.isoformat(), "void_reason": reason})


def insert_payment(db: Database, row: dict[str, Any]) -> int | None:
    """Store a payment row; None when it would pay the level award for a level, or reimburse an
    exam sitting, a second time (the store's own unique indexes refuse it: no double claiming,
    FCG-2023 (十二))."""
    try:
        return db["award_payments"].insert(row).last_pk
    except sqlite3.IntegrityError:
        if row.get("award") in (LEVEL_AWARD, EXAM_REIMBURSEMENT):
            return None
        raise


# ---------------------------------------------------------------- honours


def honour_row(db: Database, honour_id: int) -> dict[str, Any] | None:
    rows = list(db["agency_honours"].rows_where("id = ?", [honour_id]))
    return rows[0] if rows else None


def has_honour(db: Database, code: str, conferred_on: dt.date) -> bool:
    rows = db["agency_honours"].rows_where(
        "code = ? AND conferred_on = ?", [code, conferred_on.isoformat()], limit=1
    )
    return any(True for _row in rows)


def insert_honour(db: Database, row: dict[str, Any]) -> int:
    return db["agency_honours"].insert(row).last_pk


def honours_with_application(db: Database) -> list[dict[str, Any]]:
    """Every honour (by date) with the number and status of the application that claims its
    subsidy now (``number`` and ``status`` None when none does)."""
    marks = ",".join("?" * len(ACTIVE))
    return list(
        db.query(
            f"""SELECT h.*, a.number, a.status FROM agency_honours h
                LEFT JOIN applications a ON a.honour_id = h.id AND a.status IN ({marks})
                ORDER BY h.conferred_on, h.id""",
            [s.value for s in ACTIVE],
        )
    )
