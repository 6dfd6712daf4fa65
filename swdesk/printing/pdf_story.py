"""Blocks (`swdesk.printing.blocks`) into reportlab flowables: the PDF side of every form.

Besides drawing each block, the story keeps a form's closing together: the signatures (and
whatever stands between them and the last table: a total, a note, a clause) never begin a page
alone; when they do not fit under the table, the table is split so that at least its last two
rows (and its totals row) go over with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from swdesk.i18n import _
from swdesk.printing import blocks as b
from swdesk.printing.fonts import current_fonts
from swdesk.printing.forms.scans import PdfPageSlot, ScanImage, Slot, SlotLog
from swdesk.printing.linebreak import Para
from swdesk.printing.markup import para_markup
from swdesk.printing.pdf_tables import data_table_flowable, grid_flowable, signature_flowable
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    GRID_COLOUR,
    HEADER_BACKGROUND,
    MUTED,
    Bold,
    form_styles,
)
from swdesk.printing.tables import grid_commands

KEEP_ROWS = 2  # rows of a table that go over to the next page with the signatures


@dataclass
class StoryContext:
    """What drawing a story leaves for after the build: the attached PDF pages to merge."""

    slots: SlotLog = field(default_factory=SlotLog)
    width: float = CONTENT_WIDTH


def _styles() -> Any:
    return form_styles(current_fonts())


def _text(block: b.Text) -> list[Flowable]:
    st = _styles()
    markup = para_markup(b.cell_text(block.value), block.context)
    if block.style == "heading":
        heading, after = Bold(Para(markup, st.body), BODY_SIZE), Spacer(1, 1 * mm)
        heading.keepWithNext = after.keepWithNext = True  # never the last line of a page
        return [Spacer(1, 2 * mm), heading, after]
    if block.style == "muted":
        return [Para(f'<font color="{MUTED.hexval()}">{markup}</font>', st.small)]
    style = {"small": st.small, "right": st.cell_right}.get(block.style, st.body)
    return [Para(markup, style)]


def _boxed(block: b.Boxed, width: float) -> list[Flowable]:
    st = _styles()
    where = f"{block.context} / {block.label}" if block.context else block.label
    cell: list[Flowable] = [
        Bold(Para(para_markup(block.label), st.cell), BODY_SIZE),
        Para(para_markup(b.cell_text(block.value), where), st.cell),
    ]
    if block.lines > 1:
        cell.append(Spacer(1, (block.lines - 1) * st.cell.leading))
    table = Table([[cell]], colWidths=[width], spaceBefore=2 * mm)
    table.setStyle(TableStyle([*grid_commands(), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def _statement(block: b.Statement, width: float) -> list[Flowable]:
    st = _styles()
    where = f"{block.context} / {block.label}" if block.context else block.label
    label_width = current_fonts().string_width(block.label, BODY_SIZE) + 10
    cells = [
        [
            Bold(Para(para_markup(block.label), st.cell), BODY_SIZE),
            Para(para_markup(b.cell_text(block.value), where), st.body),
        ]
    ]
    table = Table(cells, colWidths=[label_width, width - label_width], spaceBefore=2 * mm)
    commands = [c for c in grid_commands() if c[0] != "GRID"]
    commands += [
        ("BOX", (0, 0), (-1, -1), 0.75, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (0, 0), (0, 0), 0),
    ]
    table.setStyle(TableStyle(commands))
    return [table]


def _contents(block: b.Contents, width: float) -> list[Flowable]:
    from swdesk.printing.layout import PageRef

    st = _styles()
    header = [_("No."), _("Contents"), _("Page")]
    rows: list[list[object]] = [
        [Bold(Para(para_markup(t), st.header_cell), BODY_SIZE) for t in header]
    ]
    for number, (key, title) in enumerate(block.entries, start=1):
        where = f"{block.context} / {title}" if block.context else title
        rows.append(
            [
                Para(str(number), st.cell_centre),
                Para(para_markup(title, where), st.cell),
                PageRef(key),
            ]
        )
    # The page column holds PageRefs, filled in when the document is saved.
    table = Table(rows, colWidths=[width * w for w in (0.1, 0.75, 0.15)], repeatRows=1)
    commands = [
        *grid_commands(),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
    ]
    table.setStyle(TableStyle(commands))
    return [table]


def block_flowables(block: object, ctx: StoryContext) -> list[Flowable]:
    """The flowables that draw ``block`` (a reportlab flowable is its own)."""
    width = getattr(block, "width", ctx.width)
    if isinstance(block, Flowable):
        return [block]
    if isinstance(block, b.Text):
        return _text(block)
    if isinstance(block, b.Grid):
        return [grid_flowable(block)]
    if isinstance(block, b.DataTable):
        table = data_table_flowable(block)
        table.keep_rows = KEEP_ROWS + (block.totals is not None)  # type: ignore[attr-defined]
        return [table]
    if isinstance(block, b.Signatures):
        return [signature_flowable(block)]
    if isinstance(block, b.Boxed):
        return _boxed(block, ctx.width)
    if isinstance(block, b.Statement):
        return _statement(block, ctx.width)
    if isinstance(block, b.Gap):
        return [Spacer(1, block.height)]
    if isinstance(block, b.NewPage):
        return [PageBreak()]
    if isinstance(block, b.Contents):
        return _contents(block, width)
    if isinstance(block, b.Picture):
        return [ScanImage(block.scan, block.context)]
    if isinstance(block, b.AttachedPage):
        return [PdfPageSlot(Slot(block.scan.path, block.index), ctx.slots)]
    raise TypeError(f"no PDF drawing for {type(block).__name__}")


def _is_anchor(block: object) -> bool:
    return isinstance(block, b.DataTable | b.Grid) or (
        isinstance(block, Table) and len(getattr(block, "_cellvalues", ())) > 1
    )


def story(body: Sequence[object], ctx: StoryContext) -> list[Flowable]:
    """The flowables of a section's body, its closing kept together (see the module)."""
    out: list[Flowable] = []
    anchor: tuple[int, Table] | None = None  # where in ``out`` the last table is, and it
    for block in body:
        drawn = block_flowables(block, ctx)
        if isinstance(block, b.Signatures) and out:
            if anchor is not None:
                at, table = anchor
                closing = [*out[at + 1 :], *drawn]
                del out[at:]
                # The table's heading goes with its first rows, not with the whole: a long
                # table begins under it on this page rather than leaving the page half empty.
                lead: list[Flowable] = []
                while out and getattr(out[-1], "keepWithNext", False):
                    lead.insert(0, out.pop())
                out.append(KeepWithLastRows(table, closing, lead))
                anchor = None
                continue
            if not isinstance(out[-1], Spacer):  # no table: keep with what stands above
                # Unwrapped: a KeepTogether inside another says it is endlessly tall, and the
                # pair then always went to a page of its own.
                inner = [
                    part
                    for flowable in drawn
                    for part in (
                        flowable._content if isinstance(flowable, KeepTogether) else [flowable]
                    )
                ]
                out.append(KeepTogether([out.pop(), *inner]))
                continue
        if _is_anchor(block) and len(drawn) == 1 and isinstance(drawn[0], Table):
            anchor = (len(out), drawn[0])
        out += drawn
    return out


