"""The professional-level award (专业水平提升奖励, FCG-2023 (十二)): what a person is owed, from when,
and why.

Pure rules over values: the person's service start and civil-servant status, the certificates
they hold and the award payments already made. Every number comes from the profile's
:class:`LevelAward`. The reading of "no double claiming" + "a later level pays the difference"
(``pay_difference``) gives the invariant the tests check: the total ever paid to a person equals
the amount of the highest level they hold once eligible, and never exceeds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from swdesk.domain.dates import period_end
from swdesk.domain.effective import effective_reason
from swdesk.domain.errors import RuleRefused
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Clause, LevelAward
from swdesk.domain.reasons import Number, Reason
from swdesk.i18n import N_, _, format_number
from swdesk.i18n.reasons import describe

LEVEL_AWARD = "level_award"  # the award code in award_payments and applications


def award_label(award: str) -> str:
    """An award code of the payments as it is shown (a commendation's code stays as it is)."""
    return _("Professional-level award") if award == LEVEL_AWARD else award


@dataclass(frozen=True)
class Payment:
    amount: int
    paid_on: dt.date
    level: Level | None = None


@dataclass(frozen=True)
class Tranche:
    """One award the rule grants: the certificate that opens it and what it adds to the total."""

    level: Level
    obtained_on: dt.date
    amount: int
    eligible_from: dt.date | None


@dataclass(frozen=True)
class LevelAwardResult:
    level: Level | None  # the highest level the award is for (None: no certificate)
    eligible: bool
    eligible_from: dt.date | None
    amount_due: int
    already_paid: int
    entitled: int  # what the rule grants as of the date, paid or not
    tranches: tuple[Tranche, ...]
    reasons: tuple[Reason, ...]
    clause: Clause
    award: str = LEVEL_AWARD

    def refusal(self) -> str:
        """The first condition that failed, worded for an error message."""
        failed = [r for r in self.reasons if not r.held]
        return describe(failed[0]) if failed else ""


def _cny(amount: int) -> str:
    return format_number(amount)


def service_complete_on(rule: LevelAward, social_work_since: dt.date | None) -> dt.date | None:
    """The day the required years of continuous social work in the city are complete, counted
    as the Civil Code counts (from 2022-03-01, 2 full years: on 2024-03-01)."""
    if social_work_since is None:
        return None
    return period_end(social_work_since, years=rule.service_years)


def award_tranches(
    rule: LevelAward,
    held: Iterable[tuple[Level, dt.date]],
    service_from: dt.date | None,
    *,
    earliest: dt.date | None = None,
    leave_date: dt.date | None = None,
) -> list[Tranche]:
    """The awards the certificates open, in the order they were obtained.

    Certificates of the cut-off year or earlier make one award, by the highest of them; each later
    certificate of a higher level makes another, worth the difference (or, without
    ``pay_difference``, its full amount). A lower or equal level obtained later opens nothing.
    A tranche may be claimed from the day the certificate and the years of service are both there
    and not before ``earliest`` (the hire date, the policy's effective date); one that could be
    claimed only on or after ``leave_date`` has no such day here.
    """
    certs = sorted(
        ((lv, day) for lv, day in held if lv in rule.amounts),
        key=lambda c: (c[1], c[0].rank),
    )
    early = [c for c in certs if c[1].year <= rule.cutoff_year]
    tranches: list[Tranche] = []
    best: Level | None = None

    def add(level: Level, obtained: dt.date) -> None:
        nonlocal best
        base = rule.amounts[best] if best is not None and rule.pay_difference else 0
        start = max(obtained, service_from, earliest or obtained) if service_from else None
        if start is not None and leave_date is not None and start >= leave_date:
            start = None
        tranches.append(Tranche(level, obtained, rule.amounts[level] - base, start))
        best = level

    if early:
        top = max(lv.rank for lv, _day in early)
        level, obtained = next(c for c in early if c[0].rank == top)
        add(level, obtained)
    for level, obtained in certs:
        if obtained.year > rule.cutoff_year and (best is None or level.rank > best.rank):
            add(level, obtained)
    return tranches


def evaluate_level_award(
    rule: LevelAward,
    *,
    civil_servant: bool,
    social_work_since: dt.date | None,
    held: Iterable[tuple[Level, dt.date]],
    payments: Iterable[Payment],
    as_of: dt.date,
    hire_date: dt.date | None = None,
    leave_date: dt.date | None = None,
    claimed_on: dt.date | None = None,
) -> LevelAwardResult:
    """What the level award owes one person on ``as_of``, with every condition explained.

    ``held`` is (level, date obtained) for each certificate; those obtained after ``as_of`` are
    not held yet. ``payments`` are the level-award payments to count as already made. The claim
    (dated ``claimed_on``, by default ``as_of``) is the agency's, as 所在单位: the person must be
    on its staff that day, and the policy in effect (``rule.effective_from``).
    """
    ref = rule.clause.ref
    claim_day = claimed_on or as_of
    reasons: list[Reason] = []
    held_now = [(lv, day) for lv, day in held if day <= as_of]
    paid = sum(p.amount for p in payments)
    service_from = service_complete_on(rule, social_work_since)
    earliest = max((d for d in (hire_date, rule.effective_from) if d), default=None)
    tranches = award_tranches(
        rule, held_now, service_from, earliest=earliest, leave_date=leave_date
    )

    if not tranches:
        reasons.append(
            Reason(N_("No certificate held on {date}."), {"date": as_of.isoformat()}, ref, False)
        )
    for t in tranches:
        reasons.append(_tranche_reason(rule, t))
    for lv in sorted({lv for lv, _day in held_now if lv not in rule.amounts}, key=lambda x: x.rank):
        reasons.append(
            Reason(N_("The policy sets no award for {level}."), {"level": lv}, ref, False)
        )

    if service_from is None:
        reasons.append(
            Reason(N_("The date social work in the city began is not recorded."), {}, ref, False)
        )
    else:
        reasons.append(
            Reason(
                N_(
                    "{years} full consecutive years of social work in the city since {since}: "
                    "complete on {date}."
                ),
                {
                    "years": rule.service_years,
                    "since": social_work_since.isoformat() if social_work_since else "",
                    "date": service_from.isoformat(),
                },
                ref,
                service_from <= as_of,
            )
        )
    staff = _staff_reason(ref, claim_day, hire_date, leave_date, tranches if service_from else None)
    reasons.append(staff)
    effective = effective_reason(rule.effective_from, claim_day, ref)
    reasons.append(effective)

    excluded = rule.exclude_civil_servants and civil_servant
    if rule.exclude_civil_servants:
        key = (
            N_("In-service civil servants on establishment are excluded.")
            if civil_servant
            else N_("Not an in-service civil servant on establishment.")
        )
        reasons.append(Reason(key, {}, ref, not civil_servant))

    eligible = bool(tranches) and not excluded and service_from is not None
    eligible = eligible and service_from <= as_of  # type: ignore[operator]
    eligible = eligible and staff.held and effective.held
    entitled = sum(t.amount for t in tranches) if eligible else 0
    amount_due = max(0, entitled - paid)
    top = tranches[-1] if tranches else None
    if eligible and top is not None:
        reasons.append(_paid_reason(ref, top.level, entitled, paid, amount_due))
    elif paid:
        reasons.append(Reason(N_("Already paid: {paid} CNY."), {"paid": Number(paid)}, ref, True))

    return LevelAwardResult(
        level=top.level if top else None,
        eligible=eligible,
        eligible_from=None if excluded or top is None else top.eligible_from,
        amount_due=amount_due,
        already_paid=paid,
        entitled=entitled,
        tranches=tuple(tranches),
        reasons=tuple(reasons),
        clause=rule.clause,
    )


AwardFacts = tuple[
    bool,  # civil servant
    "dt.date | None",  # social work in the city since
    "Sequence[tuple[Level, dt.date]]",  # certificates held: level, date obtained
    int,  # level-award payments already made, in CNY
    "dt.date | None",  # hire date
    "dt.date | None",  # leave date
]


def evaluate_level_awards(
    rule: LevelAward, people: Iterable[AwardFacts], as_of: dt.date
) -> list[LevelAwardResult]:
    """``evaluate_level_award`` on ``as_of`` (claimed that day) for many people at once: one
    result per item of ``people``, in order, equal to what it gives person by person
    (tests/domain/test_awards_fast_path.py). The facts each person's reasons are made of repeat
    across an agency (the policy's date, the claim day, a level and its amount, a service start
    shared by several): each reason is built once and shared, as the values are immutable."""
    ref = rule.clause.ref
    amounts = rule.amounts
    clause = rule.clause
    effective = effective_reason(rule.effective_from, as_of, ref)
    in_effect = effective.held
    earliest_policy = rule.effective_from
    no_certificate = Reason(
        N_("No certificate held on {date}."), {"date": as_of.isoformat()}, ref, False
    )
    unrecorded = Reason(
        N_("The date social work in the city began is not recorded."), {}, ref, False
    )
    civil: dict[bool, Reason] = {
        True: Reason(
            N_("In-service civil servants on establishment are excluded."), {}, ref, False
        ),
        False: Reason(N_("Not an in-service civil servant on establishment."), {}, ref, True),
    }
    exclude = rule.exclude_civil_servants
    every_level_paid = all(lv in amounts for lv in Level)
    nothing_outside: frozenset[Level] = frozenset()
    tranche_reasons: dict[Tranche, Reason] = {}
    service_reasons: dict[dt.date, tuple[dt.date, Reason]] = {}
    staff_reasons: dict[tuple[int, dt.date | None], Reason] = {}
    paid_reasons: dict[tuple[Level, int, int, int], Reason] = {}
    already: dict[int, Reason] = {}
    unawarded: dict[frozenset[Level], tuple[Reason, ...]] = {}
    out: list[LevelAwardResult] = []
    append = out.append

    for civil_servant, since, held, paid, hire_date, leave_date in people:
        held_now = [(lv, day) for lv, day in held if day <= as_of]
        if since is None:
            service_from = None
            service = unrecorded
        else:
            known = service_reasons.get(since)
            if known is None:
                done = service_complete_on(rule, since)
                known = service_reasons[since] = (done, _service_reason(rule, since, done, as_of))  # type: ignore[arg-type]
            service_from, service = known
        if hire_date is None:
            earliest = earliest_policy
        elif earliest_policy is None:
            earliest = hire_date
        else:
            earliest = hire_date if hire_date > earliest_policy else earliest_policy
        if len(held_now) == 1:
            # One certificate (most people): one award of its full amount, or none.
            level, obtained = held_now[0]
            if level in amounts:
                start = None
                if service_from:
                    start = max(obtained, service_from, earliest or obtained)
                    if leave_date is not None and start >= leave_date:
                        start = None
                tranches = [Tranche(level, obtained, amounts[level], start)]
            else:
                tranches = []
        elif held_now:
            tranches = award_tranches(
                rule, held_now, service_from, earliest=earliest, leave_date=leave_date
            )
        else:
            tranches = []
        reasons: list[Reason] = []
        if not tranches:
            reasons.append(no_certificate)
        for t in tranches:
            said = tranche_reasons.get(t)
            if said is None:
                said = tranche_reasons[t] = _tranche_reason(rule, t)
            reasons.append(said)
        outside = (
            nothing_outside
            if every_level_paid
            else frozenset(lv for lv, _d in held_now if lv not in amounts)
        )
        if outside:
            more = unawarded.get(outside)
            if more is None:
                more = unawarded[outside] = tuple(
                    Reason(N_("The policy sets no award for {level}."), {"level": lv}, ref, False)
                    for lv in sorted(outside, key=lambda x: x.rank)
                )
            reasons.extend(more)
        reasons.append(service)
        # _staff_reason, by which of its sentences applies and the date it names
        never_here = (
            leave_date is not None
            and service_from is not None
            and bool(tranches)
            and all(t.eligible_from is None for t in tranches)
        )
        if never_here:
            which = 0
        elif leave_date is not None and leave_date <= as_of:
            which = 1
        elif hire_date is not None and hire_date > as_of:
            which = 2
        else:
            which = 3
        named = leave_date or hire_date
        staff = staff_reasons.get((which, named))
        if staff is None:
            staff = staff_reasons[(which, named)] = _staff_reason(
                ref, as_of, hire_date, leave_date, tranches if service_from else None
            )
        reasons.append(staff)
        reasons.append(effective)
        excluded = exclude and civil_servant
        if exclude:
            reasons.append(civil[civil_servant])
        eligible = (
            bool(tranches)
            and not excluded
            and service_from is not None
            and service_from <= as_of
            and staff.held
            and in_effect
        )
        if not eligible:
            entitled = 0
        elif len(tranches) == 1:
            entitled = tranches[0].amount
        else:
            entitled = sum(t.amount for t in tranches)
        amount_due = max(0, entitled - paid)
        top = tranches[-1] if tranches else None
        if eligible and top is not None:
            key = (top.level, entitled, paid, amount_due)
            said = paid_reasons.get(key)
            if said is None:
                said = paid_reasons[key] = _paid_reason(ref, *key)
            reasons.append(said)
        elif paid:
            said = already.get(paid)
            if said is None:
                said = already[paid] = Reason(
                    N_("Already paid: {paid} CNY."), {"paid": Number(paid)}, ref, True
                )
            reasons.append(said)
        append(
            LevelAwardResult(
                top.level if top else None,
                eligible,
                None if excluded or top is None else top.eligible_from,
                amount_due,
                paid,
                entitled,
                tuple(tranches),
                tuple(reasons),
                clause,
            )
        )
    return out


def _service_reason(
    rule: LevelAward, since: dt.date, service_from: dt.date, as_of: dt.date
) -> Reason:
    return Reason(
        N_(
            "{years} full consecutive years of social work in the city since {since}: "
            "complete on {date}."
        ),
        {
            "years": rule.service_years,
            "since": since.isoformat(),
            "date": service_from.isoformat(),
        },
        rule.clause.ref,
        service_from <= as_of,
    )


def _staff_reason(
    ref: str,
    claim_day: dt.date,
    hire_date: dt.date | None,
    leave_date: dt.date | None,
    tranches: list[Tranche] | None,
) -> Reason:
    """Whether the agency, as the person's 所在单位, may claim for them on ``claim_day``
    (``tranches`` when the years of service are known)."""
    day = leave_date or hire_date
    days = {"claim": claim_day.isoformat(), "date": day.isoformat() if day else ""}
    never_here = leave_date is not None and bool(tranches)
    never_here = never_here and all(t.eligible_from is None for t in tranches or ())
    if never_here:
        return Reason(
            N_(
                "On the agency's staff until {date}, before the years of service and the "
                "certificate were both complete: the agency cannot claim the award for them."
            ),
            days,
            ref,
            False,
        )
    if leave_date is not None and leave_date <= claim_day:
        return Reason(
            N_(
                "Left the agency on {date}: the agency (所在单位) claims only for people on its "
                "staff on the day of the claim, {claim}."
            ),
            days,
            ref,
            False,
        )
    if hire_date is not None and hire_date > claim_day:
        return Reason(
            N_("Not on the agency's staff on the day of the claim, {claim}: joins on {date}."),
            days,
            ref,
            False,
        )
    return Reason(N_("On the staff on {claim}, the day of the claim."), days, ref)


def _tranche_reason(rule: LevelAward, t: Tranche) -> Reason:
    key = (
        N_(
            "{level} obtained on {date}: certificates of {year} or earlier are awarded once, "
            "by the highest level held ({amount} CNY)."
        )
        if t.obtained_on.year <= rule.cutoff_year
        else N_(
            "{level} obtained on {date}: certificates after {year} are awarded level by level "
            "({amount} CNY for this level)."
        )
    )
    params = {
        "level": t.level,
        "date": t.obtained_on.isoformat(),
        "year": rule.cutoff_year,
        "amount": Number(t.amount),
    }
    return Reason(key, params, rule.clause.ref, True)


def _paid_reason(ref: str, level: Level, entitled: int, paid: int, due: int) -> Reason:
    amounts = {"paid": Number(paid), "due": Number(due), "level": level}
    if paid == 0:
        return Reason(N_("Nothing paid yet: {due} CNY is due for {level}."), amounts, ref, True)
    if due > 0:
        return Reason(
            N_("Already paid {paid} CNY: the difference of {due} CNY is due for {level}."),
            amounts,
            ref,
            True,
        )
    return Reason(
        N_(
            "Already paid {paid} CNY, the full award for {level} ({entitled} CNY): "
            "it cannot be claimed twice."
        ),
        {**amounts, "entitled": Number(entitled)},
        ref,
        False,
    )


def check_claim(result: LevelAwardResult, amount: int) -> None:
    """Refuse a claim or payment of ``amount`` that the evaluation does not cover."""
    if not result.eligible:
        raise RuleRefused(
            result.refusal() or _("Not eligible for the professional-level award."),
            result.clause.ref,
        )
    if result.amount_due <= 0:
        raise RuleRefused(
            result.refusal() or _("Nothing is due: the award cannot be claimed twice."),
            result.clause.ref,
        )
    if amount <= 0 or amount > result.amount_due:
        raise RuleRefused(
            _(
                "{amount} CNY would exceed what is due ({due} CNY of {entitled} CNY, "
                "{paid} CNY already paid): the award cannot be claimed twice."
            ).format(
                amount=_cny(amount),
                due=_cny(result.amount_due),
                entitled=_cny(result.entitled),
                paid=_cny(result.already_paid),
            ),
            result.clause.ref,
        )


def payment_resting_on(
    rule: LevelAward, level: Level, payments: Iterable[Payment]
) -> Reason | None:
    """Why a certificate's level may not change, nor the certificate be voided: a live payment
    of the level award for that level rests on it (FCG-2023 (十二): what was paid stays paid
    until the payment itself is voided)."""
    for p in payments:
        if p.level is level:
            return Reason(
                N_(
                    "The professional-level award for {level} was paid on this certificate "
                    "({amount} CNY on {date}); void that payment first."
                ),
                {"level": level, "amount": Number(p.amount), "date": p.paid_on.isoformat()},
                rule.clause.ref,
                held=False,
            )
    return None
