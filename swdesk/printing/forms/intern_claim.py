"""The claim list of an employment-practice base (就业见习补贴申领名册, FCG-2023 (十六)): each
intern with school, graduation, the months of practice and the subsidies claimed, landscape,
for the human-resources bureau that recognised the base."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from swdesk.domain import titles
from swdesk.domain.interns import ACCIDENT, PRACTICE, WORK_INJURY, ClaimLine, InternClaim
from swdesk.domain.profiles import Clause
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.printing.forms import parts
from swdesk.printing.forms.bureau_tables import bureau_signatures
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.styles import LANDSCAPE_CONTENT_WIDTH as WIDTH
from swdesk.printing.tables import Column, data_table


def _sum(lines: list[ClaimLine], code: str | None) -> Decimal | None:
    values = [x.total if code is None else x.amounts[code] for x in lines]
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def body(claim: InternClaim, clause: Clause | None) -> list[object]:
    lines = list(claim.lines)
    flow: list[object] = [
        parts.text(
            _(
                "Interns whose practice started from {start} to {end}: {count}. Base "
                "recognised by: {by}."
            ).format(
                start=format_date(claim.start),
                end=format_date(claim.end),
                count=len(lines),
                by=claim.recognised_by or "—",
            )
        )
    ]
    # Widths in millimetres of the 257 mm landscape line.
    columns = [
        Column(_("Name"), 20),
        Column(_("Identity number"), 41.5, "centre"),
        Column(_("School"), 36),
        Column(_("Graduated on"), 28, "centre"),
        Column(_("Practice"), 44, "centre"),
        Column(_("Months"), 12, "right"),
        Column(_("Practice subsidy (CNY)"), 20, "right"),
        Column(_("Accident insurance (CNY)"), 20, "right"),
        Column(_("Work-injury insurance (CNY)"), 20, "right"),
        Column(_("Total (CNY)"), 15.5, "right"),
    ]
    rows = [
        [x.intern.name, x.intern.id_number, x.intern.school, x.intern.graduated_on,
         parts.date_range(x.intern.started_on, x.intern.ends_on), x.intern.months,
         x.amounts[PRACTICE], x.amounts[ACCIDENT], x.amounts[WORK_INJURY], x.total]
        for x in lines
    ]  # fmt: skip
    totals = [None, None, None, None, None, sum(x.intern.months for x in lines),
              _sum(lines, PRACTICE), _sum(lines, ACCIDENT), _sum(lines, WORK_INJURY),
              _sum(lines, None)]  # fmt: skip
    flow.append(data_table(columns, rows, totals, numbered=True, record_column=0, width=WIDTH))
    for note in claim.notes:
        flow.append(parts.text(describe(note), small=True))
    flow += parts.clause_note([clause])
    flow.append(bureau_signatures())
    return flow


def render(
    agency: AgencyHeader,
    claim: InternClaim,
    clause: Clause | None,
    made_on: dt.date,
    output: str | Path | None = None,
) -> bytes:
    section = Section(titles.title("intern_claim"), body(claim, clause), printed_on=made_on)
    return write_document(agency, [section], landscape=True, output=output)