class KeepWithLastRows(Flowable):
    """A table and its closing (the signatures and what comes between). Where the whole does
    not fit, the table is split so that its last ``keep_rows`` rows go on with the closing."""

    def __init__(
        self, table: Table, closing: list[Flowable], lead: Sequence[Flowable] = ()
    ) -> None:
        super().__init__()
        self.table = table
        self.lead = list(lead)  # a heading that stays with the table's first rows
        # The closing is kept together here already: a KeepTogether inside it is unwrapped.
        self.closing = [
            part
            for flowable in closing
            for part in (flowable._content if isinstance(flowable, KeepTogether) else [flowable])
        ]
        self.keep = getattr(table, "keep_rows", KEEP_ROWS)

    @staticmethod
    def _height_of(flowables: Sequence[Flowable], width: float, height: float) -> float:
        total = 0.0
        for flowable in flowables:
            total += flowable.wrap(width, height)[1]
            total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        table_height = self.table.wrap(availWidth, availHeight)[1] + self.table.getSpaceAfter()
        self.width = availWidth
        self.height = (
            self._height_of(self.lead, availWidth, availHeight)
            + table_height
            + self._height_of(self.closing, availWidth, availHeight)
        )
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [*self.lead, self.table, *self.closing]
        heights = list(self.table._rowHeights)
        head = self.table.repeatRows
        fit, used = 0, self._height_of(self.lead, availWidth, availHeight)
        for height in heights:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        cut = min(fit, len(heights) - self.keep)
        if cut <= head:
            if not getattr(self, "_postponed", 0):
                return []  # nothing of the table may stay here: all of it to the next page
            # Already moved to a fresh page and still too tall: let the table split as it must.
            cut = fit
            if cut <= head:
                return []
        parts = self.table.split(availWidth, sum(heights[:cut]) + 0.01)
        if len(parts) != 2:
            return []
        rest = parts[1]
        rest.keep_rows = self.keep  # type: ignore[attr-defined]
        for flowable in self.lead:  # laid out here, before the table: no longer kept with it
            flowable.keepWithNext = False
        return [*self.lead, parts[0], KeepWithLastRows(rest, self.closing)]

    def draw(self) -> None:  # only drawn whole when it fits: split() hands out the parts
        y = self.height
        for flowable in [*self.lead, self.table, *self.closing]:
            w, h = flowable.wrap(self.width, self.height)
            y -= flowable.getSpaceBefore() + h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
