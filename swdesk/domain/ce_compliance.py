"""Continuing-education compliance (继续教育, FCG-2023 (八); 民发〔2009〕123号): for one person, one
requirement of the profile and one period — hours counted, hours required, shortfall, hours
expected by a date at a steady pace, and a status with the reason and the clause.

Decisions, each visible in the reason a result carries:

- An attendance counts in the period in which its event **ends** (a course from 28 December to
  3 January belongs to the new year), and only once it has ended on or before the date asked about.
  Hours of another period never count, except the surplus a profile allows to carry over
  (``carry_over_max``), shown apart as ``carried_over``.
- **Who is required**: a person who works at the agency on the reference day (the date asked
  about, or the period's last day if earlier) and held a certificate on the period's first day.
  A certificate obtained during a calendar year starts the requirement with the next year; a
  registration period starts with the registration, so it always has one.
- **Level**: the highest certificate held on the reference day picks ``hours_by_level``.
- **Caps** limit the hours of a form that count; **minimums** must be met as well as the total.
- **Pace**: expected by a day = required x share of the period's days elapsed (that day included).
  ``met`` needs the total and every minimum; ``on_pace`` needs the total and every minimum at the
  expected share; else ``behind``. At the period's end, expected = required: met or behind.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from swdesk.domain.dates import add_years
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.profiles import CERequirement, Clause, Profile, Registration
from swdesk.domain.reasons import Form, Hours, Reason
from swdesk.domain.registration import current_credential, registration_status
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import N_, _


class Status(StrEnum):
    MET = "met"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    NOT_REQUIRED = "not_required"

    def label(self) -> str:
        return _(_STATUS_LABELS[self])


_STATUS_LABELS = {
    Status.MET: N_("Met"),
    Status.ON_PACE: N_("On pace"),
    Status.BEHIND: N_("Behind"),
    Status.NOT_REQUIRED: N_("Not required"),
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # the last day, included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def elapsed_share(self, as_of: dt.date) -> float:
        """The share of the period's days gone by on ``as_of``, that day included."""
        if as_of < self.start:
            return 0.0
        if as_of >= self.end:
            return 1.0
        return ((as_of - self.start).days + 1) / self.days

    def before(self, years: int) -> Period:
        """The period of the same kind just before this one (for carry-over)."""
        return Period(add_years(self.start, -years), self.start - dt.timedelta(days=1))


def calendar_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _r(value: float) -> float:
    return round(value + 0.0, 2)


@dataclass(frozen=True)
class Counted:
    raw: Mapping[str, float]  # by form, as attended in the period
    counted: Mapping[str, float]  # by form, after caps
    carried_over: float = 0.0

    @functools.cached_property
    def total(self) -> float:
        return _r(math.fsum(self.counted.values()) + self.carried_over)

    @property
    def raw_total(self) -> float:
        return _r(math.fsum(self.raw.values()))


def count_hours(
    raw: Mapping[str, float], requirement: CERequirement, carried_over: float = 0.0
) -> Counted:
    """Hours by form after the requirement's caps, plus any hours carried over."""
    counted = {}
    for form, hours in raw.items():
        cap = requirement.caps.get(form)
        counted[form] = _r(min(hours, cap) if cap is not None else hours)
    return Counted(dict(raw), counted, _r(carried_over))


def carry_over(
    previous_raw: Mapping[str, float], requirement: CERequirement, required: float
) -> float:
    """Surplus of the previous period that may count now: what its capped hours exceed the
    requirement by, up to ``carry_over_max``. Carried hours never carry again."""
    if requirement.carry_over_max <= 0:
        return 0.0
    surplus = count_hours(previous_raw, requirement).total - required
    return _r(min(requirement.carry_over_max, max(0.0, surplus)))


@dataclass(frozen=True)
class Judgement:
    status: Status
    shortfall: float
    expected_by_now: float
    short_of_minimum: Mapping[str, float] = field(default_factory=dict)  # form -> hours missing


