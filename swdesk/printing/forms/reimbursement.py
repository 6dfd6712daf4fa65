"""The exam-cost reimbursement claim (考试费用报销单, FCG-2023 (十二)): registration fee, textbook
fee and round-trip travel, each and their total in figures and in Chinese capitals, as a finance
office requires, with the number of receipts attached and the signatures of the chain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from swdesk.domain import titles
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Clause
from swdesk.domain.staff import Staff
from swdesk.i18n import _
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import (
    Column,
    Field,
    SignatureBox,
    data_table,
    field_grid,
    signature_boxes,
)


@dataclass(frozen=True)
class ClaimItem:
    label: str  # e.g. 报名费
    amount: Decimal


@dataclass(frozen=True)
class ReimbursementClaim:
    number: str
    created_on: dt.date
    staff: Staff
    employer: str
    exam_year: int
    level: Level
    items: Sequence[ClaimItem]
    receipts: int  # receipts attached to the application
    clause: Clause | None

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal("0.00"))


def title() -> str:
    return titles.title("reimbursement")


def body(claim: ReimbursementClaim) -> list[object]:
    who = claim.staff.name
    fields = [
        Field(_("Claimant"), claim.staff.name),
        Field(_("Phone"), claim.staff.phone),
        Field(_("Identity number"), claim.staff.id_number, wide=True),
        Field(_("Employer"), claim.employer, wide=True),
        Field(_("Exam year"), str(claim.exam_year)),
        Field(_("Level sat"), claim.level.label()),
    ]
    items = data_table(
        [
            Column(_("Item"), 1.6),
            Column(_("Amount (figures)"), 1.3, "right"),
            Column(_("Amount in capitals"), 2.6),
        ],
        [
            [item.label, parts.money(item.amount), parts.capitals(item.amount)]
            for item in claim.items
        ],
        totals=[None, parts.money(claim.total), parts.capitals(claim.total)],
        numbered=True,
        record_column=0,
    )
    receipts = _("Receipts attached: {count}").format(count=claim.receipts)
    return [
        field_grid(fields, context=who),
        *parts.heading(_("Costs claimed")),
        items,
        parts.text(receipts, who),
        *parts.clause_note([claim.clause]),
        signature_boxes(
            [
                SignatureBox(_("Claimant (signature):")),
                SignatureBox(_("Head of unit (signature):")),
                SignatureBox(_("Finance check (signature):")),
                SignatureBox(_("Unit:"), seal=True),
            ]
        ),
    ]


def section(claim: ReimbursementClaim, key: str = "") -> Section:
    return Section(title(), body(claim), claim.created_on, claim.number, key=key)


def render(
    agency: AgencyHeader, claim: ReimbursementClaim, output: str | Path | None = None
) -> bytes:
    return write_document(agency, [section(claim)], output=output)
