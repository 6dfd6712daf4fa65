"""Workbooks of plain tables, as the bureau's forms are: a title, the lines that say whose and
when, a bordered table with its header, an optional totals row, set to print landscape on one
page width. Every cell goes through ``write_cell``: a name typed as a formula stays inert text,
and totals are values, not formulas, so any reader sees them without recalculating.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from swdesk.exchange.cells import safe_cell, write_cell
from swdesk.exchange.targets import check_target

MONEY = "#,##0.00"
HOURS = "0.0#"
DATE = "yyyy-mm-dd"
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Col:
    title: str
    width: float = 12
    number_format: str | None = None


@dataclass(frozen=True)
class SheetTable:
    name: str  # the sheet's tab (at most 31 characters)
    title: str
    lines: Sequence[str]  # under the title: whose table, for when
    columns: Sequence[Col]
    rows: Sequence[Sequence[object]]
    totals: Sequence[object] | None = None
    notes: Sequence[str] = field(default_factory=tuple)  # under the table


def _add(wb: Workbook, table: SheetTable, first: bool) -> None:
    sheet = wb.active if first else wb.create_sheet()
    sheet.title = str(safe_cell(table.name))[:31].replace("/", "／")
    width = len(table.columns)
    row = 1
    for n, text in enumerate((table.title, *table.lines)):
        cell = write_cell(sheet, row, 1, text)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(1, width))
        if n == 0:
            cell.font = Font(bold=True, size=16)
            cell.alignment = Alignment(horizontal="center")
        row += 1
    header = row
    for col, spec in enumerate(table.columns, start=1):
        cell = write_cell(sheet, header, col, spec.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = spec.width
    body = [*table.rows, *([table.totals] if table.totals is not None else [])]
    for values in body:
        row += 1
        for col, (spec, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            cell = write_cell(sheet, row, col, value)
            if spec.number_format and not isinstance(value, str):
                cell.number_format = spec.number_format
    if table.totals is not None:
        for col in range(1, width + 1):
            sheet.cell(row=row, column=col).font = Font(bold=True)
    for r in range(header, row + 1):
        for col in range(1, width + 1):
            sheet.cell(row=r, column=col).border = _BOX
    for text in table.notes:
        row += 1
        write_cell(sheet, row, 1, text)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(1, width))
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(tables: Sequence[SheetTable]) -> bytes:
    """One workbook with a sheet per table, as the bytes of an .xlsx."""
    wb = Workbook()
    for n, table in enumerate(tables):
        _add(wb, table, n == 0)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(tables: Sequence[SheetTable], path: Path | str) -> Path:
    """Write the workbook to ``path`` (replaced whole, never left half-written)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(workbook_bytes(tables))
    os.replace(temporary, path)
    return path
