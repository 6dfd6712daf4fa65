"""Every form and table as an editable Word copy: opened with python-docx, the same words as the
PDF, fonts named as offices have them, one title per table across PDF, .xlsx and .docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from form_samples import NON_BMP, PLAIN, RARE, TODAY, number
from pypdf import PdfReader
from test_forms_reference import AGENCY, FORMS, STAFF

from swdesk.domain import titles
from swdesk.services.workspace import Workspace

pytestmark = pytest.mark.usefixtures("zh")


def word_text(path: Path) -> str:
    """Every paragraph of the body, its tables (cell by cell) and the header and footer."""
    document = docx.Document(str(path))
    parts: list[str] = []

    def cells(container: object) -> None:
        for block in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(block, docx.table.Table):
                for row in block.rows:
                    for cell in row.cells:
                        cells(cell)
            else:
                parts.append(block.text)

    cells(document)
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


EXPECTED = {
    "award_application": [RARE, STAFF.id_number, "GX2023000001", "¥2,000.00", "贰仟元整",
                          "FCG-2023 (十二)", "申请人（签字）："],
    "reimbursement": [NON_BMP, "报名费", "¥1,211.50", "壹仟贰佰壹拾壹元伍角整"],
    "nomination": ["阿依古丽·买买提", "防城港市“最美社工”", "“小候鸟”暑期陪伴计划"],
    "subsidy": ["桂民发〔2026〕12号", "¥10,000.00", "壹万元整"],
    "ce_record": ["社会工作伦理与实务 <进阶> & 督导", "2026年3月5日至2026年3月6日", "32"],
    "reminder_notice": ["继续教育进度落后：已完成32学时，尚差18学时。", "民发〔2009〕44号"],
    "ce_summary": [PLAIN, number(47), "进度落后"],
    "awards_summary": ["合计", "10,000.00", "未获批准（不计入合计）：1 件", "票据不全"],
    "holders": ["GX202300", "社会工作师二级岗位"],
    "packet": ["材料目录", "附件 1：证书照片.png"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_has_a_word_copy_with_the_same_words(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.docx"
    FORMS[name](tmp_path, out)
    text = word_text(out)
    pdf = pdf_text(FORMS[name](tmp_path))
    title = pdf.splitlines()[0].strip()
    assert title in text  # the same title
    assert AGENCY.name in text and AGENCY.credit_code in text  # the header of every page
    assert "第  页 共  页" in text.replace("1", "")  # the page numbers are Word fields
    for words in EXPECTED[name]:
        assert words in text, words
        assert "".join(words.split()) in "".join(pdf.split()), words  # lines break on paper


def test_fonts_are_named_as_offices_have_them(tmp_path: Path) -> None:
    out = tmp_path / "form.docx"
    FORMS["award_application"](tmp_path, out)
    document = docx.Document(str(out))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
    table = next(
        p for p in document.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml")
    )
    assert "WenQuanYi Micro Hei" in table.blob.decode()  # where 宋体 is missing
    # A character beyond the BMP (𠮷, Extension B) is named in the font Windows has it in.
    out = tmp_path / "claim.docx"
    FORMS["reimbursement"](tmp_path, out)
    xml = docx.Document(str(out)).element.xml
    assert 'w:eastAsia="SimSun-ExtB"' in xml


def test_the_signatures_keep_with_the_last_rows_in_word(tmp_path: Path) -> None:
    out = tmp_path / "holders.docx"
    FORMS["holders"](tmp_path, out)
    document = docx.Document(str(out))
    *_tables, last_list, signatures = document.tables
    assert all(
        p.paragraph_format.keep_with_next
        for row in last_list.rows[-2:]
        for cell in row.cells
        for p in cell.paragraphs
    )
    assert signatures.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    header = document.tables[0].rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_a_packet_contents_gives_the_pages_of_its_parts(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    FORMS["packet"](tmp_path, out)
    document = docx.Document(str(out))
    xml = document.element.xml
    assert xml.count("PAGEREF swdesk_p0") == 3 and "w:bookmarkStart" in xml
    contents = document.tables[1]
    assert [row.cells[2].text for row in contents.rows[1:]] == ["2", "3", "4"]  # as on paper
    assert len(document.inline_shapes) == 1  # the attached photo of the certificate


def test_one_title_per_table_in_pdf_workbook_and_word(
    filled: tuple[Workspace, dict], tmp_path: Path
) -> None:
    from swdesk.services import printing
    from swdesk.services.exports import export_awards_summary, export_ce_table

    ws, _numbers = filled
    ce_title = titles.title("ce_summary", year=2026)
    assert ce_title == "2026年度社会工作者继续教育学时汇总表"
    pdf = pdf_text(printing.print_ce_summary(ws, 2026))
    printing.print_ce_summary(ws, 2026, output=tmp_path / "ce.docx")
    sheet = openpyxl.load_workbook(export_ce_table(ws, 2026, tmp_path / "ce.xlsx")[0]).active
    assert pdf.splitlines()[0].strip() == ce_title
    assert docx.Document(str(tmp_path / "ce.docx")).paragraphs[0].text == ce_title
    assert sheet["A2"].value == ce_title

    aw_title = titles.title("awards_summary")
    start = dt.date(2026, 1, 1)
    pdf = pdf_text(printing.print_awards_summary(ws, start, TODAY))
    printing.print_awards_summary(ws, start, TODAY, output=tmp_path / "aw.docx")
    sheet = openpyxl.load_workbook(
        export_awards_summary(ws, start, TODAY, tmp_path / "aw.xlsx")[0]
    ).active
    assert pdf.splitlines()[0].strip() == aw_title == sheet["A1"].value
    assert docx.Document(str(tmp_path / "aw.docx")).paragraphs[0].text == aw_title


def test_the_cli_writes_word_by_the_extension(
    filled: tuple[Workspace, dict], tmp_path: Path, capsys
) -> None:
    from swdesk.cli.main import main

    ws, numbers = filled
    out = tmp_path / "申请材料.docx"
    code = main(
        [
            "--db",
            str(ws.path),
            "--lang",
            "zh_CN",
            "print",
            "packet",
            numbers["level_award"],
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "申请材料" in word_text(out) and out.read_bytes()[:2] == b"PK"
    code = main(["--db", str(ws.path), "print", "holders", "-o", str(tmp_path / "x.odt")])
    assert code == 1 and "FILE.docx" in capsys.readouterr().err


def test_without_o_the_file_is_named_after_what_it_holds(
    filled: tuple[Workspace, dict], tmp_path: Path, monkeypatch, capsys
) -> None:
    from swdesk.cli.main import main

    ws, numbers = filled
    monkeypatch.chdir(tmp_path)
    db = ["--db", str(ws.path), "--lang", "zh_CN"]
    assert main([*db, "print", "packet", numbers["level_award"]]) == 0
    assert (tmp_path / f"申请材料-{numbers['level_award']}-{RARE}.pdf").is_file()
    assert main([*db, "print", "ce-summary", "--year", "2026", "--format", "docx"]) == 0
    assert (tmp_path / "2026年度社会工作者继续教育学时汇总表.docx").is_file()
    assert main([*db, "training", "export", "--year", "2026"]) == 0
    assert (tmp_path / "2026年度社会工作者继续教育学时汇总表.xlsx").is_file()
    capsys.readouterr()
