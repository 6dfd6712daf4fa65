"""Pages drawn for a printer (`swdesk.printing.raster`): at the printer's resolution capped at
300 dpi, grey where a page has no colour, the page range and copies honoured, one page at a time
with progress, and a cancel that stops before the next page."""

from __future__ import annotations

from pathlib import Path

import pytest
from form_samples import photo
from test_forms_reference import FORMS

from swdesk.printing.raster import PrintCancelled, plan_print, print_dpi, print_pages

pytestmark = pytest.mark.usefixtures("zh")


def test_the_resolution_is_the_printers_at_most_300_dpi() -> None:
    assert print_dpi(1200) == 300 and print_dpi(600) == 300 and print_dpi(150) == 150
    assert print_dpi(0) == 300  # a driver that does not say: the cap


def test_pages_without_colour_print_in_grey_and_a_colour_photo_in_colour(tmp_path: Path) -> None:
    form = plan_print(FORMS["award_application"](tmp_path), printer_dpi=1200)
    assert form.dpi == 300 and form.grey == (True,)
    packet = FORMS["packet"](tmp_path)  # cover, form, CE record, then a coloured photo
    plan = plan_print(packet)
    assert plan.grey == (True, True, True, False)
    assert plan_print(packet, colour=False).grey == (True,) * 4  # a black-and-white printer
    images = list(print_pages(packet, plan))
    assert [page.image.mode for page in images] == ["L", "L", "L", "RGB"]
    assert images[0].image.size == (2481, 3508)  # A4 at 300 dpi (595.3 pt rounded up)
    assert images[0].size == pytest.approx((595.3, 841.9), abs=0.1)  # points, for the printer
    assert [page.new_sheet for page in images] == [False, True, True, True]


def test_the_page_range_and_copies_are_honoured(tmp_path: Path) -> None:
    packet = FORMS["packet"](tmp_path)
    assert plan_print(packet, first=2, last=3, copies=2).sheets == (1, 2, 1, 2)
    assert plan_print(packet, first=2, last=3, copies=2, collate=False).sheets == (1, 1, 2, 2)
    assert plan_print(packet, first=4, last=0).sheets == (3,)  # 0: to the end, as Qt says
    with pytest.raises(ValueError):
        plan_print(packet, first=5)


def test_a_page_printed_twice_in_a_row_is_drawn_once(tmp_path: Path) -> None:
    data = FORMS["award_application"](tmp_path)
    first, second = print_pages(data, plan_print(data, copies=2, printer_dpi=100))
    assert first.image is second.image and second.new_sheet


def test_progress_is_told_and_a_cancel_stops_before_the_next_page(tmp_path: Path) -> None:
    packet = FORMS["packet"](tmp_path)
    plan = plan_print(packet, printer_dpi=72)
    told: list[tuple[int, int]] = []
    sent = []
    with pytest.raises(PrintCancelled):
        for page in print_pages(packet, plan, progress=lambda d, t: told.append((d, t)),
                                cancelled=lambda: len(told) >= 2):  # fmt: skip
            sent.append(page.index)
    assert sent == [0, 1] and told == [(1, 4), (2, 4)]


def test_a_scan_kept_in_a_packet_still_prints(tmp_path: Path) -> None:
    # The photo of a certificate (PNG, colour): drawn in colour, at the plan's resolution.
    photo(tmp_path / "scan.png")
    data = FORMS["packet"](tmp_path)
    [last] = list(print_pages(data, plan_print(data, first=4, printer_dpi=150)))
    assert last.image.mode == "RGB" and last.image.size == (1241, 1754)
