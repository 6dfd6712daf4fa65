"""Interns of an employment-practice base (就业见习基地, FCG-2023 (十六)): who may be taken on,
and what the human-resources bureau pays for them (见习补贴, 人身意外伤害补贴 or 工伤保险补贴).

The document names no amounts: the profile's ``[interns] per_month`` sets them (the shipped
profile leaves them empty for the agency to set); an amount not set prints blank, to be filled
in by hand, and the claim list says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from swdesk.domain.dates import period_end
from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.domain.profiles import InternRule
from swdesk.domain.reasons import Reason
from swdesk.i18n import N_, _

PRACTICE = "practice"  # 就业见习补贴
ACCIDENT = "accident_insurance"  # 人身意外伤害补贴
WORK_INJURY = "work_injury_insurance"  # 工伤保险补贴 (经批准参加的)
SUBSIDIES = (PRACTICE, ACCIDENT, WORK_INJURY)
SUBSIDY_LABELS = {
    PRACTICE: N_("Practice subsidy"),
    ACCIDENT: N_("Accident insurance subsidy"),
    WORK_INJURY: N_("Work-injury insurance subsidy"),
}
MAX_MONTHS = 36  # a sanity bound on one practice; the document sets none


@dataclass(frozen=True)
class Intern:
    id: int | None
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    school: str
    graduated_on: dt.date
    started_on: dt.date
    months: int
    work_injury_insurance: bool = False  # joined work-injury insurance with approval
    phone: str = ""
    note: str = ""

    @property
    def ends_on(self) -> dt.date:
        """The last day of the practice, counted as the Civil Code counts months."""
        return period_end(self.started_on, months=self.months)


def graduation_year_start(graduated_on: dt.date) -> dt.date:
    """The first day of the school year of graduation (毕业学年): 1 September before it."""
    year = graduated_on.year if graduated_on.month >= 9 else graduated_on.year - 1
    return dt.date(year, 9, 1)


def check_intern(
    rule: InternRule, graduated_on: dt.date, started_on: dt.date, months: int
) -> Reason:
    """Why the practice qualifies, or RuleRefused: a student in the school year of graduation,
    or a graduate within ``years_after_graduation`` years of graduating, on the start day."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError(
            _("The months of practice must be a whole number from 1 to {most}.").format(
                most=MAX_MONTHS
            ),
            "months",
        )
    first = graduation_year_start(graduated_on)
    last = period_end(graduated_on, years=rule.years_after_graduation)
    if started_on < first:
        raise RuleRefused(
            _(
                "The practice starts on {start}, before the school year of graduation "
                "(from {first}): only students in their graduation year and graduates may be "
                "taken on."
            ).format(start=started_on.isoformat(), first=first.isoformat()),
            rule.clause.ref,
        )
    if started_on > last:
        raise RuleRefused(
            _(
                "The practice starts on {start}, more than {years} years after graduating on "
                "{graduated} (the last day is {last})."
            ).format(
                start=started_on.isoformat(),
                years=rule.years_after_graduation,
                graduated=graduated_on.isoformat(),
                last=last.isoformat(),
            ),
            rule.clause.ref,
        )
    if started_on <= graduated_on:
        key = N_("A student in the school year of graduation (graduating on {graduated}).")
    else:
        key = N_("Graduated on {graduated}: within {years} years on {start} (until {last}).")
    params = {
        "graduated": graduated_on,
        "years": rule.years_after_graduation,
        "start": started_on,
        "last": last,
    }
    return Reason(key, params, rule.clause.ref)


@dataclass(frozen=True)
class ClaimLine:
    intern: Intern
    amounts: Mapping[str, Decimal | None]  # subsidy -> months × per month; None: no rate set

    @property
    def total(self) -> Decimal | None:
        values = [a for a in self.amounts.values() if a is not None]
        return sum(values, Decimal(0)) if values else None


def subsidies_of(intern: Intern) -> tuple[str, str]:
    """The practice subsidy, and either the accident insurance subsidy or, for an intern who
    joined work-injury insurance with approval, that insurance's subsidy (FCG-2023 (十六):
    人身意外伤害补贴或经批准参加的工伤保险补贴 — one or the other)."""
    return (PRACTICE, WORK_INJURY if intern.work_injury_insurance else ACCIDENT)


def claim_lines(rule: InternRule, interns: Sequence[Intern]) -> list[ClaimLine]:
    out = []
    for intern in interns:
        amounts: dict[str, Decimal | None] = dict.fromkeys(SUBSIDIES)
        for code in subsidies_of(intern):
            rate = rule.per_month.get(code)
            amounts[code] = None if rate is None else rate * intern.months
        out.append(ClaimLine(intern, amounts))
    return out


def unset_rates(rule: InternRule, lines: Sequence[ClaimLine]) -> list[str]:
    """The subsidies the claim needs that the profile sets no amount for."""
    wanted = {code for line in lines for code in subsidies_of(line.intern)}
    return [code for code in SUBSIDIES if code in wanted and code not in rule.per_month]


@dataclass(frozen=True)
class InternClaim:
    """The claim list of the interns whose practice started from ``start`` to ``end``."""

    start: dt.date
    end: dt.date
    recognised_by: str
    lines: Sequence[ClaimLine]
    notes: Sequence[Reason]  # the subsidies without an amount a month
    clause: str
