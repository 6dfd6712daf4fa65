"""The continuing-education report: every person's compliance with one requirement of the
profile, as of a date.

However many people, the hours come from ONE aggregate query (summed in SQL by person, form and
period); staff and credentials are read with one query each. Nothing is queried per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from swdesk.domain.ce_compliance import (
    CEReport,
    Period,
    ReportRow,
    assess,
    assess_all,
    choose_requirement,
    period_for,
    period_years,
    registration_period,
)
from swdesk.domain.profiles import CERequirement
from swdesk.domain.reasons import Reason
from swdesk.domain.registration import RegistrationStatus, current_credential, registration_status
from swdesk.domain.staff import Credential, Staff
from swdesk.services.reading import checkpoint, once, one_reading, whole_agency
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store


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
    requirement = choose_requirement(ws.profile, requirement_id)
    as_of = as_of or min(ws.today(), dt.date(year, 12, 31))
    if requirement.period != "calendar_year":
        # Asked for once (by the registration reminders): not kept, so that the memory of a
        # large agency's dashboard holds one report, not two.
        with whole_agency():
            return _report(ws, year, as_of, requirement)
    # The year's report: the dashboard's chart and the CE reminders both ask for it.
    with whole_agency():
        return once(
            ws,
            ("ce_report", year, as_of, requirement.id),
            lambda: _report(ws, year, as_of, requirement),
        )


def registration_period_report(
    ws: Workspace, year: int, as_of: dt.date, requirement_id: str | None = None
) -> CEReport:
    """The report of a registration-period requirement for those the registration overview
    lists: in post on ``as_of`` and holding a certificate that counts then. The rows are those
    of ``ce_report``'s report for these people, in its order; the others (a fifth of a large
    agency: those who left during the year, those with no certificate) are not worked out."""
    requirement = choose_requirement(ws.profile, requirement_id)
    # One reading: the states and certificates read here are those the report reads again.
    with one_reading(ws):
        states = registration_states(ws, as_of)
        return _report(
            ws, year, as_of, requirement, only=lambda p: p.id in states and p.employed_on(as_of)
        )


def registration_states(
    ws: Workspace,
    as_of: dt.date,
    credentials: Mapping[int, Sequence[Credential]] | None = None,
) -> dict[int, RegistrationStatus]:
    """Staff id -> where the registration of the certificate that counts on ``as_of`` stands,
    for everyone who holds one: what the registration-period report and the registration
    overview both start from (worked out once inside one reading). ``credentials`` are the
    certificates by staff id if already read."""
    rules = ws.profile.registration

    def work_out() -> dict[int, RegistrationStatus]:
        if rules is None:
            return {}
        out = {}
        held_by = all_credentials(ws) if credentials is None else credentials
        for sid, held in held_by.items():
            credential = current_credential(held, as_of)
            if credential is not None:
                out[sid] = registration_status(credential, rules, as_of)
        return out

    return once(ws, ("registration_states", as_of), work_out)


def _report(
    ws: Workspace,
    year: int,
    as_of: dt.date,
    requirement: CERequirement,
    only: Callable[[Staff], bool] | None = None,
) -> CEReport:
    profile = ws.profile
    rules = profile.registration
    years = period_years(requirement, rules)
    carry = requirement.carry_over_max > 0
    credentials = all_credentials(ws)
    people = list_staff(ws)
    if only is not None:
        people = [p for p in people if only(p)]
    none: tuple[Credential, ...] = ()
    checkpoint()

    periods: dict[int, tuple[Period | None, Reason | None]] = {}
    if requirement.period == "calendar_year" or rules is None:
        # Everyone's period is the year asked for (or no one has one: no registration rules):
        # one value for all.
        same = period_for(requirement, none, year, as_of, rules)
        periods = dict.fromkeys((p.id for p in people), same)  # type: ignore[misc]
    else:
        # The registration overview starts from the same states: worked out once for both.
        states = registration_states(ws, as_of, credentials)  # type: ignore[arg-type]
        for person in people:
            periods[person.id] = registration_period(  # type: ignore[index]
                requirement,
                states.get(person.id),  # type: ignore[arg-type]
                as_of,
            )
    windows = {
        sid: ((p.before(years).start if carry else p.start), p.start, min(p.end, as_of))
        for sid, (p, _reason) in periods.items()
        if p is not None and p.start <= as_of
    }
    if requirement.period == "calendar_year":
        low, start, upto = next(iter(windows.values()), (as_of, as_of, as_of - dt.timedelta(1)))
        current, previous, subjects = training_store.hours_in_window(
            ws.db, start, upto, low if carry else None
        )
    else:
        current, previous, subjects = training_store.hours_in_periods(ws.db, windows)

    checkpoint()
    shown: list[tuple[Staff, tuple[Credential, ...]]] = []
    inputs = []
    empty: dict[str, float] = {}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for person in people:
        sid = person.id
        raw = current.get(sid)  # type: ignore[arg-type]
        if not raw:
            # _in_year: worked at the agency at some time during the year.
            hired, left = person.hire_date, person.leave_date
            if not ((hired is None or hired <= last) and (left is None or left > first)):
                continue
            raw = {}
        held = tuple(credentials.get(sid, none))  # type: ignore[arg-type]
        period, reason = periods[sid]  # type: ignore[index]
        shown.append((person, held))
        inputs.append(
            (person, held, period, reason, raw, previous.get(sid, empty), subjects.get(sid, empty))  # type: ignore[arg-type]
        )
    results = assess_all(requirement, as_of, inputs)
    rows = tuple(
        ReportRow(person, result, held)
        for (person, held), result in zip(shown, results, strict=True)
    )
    return CEReport(requirement, year, as_of, rows)


def reference_report(
    ws: Workspace, year: int, as_of: dt.date, requirement_id: str | None = None
) -> CEReport:
    """The report worked out person by person with ``assess``, reading only through the
    storage layer's plain queries: what the fast ``ce_report`` must give (tests compare them)."""
    requirement = choose_requirement(ws.profile, requirement_id)
    rules = ws.profile.registration
    years = period_years(requirement, rules)
    credentials = staff_store.all_credentials(ws.db)
    rows = []
    for person in staff_store.list_staff(ws.db):
        held = tuple(credentials.get(person.id, ()))  # type: ignore[arg-type]
        period, reason = period_for(requirement, held, year, as_of, rules)
        raw: dict[str, float] = {}
        previous: dict[str, float] = {}
        subjects: dict[str, float] = {}
        if period is not None and period.start <= as_of:
            window = {
                person.id: (
                    period.before(years).start if requirement.carry_over_max > 0 else period.start,
                    period.start,
                    min(period.end, as_of),
                )
            }
            now, before, by_subject = training_store.hours_in_periods(ws.db, window)  # type: ignore[arg-type]
            raw = now.get(person.id, {})  # type: ignore[arg-type]
            previous = before.get(person.id, {})  # type: ignore[arg-type]
            subjects = by_subject.get(person.id, {})  # type: ignore[arg-type]
        if not raw and not _in_year(person, year):
            continue
        result = assess(
            staff=person,
            credentials=held,
            requirement=requirement,
            period=period,
            as_of=as_of,
            raw=raw,
            previous_raw=previous,
            no_period_reason=reason,
            subjects=subjects,
        )
        rows.append(ReportRow(person, result, held))
    return CEReport(requirement, year, as_of, tuple(rows))
