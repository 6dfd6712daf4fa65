"""Grade appointments: the ``grade_appointments`` table, one row per appointment of a person to a
post grade from a date, ⇄ swdesk.domain.grades.Appointment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from swdesk.domain.grades import Appointment


def appointment_to_row(appointment: Appointment) -> dict[str, Any]:
    return {
        "staff_id": appointment.staff_id,
        "grade_code": appointment.grade_code,
        "appointed_on": appointment.appointed_on.isoformat(),
        "note": appointment.note,
    }


def appointment_from_row(row: Mapping[str, Any]) -> Appointment:
    return Appointment(
        row["staff_id"],
        row["grade_code"],
        dt.date.fromisoformat(row["appointed_on"]),
        row["note"],
        row["id"],
        dt.date.fromisoformat(row["voided_on"]) if row["voided_on"] else None,
        row["void_reason"],
    )


# A voided appointment was a mistake: it stays in the history and decides no one's grade.
_LIVE = "voided_on IS NULL"


def insert_appointment(db: Database, appointment: Appointment) -> int:
    return db["grade_appointments"].insert(appointment_to_row(appointment)).last_pk


def appointment_on(db: Database, staff_id: int, on: dt.date) -> Appointment | None:
    """The person's live appointment dated ``on``, if there is one."""
    rows = list(
        db["grade_appointments"].rows_where(
            f"staff_id = ? AND appointed_on = ? AND {_LIVE}", [staff_id, on.isoformat()], limit=1
        )
    )
    return appointment_from_row(rows[0]) if rows else None


def has_appointment_on(db: Database, staff_id: int, on: dt.date) -> bool:
    """Whether the person already has a live appointment dated ``on``."""
    return appointment_on(db, staff_id, on) is not None


def history(db: Database, staff_id: int, *, voided: bool = False) -> list[Appointment]:
    """A person's appointments by date; the voided ones too when asked (to show the history)."""
    where = "staff_id = ?" if voided else f"staff_id = ? AND {_LIVE}"
    rows = db["grade_appointments"].rows_where(where, [staff_id], order_by="appointed_on, id")
    return [appointment_from_row(r) for r in rows]


def void_appointment(db: Database, appointment_id: int, on: dt.date, reason: str) -> None:
    db["grade_appointments"].update(
        appointment_id, {"voided_on": on.isoformat(), "void_reason": reason}
    )


def current_grades(db: Database, as_of: dt.date) -> dict[int, Appointment]:
    """Each person's latest live appointment dated on or before ``as_of``."""
    rows = db.query(
        f"""SELECT * FROM grade_appointments g
            WHERE {_LIVE} AND appointed_on = (
                SELECT MAX(appointed_on) FROM grade_appointments
                WHERE staff_id = g.staff_id AND appointed_on <= ? AND {_LIVE})""",
        [as_of.isoformat()],
    )
    return {r["staff_id"]: appointment_from_row(r) for r in rows}
