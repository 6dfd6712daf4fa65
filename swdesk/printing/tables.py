"""Bordered tables of official forms: label/value grids, data tables, signature and seal boxes.

Every value goes through `para_markup` with a context naming its record, so a character no font
has is reported as "张三 / 姓名" rather than as an anonymous failure somewhere in a long list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from swdesk.i18n import N_, _, format_date
from swdesk.printing.fonts import current_fonts
from swdesk.printing.markup import para_markup
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    GRID_COLOUR,
    HEADER_BACKGROUND,
    LABEL_BACKGROUND,
    Bold,
    FormStyles,
    form_styles,
)

LABEL_TOTAL = N_("Total")
LABEL_ROW_NUMBER = N_("No.")
LABEL_SEAL = N_("(seal)")
LABEL_DATE = N_("Date: {date}")
LABEL_BLANK_DATE = N_("Date: ____________")


def grid_commands() -> list[tuple[object, ...]]:
    """TableStyle commands of a bordered form table in the body font; start every table
    style with them."""
    return [
        # Tables set their cells' font even when every cell is a Paragraph; left at reportlab's
        # default it would put a non-embedded Helvetica into the PDF.
        ("FONT", (0, 0), (-1, -1), current_fonts().primary, BODY_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.75, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]


def cell_text(value: object) -> str:
    """How a plain value reads in a cell: dates as 2026年11月21日, amounts with two decimals."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _styles() -> FormStyles:
    return form_styles(current_fonts())


@dataclass(frozen=True)
class Field:
    """One label/value pair of a grid; ``wide`` takes a whole row, ``lines`` reserves height
    (e.g. 4 for a remarks box to be written in by hand)."""

    label: str
    value: object = None
    wide: bool = False
    lines: int = 1


