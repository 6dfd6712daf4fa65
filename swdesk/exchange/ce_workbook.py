"""The per-person annual continuing-education table for the civil-affairs bureau, as .xlsx.

The agency heads the sheet (name, unified social credit code), then the title, the date the
figures stand on and the clause of the requirement; one row per person with hours by form, hours
counted, required, shortfall and status; a totals row under the table. Headers are in the user's
language (Chinese by default). Identity numbers are printed whole: this is an official form.
Every cell goes through ``safe_cell``; totals are written as values, not formulas, so any reader
sees them without recalculating.
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from swdesk.domain import titles
from swdesk.domain.agency import Agency
from swdesk.domain.ce_compliance import CEReport, ReportRow, status_tally
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.training import form_label
from swdesk.exchange.cells import safe_cell, write_cell
from swdesk.exchange.targets import check_target
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HOURS_FORMAT = "0.0#"


def _headers() -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Identity number"),
        _("Certificate"),
        _("Period"),
        *[form_label(f) for f in TRAINING_FORMS],
        _("Hours attended"),
        _("Hours counted"),
        _("Hours required"),
        _("Shortfall"),
        _("Status"),
        _("Notes"),
    ]


def _row(n: int, row: ReportRow) -> list[object]:
    staff, c = row.staff, row.result
    return [
        n,
        staff.name,
        staff.id_number,
        c.level.label() if c.level else "",
        f"{c.period.start.isoformat()} – {c.period.end.isoformat()}" if c.period else "",
        *[c.hours.raw.get(f, 0.0) for f in TRAINING_FORMS],
        c.hours.raw_total,
        c.hours.total,
        c.required,
        c.shortfall,
        c.status.label(),
        describe(c.reason),
    ]


def write_ce_workbook(report: CEReport, agency: Agency, path: Path) -> Path:
    """Write the table to ``path`` (an .xlsx) and return the path."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    wb = Workbook()
    sheet = wb.active
    sheet.title = safe_cell(_("CE hours {year}").format(year=report.year))
    headers = _headers()
    width = len(headers)
    first_hours_col = 6  # the form columns follow No., name, identity number, certificate, period

    def line(text: str, row: int, size: int = 11, bold: bool = False) -> None:
        cell = sheet.cell(row=row, column=1, value=safe_cell(text))
        cell.font = Font(size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center" if row == 2 else "left")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    agency_line = _("Agency: {name}").format(name=agency.name)
    if agency.credit_code:
        agency_line += "    " + _("Unified social credit code: {code}").format(
            code=agency.credit_code
        )
    line(agency_line, 1, bold=True)
    line(titles.title("ce_summary", year=report.year), 2, 16, True)
    line(
        _("Figures as of {date}. Requirement: {clause}.").format(
            date=format_date(report.as_of), clause=report.requirement.clause.ref
        ),
        3,
    )
    header_row = 4
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=col, value=safe_cell(text))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX

    data = [_row(n, item) for n, item in enumerate(report.rows, start=1)]
    for n, values in enumerate(data, start=1):
        for col, value in enumerate(values, start=1):
            cell = write_cell(sheet, header_row + n, col, value)
            cell.border = _BOX
            if isinstance(value, float):
                cell.number_format = _HOURS_FORMAT

    total_row = header_row + len(data) + 1
    sheet.cell(row=total_row, column=1, value=safe_cell(_("Total")))
    sheet.cell(row=total_row, column=2, value=safe_cell(_("{n} people").format(n=len(data))))
    # Hours by form, attended, counted, required, shortfall: the numeric columns.
    for col in range(first_hours_col, first_hours_col + len(TRAINING_FORMS) + 4):
        numbers = [v[col - 1] for v in data if isinstance(v[col - 1], int | float)]
        cell = sheet.cell(row=total_row, column=col, value=safe_cell(round(math.fsum(numbers), 2)))
        cell.number_format = _HOURS_FORMAT
    counts = report.counts()
    sheet.cell(
        row=total_row,
        column=width - 1,
        value=safe_cell(status_tally(counts)),
    )
    for col in range(1, width + 1):
        cell = sheet.cell(row=total_row, column=col)
        cell.font = Font(bold=True)
        cell.border = _BOX
    footer = total_row + 2
    sheet.cell(
        row=footer,
        column=1,
        value=safe_cell(
            _("Prepared by: {person}    Telephone: {phone}").format(
                person=agency.contact_person, phone=agency.phone
            )
        ),
    )

    widths = [6, 12, 21, 16, 24, *[9] * len(TRAINING_FORMS), 10, 10, 10, 10, 10, 48]
    for col, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = w
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
