"""The continuing-education report: every person's compliance with one requirement of the
profile, as of a date.

However many people, the hours come from ONE aggregate query (summed in SQL by person, form and
period); staff and credentials are read with one query each. Nothing is queried per person.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from swdesk.domain.ce_compliance import (
    Compliance,
    Period,
    Status,
    assess,
    period_for,
    period_years,
)
from swdesk.domain.errors import ValidationError
from swdesk.domain.profiles import CERequirement, Profile
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Workspace

Hours = dict[int, dict[str, float]]  # staff id -> form -> hours


@dataclass(frozen=True)
class ReportRow:
    staff: Staff
    result: Compliance
    credentials: tuple[Credential, ...] = ()


@dataclass(frozen=True)
class CEReport:
    requirement: CERequirement
    year: int
    as_of: dt.date
    rows: tuple[ReportRow, ...]

    def counts(self) -> Counter[Status]:
        return Counter(row.result.status for row in self.rows)


def choose_requirement(profile: Profile, requirement_id: str | None = None) -> CERequirement:
    """The requirement asked for; by default the profile's calendar-year one (the annual table),
    else its first."""
    if not profile.ce_requirements:
        raise ValidationError(
            _("The policy profile {profile} sets no continuing-education requirement.").format(
                profile=profile.id
            ),
            "requirement",
        )
    if requirement_id is None:
        yearly = [q for q in profile.ce_requirements if q.period == "calendar_year"]
        return (yearly or list(profile.ce_requirements))[0]
    for requirement in profile.ce_requirements:
        if requirement.id == requirement_id:
            return requirement
    raise ValidationError(
        _("Unknown requirement {id}; this profile has: {known}.").format(
            id=requirement_id, known=", ".join(q.id for q in profile.ce_requirements)
        ),
        "requirement",
    )


def _collect(rows: Iterable[tuple], current: Hours, previous: Hours) -> None:
    # Plain tuples (staff_id, form, current, hours): a dict per row costs more than the query.
    for staff_id, form, is_current, hours in rows:
        target = current if is_current else previous
        target.setdefault(staff_id, {})[form] = hours


def hours_in_window(
    ws: Workspace, start: dt.date, upto: dt.date, previous_start: dt.date | None = None
) -> tuple[Hours, Hours]:
    """Hours by person and form of events ending in [start, upto] — and, when
    ``previous_start`` is given, in [previous_start, start) apart. One query."""
    current: Hours = {}
    previous: Hours = {}
    low = previous_start or start
    if upto < low:
        return current, previous
    _collect(
        ws.db.execute(
            """SELECT a.staff_id, e.form, e.end_date >= :start AS current,
                      SUM(a.hours) AS hours
               FROM attendance a JOIN training_events e ON e.id = a.event_id
               WHERE e.end_date BETWEEN :low AND :upto
               GROUP BY a.staff_id, e.form, current""",
            {"start": start.isoformat(), "low": low.isoformat(), "upto": upto.isoformat()},
        ),
        current,
        previous,
    )
    return current, previous


def hours_in_periods(
    ws: Workspace, windows: Mapping[int, tuple[dt.date, dt.date, dt.date]]
) -> tuple[Hours, Hours]:
    """Like ``hours_in_window`` with a window per person: staff id -> (previous_start, start,
    upto). The windows travel as one JSON parameter, so it is still one query."""
    current: Hours = {}
    previous: Hours = {}
    payload = json.dumps(
        [[sid, p.isoformat(), s.isoformat(), u.isoformat()] for sid, (p, s, u) in windows.items()]
    )
    _collect(
        ws.db.execute(
            """WITH w AS (
                   SELECT json_extract(value, '$[0]') AS staff_id,
                          json_extract(value, '$[1]') AS low,
                          json_extract(value, '$[2]') AS start,
                          json_extract(value, '$[3]') AS upto
                   FROM json_each(:windows))
               SELECT a.staff_id, e.form, e.end_date >= w.start AS current,
                      SUM(a.hours) AS hours
               FROM w JOIN attendance a ON a.staff_id = w.staff_id
                      JOIN training_events e ON e.id = a.event_id
               WHERE e.end_date BETWEEN w.low AND w.upto
               GROUP BY a.staff_id, e.form, current""",
            {"windows": payload},
        ),
        current,
        previous,
    )
    return current, previous


def _in_year(staff: Staff, year: int) -> bool:
    """Worked at the agency at some time during ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    hired = staff.hire_date is None or staff.hire_date <= last
    return hired and (staff.leave_date is None or staff.leave_date > first)


def ce_report(
    ws: Workspace,
    year: int,
    as_of: dt.date | None = None,
    requirement_id: str | None = None,
) -> CEReport:
    """Everyone who worked at the agency during ``year`` or has hours in their period, with
    their compliance on ``as_of`` (default: today, or 31 December of a past year)."""
    profile = ws.profile
    requirement = choose_requirement(profile, requirement_id)
    as_of = as_of or min(ws.today(), dt.date(year, 12, 31))
    rules = profile.registration
    years = period_years(requirement, rules)
    carry = requirement.carry_over_max > 0
    credentials = all_credentials(ws)
    people = list_staff(ws)

    periods: dict[int, tuple[Period | None, str]] = {}
    for person in people:
        periods[person.id] = period_for(  # type: ignore[index]
            requirement,
            credentials.get(person.id, []),
            year,
            as_of,
            rules,  # type: ignore[arg-type]
        )
    windows = {
        sid: ((p.before(years).start if carry else p.start), p.start, min(p.end, as_of))
        for sid, (p, _reason) in periods.items()
        if p is not None and p.start <= as_of
    }
    if requirement.period == "calendar_year":
        low, start, upto = next(iter(windows.values()), (as_of, as_of, as_of - dt.timedelta(1)))
        current, previous = hours_in_window(ws, start, upto, low if carry else None)
    else:
        current, previous = hours_in_periods(ws, windows)

    rows = []
    for person in people:
        period, reason = periods[person.id]  # type: ignore[index]
        raw = current.get(person.id, {})  # type: ignore[arg-type]
        if not raw and not _in_year(person, year):
            continue
        held = tuple(credentials.get(person.id, ()))  # type: ignore[arg-type]
        result = assess(
            staff=person,
            credentials=held,
            requirement=requirement,
            period=period,
            as_of=as_of,
            raw=raw,
            previous_raw=previous.get(person.id, {}),  # type: ignore[arg-type]
            no_period_reason=reason,
        )
        rows.append(ReportRow(person, result, held))
    return CEReport(requirement, year, as_of, tuple(rows))
