"""The A4 official-form page: agency header, bold centred title, page numbers, PDF output.

A form module builds its body from the helpers in `swdesk.printing.tables` and `markup`, then
calls `render_form`; a document of several titled parts (an application packet, a batch of them)
calls `build_document` with `Section`s. The header (agency name and 统一社会信用代码) and the
footer (第 N 页 共 M 页) are drawn on every page; the page count is known only once all pages are
laid out, so the canvas keeps each page and decorates them all when the document is saved. The
`PageBook` carries what is learnt meanwhile: where a new numbering starts (each packet of a batch
counts its own pages), on which page a mark fell, and drawings that need those numbers (the
page column of a packet's index).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from swdesk import collector
from swdesk.domain.errors import SwdeskError
from swdesk.exchange.targets import check_target
from swdesk.i18n import N_, _, current_language, format_date
from swdesk.printing import pdf_story
from swdesk.printing.blocks import Section
from swdesk.printing.fonts import FontChain, current_fonts
from swdesk.printing.forms.scans import merge_pdf_pages
from swdesk.printing.linebreak import Para
from swdesk.printing.markup import para_markup
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SMALL_SIZE,
    TITLE_SIZE,
    Bold,
    form_styles,
)

# Streams are written in binary. reportlab's default wraps every stream (pages, fonts, images) in
# ASCII85, which without its optional C accelerator is pure Python: it took a third of the time
# of a packet with photos and makes the file a quarter larger. Every PDF reader takes binary.
rl_config.useA85 = 0

LABEL_CREDIT_CODE = N_("Unified social credit code: {code}")
LABEL_ADDRESS = N_("Address: {address}")
LABEL_CONTACT = N_("Contact: {contact}")
LABEL_PHONE = N_("Phone: {phone}")
LABEL_PAGE = N_("Page {page} of {pages}")
LABEL_FORM_DATE = N_("Date of form: {date}")
LABEL_REFERENCE = N_("No.: {reference}")


@dataclass(frozen=True)
class AgencyHeader:
    """The agency's identity printed at the top of every page of every form."""

    name: str
    credit_code: str
    address: str = ""
    contact: str = ""
    phone: str = ""


def _fit(fonts: FontChain, text: str, size: float, width: float, minimum: float = 6.5) -> float:
    """The largest size up to ``size`` at which ``text`` fits in ``width``: a long agency name
    is printed smaller rather than running into the credit code or off the page."""
    natural = fonts.string_width(text, size)
    return size if natural <= width else max(minimum, size * width / natural)


def _decorate_page(
    canv: Canvas, page: int, pages: int, agency: AgencyHeader, fonts: FontChain
) -> None:
    """Header and footer of one page (called once the page count is known)."""
    page_width, page_height = canv._pagesize  # portrait or landscape
    content_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
    left, right = MARGIN_LEFT, page_width - MARGIN_RIGHT
    top = page_height - 12 * mm
    canv.saveState()
    code = _(LABEL_CREDIT_CODE).format(code=agency.credit_code) if agency.credit_code else ""
    code_width = fonts.string_width(code, SMALL_SIZE)
    room = content_width - code_width - 6 * mm
    name_size = _fit(fonts, agency.name, BODY_SIZE, room)
    fonts.draw_string(canv, left, top, agency.name, name_size, context=agency.name)
    if code:
        fonts.draw_string(canv, right, top, code, SMALL_SIZE, agency.name, anchor="right")
    details = [
        _(label).format(**{key: value})
        for label, key, value in (
            (LABEL_ADDRESS, "address", agency.address),
            (LABEL_CONTACT, "contact", agency.contact),
            (LABEL_PHONE, "phone", agency.phone),
        )
        if value
    ]
    rule_y = top - 3 * mm
    if details:
        line = "    ".join(details)
        canv.setFillColor(MUTED)
        size = _fit(fonts, line, SMALL_SIZE - 1, content_width)
        fonts.draw_string(canv, left, top - 5 * mm, line, size, context=agency.name)
        rule_y = top - 8 * mm
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.6)
    canv.line(left, rule_y, right, rule_y)
    canv.setFillColor(MUTED)
    footer = _(LABEL_PAGE).format(page=page, pages=pages)
    fonts.draw_string(canv, page_width / 2, MARGIN_BOTTOM / 2, footer, SMALL_SIZE, anchor="centre")
    canv.restoreState()


