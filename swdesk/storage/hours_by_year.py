"""Training hours summed by person and calendar year, as the triggers of migration 0009 keep
them in ``ce_hours_by_year``: what a year's CE report reads instead of a year of attendance.

The sums are in hundredths of an hour (hours have two decimals at most), given back as hours.
Events of the year ending after the day asked for are taken back out of the year's sums: a CE
report as of today does not count a course planned for next week.

A data file from elsewhere (a backup restored) might carry sums that are not those of its
attendance: ``rebuild`` makes them again from the attendance, and ``disagreeing`` says whether
they differ.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlite_utils import Database

from swdesk.domain.profiles import SUBJECTS, TRAINING_FORMS

Hours = dict[int, dict[str, float]]

# The columns, in the table's order: the forms, then the subject categories.
_FORMS = TRAINING_FORMS
_COLUMNS = (*TRAINING_FORMS, *SUBJECTS)
_N = len(_FORMS)


def _hundredths(form: str, subject: str) -> list[str]:
    h = "CAST(ROUND(a.hours * 100) AS INTEGER)"
    values = [f"SUM(CASE {form} WHEN '{f}' THEN {h} ELSE 0 END)" for f in _FORMS]
    return values + [f"SUM(CASE WHEN {subject} = '{s}' THEN {h} ELSE 0 END)" for s in SUBJECTS]


# Every person's sums of each year made from the attendance itself, as the table holds them.
_FROM_ATTENDANCE = f"""
    SELECT a.staff_id, CAST(substr(e.end_date, 1, 4) AS INTEGER) AS year,
           {", ".join(_hundredths("e.form", "e.subject"))}
    FROM attendance a JOIN training_events e ON e.id = a.event_id
    GROUP BY 1, 2"""
_NONZERO = " OR ".join(f"{c} <> 0" for c in _COLUMNS)


def _add(rows: Iterable[tuple], into: dict[int, list[int]], sign: int) -> None:
    for row in rows:
        sums = into.get(row[0])
        if sums is None:
            into[row[0]] = [sign * v for v in row[1:]]
        else:
            for i, v in enumerate(row[1:]):
                sums[i] += sign * v


def _in_hours(names: tuple[str, ...], sums: list[int]) -> dict[str, float]:
    """Hundredths by column as hours, where there are any."""
    return {k: v / 100 for k, v in zip(names, sums, strict=True) if v}


# Each column as hours, NULL where none: dividing in SQL gives the same double Python's would.
_AS_HOURS = ", ".join(f"NULLIF({c}, 0) / 100.0" for c in _COLUMNS)


def hours_of_year(
    db: Database, year: int, upto: dt.date, previous_from: int | None = None
) -> tuple[Hours, Hours, Hours]:
    """Hours by person and form of events ending from 1 January of ``year`` to ``upto`` (a day
    of that year); of the years from ``previous_from`` to the one before ``year`` apart, when
    given; and the year's hours by person and subject category. As ``hours_in_window`` gives
    them for such a window."""
    current: Hours = {}
    subjects: Hours = {}
    forms, names = _FORMS, SUBJECTS
    for row in db.execute(
        f"SELECT staff_id, {_AS_HOURS} FROM ce_hours_by_year WHERE year = ? AND ({_NONZERO})",
        [year],
    ):
        # Inline, not a helper per row: 20,000 people (a helper call each doubles this loop).
        by_form = {f: h for f, h in zip(forms, row[1 : _N + 1], strict=False) if h is not None}
        if by_form:
            current[row[0]] = by_form
        of_subjects = row[_N + 1 :]
        if of_subjects.count(None) != len(of_subjects):  # most training has no category
            subjects[row[0]] = {
                s: h for s, h in zip(names, of_subjects, strict=False) if h is not None
            }
    if upto < dt.date(year, 12, 31):
        _take_out_later(db, year, upto, current, subjects)
    previous: Hours = {}
    if previous_from is not None and previous_from < year:
        before: dict[int, list[int]] = {}
        _add(
            db.execute(
                f"""SELECT staff_id, {", ".join(_FORMS)} FROM ce_hours_by_year
                    WHERE year >= ? AND year < ? AND ({_NONZERO})""",
                [previous_from, year],
            ),
            before,
            1,
        )
        for sid, sums in before.items():
            by_form = _in_hours(forms, sums)
            if by_form:
                previous[sid] = by_form
    return current, previous, subjects


def _take_out_later(
    db: Database, year: int, upto: dt.date, current: Hours, subjects: Hours
) -> None:
    """The hours of the events of ``year`` ending after ``upto`` taken out of the year's sums of
    the people who attended them (a few: what is planned), in hundredths."""
    later: dict[int, list[int]] = {}
    _add(
        db.execute(
            f"""SELECT a.staff_id, {", ".join(_hundredths("e.form", "e.subject"))}
                FROM training_events e JOIN attendance a ON a.event_id = e.id
                WHERE e.end_date > ? AND e.end_date <= ? GROUP BY a.staff_id""",
            [upto.isoformat(), f"{year}-12-31"],
        ),
        later,
        -1,
    )
    if not later:
        return
    _add(
        db.execute(
            f"""SELECT staff_id, {", ".join(_COLUMNS)} FROM ce_hours_by_year
                WHERE year = ? AND staff_id IN (SELECT value FROM json_each(?))""",
            [year, json.dumps(list(later))],
        ),
        later,
        1,
    )
    for sid, sums in later.items():
        current.pop(sid, None)
        subjects.pop(sid, None)
        by_form = _in_hours(_FORMS, sums[:_N])
        if by_form:
            current[sid] = by_form
        by_subject = _in_hours(SUBJECTS, sums[_N:])
        if by_subject:
            subjects[sid] = by_subject


def disagreeing(db: Database) -> int:
    """How many (person, year) sums differ from those the attendance makes: 0 when all agree."""
    columns = ", ".join(_COLUMNS)
    row = db.execute(
        f"""SELECT COUNT(DISTINCT staff_id || '/' || year) FROM (
                SELECT * FROM ({_FROM_ATTENDANCE})
                EXCEPT SELECT staff_id, year, {columns} FROM ce_hours_by_year WHERE {_NONZERO}
                UNION ALL
                SELECT * FROM (
                    SELECT staff_id, year, {columns} FROM ce_hours_by_year WHERE {_NONZERO}
                    EXCEPT SELECT * FROM ({_FROM_ATTENDANCE})))"""
    ).fetchone()
    return int(row[0])


def rebuild(db: Database) -> None:
    """The sums made again from the attendance (inside the caller's transaction)."""
    db.execute("DELETE FROM ce_hours_by_year")
    db.execute(
        f"INSERT INTO ce_hours_by_year (staff_id, year, {', '.join(_COLUMNS)}) {_FROM_ATTENDANCE}"
    )
