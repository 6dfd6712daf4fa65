"""Printing to a printer (gui/print_job.py), through QPrinter into a PDF file as a printer's spool:
300 dpi pictures whatever the driver asks, grey for forms without colour, the page range and the
copies honoured, Cancel stopping before the next sheet, and the window answering meanwhile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWidget
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from swdesk.gui.print_job import PrintJob


def pdf_of(pages: int, *, colour_page: int | None = None, wide_page: int | None = None) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for n in range(1, pages + 1):
        c.setPageSize(landscape(A4) if n == wide_page else A4)
        c.setFont("Helvetica", 40)
        c.drawString(100, 700 if n != wide_page else 400, f"Page {n}")
        if n == colour_page:
            c.setFillColorRGB(1, 0, 0)
            c.rect(100, 100, 300, 300, fill=1)
        c.showPage()
    c.save()
    return out.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1,200 dpi, as a laser driver says
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def images_of(path: Path) -> list[tuple[int, int, str]]:
    """Per page of the spool: the pixel size and colour mode of the picture on it (painted in
    strips: their width, their heights added up)."""
    pages = []
    for page in PdfReader(str(path)).pages:
        strips = [image.image for image in page.images]
        assert len({(s.width, s.mode) for s in strips}) == 1
        pages.append((strips[0].width, sum(s.height for s in strips), strips[0].mode))
    return pages


def run_job(qtbot, job: PrintJob, signal: str = "finished") -> list:
    with qtbot.waitSignal(getattr(job, signal), timeout=60000) as blocker:
        job.start()
    return blocker.args


def test_pages_go_to_the_printer_at_300_dpi_grey_unless_coloured(qtbot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    out = tmp_path / "spool.pdf"
    printer = pdf_printer(out)
    assert printer.resolution() == 1200
    job = PrintJob(pdf_of(3), printer, parent, title="Test")
    assert run_job(qtbot, job) == [3]
    pages = images_of(out)
    assert len(pages) == 3
    # A4 at 300 dpi, not 9,922 × 14,032 pixels at 1,200; in grey.
    assert pages == [(2481, 3508, "L")] * 3
    assert out.stat().st_size < 1_000_000
    # A job with a coloured page (a photographed certificate) keeps its colour.
    coloured = tmp_path / "colour.pdf"
    run_job(qtbot, PrintJob(pdf_of(3, colour_page=3), pdf_printer(coloured), parent))
    assert images_of(coloured)[2] == (2481, 3508, "RGB")


def test_page_range_and_copies_are_honoured(qtbot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    out = tmp_path / "spool.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    # A PDF file cannot make copies itself: the job sends each sheet.
    assert not printer.supportsMultipleCopies()
    job = PrintJob(pdf_of(4), printer, parent)
    assert run_job(qtbot, job) == [4]
    assert len(PdfReader(str(out)).pages) == 4
    texts = [page.extract_text() for page in PdfReader(str(out)).pages]
    assert texts == ["", "", "", ""]  # pictures of pages, no text: what a printer receives


def test_a_landscape_page_is_turned_onto_portrait_paper(qtbot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    out = tmp_path / "spool.pdf"
    job = PrintJob(pdf_of(2, wide_page=2), pdf_printer(out), parent)
    run_job(qtbot, job)
    # The wide page fills the tall paper, turned: 3,508 pixels high as drawn, 2,481 wide.
    assert [p[:2] for p in images_of(out)] == [(2481, 3508), (2481, 3508)]


def test_cancel_stops_before_the_next_sheet(qtbot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = PrintJob(pdf_of(30), pdf_printer(tmp_path / "spool.pdf"), parent)
    job.progressed.connect(lambda done, _total: job.cancel() if done == 2 else None)
    (sent,) = run_job(qtbot, job, "cancelled")
    assert 2 <= sent < 30


def test_the_window_answers_while_a_long_batch_prints(qtbot, tmp_path: Path) -> None:
    window = QWidget()
    button = QPushButton("Next", window)
    qtbot.addWidget(window)
    window.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(job.running()))
    job = PrintJob(pdf_of(40), pdf_printer(tmp_path / "spool.pdf"), window)
    shown: list[tuple[int, int]] = []
    job.progressed.connect(lambda _d, _t: shown.append((job.dialog.value(), job.dialog.maximum())))
    # The user clicks while the pages are being drawn.
    job.progressed.connect(
        lambda done, _t: QTimer.singleShot(0, button.click) if done == 3 else None
    )
    run_job(qtbot, job)
    assert clicks == [True]  # handled while the job was still running
    assert shown[0] == (1, 40) and shown[-1] == (40, 40)  # the dialog showed how far


@pytest.mark.parametrize("broken", [b"not a pdf", b""])
def test_a_broken_document_is_a_message_not_a_crash(qtbot, tmp_path: Path, broken: bytes) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = PrintJob(broken, pdf_printer(tmp_path / "spool.pdf"), parent)
    (text,) = run_job(qtbot, job, "failed")
    assert text
