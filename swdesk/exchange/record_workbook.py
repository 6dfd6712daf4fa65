"""An agency's submission as a workbook for people to read: the certificate holders, the
continuing-education results and the claims of the period, one sheet each, the agency on top.
Identity numbers are whole: it is an official form."""

from __future__ import annotations

import datetime as dt

from swdesk.domain import titles
from swdesk.domain.claims import describe
from swdesk.domain.profiles import TRAINING_FORMS, Profile
from swdesk.domain.submission import AgencyRecord
from swdesk.domain.training import form_label
from swdesk.exchange.table_sheets import DATE, HOURS, MONEY, Col, SheetTable, workbook_bytes
from swdesk.i18n import _, current_language
from swdesk.i18n.collate import name_key
from swdesk.i18n.reasons import describe as words


def _lines(record: AgencyRecord, made_on: dt.date) -> list[str]:
    agency = record.agency
    return [
        _("Agency: {name}    Unified social credit code: {code}").format(
            name=agency.name, code=agency.credit_code or "—"
        ),
        _("Period {period}    Made on {today}").format(
            period=record.period, today=made_on.isoformat()
        ),
    ]


def holders_sheet(record: AgencyRecord, made_on: dt.date) -> SheetTable:
    as_of = min(made_on, record.period_end)
    rows = []
    people = sorted(record.people, key=lambda p: name_key(p.name))
    for person in people:
        held = person.highest(as_of)
        if held is None or not person.employed_on(as_of):
            continue
        rows.append(
            [
                len(rows) + 1,
                person.name,
                person.id_number,
                held.level.label(),
                held.number,
                held.obtained_on,
                held.registered_on,
                person.grade.label(current_language()) if person.grade else "",
            ]  # fmt: skip
        )
    return SheetTable(
        _("Certificate holders"),
        titles.title("holders"),
        [*_lines(record, made_on), _("On the staff on {date}").format(date=as_of.isoformat())],
        [
            Col(_("No."), 6),
            Col(_("Name"), 14),
            Col(_("Identity number"), 21),
            Col(_("Certificate level"), 16),
            Col(_("Certificate number"), 20),
            Col(_("Obtained on"), 12, DATE),
            Col(_("Registered on"), 12, DATE),
            Col(_("Post grade"), 24),
        ],  # fmt: skip
        rows,
    )


def ce_sheet(record: AgencyRecord, made_on: dt.date) -> SheetTable:
    names = {p.id_number: p.name for p in record.people}
    results = sorted(record.ce_results, key=lambda r: name_key(names.get(r.id_number, "")))
    rows = [
        [
            n,
            names.get(r.id_number, ""),
            r.id_number,
            r.level.label() if r.level else "",
            *[r.hours.get(f, 0.0) for f in TRAINING_FORMS],
            r.total,
            r.required,
            r.shortfall,
            r.status.label(),
            words(r.reason),
        ]  # fmt: skip
        for n, r in enumerate(results, start=1)
    ]
    return SheetTable(
        _("Continuing education"),
        titles.title("ce_summary", year=record.period),
        _lines(record, made_on),
        [
            Col(_("No."), 6),
            Col(_("Name"), 14),
            Col(_("Identity number"), 21),
            Col(_("Certificate"), 16),
            *[Col(form_label(f), 9, HOURS) for f in TRAINING_FORMS],
            Col(_("Hours counted"), 9, HOURS),
            Col(_("Hours required"), 9, HOURS),
            Col(_("Shortfall"), 9, HOURS),
            Col(_("Status"), 10),
            Col(_("Notes"), 40),
        ],  # fmt: skip
        rows,
    )


def claims_sheet(record: AgencyRecord, profile: Profile, made_on: dt.date) -> SheetTable:
    rows = []
    for n, c in enumerate(record.claims, start=1):
        award = describe(profile, c.kind.value, c.award, dict(c.details))[0]
        rows.append(
            [
                n,
                c.number,
                c.name,
                c.id_number,
                c.kind.label(),
                award,
                c.level.label() if c.level else "",
                c.amount,
                c.status.label(),
                c.submitted_on,
                c.paid_amount,
                c.clause,
            ]  # fmt: skip
        )
    total = sum((c.amount for c in record.claims), start=0)
    paid = sum((c.paid_amount or 0 for c in record.claims), start=0)
    return SheetTable(
        _("Applications"),
        titles.title("awards_summary"),
        _lines(record, made_on),
        [
            Col(_("No."), 6),
            Col(_("Application number"), 13),
            Col(_("Name"), 14),
            Col(_("Identity number"), 21),
            Col(_("Kind"), 16),
            Col(_("Award"), 26),
            Col(_("Level"), 16),
            Col(_("Amount asked (CNY)"), 14, MONEY),
            Col(_("Status"), 10),
            Col(_("Submitted on"), 12, DATE),
            Col(_("Amount paid (CNY)"), 14, MONEY),
            Col(_("Clause"), 16),
        ],  # fmt: skip
        rows,
        totals=[_("Total"), "", "", "", "", "", "", total, "", "", paid, ""],
    )


def record_workbook(record: AgencyRecord, profile: Profile, made_on: dt.date) -> bytes:
    """The workbook of an agency's submission, as the bytes of an .xlsx."""
    return workbook_bytes(
        [
            holders_sheet(record, made_on),
            ce_sheet(record, made_on),
            claims_sheet(record, profile, made_on),
        ]
    )
