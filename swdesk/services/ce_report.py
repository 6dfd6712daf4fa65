"""The continuing-education report: every person's compliance with one requirement of the
profile, as of a date.

However many people, the hours come from ONE aggregate query (summed in SQL by person, form and
period); staff and credentials are read with one query each. Nothing is queried per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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
from swdesk.services.reading import checkpoint, in_reading, once, one_reading, whole_agency
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store
from swdesk.storage.database import open_reader


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
    agency: those who left during the year, those with no certificate) are not worked out.
    Inside a reading that began it with ``read_period_hours_ahead``, its hours are those read
    meanwhile."""
    requirement = choose_requirement(ws.profile, requirement_id)
    # One reading: the states and certificates read here are those the report reads again.
    with one_reading(ws):
        ahead = once(ws, _ahead_key(year, as_of, requirement), lambda: None)
        if ahead is not None:
            return _assessed(ws, year, as_of, requirement, ahead.plan, ahead.hours())
        plan = _registration_plan(ws, year, as_of, requirement)
        return _assessed(ws, year, as_of, requirement, plan, _period_hours(ws, plan))


def read_period_hours_ahead(ws: Workspace, as_of: dt.date, requirement_id: str) -> None:
    """Inside a reading: start reading the hours of the registration-period report of
    ``as_of`` on a connection of its own, so that SQLite sums them (0.35 s for 15,000 people,
    outside Python's lock) while this thread works out other things, such as the year's report;
    ``registration_period_report`` in the same reading takes them up. Nothing outside a reading,
    or inside a transaction (the other connection would not see what it has not committed)."""
    if not in_reading(ws) or ws.db.conn.in_transaction or not ws.path.is_file():
        return
    requirement = choose_requirement(ws.profile, requirement_id)
    year = as_of.year

    def begin() -> _HoursAhead:
        plan = _registration_plan(ws, year, as_of, requirement)
        return _HoursAhead(plan, _AHEAD.submit(_period_hours_apart, ws.path, plan.windows), ws)

    once(ws, _ahead_key(year, as_of, requirement), begin)


def _ahead_key(year: int, as_of: dt.date, requirement: CERequirement) -> tuple[object, ...]:
    """Where a reading keeps the hours read ahead for the report of ``year`` on ``as_of``."""
    return ("period_hours_ahead", year, as_of, requirement.id)


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


@dataclass(frozen=True)
class _Plan:
    """What a report works out before it reads the hours: its people, their certificates,
    their periods (with the reason when none) and the window of hours each needs."""

    people: list[Staff]
    credentials: Mapping[int, Sequence[Credential]]
    periods: dict[int, tuple[Period | None, Reason | None]]
    windows: dict[int, tuple[dt.date, dt.date, dt.date]]


_Hours = tuple[
    dict[int, dict[str, float]], dict[int, dict[str, float]], dict[int, dict[str, float]]
]
# One thread reads ahead for the reminders' one reading at a time.
_AHEAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="swdesk-hours-ahead")


def _period_hours(ws: Workspace, plan: _Plan) -> _Hours:
    return training_store.hours_in_periods(ws.db, plan.windows)


def _period_hours_apart(path: Path, windows: dict[int, tuple[dt.date, dt.date, dt.date]]) -> _Hours:
    db = open_reader(path)
    try:
        return training_store.hours_in_periods(db, windows)
    finally:
        db.close()


@dataclass(frozen=True)
class _HoursAhead:
    plan: _Plan
    future: Future[_Hours]
    ws: Workspace  # the reading's own, whose connection reads them should the other one fail

    def hours(self) -> _Hours:
        try:
            return self.future.result()
        except Exception:  # noqa: BLE001 - whatever the other connection met, this one reads
            # the hours itself, and raises what it meets.
            return _period_hours(self.ws, self.plan)


def _registration_plan(
    ws: Workspace, year: int, as_of: dt.date, requirement: CERequirement
) -> _Plan:
    states = registration_states(ws, as_of)
    return _plan(
        ws, year, as_of, requirement, only=lambda p: p.id in states and p.employed_on(as_of)
    )


def _plan(
    ws: Workspace,
    year: int,
    as_of: dt.date,
    requirement: CERequirement,
    only: Callable[[Staff], bool] | None = None,
) -> _Plan:
    rules = ws.profile.registration
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
    return _Plan(people, credentials, periods, windows)  # type: ignore[arg-type]


def _report(
    ws: Workspace,
    year: int,
    as_of: dt.date,
    requirement: CERequirement,
    only: Callable[[Staff], bool] | None = None,
) -> CEReport:
    plan = _plan(ws, year, as_of, requirement, only)
    if requirement.period == "calendar_year":
        carry = requirement.carry_over_max > 0
        low, start, upto = next(
            iter(plan.windows.values()), (as_of, as_of, as_of - dt.timedelta(1))
        )
        hours = training_store.hours_in_window(ws.db, start, upto, low if carry else None)
    else:
        hours = _period_hours(ws, plan)
    return _assessed(ws, year, as_of, requirement, plan, hours)


def _assessed(
    ws: Workspace,
    year: int,
    as_of: dt.date,
    requirement: CERequirement,
    plan: _Plan,
    hours: _Hours,
) -> CEReport:
    current, previous, subjects = hours
    people, credentials, periods = plan.people, plan.credentials, plan.periods
    none: tuple[Credential, ...] = ()
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
