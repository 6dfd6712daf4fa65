"""Page geometry, paragraph styles and the bold effect shared by every form.

Sizes follow Chinese typesetting names: 五号 10.5 pt for body and table text, 小五 9 pt for the
header and footer, 小二 18 pt for a form's title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from swdesk.printing.fonts import FontChain

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 28 * mm  # the agency header lives in the top margin
MARGIN_BOTTOM = 20 * mm  # the page number lives in the bottom margin
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LANDSCAPE_CONTENT_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT  # wide tables for the bureau

BODY_SIZE = 10.5
SMALL_SIZE = 9
TITLE_SIZE = 18

GRID_COLOUR = colors.black
LABEL_BACKGROUND = colors.Color(0.93, 0.93, 0.93)
HEADER_BACKGROUND = colors.Color(0.88, 0.88, 0.88)
MUTED = colors.Color(0.3, 0.3, 0.3)


@dataclass(frozen=True)
class FormStyles:
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    header_cell: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    small: ParagraphStyle


# Built once per font chain: every block of every form asks for them (thousands of times in a
# batch of packets), and a Para's lines are kept by its style (`swdesk.printing.linebreak`).
# Nothing may change a style once made: `scaled` makes a new one.
@lru_cache(maxsize=8)
def form_styles(fonts: FontChain) -> FormStyles:
    """Paragraph styles in the chain's body font. Lines break by the rules of
    `swdesk.printing.linebreak` in both languages (between Chinese characters and at spaces, never
    inside a number, a word or a date); reportlab calls those rules for ``wordWrap="CJK"``, and
    only for a `swdesk.printing.linebreak.Para`."""
    base = ParagraphStyle(
        "swdesk-body",
        fontName=fonts.primary,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.5,
        wordWrap="CJK",
        alignment=TA_LEFT,
    )
    cell = ParagraphStyle("swdesk-cell", parent=base, leading=BODY_SIZE * 1.35)
    return FormStyles(
        body=base,
        cell=cell,
        cell_centre=ParagraphStyle("swdesk-cell-centre", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("swdesk-cell-right", parent=cell, alignment=TA_RIGHT),
        label=ParagraphStyle("swdesk-label", parent=cell, alignment=TA_CENTER),
        header_cell=ParagraphStyle("swdesk-header-cell", parent=cell, alignment=TA_CENTER),
        title=ParagraphStyle(
            "swdesk-title",
            parent=base,
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.4,
            alignment=TA_CENTER,
            spaceAfter=2 * mm,
        ),
        subtitle=ParagraphStyle(
            "swdesk-subtitle",
            parent=base,
            fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * 1.4,
            alignment=TA_RIGHT,
        ),
        small=ParagraphStyle(
            "swdesk-small", parent=base, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.4
        ),
    )


class Bold(Flowable):
    """Draws another flowable with outlined glyphs, i.e. heavier strokes.

    The bundled CJK fonts have no bold face, and reportlab cannot synthesise one; filling and
    stroking the glyphs (PDF text render mode 2) is how Chinese office software fakes bold, and it
    keeps the text extractable. ``weight`` is the stroke width as a share of the font size.
    """

    def __init__(self, inner: Flowable, font_size: float, weight: float = 0.035) -> None:
        super().__init__()
        self.inner = inner
        self.font_size = font_size
        self.weight = weight

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [
            Bold(part, self.font_size, self.weight)
            for part in self.inner.split(avail_width, avail_height)
        ]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter()

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.font_size * self.weight)
        canv.setLineJoin(1)  # round joins: no spikes at sharp corners of strokes
        canv.addLiteral("2 Tr")  # fill, then stroke, each glyph
        self.inner.drawOn(canv, 0, 0)
        canv.restoreState()
