"""Each block of `swdesk.printing.blocks` in a Word document (python-docx): grids and data
tables as Word tables with the PDF's column widths and column font sizes
(`swdesk.printing.tables.column_layout`), shaded labels and headers, a header row repeated on
every page, signature boxes that Word keeps on one page with the table's last rows, pictures
for attached images and for the pages of attached PDFs.
"""

from __future__ import annotations

import io

from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from swdesk.i18n import _
from swdesk.printing import blocks as b
from swdesk.printing.blocks import cell_text
from swdesk.printing.fonts import current_fonts
from swdesk.printing.forms.scans import attached_page_png, printable_image
from swdesk.printing.photo_box import LABEL_PHOTO, photo_image
from swdesk.printing.styles import BODY_SIZE, MARGIN_BOTTOM, MARGIN_TOP, SMALL_SIZE
from swdesk.printing.tables import (
    LABEL_SEAL,
    PHOTO_ROWS,
    all_columns,
    body_rows,
    column_layout,
    photo_column_width,
    signature_date,
    totals_row,
)
from swdesk.printing.word_parts import (
    NOTE_FONT,
    WordContext,
    add_field,
    bookmark_name,
    keep_with_next,
    lines,
    new_table,
    page_break,
    put,
    row_flag,
    set_run_font,
    shade,
    text_run,
)

LABEL_FILL = "EDEDED"
HEADER_FILL = "E0E0E0"
MUTED = RGBColor(0x4D, 0x4D, 0x4D)
KEEP_ROWS = 2  # as on paper: the signatures take the last rows of the table along
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# ---------------------------------------------------------------- blocks


def _grid(grid: b.Grid, ctx: WordContext) -> None:
    pairs = grid.pairs_per_row
    photo = photo_column_width() if grid.photo is not None else 0.0
    width = grid.width - photo
    label_w = width * grid.label_share / pairs
    value_w = width / pairs - label_w
    layout: list[list[b.Field | None]] = []
    row: list[b.Field | None] = []
    for item in grid.fields:
        if item.wide:
            if row:
                layout.append(row + [None] * (pairs - len(row)))
                row = []
            layout.append([item])
        else:
            row.append(item)
            if len(row) == pairs:
                layout.append(row)
                row = []
    if row:
        layout.append(row + [None] * (pairs - len(row)))
    widths = [label_w, value_w] * pairs + ([photo] if photo else [])
    table = new_table(ctx, len(layout), widths)
    for y, items in enumerate(layout):
        cells = table.rows[y].cells
        if len(items) == 1 and items[0] is not None and items[0].wide:
            cells[1].merge(cells[2 * pairs - 1])
        for x, item in enumerate(items):
            if item is None:
                continue
            label, value = table.rows[y].cells[2 * x], table.rows[y].cells[2 * x + 1]
            put(label, item.label, "centre")
            shade(label, LABEL_FILL)
            put(value, cell_text(item.value))
            for _extra in range(item.lines - 1):
                value.add_paragraph()
    if grid.photo is not None:
        spanned = min(len(layout), PHOTO_ROWS)
        column = [r.cells[-1] for r in table.rows][:spanned]
        box = column[0].merge(column[-1]) if len(column) > 1 else column[0]
        for row in list(table.rows)[spanned:]:  # below the photo, the last value takes its column
            row.cells[-2].merge(row.cells[-1])
        paragraph = box.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        box.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        picture = photo_image(grid.photo, grid.context)
        if picture is None:
            text_run(paragraph, _(LABEL_PHOTO), SMALL_SIZE)
        else:
            paragraph.add_run().add_picture(picture, width=Pt(25 * mm), height=Pt(35 * mm))
    ctx.last_table = (table, KEEP_ROWS)


def _data_table(block: b.DataTable, ctx: WordContext) -> None:
    cols = all_columns(block)
    widths, sizes = column_layout(block)
    rows = body_rows(block)
    totals = totals_row(block)
    table = new_table(ctx, 1 + len(rows) + (totals is not None), widths)
    header = table.rows[0]
    row_flag(header, "w:tblHeader")  # repeated on every page
    for cell, column in zip(header.cells, cols, strict=True):
        put(cell, column.title, "centre", bold=True)
        shade(cell, HEADER_FILL)
    for y, values in enumerate(rows, start=1):
        row_flag(table.rows[y], "w:cantSplit")
        for cell, column, value, size in zip(table.rows[y].cells, cols, values, sizes, strict=True):
            put(cell, cell_text(value), column.align, None if size == BODY_SIZE else size)
    if totals is not None:
        values, blank = totals
        row = table.rows[-1]
        cells = row.cells
        if blank > 1:
            cells[0].merge(cells[blank - 1])
        for x, (cell, column, value, size) in enumerate(
            zip(cells, cols, values, sizes, strict=True)
        ):
            if 0 < x < blank:
                continue
            align = "centre" if x == 0 and blank else column.align
            put(cell, cell_text(value), align, None if size == BODY_SIZE else size, bold=True)
            shade(cell, LABEL_FILL)
    ctx.last_table = (table, KEEP_ROWS + (totals is not None))


