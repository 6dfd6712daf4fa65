"""The hours of a continuing-education period and what they amount to: the period, the hours
counted after the requirement's caps and units, the judgement against the steady pace, and the
``Compliance`` of one person with the reason it gives — worded from its facts the first time
someone reads it (a report decides everyone's status at once, and most reasons are never
shown). The rules that decide who is required and these values for a whole agency are in
swdesk.domain.ce_compliance, whose docstring lists the decisions.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from swdesk.domain.dates import add_years
from swdesk.domain.levels import Level
from swdesk.domain.profiles import CERequirement, Clause
from swdesk.domain.reasons import Form, Hours, Reason, Subject
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
    raw: Mapping[str, float]  # by form, as attended in the period (学时 as recorded)
    counted: Mapping[str, float]  # by form, in the requirement's unit, after caps
    carried_over: float = 0.0
    subjects: Mapping[str, float] = field(default_factory=dict)  # by subject, requirement's unit

    @functools.cached_property
    def total(self) -> float:
        return _r(math.fsum(self.counted.values()) + self.carried_over)

    @property
    def raw_total(self) -> float:
        return _r(math.fsum(self.raw.values()))


def count_hours(
    raw: Mapping[str, float],
    requirement: CERequirement,
    carried_over: float = 0.0,
    subjects: Mapping[str, float] | None = None,
) -> Counted:
    """Hours by form in the requirement's unit after its caps, plus any hours carried over."""
    factor = requirement.hours_per_study_hour
    counted = {}
    for form, hours in raw.items():
        cap = requirement.caps.get(form)
        counted[form] = _r(min(hours * factor, cap) if cap is not None else hours * factor)
    by_subject = {s: _r(h * factor) for s, h in (subjects or {}).items()}
    return Counted(dict(raw), counted, _r(carried_over), by_subject)


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
    short_of_subject: Mapping[str, float] = field(default_factory=dict)  # subject -> missing


def subject_needs(requirement: CERequirement, required: float) -> dict[str, float]:
    """Subject -> least hours, from the requirement's shares of ``required``."""
    return {s: _r(float(required * share)) for s, share in requirement.subject_shares.items()}


def _missing(least: Mapping[str, float], have: Mapping[str, float]) -> dict[str, float]:
    return {k: _r(n - have.get(k, 0.0)) for k, n in least.items() if have.get(k, 0.0) < n}


def _on_pace(least: Mapping[str, float], have: Mapping[str, float], share: float) -> bool:
    return all(have.get(k, 0.0) >= round(n * share, 1) for k, n in least.items())


def judge(
    required: float,
    counted: Counted,
    minimums: Mapping[str, float],
    share: float,
    subjects: Mapping[str, float] | None = None,
) -> Judgement:
    """The status of a required person with ``counted`` hours at ``share`` of the period;
    ``subjects`` are the least hours of each subject category."""
    total = counted.total
    expected = round(required * share, 1)
    missing = _missing(minimums, counted.counted)
    missing_subject = _missing(subjects or {}, counted.subjects)
    shortfall = _r(
        max(0.0, required - total, math.fsum(missing.values()), math.fsum(missing_subject.values()))
    )
    parts_on_pace = _on_pace(minimums, counted.counted, share) and _on_pace(
        subjects or {}, counted.subjects, share
    )
    if total >= required and not missing and not missing_subject:
        status = Status.MET
    elif total >= expected and parts_on_pace:
        status = Status.ON_PACE
    else:
        status = Status.BEHIND
    return Judgement(status, shortfall, expected, missing, missing_subject)


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
    # The reason the rules gave with the status: why someone is not required, or a reason
    # read from elsewhere (a bureau's copy). None for a required person: ``reason`` then says
    # the hours against the pace, from the facts of this value.
    given_reason: Reason | None
    clause: Clause
    short_of_minimum: Mapping[str, float] = field(default_factory=dict)
    short_of_subject: Mapping[str, float] = field(default_factory=dict)
    # What the hours of a required person are worded by (the length of a 学时, subject shares).
    requirement: CERequirement | None = field(default=None, repr=False)

    @functools.cached_property
    def reason(self) -> Reason | None:
        """Why this status: the reason given, or the hours done against those expected and
        required, worded the first time it is read (a report of thousands shows a few)."""
        if (
            self.given_reason is not None
            or self.requirement is None
            or self.required is None
            or self.period is None
        ):
            return self.given_reason
        return explain(self, self.requirement)

    @property
    def complete(self) -> bool | None:
        """Whether every hour the period needs is there (None: nothing is required)."""
        if self.required is None:
            return None
        return self.hours.total >= self.required and not (
            self.short_of_minimum or self.short_of_subject
        )


def explain(result: Compliance, requirement: CERequirement) -> Reason:
    """The hours of a required person against the pace and the requirement: what
    ``Compliance.reason`` says of one."""
    ref = requirement.clause.ref
    counted, required, period = result.hours, result.required, result.period
    assert required is not None and period is not None, "a required person's result"
    as_of = result.as_of
    needs = subject_needs(requirement, required)
    done = {"hours": Hours(counted.total), "required": Hours(required)}
    then = _counting_lines(counted, requirement, needs, required)
    if result.short_of_minimum:
        parts = tuple(
            Reason(N_("{hours} {form}"), {"hours": Hours(h), "form": Form(f)})
            for f, h in sorted(result.short_of_minimum.items())
        )
        then += (Reason(N_("Minimums not yet met: {parts}."), {"parts": parts}, ref, False),)
    if result.status is Status.MET:
        return Reason(N_("{hours} of {required} hours done."), done, ref, then=then)
    return Reason(
        N_(
            "{hours} of {required} hours done, {expected} expected by {date}; {shortfall} more needed by {end}."
        ),
        {
            **done,
            "expected": Hours(result.expected_by_now),
            "date": min(as_of, period.end),
            "shortfall": Hours(result.shortfall),
            "end": period.end,
        },
        ref,
        then=then,
    )


def _counting_lines(
    counted: Counted, requirement: CERequirement, needs: Mapping[str, float], required: float
) -> tuple[Reason, ...]:
    """The lines that say how the hours were counted: the length of a 学时 where the profile
    sets one, and each subject category's share."""
    ref = requirement.clause.ref
    lines: tuple[Reason, ...] = ()
    if requirement.minutes_per_study_hour and requirement.unit == "clock_hours":
        lines += (
            Reason(
                N_(
                    "One 学时 is {minutes} minutes: {recorded} 学时 recorded count as {hours} hours."
                ),
                {
                    "minutes": requirement.minutes_per_study_hour,
                    "recorded": Hours(counted.raw_total),
                    "hours": Hours(_r(math.fsum(counted.counted.values()))),
                },
                ref,
            ),
        )
    if counted.raw.get("degree"):
        lines += (
            Reason(
                N_("{hours} of them from a completed social-work degree, counted at once."),
                {"hours": Hours(counted.counted.get("degree", 0.0))},
                ref,
            ),
        )
    for subject, least in needs.items():
        have = counted.subjects.get(subject, 0.0)
        lines += (
            Reason(
                N_("{subject}: {hours} hours, at least {least} needed ({share} of {required})."),
                {
                    "subject": Subject(subject),
                    "hours": Hours(have),
                    "least": Hours(least),
                    "share": str(requirement.subject_shares[subject]),
                    "required": Hours(required),
                },
                ref,
                held=have >= least,
            ),
        )
    return lines
