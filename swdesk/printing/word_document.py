"""The Word copy (.docx) of any document the PDF writer draws: the same sections of blocks
(`swdesk.printing.blocks`), written with python-docx for an office to edit and stamp.

Same page (A4, the PDF's margins, landscape for the bureau's tables), the agency header and the
page numbers (第 N 页 共 M 页, as Word fields; a batch numbers each packet or notice on its own,
one Word section each), the bold centred title with the form's number and date, then the blocks
(`swdesk.printing.word_blocks`). Fonts are named as offices have them: 宋体 for the text, 仿宋
for notes; the font table gives the bundled WenQuanYi Micro Hei as the alternative where 宋体
is missing (LibreOffice and WPS take it), and a print font the user chose is named instead.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from swdesk.i18n import _, current_language, format_date
from swdesk.printing import word_blocks
from swdesk.printing.blocks import Contents, Section
from swdesk.printing.fonts import current_fonts
from swdesk.printing.layout import (
    LABEL_ADDRESS,
    LABEL_CONTACT,
    LABEL_CREDIT_CODE,
    LABEL_FORM_DATE,
    LABEL_PAGE,
    LABEL_PHONE,
    LABEL_REFERENCE,
    AgencyHeader,
    write_atomically,
)
from swdesk.printing.styles import (
    BODY_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SMALL_SIZE,
    TITLE_SIZE,
)
from swdesk.printing.word_parts import (
    BODY_FONT,
    NOTE_FONT,
    WordContext,
    add_field,
    bookmark,
    page_break,
)

FALLBACK_FONT = "WenQuanYi Micro Hei"  # the bundled font, where 宋体 is not installed
_FONT_TABLE = {
    # name: (its other name, PANOSE): Word finds 宋体 as SimSun on an English Windows
    BODY_FONT: ("SimSun", "02010600030101010101"),
    NOTE_FONT: ("FangSong", "02010609060101010101"),
}
MUTED_RGB = RGBColor(0x4D, 0x4D, 0x4D)
# What follows w:autoSpaceDN in a paragraph's properties (the schema fixes their order).
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def body_font() -> str:
    """The font the Word copy names: the user's print font if one was chosen, else 宋体."""
    chain = current_fonts()
    first = chain.fonts[0]
    if first.fontName.startswith("SwdeskUser-"):
        return str(getattr(first.face, "familyName", "") or BODY_FONT)
    return BODY_FONT


def _styles(document: object, font: str) -> None:
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.size = Pt(BODY_SIZE)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:val"), "zh-CN" if current_language().startswith("zh") else "en-US")
    para = normal.paragraph_format
    para.space_before = para.space_after = Pt(0)
    para.line_spacing = 1.15
    # No extra space between Chinese and figures (2026年11月21日 stays as wide as on paper).
    p_pr = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(tag)
        off.set(qn("w:val"), "0")
        p_pr.insert_element_before(off, *_AFTER_AUTOSPACE)


def _font_table(document: object) -> None:
    """Declare 宋体 and 仿宋 with their other names and the bundled font as the alternative."""
    from lxml import etree

    part = next(
        p
        for p in document.part.package.iter_parts()  # type: ignore[attr-defined]
        if str(p.partname) == "/word/fontTable.xml"
    )
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, (other, panose) in _FONT_TABLE.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        alt = f"{other},{FALLBACK_FONT}" if other else FALLBACK_FONT
        for tag, value in (("altName", alt), ("panose1", panose), ("charset", "86"),
                           ("family", "auto"), ("pitch", "variable")):  # fmt: skip
            etree.SubElement(font, f"{{{w}}}{tag}", {f"{{{w}}}val": value})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(section: object, landscape: bool) -> None:
    width, height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width, section.page_height = Pt(width), Pt(height)  # type: ignore[attr-defined]
    section.left_margin, section.right_margin = Pt(MARGIN_LEFT), Pt(MARGIN_RIGHT)  # type: ignore[attr-defined]
    section.top_margin, section.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)  # type: ignore[attr-defined]
    section.header_distance = section.footer_distance = Mm(9)  # type: ignore[attr-defined]


def document_styles(section: object) -> object:
    return section.part.document.styles  # type: ignore[attr-defined]


