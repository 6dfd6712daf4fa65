"""The agency's one-time subsidy application (一次性补助申请表, FCG-2023 (十七)): the agency, the
honour or recognition that gives the subsidy, the amount in figures and capitals, the account to
pay it into (written by hand), and the seals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from swdesk.domain import titles
from swdesk.domain.profiles import Clause
from swdesk.i18n import _
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import Field, SignatureBox, field_grid, signature_boxes


@dataclass(frozen=True)
class SubsidyApplication:
    number: str
    created_on: dt.date
    agency_name: str
    credit_code: str
    address: str
    contact: str
    phone: str
    honour: str  # its name in the current language
    conferred_on: dt.date | None
    document: str  # the document that conferred it (文号)
    amount: Decimal
    clause: Clause | None


def title() -> str:
    return titles.title("subsidy")


def body(form: SubsidyApplication) -> list[object]:
    who = form.agency_name
    fields = [
        Field(_("Agency"), form.agency_name, wide=True),
        Field(_("Unified social credit code"), form.credit_code, wide=True),
        Field(_("Address"), form.address, wide=True),
        Field(_("Contact"), form.contact),
        Field(_("Phone"), form.phone),
        Field(_("Honour or recognition"), form.honour, wide=True),
        Field(_("Conferred on"), form.conferred_on),
        Field(_("Conferring document"), form.document),
        Field(_("Subsidy (figures)"), parts.money(form.amount)),
        Field(_("Subsidy (in capitals)"), parts.capitals(form.amount)),
        # Filled in by hand: the program keeps no bank details.
        Field(_("Bank"), ""),
        Field(_("Account number"), ""),
    ]
    return [
        field_grid(fields, context=who),
        parts.boxed(_("Summary of the agency's work"), "", who, 6),
        *parts.clause_note([form.clause]),
        signature_boxes(
            [
                SignatureBox(_("Legal representative (signature):")),
                SignatureBox(_("Agency:"), seal=True),
                SignatureBox(_("Civil-affairs bureau's review:"), seal=True),
            ]
        ),
    ]


def section(form: SubsidyApplication, key: str = "") -> Section:
    return Section(title(), body(form), form.created_on, form.number, key=key)


def render(
    agency: AgencyHeader, form: SubsidyApplication, output: str | Path | None = None
) -> bytes:
    return write_document(agency, [section(form)], output=output)
