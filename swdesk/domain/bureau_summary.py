"""The bureau's tables of a period (汇总), as values: per agency and in total, the people and the
certificate holders by level, continuing-education compliance, the claims by kind and level
with the amounts approved, the budget line (奖励资金) and the units that have not submitted.

Totals count every person once, however many agencies list them (a person who moved is one
person); claims add up, each being one agency's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind
from swdesk.domain.levels import Level
from swdesk.domain.submission import Unit

ZERO = Decimal("0.00")
# What the bureau's budget carries (FCG-2023 (十二) 由各级财政列入预算; (十七) 由市民政部门给予): the
# level award and the agency subsidies. Exam costs are reimbursed by the person's own unit.
BUDGET_KINDS = (Kind.LEVEL_AWARD, Kind.AGENCY_SUBSIDY)


@dataclass(frozen=True)
class ClaimTotals:
    count: int = 0
    asked: Decimal = ZERO
    approved: Decimal = ZERO  # approved or paid, and not refused by a bureau
    paid: Decimal = ZERO
    not_approved: int = 0  # rejected by the agency's record or by a bureau's decision
    standing: Decimal = ZERO  # asked by the claims not refused: what the budget must hold

    def __add__(self, other: ClaimTotals) -> ClaimTotals:
        return ClaimTotals(
            self.count + other.count,
            self.asked + other.asked,
            self.approved + other.approved,
            self.paid + other.paid,
            self.not_approved + other.not_approved,
            self.standing + other.standing,
        )


ClaimKey = tuple[Kind, Level | None]


def add_claims(into: dict[ClaimKey, ClaimTotals], more: Mapping[ClaimKey, ClaimTotals]) -> None:
    for key, value in more.items():
        into[key] = into.get(key, ClaimTotals()) + value


def sum_claims(claims: Mapping[ClaimKey, ClaimTotals]) -> ClaimTotals:
    total = ClaimTotals()
    for value in claims.values():
        total = total + value
    return total


@dataclass(frozen=True)
class Totals:
    """One agency's line of the tables, or the line of them all."""

    name: str
    credit_code: str
    people: int
    holders: Mapping[Level, int]
    ce: Mapping[ce.Status, int]
    claims: Mapping[ClaimKey, ClaimTotals]
    created_at: str = ""  # of the agency's submission that counts
    via: str = ""  # the bureau it came through, if not directly

    @property
    def holders_total(self) -> int:
        return sum(self.holders.values())

    @property
    def ce_required(self) -> int:
        return sum(n for status, n in self.ce.items() if status is not ce.Status.NOT_REQUIRED)

    @property
    def ce_rate(self) -> float | None:
        """The share of those required who have met the requirement."""
        required = self.ce_required
        return self.ce.get(ce.Status.MET, 0) / required if required else None

    @property
    def claims_total(self) -> ClaimTotals:
        return sum_claims(self.claims)


@dataclass(frozen=True)
class BudgetLine:
    kind: Kind
    totals: ClaimTotals


@dataclass(frozen=True)
class Missing:
    name: str
    credit_code: str
    state: str  # in words: not yet submitted, overdue
    due_on: dt.date | None


@dataclass(frozen=True)
class BureauSummary:
    bureau: Unit
    period: int
    as_of: dt.date
    made_on: dt.date
    agencies: tuple[Totals, ...]
    total: Totals
    missing: tuple[Missing, ...] = ()
    units_expected: int = 0
    due_on: dt.date | None = None
    budget: tuple[BudgetLine, ...] = field(default_factory=tuple)

    @property
    def budget_total(self) -> ClaimTotals:
        total = ClaimTotals()
        for line in self.budget:
            total = total + line.totals
        return total


def budget_lines(claims: Mapping[ClaimKey, ClaimTotals]) -> tuple[BudgetLine, ...]:
    out = []
    for kind in BUDGET_KINDS:
        totals = ClaimTotals()
        for (k, _level), value in claims.items():
            if k is kind:
                totals = totals + value
        out.append(BudgetLine(kind, totals))
    return tuple(out)
