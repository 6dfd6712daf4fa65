"""Documents of several sections: page numbers per packet, index page references, landscape
pages, signature boxes kept whole, and attached PDF pages put upright."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.platypus import PageBreak, Spacer

from swdesk.printing.forms.scans import _upright
from swdesk.printing.layout import AgencyHeader, PageRef, Section, build_document, render_form
from swdesk.printing.markup import paragraph
from swdesk.printing.styles import PAGE_HEIGHT, PAGE_WIDTH, form_styles
from swdesk.printing.tables import SignatureBox, signature_boxes

pytestmark = pytest.mark.usefixtures("zh")


def _text(value: str) -> object:
    from swdesk.printing.fonts import current_fonts

    return paragraph(value, form_styles(current_fonts()).body)


def test_each_restart_numbers_its_pages_anew(agency: AgencyHeader, pages_text) -> None:
    sections = [
        Section("甲", [_text("一")]),
        Section("乙", [_text("二"), PageBreak(), _text("三")], restart=True),
        Section("丙", [_text("四")]),
    ]
    data, book = build_document(agency, sections)
    pages = pages_text(data)
    assert [p.split("第 ")[-1].strip() for p in pages] == [
        "1 页 共 1 页",
        "1 页 共 3 页",
        "2 页 共 3 页",
        "3 页 共 3 页",
    ]
    assert book.starts == [1, 2] and book.pages == 4


def test_a_page_reference_prints_the_page_of_a_later_mark(agency: AgencyHeader, pages_text) -> None:
    sections = [
        Section("目录", [_text("见第"), PageRef("third")]),
        Section("第二部分", [_text("二")]),
        Section("第三部分", [_text("三")], key="third"),
        Section("下一件", [_text("四"), PageRef("again")], restart=True),
        Section("下一件的第二部分", [_text("五")], key="again"),
    ]
    data, book = build_document(agency, sections)
    pages = pages_text(data)
    assert book.marks == {"third": 3, "again": 5}
    assert pages[0].strip().endswith("\n3")  # drawn on saving, after the footer
    assert pages[3].strip().endswith("\n2")  # counted within its own packet
    assert pages[2].startswith("第三部分")


def test_landscape_pages(agency: AgencyHeader) -> None:
    data = render_form(agency, "宽表", [_text("x")], landscape=True)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((PAGE_HEIGHT, PAGE_WIDTH))


def test_signature_boxes_move_to_the_next_page_whole(agency: AgencyHeader, pages_text) -> None:
    filler = Spacer(1, PAGE_HEIGHT * 0.62)  # leaves room for the labels, not for the boxes
    boxes = signature_boxes([SignatureBox("申请人（签字）："), SignatureBox("单位：", seal=True)])
    pages = pages_text(render_form(agency, "表", [filler, boxes]))
    assert len(pages) == 2
    assert "申请人（签字）：" not in pages[0]
    assert "申请人（签字）：" in pages[1] and "（盖章）" in pages[1]


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_attached_pages_are_put_upright_in_their_box(turn: int) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    page.mediabox = RectangleObject((10, 20, 310, 220))  # a box away from the origin
    page.rotation = turn
    matrix, (width, height) = _upright(page)
    assert (width, height) == ((300, 200) if turn in (0, 180) else (200, 300))
    corners = [matrix.apply_on(c) for c in ((10, 20), (310, 20), (10, 220), (310, 220))]
    xs = sorted(round(x, 6) for x, _y in corners)
    ys = sorted(round(y, 6) for _x, y in corners)
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (0, width, 0, height)
    # The top of the page as a viewer shows it stays at the top.
    top_left_shown = {0: (10, 220), 90: (10, 20), 180: (310, 20), 270: (310, 220)}[turn]
    assert matrix.apply_on(top_left_shown) == pytest.approx((0, height))
