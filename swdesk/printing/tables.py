"""Bordered tables of official forms: label/value grids, data tables, signature and seal boxes.

`field_grid`, `data_table` and `signature_boxes` describe a table (a block of
`swdesk.printing.blocks`) that both writers draw; `grid_flowable`, `data_table_flowable` and
`signature_flowable` are how the PDF draws it. Every value goes through `para_markup` with a
context naming its record, so a character no font has is reported as "张三 / 姓名" rather than
as an anonymous failure somewhere in a long list.

A data table's columns are laid out by `column_layout`, which both writers use: a value that
must not break (a number, an identity or certificate number, a date, a clause) and is wider than
its column is printed smaller in that whole column first (to 9 pt), then the column takes width
from columns with room to spare, then it is printed smaller still (to `linebreak.MIN_SIZE`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from swdesk.i18n import N_, _, format_date
from swdesk.printing.blocks import (
    Column,
    DataTable,
    Field,
    Grid,
    Photo,
    SignatureBox,
    Signatures,
    cell_text,
)
from swdesk.printing.fonts import FontChain, MissingGlyphError, current_fonts, normalise_text
from swdesk.printing.linebreak import MIN_SIZE, Para, fitting_size, scaled, widest_unit
from swdesk.printing.markup import para_markup
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    GRID_COLOUR,
    HEADER_BACKGROUND,
    LABEL_BACKGROUND,
    SMALL_SIZE,
    Bold,
    FormStyles,
    form_styles,
)

__all__ = [
    "Column",
    "Field",
    "SignatureBox",
    "cell_text",
    "column_layout",
    "data_table",
    "field_grid",
    "grid_commands",
    "signature_boxes",
]

LABEL_TOTAL = N_("Total")
LABEL_ROW_NUMBER = N_("No.")
LABEL_SEAL = N_("(seal)")
LABEL_DATE = N_("Date: {date}")
LABEL_BLANK_DATE = N_("Date: ____________")
CELL_PADDING = 8  # left + right padding of a cell, in points (grid_commands)


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
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
    ]


def _styles() -> FormStyles:
    return form_styles(current_fonts())


# ---------------------------------------------------------------- descriptions


def field_grid(
    fields: Sequence[Field],
    pairs_per_row: int = 2,
    context: str = "",
    *,
    width: float = CONTENT_WIDTH,
    label_share: float = 0.4,
    photo: Photo | None = None,
) -> Grid:
    """Label cells (shaded, centred) beside value cells, ``pairs_per_row`` pairs a row;
    ``label_share`` of the width goes to the labels; ``photo`` adds the photo box on the right
    of the first rows."""
    return Grid(tuple(fields), pairs_per_row, context, width, label_share, photo)


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    totals: Sequence[object] | None = None,
    *,
    numbered: bool = False,
    record_column: int = 0,
    width: float = CONTENT_WIDTH,
    total_label: str = "",
) -> DataTable:
    """A bordered list whose header row repeats on every page, with an optional totals row.

    ``record_column`` is the column that names a row's record (usually the person's name), used in
    error messages. ``numbered`` adds a 序号 column. ``totals`` has one value per column (not counting
    序号); its empty cells on the left are joined into one that says "Total" (合计), or
    ``total_label``.
    """
    return DataTable(
        tuple(columns),
        tuple(tuple(r) for r in rows),
        None if totals is None else tuple(totals),
        numbered,
        record_column,
        width,
        total_label,
    )


def signature_boxes(
    boxes: Sequence[SignatureBox], width: float = CONTENT_WIDTH, room: float | None = None
) -> Signatures:
    """Side-by-side boxes: label at the top, room to sign (a seal needs 42 mm), date at the
    bottom right, as on paper forms. Never split across pages, and never alone on one."""
    return Signatures(tuple(boxes), width, room)


# ---------------------------------------------------------------- layout both writers share


def all_columns(table: DataTable) -> list[Column]:
    """The columns as printed: the 序号 column first when the table is numbered."""
    cols = list(table.columns)
    if table.numbered:
        cols.insert(0, Column(_(LABEL_ROW_NUMBER), 0.45, "centre"))
    return cols


def body_rows(table: DataTable) -> list[list[object]]:
    """The rows as printed (with their number when the table is numbered)."""
    if table.numbered:
        return [[index, *values] for index, values in enumerate(table.rows, start=1)]
    return [list(values) for values in table.rows]


def totals_row(table: DataTable) -> tuple[list[object], int] | None:
    """The totals row as printed, and how many cells on its left its label spans."""
    if table.totals is None:
        return None
    values = [None, *table.totals] if table.numbered else list(table.totals)
    blank = next((i for i, v in enumerate(values) if v not in (None, "")), len(values))
    if blank:
        values[0] = table.total_label or _(LABEL_TOTAL)
    return values, blank


def _width_of(fonts: FontChain) -> object:
    def width_of(char: str, size: float) -> float:
        try:
            return fonts.string_width(char, size)
        except MissingGlyphError:  # reported with its record when the cell is drawn
            return size

    return width_of


def column_layout(
    table: DataTable, fonts: FontChain | None = None
) -> tuple[list[float], list[float]]:
    """Each column's width (points) and the font size of its body cells.

    Shares of the table's width first; the 序号 column exactly as wide as its title needs (a
    share would wrap "序号" in a table of many columns). Then a column whose widest unbreakable
    value does not fit is printed smaller, down to 9 pt; what it still lacks it takes from the
    columns whose values leave room; then smaller again, down to `MIN_SIZE`, and wider again.
    """
    fonts = fonts or current_fonts()
    cols = all_columns(table)
    fixed = 0.0
    if table.numbered:
        fixed = max(9 * mm, fonts.string_width(cols[0].title, BODY_SIZE) + 10)
    shared = cols[1:] if table.numbered else cols
    scale = (table.width - fixed) / sum(c.width for c in shared)
    widths = ([fixed] if table.numbered else []) + [c.width * scale for c in shared]
    measure = _width_of(fonts)
    texts = [[normalise_text(cell_text(v)) for v in row] for row in body_rows(table)]
    totals = totals_row(table)
    if totals is not None:
        values, blank = totals  # the label spans its cells: it is not a column's value
        texts.append([""] * blank + [normalise_text(cell_text(v)) for v in values[blank:]])
    widest = [
        max((widest_unit(row[i], measure, BODY_SIZE) for row in texts if i < len(row)), default=0)
        for i in range(len(cols))
    ]
    header = [widest_unit(normalise_text(c.title), measure, BODY_SIZE) for c in cols]
    # Smaller first, down to 小五 (9 pt); a column that needs more takes it from those with room
    # to spare; then smaller again, down to MIN_SIZE, and only past that wider still.
    for size in (SMALL_SIZE, MIN_SIZE):
        short = [
            max(0.0, w * size / BODY_SIZE + CELL_PADDING - x)
            for w, x in zip(widest, widths, strict=True)
        ]
        # A column gives at most half of its width: text that may wrap would otherwise be
        # wrapped into a tower of short lines.
        spare = [
            0.0
            if short[i]
            else max(0.0, min(widths[i] / 2, widths[i] - max(widest[i], header[i]) - CELL_PADDING))
            for i in range(len(cols))
        ]
        take = min(sum(short), sum(spare))
        for i in range(len(cols)):
            if short[i]:
                widths[i] += take * short[i] / sum(short)
            elif spare[i]:
                widths[i] -= take * spare[i] / sum(spare)
    sizes = [fitting_size(widest[i], widths[i] - CELL_PADDING, BODY_SIZE) for i in range(len(cols))]
    return widths, sizes


# ---------------------------------------------------------------- the PDF


def grid_flowable(grid: Grid) -> Table:
    styles = _styles()
    pairs = grid.pairs_per_row
    photo_width = photo_column_width() if grid.photo is not None else 0.0
    width = grid.width - photo_width
    label_w = width * grid.label_share / pairs
    value_w = width / pairs - label_w
    rows: list[list[object]] = []
    commands = grid_commands()
    row: list[object] = []

    def value_cell(item: Field) -> list[Flowable]:
        where = f"{grid.context} / {item.label}" if grid.context else item.label
        cell: list[Flowable] = [Para(para_markup(cell_text(item.value), where), styles.cell)]
        if item.lines > 1:
            cell.append(Spacer(1, (item.lines - 1) * styles.cell.leading))
        return cell

    def close_row() -> None:
        nonlocal row
        if row:
            row += [""] * (2 * pairs - len(row))
            rows.append(row)
            row = []

    for item in grid.fields:
        label = Para(para_markup(item.label), styles.label)
        if item.wide:
            close_row()
            y = len(rows)
            rows.append([label, value_cell(item)] + [""] * (2 * pairs - 2))
            commands.append(("SPAN", (1, y), (2 * pairs - 1, y)))
        else:
            row += [label, value_cell(item)]
            if len(row) == 2 * pairs:
                close_row()
    close_row()
    # Shade label cells one by one: a column-wide shade would also paint the spanned value cell
    # of a wide row.
    for y, cells in enumerate(rows):
        for x in range(0, len(cells), 2):
            if cells[x] != "":
                commands.append(("BACKGROUND", (x, y), (x, y), LABEL_BACKGROUND))
    col_widths = [label_w, value_w] * pairs
    if grid.photo is not None:
        from swdesk.printing.photo_box import photo_cell

        spanned = min(len(rows), PHOTO_ROWS)
        for y, cells in enumerate(rows):
            cells.append(photo_cell(grid.photo, grid.context) if y == 0 else "")
            if y >= spanned:  # below the photo, the row's last value takes its column too
                start = 1 if cells[2] == "" and cells[1] != "" else 2 * pairs - 1
                commands.append(("SPAN", (start, y), (-1, y)))
        commands += [("SPAN", (-1, 0), (-1, spanned - 1)), ("ALIGN", (-1, 0), (-1, 0), "CENTER")]
        col_widths.append(photo_width)
    table = Table(rows, colWidths=col_widths)
    table.setStyle(TableStyle(commands))
    return table


PHOTO_ROWS = 6  # rows of a grid the photo box stands beside


def photo_column_width() -> float:
    return 25 * mm + CELL_PADDING + 2 * mm


def data_table_flowable(table: DataTable) -> Table:
    styles = _styles()
    cols = all_columns(table)
    widths, sizes = column_layout(table)
    by_align = {"left": styles.cell, "centre": styles.cell_centre, "right": styles.cell_right}
    header = [Bold(Para(para_markup(c.title), styles.header_cell), BODY_SIZE) for c in cols]
    body: list[list[object]] = [header]
    column_styles = [scaled(by_align[c.align], size) for c, size in zip(cols, sizes, strict=True)]
    for values in body_rows(table):
        offset = 1 if table.numbered else 0
        record = cell_text(values[table.record_column + offset]) if values else ""
        body.append(
            [
                Para(para_markup(cell_text(v), f"{record} / {c.title}"), style)
                for c, v, style in zip(cols, values, column_styles, strict=True)
            ]
        )
    commands = [*grid_commands(), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND)]
    totals = totals_row(table)
    if totals is not None:
        values, blank = totals
        cells: list[object] = [
            Bold(Para(para_markup(cell_text(v)), style), BODY_SIZE)
            for v, style in zip(values, column_styles, strict=True)
        ]
        if blank:
            # "合计" goes across the empty cells on the left: the 序号 column alone is too
            # narrow for "Total".
            cells[0] = Bold(Para(para_markup(values[0]), styles.cell_centre), BODY_SIZE)
            commands.append(("SPAN", (0, len(body)), (blank - 1, len(body))))
        body.append(cells)
        commands.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_BACKGROUND))
    flowable = Table(body, colWidths=widths, repeatRows=1, spaceAfter=2 * mm)
    flowable.setStyle(TableStyle(commands))
    return flowable


def signature_flowable(signatures: Signatures) -> Flowable:
    """Labels and dates are separate rows, so a label that wraps does not push its date below
    its neighbours'."""
    styles = _styles()
    boxes = signatures.boxes
    room = signatures.room
    if room is None:
        room = 42 * mm if any(b.seal for b in boxes) else 20 * mm
    labels: list[Para] = []
    feet: list[list[Flowable]] = []
    for box in boxes:
        labels.append(Para(para_markup(box.label), styles.cell))
        foot: list[Flowable] = [Spacer(1, room)]
        if box.seal:
            foot.append(Para(para_markup(_(LABEL_SEAL)), styles.cell_right))
        foot.append(Para(para_markup(signature_date(box)), styles.cell_right))
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
    width = signatures.width
    table = Table([labels, feet], colWidths=[width / columns] * columns, spaceBefore=6 * mm)
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])


def signature_date(box: SignatureBox) -> str:
    if box.signed_on:
        return _(LABEL_DATE).format(date=format_date(box.signed_on))
    return _(LABEL_BLANK_DATE)
