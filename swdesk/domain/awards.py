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
    return _evaluate(
        rule, civil_servant, social_work_since, held, sum(p.amount for p in payments), as_of,
        hire_date, leave_date, claimed_on,
    )  # fmt: skip


def _evaluate(
    rule: LevelAward,
    civil_servant: bool,
    social_work_since: dt.date | None,
    held: Iterable[tuple[Level, dt.date]],
    paid: int,
    as_of: dt.date,
    hire_date: dt.date | None,
    leave_date: dt.date | None,
    claimed_on: dt.date | None = None,
) -> LevelAwardResult:
    ref = rule.clause.ref
    claim_day = claimed_on or as_of
    reasons: list[Reason] = []
    held_now = [(lv, day) for lv, day in held if day <= as_of]
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
            _service_reason(rule, social_work_since, service_from, as_of)  # type: ignore[arg-type]
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

# What the award decides for one person, without the words: the level it is for, whether it is
# owed now, from when it may be claimed, the CNY still due and the CNY the rule grants.
Decision = tuple["Level | None", bool, "dt.date | None", int, int]


def decide_level_awards(
    rule: LevelAward, people: Iterable[AwardFacts], as_of: dt.date
) -> list[Decision]:
    """The decision of ``evaluate_level_award`` on ``as_of`` (claimed that day) for many people
    at once, one per item of ``people`` in order: its level, eligible, eligible_from, amount_due
    and entitled, and no reason (``explain_level_award`` words them for the people shown).

    Over a whole agency the rule is mostly one certificate, one date compared with another: no
    tranche nor reason is made, a service start shared by several people is counted once, and
    a person without a certificate the policy pays for shares one decision with all the others.
    tests/domain/test_award_decisions.py checks it against the one-person rule on the rule's
    edge days, tests/domain/test_rules_fast_paths.py through ``evaluate_level_awards``."""
    amounts = rule.amounts
    rank = {lv: lv.rank for lv in Level}
    cutoff = rule.cutoff_year
    pay_difference = rule.pay_difference
    exclude = rule.exclude_civil_servants
    policy_from = rule.effective_from
    in_effect = policy_from is None or as_of >= policy_from
    service: dict[dt.date, dt.date] = {}
    nothing: Decision = (None, False, None, 0, 0)
    out: list[Decision] = []
    append = out.append

    for civil_servant, since, held, paid, hire_date, leave_date in people:
        if not held:
            append(nothing)
            continue
        if len(held) == 1:
            level, top_day = held[0]
            if top_day > as_of or level not in amounts:
                append(nothing)
                continue
            entitled = amounts[level]
        else:
            # award_tranches without its tranches: the last award's level and date, and what
            # the awards add up to (paying the difference, the last one's amount).
            level = top_day = None  # type: ignore[assignment]
            later = []
            for lv, day in held:
                if day > as_of or lv not in amounts:
                    continue
                if day.year > cutoff:
                    later.append((day, rank[lv], lv))
                elif level is None or rank[lv] > rank[level] or (lv is level and day < top_day):
                    level, top_day = lv, day
            if level is None and not later:
                append(nothing)
                continue
            entitled = amounts[level] if level is not None else 0
            if later:
                later.sort()
                for day, r, lv in later:
                    if level is None or r > rank[level]:
                        entitled = amounts[lv] if pay_difference else entitled + amounts[lv]
                        level, top_day = lv, day
        if since is None:
            append((level, False, None, 0, 0))
            continue
        service_from = service.get(since)
        if service_from is None:
            service_from = service[since] = service_complete_on(rule, since)  # type: ignore[assignment]
        if hire_date is None:
            earliest = policy_from
        elif policy_from is None or hire_date > policy_from:
            earliest = hire_date
        else:
            earliest = policy_from
        later_of = service_from if earliest is None or service_from > earliest else earliest
        start = top_day if top_day > later_of else later_of
        if leave_date is not None and start >= leave_date:
            start = None
        # _staff_reason's first refusal (on the staff only before any award could be claimed)
        # cannot apply to someone on the staff today with the years and a certificate by today.
        on_staff = (leave_date is None or leave_date > as_of) and (
            hire_date is None or hire_date <= as_of
        )
        if exclude and civil_servant:
            append((level, False, None, 0, 0))
        elif on_staff and in_effect and service_from <= as_of:
            append((level, True, start, entitled - paid if entitled > paid else 0, entitled))
        else:
            append((level, False, start, 0, 0))
    return out


def explain_level_award(rule: LevelAward, facts: AwardFacts, as_of: dt.date) -> tuple[Reason, ...]:
    """Every condition of one person's award on ``as_of``, as ``evaluate_level_award`` words it
    (``facts`` as ``decide_level_awards`` takes them)."""
    civil_servant, since, held, paid, hire_date, leave_date = facts
    return _evaluate(rule, civil_servant, since, held, paid, as_of, hire_date, leave_date).reasons


def evaluate_level_awards(
    rule: LevelAward, people: Iterable[AwardFacts], as_of: dt.date
) -> list[LevelAwardResult]:
    """``evaluate_level_award`` on ``as_of`` (claimed that day) for many people at once, one
    result per item of ``people``, in order: the decision of ``decide_level_awards`` with the
    tranches and reasons of the one-person rule (tests/domain/test_rules_fast_paths.py checks
    that it is what the rule gives person by person)."""
    facts = list(people)
    out = []
    for (cs, since, held, paid, hire, leave), decision in zip(
        facts, decide_level_awards(rule, facts, as_of), strict=True
    ):
        said = _evaluate(rule, cs, since, held, paid, as_of, hire, leave)
        level, eligible, eligible_from, amount_due, entitled = decision
        out.append(
            LevelAwardResult(
                level,
                eligible,
                eligible_from,
                amount_due,
                paid,
                entitled,
                said.tranches,
                said.reasons,
                rule.clause,
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
