"""Benchmark: a batch of packets sent to a printer through the program's print job, as the window
does it (gui/print_job.py on its own thread), into a PDF file standing in for the spool.

    python bench/print_qprinter.py [--applicants 100] [--keep spool.pdf]

Builds the data file of bench/print_packets.py (N applicants), prints the batch PDF, then runs
`PrintJob` on a QPrinter in PDF mode at the 1,200 dpi a laser driver reports, and reports the
time, the size of the spool, the resolution of the pictures in it, and how often the window's
event loop ran meanwhile (a timer every 50 ms: the longest gap between two of its ticks is how
long the window would have seemed frozen).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
from print_packets import build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="keep the spool here")
    args = parser.parse_args(argv)

    from pypdf import PdfReader
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QWidget

    from swdesk.gui.print_job import PrintJob
    from swdesk.i18n import set_language
    from swdesk.printing.fonts import register_fonts
    from swdesk.services.printing import print_packets

    app = QApplication.instance() or QApplication([])
    set_language("zh_CN")
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        ws = build(Path(tmp), args.applicants)
        pdf = print_packets(ws)
        ws.close()
        spool = args.keep or Path(tmp) / "spool.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(spool))
        reported = printer.resolution()
        window = QWidget()
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        job = PrintJob(pdf, printer, window)
        loop = QEventLoop()
        sent: list[int] = []
        job.finished.connect(lambda n: (sent.append(n), loop.quit()))
        job.failed.connect(lambda text: (print(text), loop.quit()))
        started = time.perf_counter()
        timer.start()
        job.start()
        loop.exec()
        took = time.perf_counter() - started
        timer.stop()
        reader = PdfReader(str(spool))
        first = next(iter(reader.pages[0].images)).image
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        print(
            f"batch of {args.applicants} packets: {len(reader.pages)} sheets, {len(pdf) / 1e6:.1f} MB PDF"
        )
        print(
            f"printer reports {reported} dpi; pictures sent at {first.width} x {first.height} px ({first.mode})"
        )
        print(
            f"print job: {took:.1f} s, {took / max(1, sent[0] if sent else 1) * 1000:.0f} ms a sheet"
        )
        print(
            f"spool: {spool.stat().st_size / 1e6:.1f} MB ({spool.stat().st_size / len(reader.pages) / 1e3:.0f} kB a sheet)"
        )
        print(f"window: {len(ticks)} timer ticks, longest gap {max(gaps, default=0) * 1000:.0f} ms")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
