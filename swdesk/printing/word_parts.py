"""The pieces the Word copy is made of (python-docx): runs with their fonts named, fields,
shaded cells, fixed-width tables with the PDF's cell margins, bookmarks and page breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from swdesk.printing.fonts import normalise_text

BODY_FONT = "宋体"  # SimSun: what Chinese offices' forms are set in
NOTE_FONT = "仿宋"  # FangSong: notes and the words of a clause
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass
class WordContext:
    document: Any
    width: float  # of the text, in points
    font: str
    pages: dict[str, int | None] = field(default_factory=dict)  # section key -> printed page
    last_table: Any = None  # the last data table or grid, for the signatures to keep with


def set_run_font(run: object, name: str, size: float | None = None) -> None:
    """Name ``name`` for every script of the run (w:ascii, w:hAnsi and w:eastAsia)."""
    r_pr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if size is not None:
        run.font.size = Pt(size)  # type: ignore[attr-defined]


def add_field(paragraph: Paragraph, code: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF …) showing ``shown`` until Word updates it."""
    for kind, text in (("begin", None), ("instr", code), ("separate", None), ("text", shown),
                       ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._element.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)


def fonted(run: Any, size: float | None = None) -> Any:
    if size is not None:
        run.font.size = Pt(size)
    return run


def text_run(paragraph: Any, text: str, size: float | None = None, bold: bool = False) -> None:
    """Add ``text``; a character beyond the BMP is named in SimSun-ExtB, the Windows font that
    has CJK Extension B (宋体 has not)."""
    text = normalise_text(text)
    for part in re.split(r"([\U00010000-\U0010FFFF]+)", text):
        if not part:
            continue
        run = fonted(paragraph.add_run(part), size)
        run.bold = bold or None
        if ord(part[0]) > 0xFFFF:
            set_run_font(run, "SimSun-ExtB")


def lines(paragraph: Any, text: str, size: float | None = None, bold: bool = False) -> None:
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if number:
            paragraph.add_run().add_break()
        text_run(paragraph, line, size, bold)


def shade(cell: Any, fill: str) -> None:
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shade)


def row_flag(row: Any, tag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def new_table(ctx: WordContext, rows: int, widths: list[float], grid: bool = True) -> Any:
    table = ctx.document.add_table(rows=rows, cols=len(widths))
    if grid:
        table.style = ctx.document.styles["Table Grid"]
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("left", 80), ("right", 80), ("top", 40), ("bottom", 40)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)
    # Word reads the cells' widths, LibreOffice the grid's: both are set.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)
    return table


def put(cell: Any, text: str, align: str = "left", size: float | None = None,
         bold: bool = False) -> Any:  # fmt: skip
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.line_spacing = 1.0
    lines(paragraph, text, size, bold)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return paragraph


def bookmark(paragraph: Any, key: str) -> None:
    """Mark ``paragraph`` as ``key`` for a PAGEREF (a contents page)."""
    name = bookmark_name(key)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(abs(hash(name)) % 10**8))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), start.get(qn("w:id")))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def bookmark_name(key: str) -> str:
    return "swdesk_" + re.sub(r"\W", "_", key)


def page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def keep_with_next(table: Any, rows: int) -> None:
    """The last ``rows`` rows of ``table`` stay on the page of what follows."""
    for row in list(table.rows)[-rows:]:
        row_flag(row, "w:cantSplit")
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