def field_grid(
    fields: Sequence[Field],
    pairs_per_row: int = 2,
    context: str = "",
    *,
    width: float = CONTENT_WIDTH,
    label_share: float = 0.4,
) -> Table:
    """Label cells (shaded, centred) beside value cells, ``pairs_per_row`` pairs a row;
    ``label_share`` of the width goes to the labels."""
    styles = _styles()
    label_w = width * label_share / pairs_per_row
    value_w = width / pairs_per_row - label_w
    rows: list[list[object]] = []
    commands = grid_commands()
    row: list[object] = []

    def value_cell(item: Field) -> list[Flowable]:
        where = f"{context} / {item.label}" if context else item.label
        cell: list[Flowable] = [Paragraph(para_markup(cell_text(item.value), where), styles.cell)]
        if item.lines > 1:
            cell.append(Spacer(1, (item.lines - 1) * styles.cell.leading))
        return cell

    def close_row() -> None:
        nonlocal row
        if row:
            row += [""] * (2 * pairs_per_row - len(row))
            rows.append(row)
            row = []

    for item in fields:
        label = Paragraph(para_markup(item.label), styles.label)
        if item.wide:
            close_row()
            y = len(rows)
            rows.append([label, value_cell(item)] + [""] * (2 * pairs_per_row - 2))
            commands.append(("SPAN", (1, y), (-1, y)))
        else:
            row += [label, value_cell(item)]
            if len(row) == 2 * pairs_per_row:
                close_row()
    close_row()
    # Shade label cells one by one: a column-wide shade would also paint the spanned value cell
    # of a wide row.
    for y, cells in enumerate(rows):
        for x in range(0, len(cells), 2):
            if cells[x] != "":
                commands.append(("BACKGROUND", (x, y), (x, y), LABEL_BACKGROUND))
    table = Table(rows, colWidths=[label_w, value_w] * pairs_per_row)
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True)
class Column:
    """A data-table column: ``width`` is relative to the others, ``align`` left/centre/right."""

    title: str
    width: float = 1.0
    align: str = "left"


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    totals: Sequence[object] | None = None,
    *,
    numbered: bool = False,
    record_column: int = 0,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A bordered list whose header row repeats on every page, with an optional totals row.

    ``record_column`` is the column that names a row's record (usually the person's name), used in
    error messages. ``numbered`` adds a 序号 column. ``totals`` has one value per column (not counting
    序号); its empty cells on the left are joined into one that says "Total" (合计).
    """
    styles = _styles()
    cols = list(columns)
    if numbered:
        cols.insert(0, Column(_(LABEL_ROW_NUMBER), 0.45, "centre"))
    by_align = {"left": styles.cell, "centre": styles.cell_centre, "right": styles.cell_right}
    header = [Bold(Paragraph(para_markup(c.title), styles.header_cell), BODY_SIZE) for c in cols]
    body: list[list[object]] = [header]
    for index, values in enumerate(rows, start=1):
        record = cell_text(values[record_column]) if values else ""
        cells = [index, *values] if numbered else list(values)
        body.append(
            [
                Paragraph(para_markup(cell_text(v), f"{record} / {c.title}"), by_align[c.align])
                for c, v in zip(cols, cells, strict=True)
            ]
        )
    commands = [*grid_commands(), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND)]
    if totals is not None:
        values = [None, *totals] if numbered else list(totals)
        cells: list[object] = [
            Bold(Paragraph(para_markup(cell_text(v)), by_align[c.align]), BODY_SIZE)
            for c, v in zip(cols, values, strict=True)
        ]
        blank = next((i for i, v in enumerate(values) if v not in (None, "")), len(values))
        if blank:
            # "合计" goes across the empty cells on the left: the 序号 column alone is too
            # narrow for "Total".
            cells[0] = Bold(Paragraph(para_markup(_(LABEL_TOTAL)), styles.cell_centre), BODY_SIZE)
            commands.append(("SPAN", (0, len(body)), (blank - 1, len(body))))
        body.append(cells)
        commands.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_BACKGROUND))
    widths = _column_widths(cols, width, numbered)
    table = Table(body, colWidths=widths, repeatRows=1, spaceAfter=2 * mm)
    table.setStyle(TableStyle(commands))
    return table


def _column_widths(cols: Sequence[Column], width: float, numbered: bool) -> list[float]:
    """Widths in points: shares of ``width``, except that the 序号 column is exactly as wide as
    its title needs (a share would wrap "序号" in a table of many columns)."""
    fixed = 0.0
    if numbered:
        title = cols[0].title
        fixed = max(9 * mm, current_fonts().string_width(title, BODY_SIZE) + 10)
    shared = cols[1:] if numbered else cols
    scale = (width - fixed) / sum(c.width for c in shared)
    return ([fixed] if numbered else []) + [c.width * scale for c in shared]


@dataclass(frozen=True)
class SignatureBox:
    """A box to sign (签字) or seal (盖章) with a date line; ``signed_on`` prints a known date."""

    label: str
    seal: bool = False
    signed_on: dt.date | None = None


def signature_boxes(
    boxes: Sequence[SignatureBox], width: float = CONTENT_WIDTH, room: float | None = None
) -> Flowable:
    """Side-by-side boxes: label at the top, room to sign (a seal needs 42 mm), date at the
    bottom right, as on paper forms. Labels and dates are separate rows, so a label that wraps
    does not push its date below its neighbours'. The boxes are never split across pages."""
    styles = _styles()
    if room is None:
        room = 42 * mm if any(b.seal for b in boxes) else 20 * mm
    labels: list[Paragraph] = []
    feet: list[list[Flowable]] = []
    for box in boxes:
        date = (
            _(LABEL_DATE).format(date=format_date(box.signed_on))
            if box.signed_on
            else _(LABEL_BLANK_DATE)
        )
        labels.append(Paragraph(para_markup(box.label), styles.cell))
        foot: list[Flowable] = [Spacer(1, room)]
        if box.seal:
            foot.append(Paragraph(para_markup(_(LABEL_SEAL)), styles.cell_right))
        foot.append(Paragraph(para_markup(date), styles.cell_right))
        feet.append(foot)
    columns = len(boxes)
    # Only the outline of each box (label and foot together): no grid line between them.
    commands = [
        *(c for c in grid_commands() if c[0] != "GRID"),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ]
    commands += [("BOX", (x, 0), (x, 1), 0.75, GRID_COLOUR) for x in range(columns)]
    table = Table([labels, feet], colWidths=[width / columns] * columns, spaceBefore=6 * mm)
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])