def judge(
    required: float, counted: Counted, minimums: Mapping[str, float], share: float
) -> Judgement:
    """The status of a required person with ``counted`` hours at ``share`` of the period."""
    total = counted.total
    expected = round(required * share, 1)
    missing = {
        form: _r(least - counted.counted.get(form, 0.0))
        for form, least in minimums.items()
        if counted.counted.get(form, 0.0) < least
    }
    shortfall = _r(max(0.0, required - total, math.fsum(missing.values())))
    minimums_on_pace = all(
        counted.counted.get(form, 0.0) >= round(least * share, 1)
        for form, least in minimums.items()
    )
    if total >= required and not missing:
        status = Status.MET
    elif total >= expected and minimums_on_pace:
        status = Status.ON_PACE
    else:
        status = Status.BEHIND
    return Judgement(status, shortfall, expected, missing)


@dataclass(frozen=True)
class Compliance:
    requirement_id: str
    period: Period | None
    as_of: dt.date
    level: Level | None
    required: float | None
    hours: Counted
    shortfall: float | None
    expected_by_now: float | None
    status: Status
    reason: Reason | None  # why this status: who is not required, or the hours against pace
    clause: Clause
    short_of_minimum: Mapping[str, float] = field(default_factory=dict)


def _held_level(credentials: Sequence[Credential], on: dt.date) -> Level | None:
    # A plain loop: this runs twice per person in a report of thousands.
    best = None
    for c in credentials:
        if c.obtained_on <= on and (best is None or c.level.rank > best.rank):
            best = c.level
    return best


def who_is_required(
    staff: Staff,
    credentials: Sequence[Credential],
    requirement: CERequirement,
    period: Period,
    as_of: dt.date,
) -> tuple[Level | None, float | None, Reason | None]:
    """(level, hours required, why not). Hours are None when the person is not required."""
    ref = requirement.clause.ref
    if as_of < period.start:
        return None, None, Reason(N_("The period starts on {date}."), {"date": period.start}, ref)
    day = min(as_of, period.end)
    level = _held_level(credentials, day)
    if level is None:
        return None, None, Reason(N_("No certificate on {date}."), {"date": day}, ref)
    if _held_level(credentials, period.start) is None:
        first = min(c.obtained_on for c in credentials if c.obtained_on <= day)
        return (
            level,
            None,
            Reason(
                N_(
                    "Certificate obtained on {date}, after the period began: the requirement "
                    "starts with the next period."
                ),
                {"date": first},
                ref,
            ),
        )
    if staff.hire_date is not None and staff.hire_date > day:
        return (
            level,
            None,
            Reason(N_("Not working at the agency until {date}."), {"date": staff.hire_date}, ref),
        )
    if staff.leave_date is not None and staff.leave_date <= day:
        return (
            level,
            None,
            Reason(N_("Left the agency on {date}."), {"date": staff.leave_date}, ref),
        )
    required = requirement.hours_for(level)
    if required is None:
        return (
            level,
            None,
            Reason(
                N_("This requirement sets no hours for the {level} level."), {"level": level}, ref
            ),
        )
    return level, required, None


def assess(
    *,
    staff: Staff,
    credentials: Sequence[Credential],
    requirement: CERequirement,
    period: Period | None,
    as_of: dt.date,
    raw: Mapping[str, float],
    previous_raw: Mapping[str, float] | None = None,
    no_period_reason: Reason | None = None,
) -> Compliance:
    """The compliance of one person; ``raw`` are their hours by form that ended in ``period`` on
    or before ``as_of``, ``previous_raw`` those of the period before (for carry-over)."""
    if period is None:
        counted = count_hours(raw, requirement)
        return Compliance(
            requirement.id, None, as_of, _held_level(credentials, as_of), None, counted,
            None, None, Status.NOT_REQUIRED, no_period_reason, requirement.clause,
        )  # fmt: skip
    level, required, reason = who_is_required(staff, credentials, requirement, period, as_of)
    if required is None:
        counted = count_hours(raw, requirement)
        return Compliance(
            requirement.id, period, as_of, level, None, counted, None, None,
            Status.NOT_REQUIRED, reason, requirement.clause,
        )  # fmt: skip
    carried = carry_over(previous_raw or {}, requirement, required)
    counted = count_hours(raw, requirement, carried)
    verdict = judge(required, counted, requirement.minimums, period.elapsed_share(as_of))
    return Compliance(
        requirement.id, period, as_of, level, required, counted, verdict.shortfall,
        verdict.expected_by_now, verdict.status,
        _explain(verdict, counted, required, period, as_of, requirement.clause.ref),
        requirement.clause,
        verdict.short_of_minimum,
    )  # fmt: skip