def _header_footer(section: object, agency: AgencyHeader, restart: bool, width: float) -> None:
    header = section.header  # type: ignore[attr-defined]
    first = header.paragraphs[0]
    first.style = document_styles(section)["Normal"]  # the Header style's tab stops are in the way
    first.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
    first.add_run(agency.name).font.size = Pt(BODY_SIZE)
    if agency.credit_code:
        code = _(LABEL_CREDIT_CODE).format(code=agency.credit_code)
        first.add_run("\t" + code).font.size = Pt(SMALL_SIZE)
    details = [
        _(label).format(**{key: value})
        for label, key, value in (
            (LABEL_ADDRESS, "address", agency.address),
            (LABEL_CONTACT, "contact", agency.contact),
            (LABEL_PHONE, "phone", agency.phone),
        )
        if value
    ]
    last = first
    if details:
        last = header.add_paragraph(style=document_styles(section)["Normal"])
        run = last.add_run("    ".join(details))
        run.font.size, run.font.color.rgb = Pt(SMALL_SIZE - 1), MUTED_RGB
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "4D4D4D")):
        bottom.set(qn(key), value)
    border.append(bottom)
    last._p.get_or_add_pPr().append(border)
    footer = section.footer  # type: ignore[attr-defined]
    footer.paragraphs[0].style = document_styles(section)["Normal"]
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "第 {page} 页 共 {pages} 页": the words around the two numbers come from the catalog.
    text = _(LABEL_PAGE)
    before, rest = text.split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    for words, field in ((before, "PAGE"), (middle, "SECTIONPAGES" if restart else "NUMPAGES")):
        para.add_run(words).font.size = Pt(SMALL_SIZE)
        add_field(para, field)
    para.add_run(after).font.size = Pt(SMALL_SIZE)
    for run in para.runs:
        run.font.size = Pt(SMALL_SIZE)


def _title(document: object, part: Section, width: float) -> None:
    title = document.add_paragraph()  # type: ignore[attr-defined]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.keep_with_next = True
    run = title.add_run(part.title)
    run.bold = True
    run.font.size = Pt(TITLE_SIZE)
    if part.key:
        bookmark(title, part.key)
    left = _(LABEL_REFERENCE).format(reference=part.reference) if part.reference else ""
    right = _(LABEL_FORM_DATE).format(date=format_date(part.printed_on)) if part.printed_on else ""
    if left or right:
        line = document.add_paragraph()  # type: ignore[attr-defined]
        line.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
        line.paragraph_format.space_after = Pt(4)
        run = line.add_run(f"{left}\t{right}")
        run.font.size = Pt(SMALL_SIZE)


def _page_numbers(agency: AgencyHeader, sections: Sequence[Section], landscape: bool) -> dict:
    """The printed page of each section key, from the PDF of the same document: the cached
    value of a contents page's PAGEREF fields (Word refreshes them when it updates fields)."""
    if not any(isinstance(b, Contents) for s in sections for b in s.body):
        return {}
    from swdesk.printing.layout import build_document

    book = build_document(agency, sections, landscape=landscape)[1]
    return {key: book.number_of(key) for key in book.marks}


def write_docx(
    agency: AgencyHeader,
    sections: Sequence[Section],
    *,
    title: str = "",
    landscape: bool = False,
    output: str | Path | None = None,
) -> bytes:
    """The document as .docx bytes (also written to ``output``)."""
    document = Document()
    font = body_font()
    _styles(document, font)
    _font_table(document)
    width = (PAGE_HEIGHT if landscape else PAGE_WIDTH) - MARGIN_LEFT - MARGIN_RIGHT
    restart = any(s.restart for s in sections)
    pages = _page_numbers(agency, sections, landscape)
    context = WordContext(document, width, font, pages)
    for index, part in enumerate(sections):
        if index == 0 or part.restart:
            section = (
                document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
            )
            _page(section, landscape)
            if index == 0:
                _header_footer(section, agency, restart, width)
            if restart:
                number = OxmlElement("w:pgNumType")
                number.set(qn("w:start"), "1")
                section._sectPr.append(number)
        else:
            page_break(document)
        _title(document, part, width)
        for block in part.body:
            word_blocks.add(block, context)
    core = document.core_properties
    core.title = title or (sections[0].title if sections else "")
    core.author = agency.name
    core.comments = "swdesk"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if output is not None:
        write_atomically(Path(output), data)
    return data
