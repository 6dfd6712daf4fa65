"""Any list of the program as an .xlsx an office works on: the title (the one of
`swdesk.domain.titles`), the agency, what the list holds (its filters, the day), a header row
with filters and frozen panes, one row per record, and how many there are.

Every cell goes through ``write_cell``: a name typed as a formula stays inert text. Dates are
dates and amounts numbers, formatted as such, so the office can sort and add them up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from swdesk.domain.agency import Agency
from swdesk.exchange.cells import safe_cell, write_cell
from swdesk.exchange.targets import check_target
from swdesk.i18n import _, ngettext

FORMATS = {"date": "yyyy-mm-dd", "money": "#,##0.00", "hours": "0.0#", "text": None, "number": None}
HEADER_ROW = 4
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class ListColumn:
    """A column: its title (N_ marked; translated when written), width in characters, and
    the kind of its values (text, date, money, hours, number)."""

    title: str
    width: float = 12
    kind: str = "text"


def write_list_workbook(
    path: Path | str,
    *,
    title: str,
    agency: Agency,
    note: str,
    columns: Sequence[ListColumn],
    rows: Sequence[Sequence[object]],
) -> Path:
    """Write the list to ``path`` (replaced whole, never left half-written); returns it."""
    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = safe_cell(title)[:31]  # type: ignore[index]
    width = len(columns)

    def line(row: int, text: str, font: Font | None = None) -> None:
        cell = write_cell(sheet, row, 1, text)
        if font is not None:
            cell.font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    line(1, title, Font(bold=True, size=16))
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    agency_line = _("Agency: {name}").format(name=agency.name)
    if agency.credit_code:
        agency_line += "    " + _("Unified social credit code: {code}").format(
            code=agency.credit_code
        )
    line(2, agency_line)
    line(3, note)
    for col, column in enumerate(columns, start=1):
        cell = write_cell(sheet, HEADER_ROW, col, _(column.title))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    for number, values in enumerate(rows, start=1):
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = write_cell(sheet, HEADER_ROW + number, col, value)
            cell.border = _BOX
            fmt = FORMATS.get(column.kind)
            if fmt and value is not None:
                cell.number_format = fmt
            if column.kind == "text" and isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = HEADER_ROW + len(rows)
    count = ngettext("{n} row", "{n} rows", len(rows)).format(n=len(rows))
    write_cell(sheet, last + 1, 1, count).font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{max(last, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    book.save(temporary)
    os.replace(temporary, path)
    return path
