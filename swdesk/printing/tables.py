"""Bordered tables of official forms: label/value grids, data tables, signature and seal boxes.

`field_grid`, `data_table` and `signature_boxes` describe a table (a block of
`swdesk.printing.blocks`) that both writers draw (`pdf_tables`, `word_blocks`). Every value goes
through `para_markup` with a context naming its record when drawn, so a character no font has is
reported as "张三 / 姓名" rather than as an anonymous failure somewhere in a long list.

A data table's columns are laid out by `column_layout`, which both writers use: a value that
must not break (a number, an identity or certificate number, a date, a clause) and is wider than
its column is printed smaller in that whole column first (to 9 pt), then the column takes width
from columns with room to spare, then it is printed smaller still (to `linebreak.MIN_SIZE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.units import mm

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
from swdesk.printing.linebreak import MIN_SIZE, fitting_size, widest_unit
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    GRID_COLOUR,
    SMALL_SIZE,
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


# The widest unbreakable unit of each cell text at BODY_SIZE, for the current font chain: a batch
# of packets lays out the same dates, course titles and organisers in table after table.
_WIDEST: tuple[FontChain | None, dict[str, float]] = (None, {})


def _widest(fonts: FontChain) -> Callable[[str], float]:
    global _WIDEST
    if _WIDEST[0] is not fonts:
        _WIDEST = (fonts, {})
    known = _WIDEST[1]
    widths: dict[tuple[str, float], float] = {}  # a table's columns repeat the same characters

    def width_of(char: str, size: float) -> float:
        width = widths.get((char, size))
        if width is None:
            try:
                width = fonts.string_width(char, size)
            except MissingGlyphError:  # reported with its record when the cell is drawn
                width = size
            widths[(char, size)] = width
        return width

    def widest(text: str) -> float:
        found = known.get(text)
        if found is None:
            if len(known) > 20_000:
                known.clear()
            found = known[text] = widest_unit(text, width_of, BODY_SIZE)
        return found

    return widest


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
    widest_of = _widest(fonts)
    texts = [[normalise_text(cell_text(v)) for v in row] for row in body_rows(table)]
    totals = totals_row(table)
    if totals is not None:
        values, blank = totals  # the label spans its cells: it is not a column's value
        texts.append([""] * blank + [normalise_text(cell_text(v)) for v in values[blank:]])
    widest = [
        max((widest_of(row[i]) for row in texts if i < len(row)), default=0)
        for i in range(len(cols))
    ]
    header = [widest_of(normalise_text(c.title)) for c in cols]
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


PHOTO_ROWS = 6  # rows of a grid the photo box stands beside


def photo_column_width() -> float:
    return 25 * mm + CELL_PADDING + 2 * mm


def signature_date(box: SignatureBox) -> str:
    if box.signed_on:
        return _(LABEL_DATE).format(date=format_date(box.signed_on))
    return _(LABEL_BLANK_DATE)
