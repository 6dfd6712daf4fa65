"""Pages of a PDF as images, for a printer: what a print worker calls page by page.

Sending a form to a printer is sending pictures of its pages. They are drawn here (PDFium,
through pypdfium2: the engine the preview uses too) at the printer's resolution but never above
`MAX_PRINT_DPI` — the 1,200 dpi of a laser printer's driver made 19.7 MB for four pages and no
sharper text on paper — in grey for a page that has no colour (every form but a photographed
scan), for the page range asked, as many copies as asked, collated or not.

`plan_print` decides what will be sent; `print_pages` draws it one page at a time, telling
``progress(done, total)`` after each and stopping when ``cancelled()`` says so, so that a worker
thread can feed a printer without holding the window, and the user can stop a batch of a
hundred packets. No Qt here: the worker paints each `PageImage` on its QPrinter.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

MAX_PRINT_DPI = 300
SCREEN_DPI = 48  # how finely a page is looked at to decide whether it has colour
_COLOUR_SPREAD = 24  # channels further apart than this on some pixel: the page has colour


# PDFium may not be called from two threads at once, not even for two documents (pypdfium2's
# documentation: it crashes or corrupts the process). The window prints on a thread of its own
# while a batch may be joined on another (`swdesk.printing.batch.join_pdfs`): every call holds this.
PDFIUM_LOCK = threading.RLock()


class PrintCancelled(Exception):
    """The user stopped the printing; the pages sent before stay sent."""


def _document(source: bytes | Path) -> object:
    import pypdfium2 as pdfium

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return pdfium.PdfDocument(data)


def render_page(
    source: bytes | Path, index: int, dpi: float, *, grey: bool = False
) -> tuple[Image.Image, tuple[float, float]]:
    """Page ``index`` (from 0) at ``dpi``, and its size in points."""
    with PDFIUM_LOCK:
        document = _document(source)
        try:
            page = document[index]  # type: ignore[index]
            size = page.get_size()
            drawn = page.render(scale=dpi / 72, grayscale=grey).to_pil()
            image = drawn.convert("L") if grey else drawn.convert("RGB")
            del page, drawn  # let go here, under the lock, not later on another thread
            return image, size
        finally:
            document.close()  # type: ignore[attr-defined]


def has_colour(image: Image.Image) -> bool:
    """Whether any pixel of ``image`` is visibly coloured rather than grey."""
    if image.mode == "L":
        return False
    red, green, blue = image.convert("RGB").split()
    spread = ImageChops.lighter(
        ImageChops.difference(red, green), ImageChops.difference(green, blue)
    )
    return spread.getextrema()[1] > _COLOUR_SPREAD


@dataclass(frozen=True)
class PrintPlan:
    """What will be sent: the resolution, and each sheet's page (from 0) and colour."""

    dpi: int
    sheets: tuple[int, ...]  # page indexes in the order they are sent, copies included
    grey: tuple[bool, ...]  # per page of the document: print it in grey

    @property
    def total(self) -> int:
        return len(self.sheets)


def print_dpi(printer_dpi: int) -> int:
    """The resolution to draw at: the printer's, at most `MAX_PRINT_DPI`."""
    return max(72, min(int(printer_dpi or MAX_PRINT_DPI), MAX_PRINT_DPI))


def plan_print(
    pdf: bytes,
    *,
    printer_dpi: int = MAX_PRINT_DPI,
    first: int = 1,
    last: int | None = None,
    copies: int = 1,
    collate: bool = True,
    colour: bool = True,
) -> PrintPlan:
    """The plan for printing pages ``first`` to ``last`` (counted from 1, as a print dialog
    does; 0 or None for the end) ``copies`` times. ``colour=False`` (a printer or a choice
    without colour) prints every page in grey; otherwise a page is grey unless it has colour."""
    with PDFIUM_LOCK:
        document = _document(pdf)
        try:
            count = len(document)  # type: ignore[arg-type]
            start = max(1, first or 1)
            end = min(count, last or count)
            if start > end:
                raise ValueError(f"pages {first}–{last} are not in a document of {count} pages")
            pages = list(range(start - 1, end))
            grey = []
            for index in range(count):
                if not colour or index not in pages:
                    grey.append(True)
                    continue
                page = document[index]  # type: ignore[index]
                grey.append(not has_colour(page.render(scale=SCREEN_DPI / 72).to_pil()))
                del page
        finally:
            document.close()  # type: ignore[attr-defined]
    copies = max(1, copies)
    if collate:
        sheets = tuple(pages * copies)
    else:
        sheets = tuple(page for page in pages for _copy in range(copies))
    return PrintPlan(print_dpi(printer_dpi), sheets, tuple(grey))


@dataclass(frozen=True)
class PageImage:
    """One sheet to send: the page drawn at the plan's resolution, and its size in points
    (the printer scales it into its printable area)."""

    index: int  # the page, from 0
    image: Image.Image
    size: tuple[float, float]
    new_sheet: bool  # False only for the very first sheet: a printer's newPage() comes before


def print_pages(
    pdf: bytes,
    plan: PrintPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[PageImage]:
    """The sheets of ``plan``, drawn one at a time (a page printed twice in a row is drawn
    once). Raises `PrintCancelled` before drawing the next sheet once ``cancelled()`` is true."""
    with PDFIUM_LOCK:
        document = _document(pdf)
    try:
        drawn: tuple[int, Image.Image, tuple[float, float]] | None = None
        for done, index in enumerate(plan.sheets):
            if cancelled is not None and cancelled():
                raise PrintCancelled
            if drawn is None or drawn[0] != index:
                # Locked a page at a time, not while the printer takes the sheet.
                with PDFIUM_LOCK:
                    page = document[index]  # type: ignore[index]
                    grey = plan.grey[index]
                    image = page.render(scale=plan.dpi / 72, grayscale=grey).to_pil()
                    # The copy made here lets PDFium's bitmap go while the lock is held.
                    image = image.convert("L") if grey else image.convert("RGB")
                    drawn = (index, image, page.get_size())
                    del page
            yield PageImage(index, drawn[1], drawn[2], done > 0)
            if progress is not None:
                progress(done + 1, plan.total)
    finally:
        with PDFIUM_LOCK:
            document.close()  # type: ignore[attr-defined]
