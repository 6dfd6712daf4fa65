"""The other claims that share the application life: exam reimbursement (FCG-2023 (十二)), the
agency's one-time subsidies (FCG-2023 (十七)) and commendation nominations (FCG-2023 (十三),
BJ-2017 四(三)). What each may claim comes from the profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from swdesk.domain.applications import parse_money
from swdesk.domain.effective import effective_reason
from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.profiles import AgencySubsidy, Commendation, Profile, Reimbursement
from swdesk.domain.reasons import Reason
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _, current_language
from swdesk.i18n.reasons import describe as describe_reason

_ITEM_LABELS = {
    "registration_fee": N_("Registration fee"),
    "textbook_fee": N_("Textbook fee"),
    "travel": N_("Round-trip travel"),
    # 往返差旅费 as travel on official business (FCG-2023 (十二) 享受出差待遇): its components.
    "intercity_transport": N_("Inter-city transport"),
    "accommodation": N_("Accommodation"),
    "meal_allowance": N_("Meal allowance"),
    "local_transport": N_("Local transport"),
}


def item_label(code: str, rule: Reimbursement | None = None) -> str:
    """A reimbursable item's name: as the profile names it, else the program's own label, else
    its code; a component is named with the cost it belongs to (住宿费（往返差旅费）)."""
    item = rule.item(code) if rule else None
    if item is not None and item.name:
        name = item.name if current_language().startswith("zh") else item.name_en or item.name
    else:
        name = _(_ITEM_LABELS[code]) if code in _ITEM_LABELS else code
    if item is not None and item.part_of:
        return _("{item} ({part_of})").format(item=name, part_of=item_label(item.part_of, rule))
    return name


def missing_receipts(
    rule: Reimbursement | None, items: Mapping[str, object], attached: Iterable[str]
) -> list[str]:
    """The codes of the items with an amount whose own receipt (attachment kind
    ``receipt:CODE``) is not attached, of those the profile wants a receipt for."""
    kinds = set(attached)
    out = []
    for code, amount in items.items():
        item = rule.item(code) if rule else None
        wanted = item is not None and item.receipt and Decimal(str(amount or 0)) > 0
        if wanted and f"{RECEIPT}:{code}" not in kinds:
            out.append(code)
    return out


RECEIPT = "receipt"  # the attachment kind of a receipt; receipt:CODE for one item's


@dataclass(frozen=True)
class ExamClaim:
    exam_year: int
    level: Level
    items: dict[str, Decimal]  # item code -> amount, in the profile's order
    clause: str
    effective: Reason  # whether the claim's date is in the policy's time, and why

    @property
    def total(self) -> Decimal:
        return sum(self.items.values(), Decimal("0.00"))


def check_exam_claim(
    profile: Profile,
    *,
    exam_year: int,
    level: Level,
    items: Mapping[str, object],
    today: dt.date,
) -> ExamClaim:
    """A checked exam-cost claim, or the reason it cannot be made."""
    rule = profile.reimbursement
    if rule is None:
        raise RuleRefused(
            _("The policy {document} does not reimburse exam costs.").format(
                document=profile.document
            ),
            profile.document,
        )
    effective = effective_reason(rule.effective_from, today, rule.clause.ref)
    if not effective.held:
        raise RuleRefused(describe_reason(effective), rule.clause.ref)
    if exam_year < rule.first_exam_year:
        raise RuleRefused(
            _("Exam costs are reimbursed from the {first} exam on; {year} is earlier.").format(
                first=rule.first_exam_year, year=exam_year
            ),
            rule.clause.ref,
        )
    if exam_year > today.year:
        raise ValidationError(
            _("The exam year {year} is in the future.").format(year=exam_year), "exam_year"
        )
    unknown = [code for code in items if code not in rule.codes]
    if unknown:
        raise ValidationError(
            _("{item} is not reimbursed under {clause}; the items are: {items}.").format(
                item=unknown[0],
                clause=rule.clause.ref,
                items=", ".join(f"{c} ({item_label(c, rule)})" for c in rule.codes),
            ),
            unknown[0],
        )
    amounts = {
        code: parse_money(items[code], code, profile.limits)
        if items.get(code) not in (None, "")
        else Decimal(0)
        for code in rule.codes
    }
    claim = ExamClaim(
        exam_year,
        level,
        {c: a.quantize(Decimal("0.01")) for c, a in amounts.items()},
        rule.clause.ref,
        effective,
    )
    if claim.total <= 0:
        raise ValidationError(_("The claim has no amount: give at least one item."), "items")
    return claim


def find_subsidy(profile: Profile, code: str) -> AgencySubsidy:
    for subsidy in profile.agency_subsidies:
        if subsidy.code == code:
            return subsidy
    known = ", ".join(f"{s.code} ({s.name})" for s in profile.agency_subsidies)
    raise ValidationError(
        _("Unknown honour {code}. Honours of this policy: {known}.").format(
            code=code, known=known or _("none")
        ),
        "honour",
    )


def find_commendation(profile: Profile, code: str) -> Commendation:
    for commendation in profile.commendations:
        if commendation.code == code:
            return commendation
    known = ", ".join(f"{c.code} ({c.name})" for c in profile.commendations)
    raise ValidationError(
        _("Unknown commendation {code}. Commendations of this policy: {known}.").format(
            code=code, known=known or _("none")
        ),
        "commendation",
    )


def label(item: AgencySubsidy | Commendation) -> str:
    return item.name if current_language().startswith("zh") else item.name_en


def check_nomination_reasons(reasons: str) -> str:
    text = clean_text(reasons or "", "reasons", _("The reasons"), multiline=True).strip()
    if not text:
        raise ValidationError(
            _("Write the reasons for the nomination (achievements, the case, references)."),
            "reasons",
        )
    return text


def describe(
    profile: Profile, kind: str, award: str, details: Mapping[str, object]
) -> tuple[str, str]:
    """What an application claims, in words, and the clause it rests on."""
    if kind == "level_award":
        rule = profile.level_award
        return _("Professional-level award"), rule.clause.ref if rule else profile.document
    if kind == "exam_reimbursement":
        rule = profile.reimbursement
        text = _("Exam reimbursement {year}").format(year=details.get("exam_year", ""))
        return text, str(details.get("clause") or (rule.clause.ref if rule else profile.document))
    found: AgencySubsidy | Commendation | None = next(
        (
            x
            for x in (*profile.agency_subsidies, *profile.commendations)
            if x.code == award and (kind == "agency_subsidy") == isinstance(x, AgencySubsidy)
        ),
        None,
    )
    if found is None:
        # Recorded under another policy: keep the code and the clause it cited then.
        return award, str(details.get("clause") or profile.document)
    return label(found), found.clause.ref
