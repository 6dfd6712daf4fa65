"""Continuing-education compliance (继续教育, FCG-2023 (八); 民发〔2009〕123号): for one person, one
requirement of the profile and one period — hours counted, hours required, shortfall, hours
expected by a date at a steady pace, and a status with the reason and the clause. Here: who
is required, the rules for one person (``assess``) and for a whole agency at once
(``assess_all``), the periods, the report; the values of one period (``Period``, ``Counted``,
``Compliance`` and how its reason is worded) are in swdesk.domain.ce_hours.

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
- **Units** (民发〔2009〕123号): training is recorded in 学时; a requirement in clock hours (小时)
  counts each as ``minutes_per_study_hour`` / 60 hours where the profile sets a length of 学时.
- **Subject shares**: a least share of the hours *required* in a subject category (专业科目 ≥ 2/3
  of 90 is 60 hours of 专业科目), on top of the total; training of no category counts to the
  total only. Carried-over hours count to the total only.
- **Pace**: expected by a day = required x share of the period's days elapsed (that day included).
  ``met`` needs the total and every minimum; ``on_pace`` needs the total and every minimum at the
  expected share; else ``behind``. At the period's end, expected = required: met or behind.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from swdesk.domain.ce_hours import (
    Compliance,
    Counted,
    Judgement,
    Period,
    Status,
    _missing,
    _on_pace,
    _r,
    calendar_year,
    carry_over,
    count_hours,
    explain,
    judge,
    subject_needs,
)
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.profiles import CERequirement, Profile, Registration
from swdesk.domain.reasons import Reason
from swdesk.domain.registration import (
    RegistrationStatus,
    current_credential,
    registration_status,
)
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import N_, _

# What this module is read for, wherever it is defined (the values of one period live in
# swdesk.domain.ce_hours).
__all__ = [
    "CEReport",
    "Compliance",
    "Counted",
    "Judgement",
    "Period",
    "ReportRow",
    "Status",
    "assess",
    "assess_all",
    "calendar_year",
    "carry_over",
    "choose_requirement",
    "count_hours",
    "explain",
    "judge",
    "period_for",
    "period_years",
    "registration_period",
    "status_tally",
    "subject_needs",
    "who_is_required",
]


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
    if (
        requirement.certified_during_period == "next_period"
        and _held_level(credentials, period.start) is None
    ):
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
    subjects: Mapping[str, float] | None = None,
) -> Compliance:
    """The compliance of one person; ``raw`` are their hours by form that ended in ``period`` on
    or before ``as_of``, ``subjects`` the same by subject category, ``previous_raw`` those of
    the period before (for carry-over); all in 学时 as recorded."""
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
    counted = count_hours(raw, requirement, carried, subjects)
    needs = subject_needs(requirement, required)
    verdict = judge(required, counted, requirement.minimums, period.elapsed_share(as_of), needs)
    return Compliance(
        requirement.id, period, as_of, level, required, counted, verdict.shortfall,
        verdict.expected_by_now, verdict.status,
        None, requirement.clause, verdict.short_of_minimum, verdict.short_of_subject,
        requirement,
    )  # fmt: skip


def assess_all(
    requirement: CERequirement,
    as_of: dt.date,
    people: Iterable[
        tuple[
            Staff,
            Sequence[Credential],
            Period | None,
            Reason | None,
            Mapping[str, float],
            Mapping[str, float],
            Mapping[str, float],
        ]
    ],
) -> list[Compliance]:
    """``assess`` for many people at once, with what is the same for all of them worked out
    once: the requirement's factor, caps, minimums and clause, each period's share of days gone
    by, the hours each level requires. Each item is (staff, credentials, period,
    no_period_reason, raw, previous_raw, subjects) as ``assess`` takes them; the results are
    those of ``assess``, one per item, in order (tests/domain/test_ce_fast_path.py)."""
    factor = requirement.hours_per_study_hour
    caps = requirement.caps
    minimums = requirement.minimums
    clause = requirement.clause
    ref = clause.ref
    rid = requirement.id
    carry = requirement.carry_over_max > 0
    next_period = requirement.certified_during_period == "next_period"
    hours_for = {lv: requirement.hours_for(lv) for lv in Level}
    not_required = Status.NOT_REQUIRED
    met, on_pace, behind = Status.MET, Status.ON_PACE, Status.BEHIND
    shares: dict[Period, float] = {}
    needs_of: dict[float, dict[str, float]] = {}
    fsum = math.fsum
    out: list[Compliance] = []
    append = out.append

    for staff, credentials, period, no_period_reason, raw, previous_raw, subjects in people:
        if period is None:
            append(
                Compliance(
                    rid,
                    None,
                    as_of,
                    _held_level(credentials, as_of),
                    None,
                    _count(raw, factor, caps),
                    None,
                    None,
                    not_required,
                    no_period_reason,
                    clause,
                )  # fmt: skip
            )
            continue
        # who_is_required, inline
        reason = None
        required = None
        level = None
        if as_of < period.start:
            reason = Reason(N_("The period starts on {date}."), {"date": period.start}, ref)
        else:
            day = as_of if as_of < period.end else period.end
            for c in credentials:
                if c.obtained_on <= day and (level is None or c.level.rank > level.rank):
                    level = c.level
            if level is None:
                reason = Reason(N_("No certificate on {date}."), {"date": day}, ref)
            else:
                reason = _not_required(staff, credentials, period, day, next_period, ref)
                if reason is None:
                    required = hours_for[level]
                    if required is None:
                        reason = Reason(
                            N_("This requirement sets no hours for the {level} level."),
                            {"level": level},
                            ref,
                        )
        if required is None:
            append(
                Compliance(
                    rid,
                    period,
                    as_of,
                    level,
                    None,
                    _count(raw, factor, caps),
                    None,
                    None,
                    not_required,
                    reason,
                    clause,
                )  # fmt: skip
            )
            continue
        carried = carry_over(previous_raw or {}, requirement, required) if carry else 0.0
        counted = _count(raw, factor, caps, carried, subjects)
        needs = needs_of.get(required)
        if needs is None:
            needs = needs_of[required] = subject_needs(requirement, required)
        share = shares.get(period)
        if share is None:
            share = shares[period] = period.elapsed_share(as_of)
        # judge, inline
        by_form = counted.counted
        total = _r(fsum(by_form.values()) + counted.carried_over)  # Counted.total
        expected = round(required * share, 1)
        missing = _missing(minimums, by_form) if minimums else {}
        missing_subject = _missing(needs, counted.subjects) if needs else {}
        if missing or missing_subject:
            shortfall = _r(
                max(0.0, required - total, fsum(missing.values()), fsum(missing_subject.values()))
            )
        else:  # the same: fsum of nothing is 0.0, and max keeps the first of equals
            shortfall = round(max(0.0, required - total) + 0.0, 2)
        if total >= required and not missing and not missing_subject:
            status = met
        elif (
            total >= expected
            and (not minimums or _on_pace(minimums, by_form, share))
            and (not needs or _on_pace(needs, counted.subjects, share))
        ):
            status = on_pace
        else:
            status = behind
        append(
            Compliance(
                rid,
                period,
                as_of,
                level,
                required,
                counted,
                shortfall,
                expected,
                status,
                None,  # the reason is worded from these facts if someone reads it
                clause,
                missing,
                missing_subject,
                requirement,
            )  # fmt: skip
        )
    return out


def _count(
    raw: Mapping[str, float],
    factor: float,
    caps: Mapping[str, float],
    carried_over: float = 0.0,
    subjects: Mapping[str, float] | None = None,
) -> Counted:
    """``count_hours`` with the requirement's factor and caps already looked up. ``raw`` is
    kept, not copied: ``assess_all``'s callers hand over dicts made for it."""
    if type(raw) is not dict:
        raw = dict(raw)
    # round(x + 0.0, 2) is _r, written out: it runs for every form of every person.
    if caps:
        counted = {}
        for form, hours in raw.items():
            cap = caps.get(form)
            counted[form] = _r(min(hours * factor, cap) if cap is not None else hours * factor)
    else:
        counted = {form: round(hours * factor + 0.0, 2) for form, hours in raw.items()}
    if counted == raw:
        # No factor, cap or rounding changed anything (most people, under most profiles): one
        # dict for both. Two reports of 20,000 people kept 8 MB of copies at the dashboard's peak.
        counted = raw
    by_subject = {s: round(h * factor + 0.0, 2) for s, h in subjects.items()} if subjects else {}
    return Counted(raw, counted, round(carried_over + 0.0, 2), by_subject)


