"""Exam-cost reimbursement (FCG-2023 (十二)): travel reimbursed as on official business — 报名费,
教材费 and the components of 往返差旅费, each with its receipt — and one reimbursement per exam
sitting, counting those paid before the program was used (the awards import's 考试年度)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.claims import item_label, missing_receipts
from swdesk.domain.errors import RuleRefused
from swdesk.i18n import set_language
from swdesk.i18n.reasons import describe
from swdesk.services import applications as apps
from swdesk.services import printing, undo
from swdesk.services.claims import create_exam_claim
from swdesk.services.imports import run_import
from swdesk.services.staff import add_staff
from swdesk.services.workspace import Workspace

NUMBER = idnumber.make("452822", dt.date(1990, 1, 1), 42)
HEADER = ["身份证号", "奖励类型", "证书等级", "金额", "发放日期", "考试年度"]


def sheet(tmp_path: Path, *rows: list[object]) -> Path:
    book = Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    path = tmp_path / "awards.xlsx"
    book.save(path)
    return path


def test_the_travel_items_are_those_of_a_business_trip(ws: Workspace) -> None:
    rule = ws.profile.reimbursement
    assert rule.codes == ("registration_fee", "textbook_fee", "intercity_transport",
                          "accommodation", "meal_allowance", "local_transport")  # fmt: skip
    assert all(item.receipt for item in rule.items)
    set_language("zh_CN")
    assert [item_label(c, rule) for c in rule.codes[2:]] == [
        "城市间交通费（往返差旅费）", "住宿费（往返差旅费）", "伙食补助费（往返差旅费）",
        "市内交通费（往返差旅费）",
    ]  # fmt: skip
    items = {"registration_fee": "120", "accommodation": "280", "meal_allowance": "0"}
    assert missing_receipts(rule, items, ["receipt:registration_fee", "receipt"]) == [
        "accommodation"
    ]


def test_each_item_with_its_receipt_on_the_printed_claim(ws: Workspace, tmp_path: Path) -> None:
    add_staff(ws, name="黄丽华", id_number=NUMBER)
    hotel = tmp_path / "住宿发票.pdf"
    hotel.write_bytes(b"%PDF-1.4 hotel")
    changes = create_exam_claim(
        ws, NUMBER, exam_year=2025, level="助理社会工作师",
        items={"registration_fee": "120", "intercity_transport": "86", "accommodation": "280"},
        receipts=[("accommodation", hotel)],
    )  # fmt: skip
    number = changes.message.split()[1]
    app = apps.get_application(ws, number)
    assert [f["kind"] for f in apps.attachments_of(ws, app)] == ["receipt:accommodation"]
    set_language("zh_CN")
    text = PdfReader(io.BytesIO(printing.print_application(ws, number))).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("住宿费（往返差旅费）")
    assert lines[at + 1 : at + 4] == ["¥280.00", "贰佰捌拾元整", "已附"]
    at = lines.index("报名费")
    assert lines[at + 3] == "未附"
    assert "教材费" not in lines  # an item left empty is not printed


def test_an_imported_reimbursement_stops_a_second_claim_for_that_exam(
    ws: Workspace, tmp_path: Path
) -> None:
    add_staff(ws, name="黄丽华", id_number=NUMBER)
    result = run_import(ws, "awards", sheet(tmp_path,
                        [NUMBER, "考试费用报销", "助理社会工作师", 380, "2023-12-20", 2023]))  # fmt: skip
    assert result.written
    with pytest.raises(RuleRefused) as refused:
        create_exam_claim(ws, NUMBER, exam_year=2023, level="助理社会工作师",
                          items={"registration_fee": "120"})  # fmt: skip
    assert "already reimbursed on 2023-12-20 (380 CNY" in str(refused.value)
    assert refused.value.clause == "FCG-2023 (十二)"
    # Another sitting, or another level the same year, is another claim.
    create_exam_claim(ws, NUMBER, exam_year=2023, level="社会工作师",
                      items={"registration_fee": "120"})  # fmt: skip
    create_exam_claim(ws, NUMBER, exam_year=2024, level="助理社会工作师",
                      items={"registration_fee": "120"})  # fmt: skip
    # The import undone (one step), its payment is voided and no longer stands in the way; redone,
    # it does again.
    undo.undo(ws)  # the last claim
    undo.undo(ws)
    undo.undo(ws)  # the import
    assert describe(undo.undo_status(ws).redo.label) == "Import 1 award payment"
    create_exam_claim(ws, NUMBER, exam_year=2023, level="助理社会工作师",
                      items={"registration_fee": "120"})  # fmt: skip


def test_the_import_refuses_an_exam_twice_or_without_its_year(
    ws: Workspace, tmp_path: Path
) -> None:
    add_staff(ws, name="黄丽华", id_number=NUMBER)
    create_exam_claim(ws, NUMBER, exam_year=2024, level="社会工作师",
                      items={"registration_fee": "120"})  # fmt: skip
    result = run_import(ws, "awards", sheet(
        tmp_path,
        [NUMBER, "考试费用报销", "助理社会工作师", 380, "2023-12-20", 2023],
        [NUMBER, "考试费用报销", "助理社会工作师", 200, "2024-01-20", 2023],  # the same exam
        [NUMBER, "考试费用报销", "社会工作师", 300, "2024-12-01", 2024],  # claimed in 2026-0001
        [NUMBER, "考试费用报销", "社会工作师", 300, "2022-12-01", None],  # no year
        [NUMBER, "考试费用报销", "社会工作师", 300, "2022-12-01", 2023],  # paid before the exam
    ))  # fmt: skip
    assert not result.ok and ws.db["award_payments"].count == 0
    problems = {(e.row, e.letter): e.message for e in result.errors}
    assert set(problems) == {(3, "F"), (4, "F"), (5, "F"), (6, "F")}
    assert "already in row 2" in problems[(3, "F")]
    assert "Application 2026-0001 already claims" in problems[(4, "F")]
    assert "needs its exam year" in problems[(5, "F")]
    assert "after the date paid" in problems[(6, "F")]


def test_the_command_line_refuses_a_second_claim(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_staff(ws, name="黄丽华", id_number=NUMBER)
    path = sheet(tmp_path, [NUMBER, "考试费用报销", "助理社会工作师", 380, "2023-12-20", 2023])
    assert main(["--lang", "en", "--db", str(ws.path), "import", "awards", str(path)]) == 0
    code = main(["--lang", "en", "--db", str(ws.path), "applications", "create", "exam", NUMBER,
                 "--year", "2023", "--level", "助理社会工作师", "--registration-fee", "120"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "cannot be claimed twice" in err and "FCG-2023 (十二)" in err
