"""The tables the civil-affairs bureau collects (统计汇总), on landscape A4: award applications of
a period with totals, the annual continuing-education summary of all staff, and the credential
holders by level. Each ends with the signatures of who filled it in and the agency's seal."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import titles
from swdesk.domain.ce_compliance import Compliance, Status, status_tally
from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.training import hours_text
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.styles import LANDSCAPE_CONTENT_WIDTH as WIDTH
from swdesk.printing.tables import Column, SignatureBox, data_table, signature_boxes

ZERO = Decimal("0.00")


def _signatures() -> object:
    return signature_boxes(
        [
            SignatureBox(_("Filled in by:")),
            SignatureBox(_("Head of agency:")),
            SignatureBox(_("Reporting agency:"), seal=True),
        ],
        width=WIDTH,
        room=18 * mm,  # less than on a form: a landscape page has little height to spare
    )


def _render(
    agency: AgencyHeader, title: str, body: list[object], on: dt.date, output: str | Path | None
) -> bytes:
    section = Section(title, body, printed_on=on)
    return write_document(agency, [section], landscape=True, output=output)


# ---------------------------------------------------------------- award applications


@dataclass(frozen=True)
class AwardLine:
    number: str
    person: str  # the person, or the agency for a subsidy
    id_number: str
    award: str  # what is claimed, in words
    level: Level | None
    amount: Decimal
    submitted_on: dt.date | None
    status: str  # in words
    paid: Decimal | None
    clause: str
    reason: str = ""  # why it was rejected


@dataclass(frozen=True)
class AwardsSummary:
    """The applications of a period in three groups: approved or paid (what the totals add
    up), awaiting a decision, and rejected; the last two are listed apart and never added in."""

    start: dt.date
    end: dt.date
    made_on: dt.date
    counted: Sequence[AwardLine]
    pending: Sequence[AwardLine] = ()
    rejected: Sequence[AwardLine] = ()

    @property
    def lines(self) -> list[AwardLine]:
        return [*self.counted, *self.pending, *self.rejected]


def awards_summary_title() -> str:
    return titles.title("awards_summary")


def _claim(line: AwardLine) -> str:
    if line.level is None:
        return line.award
    return _("{claim} ({level})").format(claim=line.award, level=line.level.label())


def _award_table(lines: Sequence[AwardLine], totals: str, rejected: bool = False) -> object:
    """One group's table; ``totals`` "total", "subtotal" or "" (none)."""
    # Widths in millimetres of the 257 mm landscape line: an identity number, a date such as
    # 2026年11月21日, an application number and a clause each fit on one line.
    last = Column(_("Reason"), 43.5) if rejected else Column(_("Paid (CNY)"), 21, "right")
    columns = [
        Column(_("Application no."), 22, "centre"),
        Column(_("Applicant"), 25),
        Column(_("Identity number"), 41.5, "centre"),
        Column(_("Claim"), 36.5),
        Column(_("Amount asked (CNY)"), 22, "right"),
        Column(_("Submitted on"), 30.5, "centre"),
        Column(_("Status"), 18, "centre"),
        last,
        Column(_("Clause"), 28.5, "centre"),
    ]
    rows = [
        [x.number, x.person, x.id_number, _claim(x), x.amount, x.submitted_on, x.status,
         x.reason if rejected else x.paid, x.clause]
        for x in lines
    ]  # fmt: skip
    sums = None
    if totals:
        asked = sum((x.amount for x in lines), ZERO)
        paid = sum((x.paid or ZERO for x in lines), ZERO)
        sums = [
            None,
            None,
            None,
            None,
            asked,
            None,
            None,
            paid if totals == "total" else None,
            None,
        ]
    label = _("Subtotal") if totals == "subtotal" else ""
    return data_table(
        columns, rows, sums, numbered=True, record_column=1, width=WIDTH, total_label=label
    )


def awards_summary_body(summary: AwardsSummary) -> list[object]:
    period = _("Applications submitted from {start} to {end}: {count}.").format(
        start=format_date(summary.start), end=format_date(summary.end), count=len(summary.lines)
    )
    approved = sum((x.amount for x in summary.counted), ZERO)
    paid = sum((x.paid or ZERO for x in summary.counted), ZERO)
    flow: list[object] = [parts.text(period)]
    flow += parts.heading(_("Approved or paid: {count}").format(count=len(summary.counted)))
    flow.append(_award_table(summary.counted, "total"))
    if summary.pending:
        flow += parts.heading(
            _("Awaiting a decision, not in the total: {count}").format(count=len(summary.pending))
        )
        flow.append(_award_table(summary.pending, "subtotal"))
    if summary.rejected:
        flow += parts.heading(
            _("Not approved, not in the total: {count}").format(count=len(summary.rejected))
        )
        flow.append(_award_table(summary.rejected, "", rejected=True))
    flow.append(
        parts.text(
            _("Total of the applications approved or paid: {amount} CNY; paid: {paid} CNY.").format(
                amount=parts.figures(approved), paid=parts.figures(paid)
            )
        )
    )
    flow.append(_signatures())
    return flow


