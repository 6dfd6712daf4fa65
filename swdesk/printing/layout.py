"""The A4 official-form page: agency header, bold centred title, page numbers, PDF output.

A form module builds its body from the helpers in `swdesk.printing.tables` and `markup`, then
calls `render_form`. The header (agency name and 统一社会信用代码) and the footer (第 N 页 共 M 页)
are drawn on every page; the total page count is known only once all pages are laid out, so the
canvas keeps each page and decorates them all when the document is saved.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from swdesk.i18n import N_, _, current_language, format_date
from swdesk.printing.fonts import FontChain, current_fonts
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
    left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
    top = PAGE_HEIGHT - 12 * mm
    canv.saveState()
    code = _(LABEL_CREDIT_CODE).format(code=agency.credit_code) if agency.credit_code else ""
    code_width = fonts.string_width(code, SMALL_SIZE)
    room = CONTENT_WIDTH - code_width - 6 * mm
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
        size = _fit(fonts, line, SMALL_SIZE - 1, CONTENT_WIDTH)
        fonts.draw_string(canv, left, top - 5 * mm, line, size, context=agency.name)
        rule_y = top - 8 * mm
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.6)
    canv.line(left, rule_y, right, rule_y)
    canv.setFillColor(MUTED)
    footer = _(LABEL_PAGE).format(page=page, pages=pages)
    fonts.draw_string(canv, PAGE_WIDTH / 2, MARGIN_BOTTOM / 2, footer, SMALL_SIZE, anchor="centre")
    canv.restoreState()


class _NumberedCanvas(Canvas):
    """Keeps every page until `save`, when the total is known, then draws header and footer."""

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()


def title_block(
    title: str, printed_on: dt.date | None = None, reference: str | None = None
) -> list[Flowable]:
    """The bold centred title, then the form's number (left) and date (right) if given."""
    styles = form_styles(current_fonts())
    flow: list[Flowable] = [
        Bold(Paragraph(para_markup(title, context=title), styles.title), TITLE_SIZE)
    ]
    left = _(LABEL_REFERENCE).format(reference=reference) if reference else ""
    right = _(LABEL_FORM_DATE).format(date=format_date(printed_on)) if printed_on else ""
    if left or right:
        row = [
            Paragraph(para_markup(left), styles.small),
            Paragraph(para_markup(right), styles.subtitle),
        ]
        table = Table([row], colWidths=[CONTENT_WIDTH / 2] * 2)
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


def render_form(
    agency: AgencyHeader,
    title: str,
    body: Sequence[Flowable],
    *,
    printed_on: dt.date | None = None,
    reference: str | None = None,
    output: str | Path | None = None,
) -> bytes:
    """Lay out ``body`` under the title on A4 pages; return the PDF (and write it to ``output``).

    Fixed labels are translated with the current language (`swdesk.i18n.set_language`). Raises
    `MissingGlyphError` if any text has a character no font can draw.
    """
    fonts = current_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
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
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    story = [*title_block(title, printed_on, reference), *body]
    decorate = partial(_decorate_page, agency=agency, fonts=fonts)
    doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=decorate))
    data = buffer.getvalue()
    if output is not None:
        _write_atomically(Path(output), data)
    return data


def _write_atomically(path: Path, data: bytes) -> None:
    # A half-written PDF left by a crash or a full disk would look like a finished form.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".swdesk-", suffix=".pdf.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
