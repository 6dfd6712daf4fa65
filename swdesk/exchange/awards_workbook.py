"""The bureau's summary workbook (统计汇总) of award, reimbursement, subsidy and nomination
applications: the agency on top, one row per application; the total counts those approved or
paid, and the ones awaiting a decision and the rejected ones follow apart, as on the printed table.
Every cell goes through ``write_cell``: a name typed as a formula stays inert text."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from swdesk.domain import titles
from swdesk.domain.applications import ZERO, AwardsSummary, Status, SummaryLine
from swdesk.exchange.cells import write_cell
from swdesk.exchange.targets import check_target
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
    (N_("Remarks"), 20),
)
HEADER_ROW = 4
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _values(n: int, line: SummaryLine) -> tuple[tuple[object, str | None], ...]:
    app = line.application
    rejected = app.step(Status.REJECTED) if app.status is Status.REJECTED else None
    return (
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
        (rejected.reason if rejected else "", None),
    )


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

    put(1, 1, titles.title("awards_summary"))
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
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(col)].width = col_width

    row = HEADER_ROW
    bold = Font(bold=True)

    def lines(group: tuple[SummaryLine, ...]) -> None:
        nonlocal row
        for n, line in enumerate(group, start=1):
            row += 1
            for col, (value, fmt) in enumerate(_values(n, line), start=1):
                put(row, col, value, fmt)
                sheet.cell(row=row, column=col).border = _BOX

    def sums(label: str, group: tuple[SummaryLine, ...], paid: bool) -> None:
        nonlocal row
        row += 1
        put(row, 1, label)
        count = len(group)
        put(row, 3, ngettext("{n} application", "{n} applications", count).format(n=count))
        put(row, 8, sum((x.application.amount for x in group), ZERO), MONEY)
        if paid:
            put(row, 12, sum((x.application.paid_amount or ZERO for x in group), ZERO), MONEY)
        for col in range(1, width + 1):
            sheet.cell(row=row, column=col).font = bold
            sheet.cell(row=row, column=col).border = _BOX

    def caption(text: str) -> None:
        nonlocal row
        row += 2
        put(row, 1, text)
        sheet.cell(row=row, column=1).font = bold
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    # The totals count the applications approved or paid; the others are listed apart.
    lines(summary.counted)
    sums(_("Total"), summary.counted, paid=True)
    if summary.pending:
        count = len(summary.pending)
        caption(_("Awaiting a decision, not in the total: {count}").format(count=count))
        lines(summary.pending)
        sums(_("Subtotal"), summary.pending, paid=False)
    if summary.rejected:
        count = len(summary.rejected)
        caption(_("Not approved, not in the total: {count}").format(count=count))
        lines(summary.rejected)
    put(
        row + 2,
        1,
        _("Total of the applications approved or paid: {amount} CNY; paid: {paid} CNY.").format(
            amount=f"{summary.approved:,.2f}", paid=f"{summary.paid:,.2f}"
        ),
    )
    sheet.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=width)

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    wb.save(temporary)
    os.replace(temporary, path)
    return path
