"""Benchmark: the pages of a batch of packets drawn for a printer, as the print worker does.

    python bench/print_raster.py [--applicants 100] [--dpi 300]

Builds the data file of bench/print_packets.py (N applicants, each with a photographed
certificate and every fourth with a one-page PDF), prints the batch PDF, then times
`plan_print` (which pages have colour) and `print_pages` at the printer's resolution capped at
300 dpi, and reports the raster sent (uncompressed, as a driver receives it from QPainter), the
share of pages in grey, and for comparison what 1,200 dpi in colour would have been.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from print_packets import build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100)
    parser.add_argument("--dpi", type=int, default=1200, help="what the printer reports")
    args = parser.parse_args(argv)

    from swdesk.i18n import set_language
    from swdesk.printing.fonts import register_fonts
    from swdesk.printing.raster import plan_print, print_pages
    from swdesk.services.printing import print_packets

    set_language("zh_CN")
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        ws = build(Path(tmp), args.applicants)
        started = time.perf_counter()
        pdf = print_packets(ws)
        made = time.perf_counter() - started
        ws.close()
    started = time.perf_counter()
    plan = plan_print(pdf, printer_dpi=args.dpi)
    planned = time.perf_counter() - started
    started = time.perf_counter()
    sent = 0
    slowest = 0.0
    last = time.perf_counter()
    for page in print_pages(pdf, plan):
        sent += page.image.width * page.image.height * len(page.image.getbands())
        now = time.perf_counter()
        slowest, last = max(slowest, now - last), now
    drawn = time.perf_counter() - started
    grey = sum(plan.grey[i] for i in plan.sheets)
    a4_at_1200 = round(595.3 / 72 * 1200) * round(841.9 / 72 * 1200) * 3
    print(f"batch PDF of {args.applicants} packets: {made:6.1f} s, {plan.total} pages, "
          f"{len(pdf) / 1e6:.1f} MB")  # fmt: skip
    print(
        f"which pages have colour:     {planned:6.1f} s  ({grey} grey, {plan.total - grey} colour)"
    )
    print(f"pages drawn at {plan.dpi} dpi:      {drawn:6.1f} s  "
          f"{drawn / plan.total * 1000:.0f} ms a page, slowest {slowest * 1000:.0f} ms")  # fmt: skip
    print(
        f"raster sent:                 {sent / 1e6:8.0f} MB  ({sent / plan.total / 1e6:.1f} MB a page)"
    )
    print(f"the same at 1200 dpi colour: {a4_at_1200 * plan.total / 1e6:8.0f} MB  "
          f"({a4_at_1200 / 1e6:.0f} MB a page)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
