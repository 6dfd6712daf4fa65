"""How the PDF draws the table blocks of `swdesk.printing.tables` (reportlab Tables of `Para`s):
label/value grids with the photo box, data tables with their fitted columns (`column_layout`),
totals and a header row repeated on every page, and signature boxes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from swdesk.i18n import _
from swdesk.printing.blocks import DataTable, Field, Grid, Signatures, cell_text
from swdesk.printing.fonts import current_fonts
from swdesk.printing.linebreak import Para, scaled
from swdesk.printing.markup import para_markup
from swdesk.printing.styles import (
    BODY_SIZE,
    GRID_COLOUR,
    HEADER_BACKGROUND,
    LABEL_BACKGROUND,
    Bold,
    FormStyles,
    form_styles,
)
from swdesk.printing.tables import (
    LABEL_SEAL,
    PHOTO_ROWS,
    all_columns,
    body_rows,
    column_layout,
    grid_commands,
    photo_column_width,
    signature_date,
    totals_row,
)


def _styles() -> FormStyles:
    return form_styles(current_fonts())


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
