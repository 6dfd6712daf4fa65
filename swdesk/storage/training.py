"""Training records: the ``training_events`` and ``attendance`` tables, their rows ⇄
swdesk.domain.training values, and the hours of a period summed in SQL.

An attendance counts in the period its event *ends* in (swdesk.domain.ce_compliance); every hours
query here filters and sums on ``end_date`` for that reason. Writes run inside the caller's
transaction; none writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from swdesk.domain.profiles import SUBJECTS, TRAINING_FORMS
from swdesk.domain.training import TrainingEvent
from swdesk.storage import hours_by_year

Hours = dict[int, dict[str, float]]  # staff id -> form -> hours


def event_to_row(event: TrainingEvent) -> dict[str, Any]:
    return {
        "title": event.title,
        "organiser": event.organiser,
        "form": event.form,
        "start_date": event.start.isoformat(),
        "end_date": event.end.isoformat(),
        "hours": event.hours,
        "note": event.note,
        "kind": event.kind,
        "subject": event.subject,
    }


def event_from_row(row: Mapping[str, Any]) -> TrainingEvent:
    return TrainingEvent(
        id=row["id"],
        title=row["title"],
        organiser=row["organiser"],
        form=row["form"],
        start=dt.date.fromisoformat(row["start_date"]),
        end=dt.date.fromisoformat(row["end_date"]),
        hours=row["hours"],
        note=row["note"],
        kind=row["kind"],
        subject=row["subject"],
    )


# ---------------------------------------------------------------- events


def event_by_id(db: Database, event_id: int) -> TrainingEvent | None:
    rows = list(db["training_events"].rows_where("id = ?", [event_id]))
    return event_from_row(rows[0]) if rows else None


def group_events_dated(db: Database, start: dt.date, end: dt.date) -> list[TrainingEvent]:
    """The stored group events from ``start`` to ``end``, oldest first: the candidates for the
    same event again (the caller compares their titles and organisers)."""
    rows = db["training_events"].rows_where(
        "kind = 'event' AND start_date = ? AND end_date = ?",
        [start.isoformat(), end.isoformat()],
        order_by="id",
    )
    return [event_from_row(r) for r in rows]


def group_events(db: Database) -> list[TrainingEvent]:
    """Every group event (kind ``event``; a person's own courses are left out)."""
    return [event_from_row(r) for r in db["training_events"].rows_where("kind = 'event'")]


def insert_event(db: Database, event: TrainingEvent) -> int:
    return db["training_events"].insert(event_to_row(event)).last_pk


def update_event(db: Database, event_id: int, event: TrainingEvent) -> None:
    db["training_events"].update(event_id, event_to_row(event))


def delete_event(db: Database, event_id: int) -> list[dict[str, Any]]:
    """Delete an event and its attendance; returns the attendance rows that were deleted."""
    rows = attendance_rows(db, event_id)
    db["attendance"].delete_where("event_id = ?", [event_id])
    db["training_events"].delete(event_id)
    return rows


@dataclass(frozen=True)
class EventTotals:
    event: TrainingEvent
    attendees: int
    hours: float  # of all attendees together


def events_with_totals(db: Database, year: int | None = None) -> list[EventTotals]:
    """Events (ending in ``year`` if given), newest first, with their attendees counted."""
    where, params = "", []
    if year is not None:
        where = "WHERE e.end_date BETWEEN ? AND ?"
        params = [f"{year:04d}-01-01", f"{year:04d}-12-31"]
    rows = db.query(
        f"""SELECT e.*, COUNT(a.id) AS n, COALESCE(SUM(a.hours), 0) AS total
            FROM training_events e LEFT JOIN attendance a ON a.event_id = e.id
            {where} GROUP BY e.id ORDER BY e.end_date DESC, e.id DESC""",
        params,
    )
    return [EventTotals(event_from_row(r), r["n"], r["total"]) for r in rows]


# ---------------------------------------------------------------- attendance


def attendee_ids(db: Database, event_id: int) -> set[int]:
    return {
        r["staff_id"]
        for r in db["attendance"].rows_where("event_id = ?", [event_id], select="staff_id")
    }


def attendance_pairs(db: Database) -> set[tuple[int, int]]:
    """(event id, staff id) of every attendance on file."""
    return {
        (r["event_id"], r["staff_id"])
        for r in db["attendance"].rows_where(select="event_id, staff_id")
    }


def attendance_rows(db: Database, event_id: int) -> list[dict[str, Any]]:
    """The attendance rows of an event (id, event_id, staff_id, hours), in the order added."""
    return [dict(r) for r in db["attendance"].rows_where("event_id = ?", [event_id], order_by="id")]


def set_attendance_hours(db: Database, attendance_id: int, hours: float) -> None:
    db["attendance"].update(attendance_id, {"hours": hours})


def attendance_row(db: Database, event_id: int, staff_id: int) -> dict[str, Any] | None:
    rows = list(db["attendance"].rows_where("event_id = ? AND staff_id = ?", [event_id, staff_id]))
    return dict(rows[0]) if rows else None


def insert_attendance(db: Database, event_id: int, staff_id: int, hours: float) -> int:
    return (
        db["attendance"]
        .insert({"event_id": event_id, "staff_id": staff_id, "hours": hours})
        .last_pk
    )


def insert_attendances(db: Database, rows: Iterable[tuple[int, int, float]]) -> None:
    """(event id, staff id, hours) rows at once: for generated data, not for the office's."""
    db["attendance"].insert_all(
        {"event_id": event_id, "staff_id": staff_id, "hours": hours}
        for event_id, staff_id, hours in rows
    )


def delete_attendance(db: Database, attendance_id: int) -> None:
    db["attendance"].delete(attendance_id)


def attendees_of(db: Database, event_id: int) -> list[dict[str, Any]]:
    """staff_id, id_number, name and hours of each attendee, in the order they were added."""
    return list(
        db.query(
            """SELECT s.id AS staff_id, s.id_number, s.name, a.hours FROM attendance a
               JOIN staff s ON s.id = a.staff_id WHERE a.event_id = ? ORDER BY a.id""",
            [event_id],
        )
    )


def attended_by(db: Database, staff_id: int, year: int) -> list[dict[str, Any]]:
    """One person's attendances of events ending in ``year`` (event id, title, form, end date,
    the event's hours and their own), by date."""
    return list(
        db.query(
            """SELECT e.id AS event_id, e.title, e.form, e.end_date, e.hours AS event_hours,
                      a.hours FROM attendance a JOIN training_events e ON e.id = a.event_id
               WHERE a.staff_id = ? AND e.end_date BETWEEN ? AND ?
               ORDER BY e.end_date, e.id""",
            [staff_id, f"{year:04d}-01-01", f"{year:04d}-12-31"],
        )
    )


@dataclass(frozen=True)
class Attended:
    """One person's attendance of one event, as a record of their training lists it."""

    staff_id: int
    hours: float
    title: str
    organiser: str
    form: str
    start: dt.date
    end: dt.date


def attended_between(db: Database, low: dt.date, high: dt.date) -> list[Attended]:
    """Everyone's attendances of events ending from ``low`` to ``high``, by date: one query."""
    rows = db.execute(
        """SELECT a.staff_id, a.hours, e.title, e.organiser, e.form, e.start_date, e.end_date
           FROM attendance a JOIN training_events e ON e.id = a.event_id
           WHERE e.end_date BETWEEN ? AND ?
           ORDER BY e.start_date, e.end_date, e.id""",
        [low.isoformat(), high.isoformat()],
    )
    return [
        Attended(
            sid, hours, title, organiser, form, dt.date.fromisoformat(s), dt.date.fromisoformat(e)
        )
        for sid, hours, title, organiser, form, s, e in rows
    ]


# ---------------------------------------------------------------- hours of a period


def _collect(rows: Iterable[tuple], current: Hours, previous: Hours, subjects: Hours) -> None:
    # Plain tuples (staff_id, form, subject, current, hours): a dict per row costs more than the
    # query. Subject hours (公需科目 / 专业科目) are kept for the current period only.
    for staff_id, form, subject, is_current, hours in rows:
        target = current if is_current else previous
        by_form = target.setdefault(staff_id, {})
        by_form[form] = by_form.get(form, 0.0) + hours
        if is_current and subject is not None:
            by_subject = subjects.setdefault(staff_id, {})
            by_subject[subject] = by_subject.get(subject, 0.0) + hours


# A period alone (no period before to keep apart) is summed one row per person, a column per
# form and per subject category: SQLite groups by person only and Python reads 20,000 rows, not
# 90,000 (a year of 20,000 people: 0.15 s instead of 0.18 s in SQL, and a third of the Python).
# The forms and subjects are those the schema's CHECKs allow, in the order the grouped rows
# came in before (by name).
_FORMS = tuple(sorted(TRAINING_FORMS))
_SUBJECTS = tuple(sorted(SUBJECTS))
_BY_COLUMN = ", ".join(
    [f"SUM(CASE e.form WHEN '{f}' THEN a.hours END)" for f in _FORMS]
    + [f"SUM(CASE e.subject WHEN '{s}' THEN a.hours END)" for s in _SUBJECTS]
)


def _collect_wide(rows: Iterable[tuple], current: Hours, subjects: Hours) -> None:
    # (staff_id, hours of each form..., hours of each subject...): NULL where none.
    n = len(_FORMS)
    forms, names = _FORMS, _SUBJECTS
    for row in rows:
        current[row[0]] = {
            f: h for f, h in zip(forms, row[1 : n + 1], strict=True) if h is not None
        }
        by_subject = {s: h for s, h in zip(names, row[n + 1 :], strict=True) if h is not None}
        if by_subject:
            subjects[row[0]] = by_subject


def hours_in_window(
    db: Database, start: dt.date, upto: dt.date, previous_start: dt.date | None = None
) -> tuple[Hours, Hours, Hours]:
    """Hours by person and form of events ending in [start, upto] — and, when
    ``previous_start`` is given, in [previous_start, start) apart — and the current hours by
    person and subject category. A calendar year (and whole years before it) is read from the
    sums kept by year (`hours_by_year`); any other window from the attendance, in one query."""
    current: Hours = {}
    previous: Hours = {}
    subjects: Hours = {}
    low = previous_start or start
    if upto < low:
        return current, previous, subjects
    if (
        (start.month, start.day) == (1, 1)
        and upto.year == start.year
        and (previous_start is None or (previous_start.month, previous_start.day) == (1, 1))
    ):
        return hours_by_year.hours_of_year(
            db, start.year, upto, previous_start.year if previous_start else None
        )
    if previous_start is None:
        # No period before to keep apart: without the ``current`` column the grouping is a
        # third cheaper (0.32 s instead of 0.5 s for a year of 20,000 people).
        _collect_wide(
            db.execute(
                f"""SELECT a.staff_id, {_BY_COLUMN}
                   FROM attendance a JOIN training_events e ON e.id = a.event_id
                   WHERE e.end_date BETWEEN :start AND :upto
                   GROUP BY a.staff_id""",
                {"start": start.isoformat(), "upto": upto.isoformat()},
            ),
            current,
            subjects,
        )
        return current, previous, subjects
    _collect(
        db.execute(
            """SELECT a.staff_id, e.form, e.subject, e.end_date >= :start AS current,
                      SUM(a.hours) AS hours
               FROM attendance a JOIN training_events e ON e.id = a.event_id
               WHERE e.end_date BETWEEN :low AND :upto
               GROUP BY a.staff_id, e.form, e.subject, current""",
            {"start": start.isoformat(), "low": low.isoformat(), "upto": upto.isoformat()},
        ),
        current,
        previous,
        subjects,
    )
    return current, previous, subjects


def hours_in_periods(
    db: Database, windows: Mapping[int, tuple[dt.date, dt.date, dt.date]]
) -> tuple[Hours, Hours, Hours]:
    """Like ``hours_in_window`` with a window per person: staff id -> (previous_start, start,
    upto). The windows travel as one JSON parameter, so it is still one query."""
    current: Hours = {}
    previous: Hours = {}
    subjects: Hours = {}
    payload = json.dumps(
        [[sid, p.isoformat(), s.isoformat(), u.isoformat()] for sid, (p, s, u) in windows.items()]
    )
    # MATERIALIZED: the windows are read out of the JSON once, not for every attendance row
    # joined to them (SQLite 3.35+; a third less time for 10,000 windows).
    if all(low == start for low, start, _upto in windows.values()):
        # No period before to keep apart (no carry-over): grouped without ``current``.
        _collect_wide(
            db.execute(
                f"""WITH w AS MATERIALIZED (
                       SELECT json_extract(value, '$[0]') AS staff_id,
                              json_extract(value, '$[2]') AS start,
                              json_extract(value, '$[3]') AS upto
                       FROM json_each(:windows))
                   SELECT a.staff_id, {_BY_COLUMN}
                   FROM w JOIN attendance a ON a.staff_id = w.staff_id
                          JOIN training_events e ON e.id = a.event_id
                   WHERE e.end_date BETWEEN w.start AND w.upto
                   GROUP BY a.staff_id""",
                {"windows": payload},
            ),
            current,
            subjects,
        )
        return current, previous, subjects
    _collect(
        db.execute(
            """WITH w AS MATERIALIZED (
                   SELECT json_extract(value, '$[0]') AS staff_id,
                          json_extract(value, '$[1]') AS low,
                          json_extract(value, '$[2]') AS start,
                          json_extract(value, '$[3]') AS upto
                   FROM json_each(:windows))
               SELECT a.staff_id, e.form, e.subject, e.end_date >= w.start AS current,
                      SUM(a.hours) AS hours
               FROM w JOIN attendance a ON a.staff_id = w.staff_id
                      JOIN training_events e ON e.id = a.event_id
               WHERE e.end_date BETWEEN w.low AND w.upto
               GROUP BY a.staff_id, e.form, e.subject, current""",
            {"windows": payload},
        ),
        current,
        previous,
        subjects,
    )
    return current, previous, subjects


def hours_in_ranges(
    db: Database, ranges: Sequence[tuple[int, dt.date, dt.date]]
) -> list[tuple[dict[str, float], dict[str, float]]]:
    """The hours of each (staff id, first day, last day) in ``ranges`` — events by the day they
    end — by form and by subject category, in the order of the ranges: the registration
    periods of many people at once. One query."""
    out: list[tuple[dict[str, float], dict[str, float]]] = [({}, {}) for _r in ranges]
    payload = json.dumps([[sid, low.isoformat(), high.isoformat()] for sid, low, high in ranges])
    rows = db.execute(
        """WITH w AS MATERIALIZED (
               SELECT key AS i, json_extract(value, '$[0]') AS staff_id,
                      json_extract(value, '$[1]') AS low, json_extract(value, '$[2]') AS high
               FROM json_each(:ranges))
           SELECT w.i, e.form, e.subject, SUM(a.hours)
           FROM w JOIN attendance a ON a.staff_id = w.staff_id
                  JOIN training_events e ON e.id = a.event_id
           WHERE e.end_date BETWEEN w.low AND w.high
           GROUP BY w.i, e.form, e.subject""",
        {"ranges": payload},
    )
    for i, form, subject, hours in rows:
        by_form, by_subject = out[i]
        by_form[form] = by_form.get(form, 0.0) + hours
        if subject is not None:
            by_subject[subject] = by_subject.get(subject, 0.0) + hours
    return out


def degrees_on_file(db: Database) -> set[tuple[int, str, dt.date]]:
    """(staff id, degree, date completed) of every degree recorded (form ``degree``)."""
    rows = db.execute(
        """SELECT a.staff_id, e.title, e.end_date FROM attendance a
           JOIN training_events e ON e.id = a.event_id WHERE e.form = 'degree'"""
    )
    return {(sid, title, dt.date.fromisoformat(end)) for sid, title, end in rows}
