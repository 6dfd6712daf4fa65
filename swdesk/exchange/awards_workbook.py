"""The bureau's summary workbook (统计汇总) of award, reimbursement, subsidy and nomination
applications: the agency on top, one row per application, totals under the table.
Every cell goes through ``write_cell``: a name typed as a formula stays inert text."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from swdesk.domain.applications import AwardsSummary
from swdesk.exchange.cells import write_cell
from swdesk.i18n import N_, _, ngettext

COLUMNS = (
    (N_("No."), 6),
    (N_("Application number"), 13),
    (N_("Name"), 14),
    (N_("Identity number"), 21),
    (N_("Kind"), 16),
    (N_("Award"), 26),
    (N_("Level"), 16),
    (N_("Amount asked (CNY)"), 14),
    (N_("Status"), 10),
    (N_("Submitted on"), 12),
    (N_("Decided on"), 12),
    (N_("Amount paid (CNY)"), 14),
    (N_("Paid on"), 12),
    (N_("Clause"), 16),
)
HEADER_ROW = 4
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_awards_summary(summary: AwardsSummary, path: Path | str) -> Path:
    """Write the workbook to ``path`` (replaced whole, never left half-written)."""
    path = Path(path)
    wb = Workbook()
    sheet = wb.active
    sheet.title = _("Applications")[:31]
    width = len(COLUMNS)

    def put(row: int, col: int, value: object, fmt: str | None = None) -> None:
        cell = write_cell(sheet, row, col, value)
        if fmt:
            cell.number_format = fmt

    put(1, 1, _("Summary of award and reimbursement applications"))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=16)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    agency = summary.agency
    put(
        2,
        1,
        _("Agency: {name}    Unified social credit code: {code}").format(
            name=agency.name, code=agency.credit_code or "—"
        ),
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    put(
        3,
        1,
        _("Submitted from {start} to {end}    Made on {today}").format(
            start=summary.start.isoformat(),
            end=summary.end.isoformat(),
            today=summary.made_on.isoformat(),
        ),
    )
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)

    for col, (title, col_width) in enumerate(COLUMNS, start=1):
        put(HEADER_ROW, col, _(title))
        cell = sheet.cell(row=HEADER_ROW, column=col)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = col_width

    row = HEADER_ROW
    for n, line in enumerate(summary.lines, start=1):
        row += 1
        app = line.application
        values = (
            (n, None),
            (app.number, None),
            (app.person, None),
            (app.id_number, None),
            (app.kind.label(), None),
            (line.award, None),
            (app.level.label() if app.level else "", None),
            (app.amount, MONEY),
            (app.status.label(), None),
            (line.submitted_on, DATE),
            (line.decided_on, DATE),
            (app.paid_amount, MONEY),
            (line.paid_on, DATE),
            (line.clause, None),
        )
        for col, (value, fmt) in enumerate(values, start=1):
            put(row, col, value, fmt)

    row += 1
    put(row, 1, _("Total"))
    count = len(summary.lines)
    put(row, 3, ngettext("{n} application", "{n} applications", count).format(n=count))
    put(row, 8, summary.asked, MONEY)
    put(row, 12, summary.paid, MONEY)
    for col in range(1, width + 1):
        sheet.cell(row=row, column=col).font = Font(bold=True)
    for r in range(HEADER_ROW, row + 1):
        for col in range(1, width + 1):
            sheet.cell(row=r, column=col).border = _BOX
    put(
        row + 1,
        1,
        _("Approved or paid, amount asked: {amount} CNY").format(amount=f"{summary.approved:,.2f}"),
    )
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=width)

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    wb.save(temporary)
    os.replace(temporary, path)
    return path
