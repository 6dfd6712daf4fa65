"""Whole forms: exact text, embedded fonts, page numbers, tables across pages, pixels."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import PageBreak

from swdesk.printing.fonts import MissingGlyphError, current_fonts
from swdesk.printing.layout import AgencyHeader, render_form
from swdesk.printing.markup import paragraph
from swdesk.printing.styles import form_styles
from swdesk.printing.tables import (
    Column,
    Field,
    SignatureBox,
    data_table,
    field_grid,
    signature_boxes,
)

NAMES = ["A<B> & C", "阿依古丽·买买提", "王䶮", "𠮷田", "梁  伟"]


def _names_form(agency: AgencyHeader) -> bytes:
    rows = [[name, "社会工作师", dt.date(2026, 3, 5), Decimal("12.5")] for name in NAMES]
    table = data_table(
        [
            Column("姓名", 2.2),
            Column("等级", 1.2),
            Column("日期", 1.4),
            Column("学时", 0.8, "right"),
        ],
        rows,
        totals=[None, None, None, Decimal("62.5")],
        numbered=True,
    )
    return render_form(agency, "继续教育学时汇总表", [table], printed_on=dt.date(2026, 11, 21))


@pytest.mark.usefixtures("zh")
def test_names_extract_exactly(agency: AgencyHeader, pages_text) -> None:
    lines = pages_text(_names_form(agency))[0].splitlines()
    for name in NAMES:
        assert name in lines or f" {name}" in lines, name
    text = "\n".join(lines)
    assert "2026年3月5日" in text and "填表日期：2026年11月21日" in text
    assert "合计" in text and "62.50" in text


def test_non_bmp_characters_extract_through_the_tounicode_cmap(agency: AgencyHeader) -> None:
    data = render_form(agency, "𠮷", [paragraph("𠮷野 𠀀", form_styles(current_fonts()).body)])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "𠮷" in text.splitlines()
    assert "𠮷野 𠀀" in text.splitlines()
    assert b"<D842DFB7>" in _tounicode_streams(data)


def _tounicode_streams(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    out = b""
    for font in _fonts(reader):
        if "/ToUnicode" in font:
            out += font["/ToUnicode"].get_object().get_data()
    return out


def _fonts(reader: PdfReader) -> list:
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[id(font)] = font
            for child in font.get("/DescendantFonts", []):
                found[id(child)] = child.get_object()
    return list(found.values())


def test_every_font_is_embedded(agency: AgencyHeader) -> None:
    reader = PdfReader(io.BytesIO(_names_form(agency)))
    fonts = _fonts(reader)
    assert len(fonts) >= 3  # WQY, HanaMinA for 䶮, HanaMinB for 𠮷
    for font in fonts:
        if font["/Subtype"] == "/Type0":
            continue  # its descendant carries the descriptor
        # A standard font such as Helvetica has no descriptor: referenced, never embedded.
        assert "/FontDescriptor" in font, font["/BaseFont"]
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


@pytest.mark.usefixtures("zh")
def test_page_numbers_count_all_pages(agency: AgencyHeader, pages_text) -> None:
    style = form_styles(current_fonts()).body
    body = [paragraph("一", style), PageBreak(), paragraph("二", style), PageBreak()]
    body.append(paragraph("三", style))
    pages = pages_text(render_form(agency, "测试", body))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 3 页" in text
        assert "统一社会信用代码：52450600MJY123456X" in text
        assert agency.name in text


def test_page_numbers_in_english(agency: AgencyHeader, pages_text) -> None:
    style = form_styles(current_fonts()).body
    pages = pages_text(render_form(agency, "Test", [paragraph("x", style), PageBreak()] * 2))
    assert ["Page 1 of 2" in pages[0], "Page 2 of 2" in pages[1]] == [True, True]


@pytest.mark.usefixtures("zh")
def test_a_long_table_repeats_its_header_on_every_page(agency: AgencyHeader, pages_text) -> None:
    rows = [[f"员工{n:03d}", "社会工作继续教育网络课程", Decimal(2)] for n in range(120)]
    table = data_table(
        [Column("姓名"), Column("培训", 3), Column("学时", 1, "right")],
        rows,
        totals=[None, None, Decimal(240)],
    )
    pages = pages_text(render_form(agency, "学时明细", [table]))
    assert len(pages) >= 3
    for text in pages:
        assert "姓名" in text and "培训" in text
    assert "员工119" in pages[-1] and "合计" in pages[-1] and "240.00" in pages[-1]
    assert sum(text.count("员工") for text in pages) == 120


def test_a_character_no_font_has_stops_printing_and_names_the_record(
    agency: AgencyHeader,
) -> None:
    rows = [["张三", "正常"], ["李\ue000", "正常"], ["王五", "备注\U0002fff0"]]
    with pytest.raises(MissingGlyphError) as info:
        render_form(agency, "表", [data_table([Column("姓名"), Column("备注")], rows)])
    assert info.value.code == "U+E000"
    assert info.value.context == "李\ue000 / 姓名"
    with pytest.raises(MissingGlyphError, match="U\\+2FFF0.*王五 / 备注"):
        render_form(agency, "表", [field_grid([Field("备注", "备注\U0002fff0")], context="王五")])


@pytest.mark.usefixtures("zh")
def test_pages_render_to_non_blank_images(agency: AgencyHeader, png_pages, tmp_path: Path) -> None:
    body = [
        field_grid([Field("姓名", "王䶮"), Field("性别", "女"), Field("备注", "𠮷", wide=True)]),
        signature_boxes([SignatureBox("申请人签字："), SignatureBox("单位盖章：", seal=True)]),
    ]
    out = tmp_path / "out" / "form.pdf"
    data = render_form(agency, "申请表", body, output=out)
    assert out.read_bytes() == data
    pages = png_pages(data)
    assert len(pages) == 1
    image = Image.open(pages[0]).convert("L")
    width, height = image.size
    assert abs(width / height - 210 / 297) < 0.01  # A4 portrait
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * width * height  # text and table rules, not an empty page
    # The title band (upper part) has ink: the bold CJK title was drawn.
    band = image.crop((0, int(height * 0.08), width, int(height * 0.16)))
    assert sum(band.histogram()[:128]) > 200


def test_a_paragraph_cut_at_the_foot_of_a_page_leaves_the_same_text_elsewhere_as_it_was() -> None:
    # Paragraphs of one text and width share their lines (a batch prints the same clauses in
    # every packet), and reportlab's cut writes a space into the lines it cuts: another
    # paragraph of that text must still draw exactly what it draws alone.
    from reportlab.pdfgen.canvas import Canvas

    styles = form_styles(current_fonts())
    text = "社会工作者应当遵守职业道德，按时完成继续教育 FCG-2023 (十二) 规定的学时。" * 6

    def drawn(para: object) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, initialFontName=styles.body.fontName)
        para.wrapOn(canvas, 300, 800)
        para.drawOn(canvas, 50, 200)
        canvas.save()
        return PdfReader(io.BytesIO(buffer.getvalue())).pages[0].get_contents().get_data()

    alone = drawn(paragraph(text, styles.body))
    cut, twin = paragraph(text, styles.body), paragraph(text, styles.body)
    cut.wrap(300, 800)
    twin.wrap(300, 800)
    assert len(cut.split(300, 3 * styles.body.leading)) == 2  # cut after three lines
    assert drawn(twin) == alone