def _not_required(
    staff: Staff,
    credentials: Sequence[Credential],
    period: Period,
    day: dt.date,
    next_period: bool,
    ref: str,
) -> Reason | None:
    """The reasons of ``who_is_required`` after the level: certified during the period, not
    yet or no longer at the agency (None: required)."""
    if next_period and _held_level(credentials, period.start) is None:
        first = min(c.obtained_on for c in credentials if c.obtained_on <= day)
        return Reason(
            N_(
                "Certificate obtained on {date}, after the period began: the requirement "
                "starts with the next period."
            ),
            {"date": first},
            ref,
        )
    if staff.hire_date is not None and staff.hire_date > day:
        return Reason(N_("Not working at the agency until {date}."), {"date": staff.hire_date}, ref)
    if staff.leave_date is not None and staff.leave_date <= day:
        return Reason(N_("Left the agency on {date}."), {"date": staff.leave_date}, ref)
    return None


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
    status = None if credential is None else registration_status(credential, rules, as_of)
    return registration_period(requirement, status, as_of)


def registration_period(
    requirement: CERequirement, status: RegistrationStatus | None, as_of: dt.date
) -> tuple[Period | None, Reason | None]:
    """The period of a registration-period requirement from the registration ``status`` of the
    certificate that counts on ``as_of`` (None: no certificate): ``period_for`` when the
    statuses are already worked out for everyone."""
    ref = requirement.clause.ref
    if status is None:
        return None, Reason(N_("No certificate on {date}."), {"date": as_of}, ref)
    if status.valid_until is None:
        return None, Reason(
            N_(
                "The {level} certificate is not registered yet; its continuing-education period "
                "starts with the registration."
            ),
            {"level": status.credential.level},
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


@dataclass(frozen=True, slots=True)
class ReportRow:
    staff: Staff
    result: Compliance
    credentials: tuple[Credential, ...] = ()


@dataclass(frozen=True, slots=True)
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