@dataclass
class PageBook:
    """What is learnt while pages are laid out, for the drawing done once the total is known.

    ``starts`` are the first pages of each numbering (a batch of packets numbers each packet on
    its own); ``marks`` the page each `mark` fell on; ``later`` drawings per page that need
    those numbers. Pages are counted from 1 in the whole document.
    """

    starts: list[int] = field(default_factory=lambda: [1])
    marks: dict[str, int] = field(default_factory=dict)
    later: dict[int, list[Callable[[Canvas], None]]] = field(default_factory=dict)
    pages: int = 0

    def numbering(self, page: int) -> tuple[int, int]:
        """(number of ``page`` within its numbering, pages in that numbering)."""
        at = bisect.bisect_right(self.starts, page) - 1
        first = self.starts[at]
        last = self.starts[at + 1] - 1 if at + 1 < len(self.starts) else self.pages
        return page - first + 1, last - first + 1

    def number_of(self, key: str) -> int | None:
        """The printed page number (within its numbering) of the page ``key`` was marked on."""
        page = self.marks.get(key)
        return None if page is None else self.numbering(page)[0]


class _Hook(Flowable):
    """Takes no room; when drawn, tells ``action`` the canvas and the page it is on."""

    def __init__(self, action: Callable[[_NumberedCanvas, int], None]) -> None:
        super().__init__()
        self.action = action
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        if isinstance(canv, _NumberedCanvas):
            self.action(canv, canv.getPageNumber())


def mark(key: str) -> Flowable:
    """Remember the page this point of the story falls on as ``key`` (see `PageRef`)."""

    def record(canv: _NumberedCanvas, page: int) -> None:
        canv.book.marks[key] = page

    return _Hook(record)


def restart_numbering() -> Flowable:
    """Number the pages from this one on as a new document (第 1 页 共 M 页)."""

    def record(canv: _NumberedCanvas, page: int) -> None:
        if page not in canv.book.starts:
            bisect.insort(canv.book.starts, page)

    return _Hook(record)


class PageRef(Flowable):
    """The printed number of the page a `mark` fell on, e.g. in an index. It is drawn when the
    document is saved, so the mark may come after it in the story."""

    def __init__(self, key: str, width: float = 12 * mm, size: float = BODY_SIZE) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.size = size
        self.height = size * 1.35

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if not isinstance(canv, _NumberedCanvas):
            return
        x, y = canv.absolutePosition(self.width / 2, self.size * 0.3)
        key, size, fonts = self.key, self.size, current_fonts()

        def later(c: Canvas) -> None:
            number = canv.book.number_of(key)
            if number is not None:
                fonts.draw_string(c, x, y, str(number), size, anchor="centre")

        canv.book.later.setdefault(canv.getPageNumber(), []).append(later)


class _NumberedCanvas(Canvas):
    """Keeps every page until `save`, when the total is known, then draws header and footer."""

    def __init__(
        self,
        *args: Any,
        decorate: Callable[[Canvas, int, int], None],
        book: PageBook,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self.book = book
        self._pages: list[dict[str, Any]] = []
        # What each paragraph drew, for `swdesk.printing.linebreak.Para.draw` to repeat.
        self.drawn_paragraphs: dict[object, tuple[str, ...]] = {}

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        self.book.pages = len(self._pages)
        for page, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, *self.book.numbering(page))
            for draw in self.book.later.get(page, ()):
                draw(self)
            super().showPage()
        super().save()


def title_block(
    title: str,
    printed_on: dt.date | None = None,
    reference: str | None = None,
    width: float = CONTENT_WIDTH,
) -> list[Flowable]:
    """The bold centred title, then the form's number (left) and date (right) if given."""
    styles = form_styles(current_fonts())
    flow: list[Flowable] = [Bold(Para(para_markup(title, context=title), styles.title), TITLE_SIZE)]
    left = _(LABEL_REFERENCE).format(reference=reference) if reference else ""
    right = _(LABEL_FORM_DATE).format(date=format_date(printed_on)) if printed_on else ""
    if left or right:
        row = [
            Para(para_markup(left), styles.small),
            Para(para_markup(right), styles.subtitle),
        ]
        table = Table([row], colWidths=[width / 2] * 2)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), styles.small.fontName, SMALL_SIZE),  # no Helvetica
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        flow.append(table)
    flow.append(Spacer(1, 2 * mm))
    return flow


