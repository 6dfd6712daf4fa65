"""Printing a PDF to a printer on a thread of its own, with a progress dialog and Cancel.

The print dialog runs on the window's thread; what it chose (printer, page range, copies, colour)
is read from the QPrinter once, and the pages are drawn by `swdesk.printing.raster` at the
printer's resolution capped at 300 dpi and painted on the printer from a thread of its own (Qt
allows QPainter on a QPrinter outside the GUI thread). The data file's worker stays free, so the
pages keep loading while a batch of a hundred packets goes to the printer. Cancel stops before
the next sheet; what was sent stays sent.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRect, Qt, QThread, Signal
from PySide6.QtGui import QImage, QPageLayout, QPainter, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from swdesk.i18n import _
from swdesk.printing.raster import PageImage, PrintCancelled, plan_print, print_pages


def page_image(page: PageImage) -> QImage:
    """The page's picture as a QImage that owns its pixels. (A QImage over a Python buffer
    releases that buffer when it is destroyed, here on the print thread without the
    interpreter's lock: the copy into Qt's own memory avoids it.)"""
    image = page.image
    if image.mode == "L":
        fmt, mode = QImage.Format.Format_Grayscale8, "L"
    else:
        image = image.convert("RGB")
        fmt, mode = QImage.Format.Format_RGB888, "RGB"
    qimage = QImage(image.width, image.height, fmt)
    qimage.bits()[:] = image.tobytes("raw", mode, qimage.bytesPerLine())
    return qimage


STRIP_ROWS = 160  # rows of a page painted at once (see paint_page)


def paint_page(painter: QPainter, printer: QPrinter, page: PageImage) -> None:
    """Draw one page on the sheet at its true size (the printer prints the whole paper, so a
    form's own margins stay as designed), turned when its orientation is not the paper's.

    The page goes in strips of `STRIP_ROWS` rows: Qt holds the interpreter's lock while it
    encodes a picture for the printer (half a second for a page in colour), and the window,
    which needs that lock to answer, would wait that long; a strip takes a tenth of it. The
    strips meet on whole device pixels, so nothing shows between them."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    image = page_image(page)
    width, height = page.size
    if (width > height) != (paper.width() > paper.height()):
        image = image.transformed(QTransform().rotate(90))
        width, height = height, width
    scale = min(paper.width() / width, paper.height() / height)
    target_width = round(width * scale)
    target_height = height * scale
    rows = image.height()
    for top in range(0, rows, STRIP_ROWS):
        bottom = min(rows, top + STRIP_ROWS)
        y0 = round(target_height * top / rows)
        y1 = round(target_height * bottom / rows)
        strip = image.copy(0, top, image.width(), bottom - top)
        painter.drawImage(QRect(0, y0, target_width, y1 - y0), strip)


class _PrintThread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(int)
    failed = Signal(str)
    stopped = Signal(int)

    def __init__(self, pdf: bytes, printer: QPrinter) -> None:
        super().__init__()
        self._pdf = pdf
        self._printer = printer
        self.stop = threading.Event()

    def run(self) -> None:
        printer = self._printer
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        sent = 0
        painter: QPainter | None = None
        try:
            plan = plan_print(
                self._pdf,
                printer_dpi=printer.resolution(),
                first=printer.fromPage(),
                last=printer.toPage() or None,
                copies=copies,
                collate=printer.collateCopies(),
                colour=printer.colorMode() == QPrinter.ColorMode.Color,
            )
            if plan.dpi < printer.resolution():
                # Drawn at 300 dpi: the spool holds 300-dpi pictures, not 1,200-dpi ones.
                printer.setResolution(plan.dpi)
            if all(plan.grey[index] for index in plan.sheets):
                # Qt's spool keeps a grey picture grey only when the whole job is grey.
                printer.setColorMode(QPrinter.ColorMode.GrayScale)
            printer.setFullPage(True)
            painter = QPainter()
            if not painter.begin(printer):
                self.failed.emit(_("The printer could not be opened."))
                return
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for page in print_pages(
                self._pdf,
                plan,
                progress=lambda done, total: self.progressed.emit(done, total),
                cancelled=self.stop.is_set,
            ):
                if page.new_sheet and not printer.newPage():
                    self.failed.emit(_("The printer stopped taking pages."))
                    return
                paint_page(painter, printer, page)
                sent += 1
        except PrintCancelled:
            printer.abort()
            self.stopped.emit(sent)
            return
        except Exception as exc:  # a broken PDF or driver: said in the window, never a crash
            reason = str(exc) or type(exc).__name__
            self.failed.emit(
                _("The document could not be printed ({reason}).").format(reason=reason)
            )
            return
        finally:
            if painter is not None and painter.isActive():
                painter.end()
        self.succeeded.emit(sent)


class PrintJob(QObject):
    """One print: ``finished(sheets)`` when every sheet was sent, ``cancelled(sheets)`` when the
    user stopped it, ``failed(text)`` otherwise. A progress dialog shows how far it is."""

    progressed = Signal(int, int)
    finished = Signal(int)
    cancelled = Signal(int)
    failed = Signal(str)

    def __init__(
        self, pdf: bytes, printer: QPrinter, parent: QWidget | None = None, *, title: str = ""
    ) -> None:
        super().__init__(parent)
        self.printer = printer
        self._thread = _PrintThread(pdf, printer)
        self._thread.progressed.connect(self._progress)
        self._thread.succeeded.connect(lambda n: self._end(self.finished, n))
        self._thread.stopped.connect(lambda n: self._end(self.cancelled, n))
        self._thread.failed.connect(lambda text: self._end(self.failed, text))
        self.dialog = QProgressDialog(
            _("Printing {title}…").format(title=title) if title else _("Printing…"),
            _("Cancel"),
            0,
            0,
            parent,
        )
        self.dialog.setWindowTitle(_("Printing"))
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.dialog.show()
        self._thread.start()

    def cancel(self) -> None:
        self._thread.stop.set()
        self.dialog.setLabelText(_("Stopping after this page…"))

    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def _progress(self, done: int, total: int) -> None:
        if not self._thread.stop.is_set():
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)
            self.dialog.setLabelText(
                _("Printing page {done} of {total}…").format(done=done, total=total)
            )
        self.progressed.emit(done, total)

    def _end(self, signal: Signal, value: object) -> None:
        self._thread.wait()
        self.dialog.hide()
        self.dialog.deleteLater()
        signal.emit(value)  # type: ignore[attr-defined]
        self.deleteLater()


def ask_printer(parent: QWidget, pages: int) -> QPrinter | None:
    """The print dialog (printer, page range, copies, colour); None when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(1, pages))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        printer.setFromTo(0, 0)
    return printer
