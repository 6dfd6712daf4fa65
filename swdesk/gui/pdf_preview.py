"""A PDF shown inside the program (QtPdf), printed to a printer or saved: the forms are made as PDF
by the printing services, so what is previewed is exactly what is printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from swdesk.i18n import _


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.empty = QLabel(_("Choose a form or report and press Preview."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("placeholder")
        self._buffer: QBuffer | None = None
        self.data = b""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.view.hide()

    def show_pdf(self, data: bytes) -> int:
        """Show the PDF ``data``; returns its number of pages."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        # The document reads from the buffer while it is shown: keep it until the next one.
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.data = data
        self.empty.hide()
        self.view.show()
        return self.document.pageCount()

    def clear(self) -> None:
        self.document.close()
        self.data = b""
        self.view.hide()
        self.empty.show()

    def page_count(self) -> int:
        return self.document.pageCount() if self.data else 0

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.data)
        return path

    def print_dialog(self) -> bool:
        """Ask for a printer and print every page; False when the user cancels."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        print_document(self.document, printer)
        return True


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render each page at the printer's resolution and send it; returns the pages printed."""
    first, last = printer.fromPage() or 1, printer.toPage() or document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for page in range(first - 1, min(last, document.pageCount())):
            if printed:
                printer.newPage()
            target = painter.viewport()
            points = document.pagePointSize(page)
            # Fit the page into the printable area, keeping its shape.
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(0, 0, image)
            printed += 1
    finally:
        painter.end()
    return printed