def build_document(
    agency: AgencyHeader,
    sections: Sequence[Section],
    *,
    title: str = "",
    landscape: bool = False,
    output: str | Path | None = None,
) -> tuple[bytes, PageBook]:
    """Lay out ``sections`` one after another on A4 pages; return the PDF and its `PageBook`
    (and write the PDF to ``output``). Their bodies are blocks (`swdesk.printing.blocks`) or
    flowables; pages of attached PDFs are merged into the places kept for them.

    Fixed labels are translated with the current language (`swdesk.i18n.set_language`). Raises
    `MissingGlyphError` if any text has a character no font can draw.
    """
    # A batch's story is some 100,000 flowables, fragments and lines, alive until the last
    # page: each full collection walked them all (two took 0.9 s of a 2.5 s batch).
    with collector.paused():
        data, book = _build(agency, sections, title, landscape)
    if output is not None:
        write_atomically(Path(output), data)
    return data, book


def _build(
    agency: AgencyHeader, sections: Sequence[Section], title: str, landscape: bool
) -> tuple[bytes, PageBook]:
    fonts = current_fonts()
    width, height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    content_width = width - MARGIN_LEFT - MARGIN_RIGHT
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title or (sections[0].title if sections else ""),
        author=agency.name,
        creator="swdesk",
        lang="zh-CN" if current_language().startswith("zh") else "en",
        # Without this every page starts in Helvetica, a font the PDF would reference but not
        # embed; a bureau's PDF checker rejects that.
        initialFontName=fonts.primary,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        content_width,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    story: list[Flowable] = []
    context = pdf_story.StoryContext(width=content_width)
    for index, section in enumerate(sections):
        if index:
            story.append(PageBreak())
            if section.restart:
                story.append(restart_numbering())
        if section.key:
            story.append(mark(section.key))
        story += title_block(section.title, section.printed_on, section.reference, content_width)
        story += pdf_story.story(section.body, context)
    book = PageBook()
    decorate = partial(_decorate_page, agency=agency, fonts=fonts)
    try:
        doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=decorate, book=book))
    except LayoutError:
        raise TooLongToPrint(_too_long()) from None
    except TypeError as exc:
        # reportlab's own report of a table row taller than a page fails while it looks for the
        # cell to blame (Table._culprit compares a None height): the same case, said the same.
        if not _raised_in(exc, "_culprit"):
            raise
        raise TooLongToPrint(_too_long()) from None
    return merge_pdf_pages(buffer.getvalue(), context.slots), book


class TooLongToPrint(SwdeskError):
    """Something in the document does not fit on a page, however it is split."""


def _too_long() -> str:
    return _(
        "The document cannot be laid out: a field in it is too long to fit on a page (hundreds "
        "of characters in one cell, e.g. a major, a note or a certificate number). Shorten it "
        "and print again."
    )


def _raised_in(exc: BaseException, function: str) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function and tb.tb_next is None:
            return True
        tb = tb.tb_next
    return False


def render_form(
    agency: AgencyHeader,
    title: str,
    body: Sequence[object],
    *,
    printed_on: dt.date | None = None,
    reference: str | None = None,
    output: str | Path | None = None,
    landscape: bool = False,
) -> bytes:
    """Lay out ``body`` under the title on A4 pages; return the PDF (and write it to ``output``).

    ``landscape`` turns the page for wide tables; build their bodies with ``width=`` the
    landscape content width (`swdesk.printing.styles.LANDSCAPE_CONTENT_WIDTH`).
    """
    section = Section(title, body, printed_on, reference)
    return build_document(agency, [section], landscape=landscape, output=output)[0]


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (a PDF or a Word copy) through a temporary file in the same
    folder."""
    # A half-written PDF left by a crash or a full disk would look like a finished form.
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".swdesk-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