def _explain(
    verdict: Judgement,
    counted: Counted,
    required: float,
    period: Period,
    as_of: dt.date,
    ref: str,
) -> Reason:
    done = {"hours": Hours(counted.total), "required": Hours(required)}
    if verdict.status is Status.MET:
        return Reason(N_("{hours} of {required} hours done."), done, ref)
    then: tuple[Reason, ...] = ()
    if verdict.short_of_minimum:
        parts = tuple(
            Reason(N_("{hours} {form}"), {"hours": Hours(h), "form": Form(f)})
            for f, h in sorted(verdict.short_of_minimum.items())
        )
        then = (Reason(N_("Minimums not yet met: {parts}."), {"parts": parts}, ref),)
    return Reason(
        N_(
            "{hours} of {required} hours done, {expected} expected by {date}; {shortfall} more needed by {end}."
        ),
        {
            **done,
            "expected": Hours(verdict.expected_by_now),
            "date": min(as_of, period.end),
            "shortfall": Hours(verdict.shortfall),
            "end": period.end,
        },
        ref,
        then=then,
    )


def period_for(
    requirement: CERequirement,
    credentials: Sequence[Credential],
    year: int,
    as_of: dt.date,
    rules: Registration | None,
) -> tuple[Period | None, Reason | None]:
    """The person's period for ``requirement``: the calendar year asked for, or the registration
    period of the certificate that counts on ``as_of``. With no period, the reason why."""
    if requirement.period == "calendar_year":
        return calendar_year(year), None
    ref = requirement.clause.ref
    if rules is None:
        return None, Reason(N_("The policy profile has no registration rules."), {}, ref)
    credential = current_credential(credentials, as_of)
    if credential is None:
        return None, Reason(N_("No certificate on {date}."), {"date": as_of}, ref)
    status = registration_status(credential, rules, as_of)
    if status.valid_until is None:
        return None, Reason(
            N_(
                "The {level} certificate is not registered yet; its continuing-education period "
                "starts with the registration."
            ),
            {"level": credential.level},
            ref,
        )
    return Period(status.credential.registered_on, status.valid_until), None  # type: ignore[arg-type]


def period_years(requirement: CERequirement, rules: Registration | None) -> int:
    """How many years one period of the requirement lasts (to find the period before)."""
    if requirement.period == "registration" and rules is not None:
        return rules.valid_years
    return 1


def status_tally(counts: Mapping[Status, int]) -> str:
    """How many people are at each status, in one wording for screen, paper and spreadsheet."""
    return _("met {met}, on pace {on_pace}, behind {behind}, not required {not_required}").format(
        met=counts.get(Status.MET, 0),
        on_pace=counts.get(Status.ON_PACE, 0),
        behind=counts.get(Status.BEHIND, 0),
        not_required=counts.get(Status.NOT_REQUIRED, 0),
    )


# ---------------------------------------------------------------- the report of everyone


@dataclass(frozen=True)
class ReportRow:
    staff: Staff
    result: Compliance
    credentials: tuple[Credential, ...] = ()


@dataclass(frozen=True)
class CEReport:
    """Everyone's compliance with one requirement on one day: what the annual table shows."""

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
