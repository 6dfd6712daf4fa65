"""Import templates: a workbook with the headers the importer reads, one example row (skipped on
import while it is left unchanged), a note on each header and a sheet of instructions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from swdesk.domain.errors import SwdeskError
from swdesk.exchange.cells import safe_cell
from swdesk.exchange.headers import FIELDS, KIND_LABELS, KINDS, FieldSpec
from swdesk.exchange.targets import check_target
from swdesk.i18n import _

# Identifiers typed into a number cell lose digits; these columns are text from the start.
_TEXT_FIELDS = {"id_number", "phone", "certificate_number"}
_SHEET_NAMES = {
    "staff": "人员",
    "credentials": "证书",
    "training": "培训学时",
    "awards": "奖励发放",
    "grades": "岗位聘用",
}
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")


def template_fields(kind: str) -> tuple[FieldSpec, ...]:
    """The columns a template has: required ones and those with an example, in import order."""
    return tuple(f for f in FIELDS[kind] if f.required or f.example not in ("", None))


def write_template(kind: str, path: Path | str) -> Path:
    """Write the import template for ``kind`` (staff, credentials, training, awards) to ``path``."""
    if kind not in KINDS:
        raise SwdeskError(
            _("Unknown kind of import {kind!r}: use one of {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise SwdeskError(_("A template is an .xlsx file; give a name ending in .xlsx."))
    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET_NAMES[kind]
    fields = template_fields(kind)
    for i, field in enumerate(fields, start=1):
        letter = get_column_letter(i)
        header = sheet.cell(row=1, column=i, value=field.template_header)
        header.font = Font(bold=True)
        header.fill = _REQUIRED_FILL if field.required else _OPTIONAL_FILL
        header.alignment = Alignment(horizontal="center")
        header.comment = Comment(_note(field), "swdesk", height=120, width=260)
        example = sheet.cell(row=2, column=i, value=safe_cell(field.example or None))
        example.font = _EXAMPLE_FONT
        if isinstance(field.example, dt.date):
            example.number_format = "yyyy-mm-dd"
        if field.name in _TEXT_FIELDS:
            # The whole column, so that numbers typed under the example stay text too.
            sheet.column_dimensions[letter].number_format = "@"
            example.number_format = "@"
        sheet.column_dimensions[letter].width = max(12, 2 * len(field.template_header) + 4)
    sheet.freeze_panes = "A2"
    _instructions(book, kind, fields)
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        book.save(path)
    except OSError as exc:
        raise SwdeskError(
            _("Cannot write {path}: {error}").format(path=str(path), error=exc.strerror or exc)
        ) from None
    return path


def _note(field: FieldSpec) -> str:
    need = _("Required.") if field.required else _("Optional column.")
    also = _("Also accepted as a header: {names}").format(names=", ".join(field.headers[1:4]))
    return "\n".join((field.title() + " — " + need, _(field.note), also))


def _instructions(book: Workbook, kind: str, fields: tuple[FieldSpec, ...]) -> None:
    sheet = book.create_sheet("说明")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 80
    lines = [
        (_("Import template: {kind}").format(kind=_(KIND_LABELS[kind])), "", ""),
        (_("One row per record, starting in row 2 of the first sheet."), "", ""),
        (
            _(
                "Row 2 is an example: it is skipped while left unchanged. Overwrite it or "
                "delete it."
            ),
            "",
            "",
        ),
        (
            _(
                "If any row has a mistake, nothing is imported and every mistake is listed with "
                "its row and column; correct them and import again."
            ),
            "",
            "",
        ),
        ("", "", ""),
        (_("Column"), _("Required"), _("What to write")),
    ]
    for field in fields:
        lines.append(
            (field.template_header, _("yes") if field.required else _("no"), _(field.note))
        )
    for row in lines:
        sheet.append([safe_cell(v) for v in row])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[6]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=7):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
