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
        row["staff_id"], row["grade_code"], dt.date.fromisoformat(row["appointed_on"]), row["note"]
    )


def insert_appointment(db: Database, appointment: Appointment) -> int:
    return db["grade_appointments"].insert(appointment_to_row(appointment)).last_pk


def has_appointment_on(db: Database, staff_id: int, on: dt.date) -> bool:
    """Whether the person already has an appointment dated ``on``."""
    rows = db["grade_appointments"].rows_where(
        "staff_id = ? AND appointed_on = ?", [staff_id, on.isoformat()], limit=1
    )
    return any(True for _row in rows)


def history(db: Database, staff_id: int) -> list[Appointment]:
    rows = db["grade_appointments"].rows_where("staff_id = ?", [staff_id], order_by="appointed_on")
    return [appointment_from_row(r) for r in rows]


def current_grades(db: Database, as_of: dt.date) -> dict[int, Appointment]:
    """Each person's latest appointment dated on or before ``as_of``."""
    rows = db.query(
        """SELECT staff_id, grade_code, appointed_on, note FROM grade_appointments g
           WHERE appointed_on = (SELECT MAX(appointed_on) FROM grade_appointments
                                 WHERE staff_id = g.staff_id AND appointed_on <= ?)""",
        [as_of.isoformat()],
    )
    return {r["staff_id"]: appointment_from_row(r) for r in rows}


def appointment_days(db: Database) -> set[tuple[int, dt.date]]:
    """(staff id, date) of every appointment: a person has one appointment a day."""
    return {
        (r["staff_id"], dt.date.fromisoformat(r["appointed_on"]))
        for r in db["grade_appointments"].rows_where(select="staff_id, appointed_on")
    }