def render_awards_summary(
    agency: AgencyHeader, summary: AwardsSummary, output: str | Path | None = None
) -> bytes:
    body = awards_summary_body(summary)
    return _render(agency, awards_summary_title(), body, summary.made_on, output)


# ---------------------------------------------------------------- continuing education


@dataclass(frozen=True)
class CELine:
    staff: Staff
    result: Compliance


@dataclass(frozen=True)
class CESummary:
    year: int
    as_of: dt.date
    lines: Sequence[CELine]


def ce_summary_title(year: int) -> str:
    return titles.title("ce_summary", year=year)


def ce_summary_body(summary: CESummary) -> list[object]:
    counts = Counter(line.result.status for line in summary.lines)
    tally = _("As of {date}: {total} people; {tally}.").format(
        date=format_date(summary.as_of), total=len(summary.lines), tally=status_tally(counts)
    )
    rows = []
    for line in summary.lines:
        r = line.result
        rows.append(
            [
                line.staff.name,
                line.staff.id_number,
                parts.level_text(r.level),
                hours_text(r.required),
                hours_text(r.hours.total),
                hours_text(r.shortfall),
                r.status.label(),
                "" if r.status is Status.MET else describe(r.reason),
            ]  # fmt: skip
        )
    table = data_table(
        [
            Column(_("Name"), 30),
            Column(_("Identity number"), 41.5, "centre"),
            Column(_("Certificate level"), 29, "centre"),
            Column(_("Hours required"), 18.5, "right"),
            Column(_("Hours counted"), 18.5, "right"),
            Column(_("Still needed"), 18.5, "right"),
            Column(_("Status"), 18, "centre"),
            Column(_("Remarks"), 72),
        ],
        rows,
        numbered=True,
        width=WIDTH,
    )
    clause = summary.lines[0].result.clause if summary.lines else None
    return [parts.text(tally), table, *parts.clause_note([clause]), _signatures()]


def render_ce_summary(
    agency: AgencyHeader, summary: CESummary, output: str | Path | None = None
) -> bytes:
    body = ce_summary_body(summary)
    return _render(agency, ce_summary_title(summary.year), body, summary.as_of, output)


# ---------------------------------------------------------------- credential holders


@dataclass(frozen=True)
class Holder:
    staff: Staff
    credential: Credential  # the highest held
    grade: str  # post grade in words, "" if none


@dataclass(frozen=True)
class Holders:
    as_of: dt.date
    holders: Sequence[Holder]


def holders_title() -> str:
    return titles.title("holders")


def holders_body(register: Holders) -> list[object]:
    by_level: dict[Level, list[Holder]] = {}
    for holder in register.holders:
        by_level.setdefault(holder.credential.level, []).append(holder)
    levels = sorted(by_level, key=lambda lv: -lv.rank)
    tally = _("As of {date}: {total} certificate holders ({levels}).").format(
        date=format_date(register.as_of),
        total=len(register.holders),
        levels=_(", ").join(
            _("{level} {count}").format(level=lv.label(), count=len(by_level[lv])) for lv in levels
        )
        or _("none"),
    )
    flow: list[object] = [parts.text(tally)]
    for level in levels:
        group = by_level[level]
        flow += parts.heading(_("{level}: {count}").format(level=level.label(), count=len(group)))
        rows = [
            [
                h.staff.name,
                parts.sex_word(h.staff.sex),
                h.staff.id_number,
                h.credential.certificate_number,
                h.credential.obtained_on,
                h.credential.registered_on,
                h.grade,
            ]  # fmt: skip
            for h in group
        ]
        flow.append(
            data_table(
                [
                    Column(_("Name"), 30),
                    Column(_("Sex"), 14, "centre"),
                    Column(_("Identity number"), 41.5, "centre"),
                    Column(_("Certificate number"), 34, "centre"),
                    Column(_("Obtained on"), 30.5, "centre"),
                    Column(_("Registered on"), 30.5, "centre"),
                    Column(_("Post grade"), 65.5),
                ],
                rows,
                numbered=True,
                width=WIDTH,
            )
        )
    flow.append(_signatures())
    return flow


def render_holders(
    agency: AgencyHeader, register: Holders, output: str | Path | None = None
) -> bytes:
    return _render(agency, holders_title(), holders_body(register), register.as_of, output)
