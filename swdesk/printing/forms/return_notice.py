"""The bureau's notice to an agency of the claims it did not approve (不予批准通知), printed into
the return file beside the data: the bureau heads the page, the agency is addressed, each claim
is listed with the person (the identity number whole: it is an official notice), the amount,
the reason and the clause, and the bureau seals it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import titles
from swdesk.i18n import _
from swdesk.printing.blocks import Section
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader
from swdesk.printing.output import write_document
from swdesk.printing.styles import LANDSCAPE_CONTENT_WIDTH as WIDTH
from swdesk.printing.tables import Column, SignatureBox, data_table, signature_boxes


@dataclass(frozen=True)
class ReturnedClaim:
    number: str
    person: str
    id_number: str
    claim: str  # in words
    amount: Decimal
    reason: str
    clause: str
    decided_on: dt.date


@dataclass(frozen=True)
class ReturnNotice:
    agency_name: str
    agency_code: str
    period: int
    made_on: dt.date
    claims: Sequence[ReturnedClaim]


def title() -> str:
    return titles.title("return_notice")


def body(notice: ReturnNotice) -> list[object]:
    intro = _(
        "To {agency} (unified social credit code {code}): of the claims you submitted for "
        "{period}, the following are not approved, for the reasons given. Record the decision "
        "by importing the return file that carries this notice."
    ).format(agency=notice.agency_name, code=notice.agency_code, period=notice.period)
    table = data_table(
        [
            Column(_("Application no."), 25, "centre"),
            Column(_("Applicant"), 20),
            Column(_("Identity number"), 43, "centre"),
            Column(_("Claim"), 36),
            Column(_("Amount asked (CNY)"), 22, "right"),
            Column(_("Reason"), 50),
            Column(_("Clause"), 26, "centre"),
            Column(_("Decided on"), 28, "centre"),
        ],
        [
            [c.number, c.person, c.id_number, c.claim, c.amount, c.reason, c.clause, c.decided_on]
            for c in notice.claims
        ],
        numbered=True,
        record_column=1,
        width=WIDTH,
    )
    return [
        parts.text(intro),
        table,
        signature_boxes(
            [SignatureBox(_("Handled by:")), SignatureBox(_("Civil-affairs bureau:"), seal=True)],
            width=WIDTH,
            room=24 * mm,  # a landscape page has little height to spare
        ),
    ]


def render(bureau: AgencyHeader, notice: ReturnNotice, output: str | Path | None = None) -> bytes:
    section = Section(title(), body(notice), printed_on=notice.made_on)
    return write_document(bureau, [section], landscape=True, output=output)