def _signatures(block: b.Signatures, ctx: WordContext) -> None:
    room = (
        block.room
        if block.room is not None
        else (42 * mm if any(x.seal for x in block.boxes) else 20 * mm)
    )
    if ctx.last_table is not None:
        table, rows = ctx.last_table
        keep_with_next(table, rows)
    ctx.document.add_paragraph().paragraph_format.keep_with_next = True
    count = len(block.boxes)
    table = new_table(ctx, 1, [block.width / count] * count)
    row = table.rows[0]
    row_flag(row, "w:cantSplit")
    row.height = Pt(room + 2 * BODY_SIZE * 1.4)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell, box in zip(row.cells, block.boxes, strict=True):
        cell.vertical_alignment = WD_ALIGN_VERTICAL.TOP
        label = cell.paragraphs[0]
        label.paragraph_format.keep_with_next = True
        lines(label, box.label)
        space = cell.add_paragraph()
        space.paragraph_format.space_before = Pt(room)
        space.paragraph_format.keep_with_next = True
        if box.seal:
            seal = cell.add_paragraph()
            seal.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            text_run(seal, _(LABEL_SEAL))
        date = cell.add_paragraph()
        date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        text_run(date, signature_date(box))
    ctx.last_table = None


def _text(block: b.Text, ctx: WordContext) -> None:
    paragraph = ctx.document.add_paragraph()
    if ctx.last_table is not None:  # a note under a table goes where the table's end goes
        paragraph.paragraph_format.keep_with_next = True
    value = b.cell_text(block.value)
    if block.style == "heading":
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(3)
        paragraph.paragraph_format.keep_with_next = True
        lines(paragraph, value, bold=True)
        return
    if block.style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    size = SMALL_SIZE if block.style in ("small", "muted") else None
    lines(paragraph, value, size)
    if block.style == "muted":
        for run in paragraph.runs:
            run.font.color.rgb = MUTED
            if not run._element.xpath("./w:rPr/w:rFonts"):
                set_run_font(run, NOTE_FONT)


def _boxed(block: b.Boxed, ctx: WordContext) -> None:
    cell = new_table(ctx, 1, [ctx.width]).rows[0].cells[0]
    cell.vertical_alignment = WD_ALIGN_VERTICAL.TOP
    lines(cell.paragraphs[0], block.label, bold=True)
    lines(cell.add_paragraph(), b.cell_text(block.value))
    for _extra in range(block.lines - 1):
        cell.add_paragraph()


def _statement(block: b.Statement, ctx: WordContext) -> None:
    label_width = current_fonts().string_width(block.label, BODY_SIZE) + 12
    table = new_table(ctx, 1, [label_width, ctx.width - label_width])
    label, text = table.rows[0].cells
    lines(label.paragraphs[0], block.label, bold=True)
    lines(text.paragraphs[0], b.cell_text(block.value))
    for cell in (label, text):
        cell.vertical_alignment = WD_ALIGN_VERTICAL.TOP


def _contents(block: b.Contents, ctx: WordContext) -> None:
    widths = [ctx.width * w for w in (0.1, 0.75, 0.15)]
    table = new_table(ctx, 1 + len(block.entries), widths)
    for cell, title in zip(table.rows[0].cells, (_("No."), _("Contents"), _("Page")), strict=True):
        put(cell, title, "centre", bold=True)
        shade(cell, HEADER_FILL)
    for y, (key, title) in enumerate(block.entries, start=1):
        number, name, page = table.rows[y].cells
        put(number, str(y), "centre")
        put(name, title)
        paragraph = put(page, "", "centre")
        shown = ctx.pages.get(key)
        add_field(paragraph, f"PAGEREF {bookmark_name(key)} \\h", str(shown or ""))


def _picture(stream: io.BytesIO, size: tuple[int, int], ctx: WordContext) -> None:
    """A picture as large as fits the text width and most of the page's height."""
    section = ctx.document.sections[-1]
    room = section.page_height.pt - MARGIN_TOP - MARGIN_BOTTOM - 120  # the title and caption
    scale = min(ctx.width / size[0], room / size[1])
    paragraph = ctx.document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(stream, width=Pt(size[0] * scale), height=Pt(size[1] * scale))


def add(block: object, ctx: WordContext) -> None:
    """Add ``block`` at the end of the document."""
    if isinstance(block, b.Text):
        _text(block, ctx)
    elif isinstance(block, b.Grid):
        _grid(block, ctx)
    elif isinstance(block, b.DataTable):
        _data_table(block, ctx)
    elif isinstance(block, b.Signatures):
        _signatures(block, ctx)
    elif isinstance(block, b.Boxed):
        _boxed(block, ctx)
    elif isinstance(block, b.Statement):
        _statement(block, ctx)
    elif isinstance(block, b.Gap | Spacer):
        height = block.height
        ctx.document.add_paragraph().paragraph_format.space_before = Pt(max(0, height - BODY_SIZE))
    elif isinstance(block, b.NewPage | PageBreak):
        page_break(ctx.document)
    elif isinstance(block, b.Contents):
        _contents(block, ctx)
    elif isinstance(block, b.Picture):
        stream, size = printable_image(block.scan, block.context)
        _picture(stream, size, ctx)
    elif isinstance(block, b.AttachedPage):
        stream, size = attached_page_png(block.scan, block.index, block.context)
        _picture(stream, size, ctx)
    else:
        raise TypeError(f"no Word drawing for {type(block).__name__}: describe it as a block")
    if isinstance(block, b.NewPage | PageBreak | b.Contents | b.Picture | b.AttachedPage):
        ctx.last_table = None
