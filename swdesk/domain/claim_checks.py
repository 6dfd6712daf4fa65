"""The bureau's checks of claims across agencies (FCG-2023 (十二): 一次性补助或奖励不可重复申领;
上述奖励不含在职在编公务员): the same one-time claim made by two agencies, a level claimed after
another agency paid it, amounts other than the profile's, and claims for civil servants."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from swdesk.domain import idnumber
from swdesk.domain.applications import Kind
from swdesk.domain.findings import (
    AMOUNT,
    CIVIL_SERVANT,
    DOUBLE_CLAIM,
    ONCE,
    PAID_BEFORE,
    Finding,
    SeenClaim,
    SeenPayment,
    agencies_of,
    agency_names,
    award_clause,
)
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Profile
from swdesk.domain.reasons import Number, Reason, recorded
from swdesk.i18n import N_


def _claim_words(c: SeenClaim) -> Reason:
    if c.kind is Kind.LEVEL_AWARD and c.level is not None:
        return Reason(N_("the {level} award"), {"level": c.level})
    if c.kind is Kind.EXAM_REIMBURSEMENT:
        return Reason(N_("the costs of exam {exam}"), {"exam": c.claim_key})
    return recorded(c.award)


def double_claims(claims: Sequence[SeenClaim], profile: Profile) -> list[Finding]:
    """A person's one-time claim (the award of a level, the costs of an exam) made live by two
    or more agencies, in any periods."""
    groups: dict[tuple[str, str, str, str], list[SeenClaim]] = defaultdict(list)
    for c in claims:
        if c.live and c.kind in ONCE and c.id_number:
            groups[(c.id_number, c.kind.value, c.award, c.claim_key)].append(c)
    out = []
    for (number, kind, award, key), group in groups.items():
        agencies = agencies_of(group)
        if len(agencies) < 2:
            continue
        first = group[0]
        clause = award_clause(profile)
        out.append(
            Finding(
                f"{DOUBLE_CLAIM}:{number}:{kind}:{award}:{key}",
                DOUBLE_CLAIM,
                max(c.period for c in group),
                agencies,
                ((number, first.name),),
                tuple(c.ref for c in group),
                clause,
                Reason(
                    N_(
                        "{name} ({id}) is claimed {claim} by {n} agencies: {agencies}. A "
                        "one-time award or reimbursement may not be claimed twice."
                    ),
                    {
                        "name": first.name,
                        "id": idnumber.mask(number),
                        "claim": _claim_words(first),
                        "n": len(agencies),
                        "agencies": agency_names(agencies),
                    },
                    clause,
                    held=False,
                ),
            )
        )
    return out


def _paid_levels(
    payments: Iterable[SeenPayment], before: dt.date | None
) -> dict[Level, SeenPayment]:
    """The largest payment of each level paid on or before ``before`` (any day when None)."""
    found: dict[Level, SeenPayment] = {}
    for p in payments:
        if p.level is None or (before is not None and p.paid_on > before):
            continue
        if p.level not in found or p.amount > found[p.level].amount:
            found[p.level] = p
    return found


def paid_before(
    claims: Sequence[SeenClaim], payments: Sequence[SeenPayment], profile: Profile
) -> list[Finding]:
    """A live level-award claim for a level (or a lower one) another agency has already paid."""
    by_person: dict[str, list[SeenPayment]] = defaultdict(list)
    for p in payments:
        by_person[p.id_number].append(p)
    clause = award_clause(profile)
    out = []
    for c in claims:
        if not (c.live and c.kind is Kind.LEVEL_AWARD and c.level and c.id_number):
            continue
        others = [p for p in by_person.get(c.id_number, ()) if p.agency.code != c.agency.code]
        earlier = _paid_levels(others, c.submitted_on)
        paid = [p for level, p in earlier.items() if level.rank >= c.level.rank]
        if not paid:
            continue
        p = max(paid, key=lambda x: x.paid_on)
        out.append(
            Finding(
                f"{PAID_BEFORE}:{c.id_number}:{c.agency.code}:{c.number}",
                PAID_BEFORE,
                c.period,
                (c.agency, p.agency),
                ((c.id_number, c.name),),
                (c.ref,),
                clause,
                Reason(
                    N_(
                        "{agency} claims {claim} for {name} ({id}), but {other} paid the "
                        "{paid_level} award on {date}."
                    ),
                    {
                        "agency": c.agency.name,
                        "claim": _claim_words(c),
                        "name": c.name,
                        "id": idnumber.mask(c.id_number),
                        "other": p.agency.name,
                        "paid_level": p.level,  # type: ignore[dict-item]
                        "date": p.paid_on,
                    },
                    clause,
                    held=False,
                ),
            )
        )
    return out


def amounts(
    claims: Sequence[SeenClaim], payments: Sequence[SeenPayment], profile: Profile
) -> list[Finding]:
    """Claims whose amount is not what the profile gives: the level's award less what was paid
    before (with the difference rule), or the subsidy of the honour."""
    rule = profile.level_award
    subsidies = {s.code: s for s in profile.agency_subsidies}
    by_person: dict[str, list[SeenPayment]] = defaultdict(list)
    for p in payments:
        by_person[p.id_number].append(p)
    out = []
    for c in claims:
        if not c.live:
            continue
        expected: Decimal | None = None
        clause = profile.document
        if c.kind is Kind.LEVEL_AWARD and rule and c.level in rule.amounts:
            clause = rule.clause.ref
            # Paid before, at other levels: this claim's own payment is of its level.
            before = _paid_levels(by_person.get(c.id_number, ()), c.submitted_on)
            already = sum(p.amount for level, p in before.items() if level is not c.level)
            full = rule.amounts[c.level]  # type: ignore[index]
            due = full - already if rule.pay_difference else full
            if due <= 0:
                continue  # nothing is due: paid_before says why
            expected = Decimal(due)
        elif c.kind is Kind.AGENCY_SUBSIDY and c.award in subsidies:
            clause = subsidies[c.award].clause.ref
            expected = Decimal(subsidies[c.award].amount)
        if expected is None or c.amount == expected:
            continue
        out.append(
            Finding(
                f"{AMOUNT}:{c.agency.code}:{c.period}:{c.number}",
                AMOUNT,
                c.period,
                (c.agency,),
                ((c.id_number, c.name),) if c.id_number else (),
                (c.ref,),
                clause,
                Reason(
                    N_(
                        "{agency} claims {amount} CNY on {number} ({name}); the policy gives "
                        "{expected} CNY."
                    ),
                    {
                        "agency": c.agency.name,
                        "amount": Number(c.amount),
                        "number": c.number,
                        "name": c.name,
                        "expected": Number(expected),
                    },
                    clause,
                    held=False,
                ),
            )
        )
    return out


def civil_servant_claims(claims: Sequence[SeenClaim], profile: Profile) -> list[Finding]:
    rule = profile.level_award
    if rule is None or not rule.exclude_civil_servants:
        return []
    return [
        Finding(
            f"{CIVIL_SERVANT}:{c.agency.code}:{c.period}:{c.number}",
            CIVIL_SERVANT,
            c.period,
            (c.agency,),
            ((c.id_number, c.name),),
            (c.ref,),
            rule.clause.ref,
            Reason(
                N_(
                    "{agency} claims the professional-level award for {name} ({id}), a civil "
                    "servant on the establishment: the award excludes civil servants."
                ),
                {"agency": c.agency.name, "name": c.name, "id": idnumber.mask(c.id_number)},
                rule.clause.ref,
                held=False,
            ),
        )
        for c in claims
        if c.live and c.kind is Kind.LEVEL_AWARD and c.civil_servant
    ]
