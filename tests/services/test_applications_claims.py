"""Exam reimbursement, agency subsidies, nominations, the standings and the bureau's summary."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import openpyxl
import pytest

from swdesk.domain import idnumber
from swdesk.domain.applications import Kind, Status
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.exchange.awards_workbook import write_awards_summary
from swdesk.services import applications as apps
from swdesk.services.awards import evaluate_awards, list_honours, record_honour
from swdesk.services.awards_summary import awards_summary
from swdesk.services.claims import (
    create_exam_claim,
    create_level_award,
    create_nomination,
    create_subsidy,
)
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace
from swdesk.storage.attachments import file_for


def person(ws, name="黄丽华", seq=42, since=dt.date(2015, 3, 1), certs=(), civil_servant=False):
    number = idnumber.make("450602", dt.date(1990, 1, 1), seq)
    add_staff(ws, name=name, id_number=number, social_work_since=since, civil_servant=civil_servant)
    for i, (level, day) in enumerate(certs):
        add_credential(ws, number, level=level, certificate_number=f"C{seq}{i}", obtained_on=day)
    return number


def number_of(ws, changes):
    return ws.db.execute(
        "SELECT number FROM applications WHERE id = ?", [changes.created_id]
    ).fetchone()[0]


def test_exam_claim_with_receipts(ws: Workspace, tmp_path):
    num = person(ws)
    receipt = tmp_path / "报名费发票.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    changes = create_exam_claim(
        ws,
        num,
        exam_year=2024,
        level="社会工作师",
        items={"registration_fee": "120", "textbook_fee": "", "travel": "86.5"},
        receipts=[receipt],
    )
    assert changes.message == (
        "Application 2026-0001 created: exam costs of 黄丽华, 2024 Social worker exam, 206.50 CNY."
    )
    app = apps.get_application(ws, "2026-0001")
    assert app.kind is Kind.EXAM_REIMBURSEMENT and app.amount == Decimal("206.50")
    assert app.details["items"] == {
        "registration_fee": "120.00",
        "textbook_fee": "0.00",
        "travel": "86.50",
    }
    files = apps.attachments_of(ws, app)
    assert [(f["original_name"], f["kind"], f["size"]) for f in files] == [
        ("报名费发票.pdf", "receipt", 16)
    ]
    assert files[0]["sha256"] == hashlib.sha256(b"%PDF-1.4 receipt").hexdigest()
    # the receipt itself is kept in the attachment store beside the data file
    assert file_for(ws.db, ws.path, files[0]["id"]).read_bytes() == b"%PDF-1.4 receipt"
    with pytest.raises(RuleRefused, match="2026-0001 \\(Draft\\) already claims this"):
        create_exam_claim(ws, num, exam_year=2024, level="社会工作师", items={"travel": 10})
    # another sitting is another claim
    create_exam_claim(ws, num, exam_year=2025, level="社会工作师", items={"travel": 10})
    apps.submit(ws, "2026-0001")
    apps.approve(ws, "2026-0001", "本单位财务")
    with pytest.raises(ValidationError, match="at most the 206.50"):
        apps.pay(ws, "2026-0001", amount="300")
    apps.pay(ws, "2026-0001", amount="200.00")
    assert apps.get_application(ws, "2026-0001").paid_amount == Decimal("200.00")
    # reimbursements are not level-award payments
    assert ws.db["award_payments"].count == 0


def test_exam_claim_before_the_first_year_and_a_missing_receipt(ws: Workspace, tmp_path):
    num = person(ws)
    with pytest.raises(RuleRefused, match="from the 2023 exam on"):
        create_exam_claim(ws, num, exam_year=2022, level="助理社会工作师", items={"travel": 50})
    with pytest.raises(NotFound, match="does not exist"):
        create_exam_claim(
            ws,
            num,
            exam_year=2024,
            level="助理社会工作师",
            items={"travel": 50},
            receipts=[tmp_path / "missing.jpg"],
        )
    # the failed write left nothing behind
    assert ws.db["applications"].count == 0 and ws.db["attachments"].count == 0


def test_agency_subsidy_for_a_recorded_honour(ws: Workspace):
    record_honour(ws, "advanced_unit_national", dt.date(2025, 12, 1), "民函〔2025〕88号")
    [honour] = list_honours(ws)
    assert (honour.amount, honour.clause, honour.application) == (20000, "FCG-2023 (十七)", None)
    changes = create_subsidy(ws, honour.id)
    assert "20,000 CNY" in changes.message
    app = apps.get_application(ws, "2026-0001")
    assert app.staff_id is None and app.person == "测试社会工作服务中心"
    assert list_honours(ws)[0].application == "2026-0001"
    with pytest.raises(RuleRefused, match="already claims this"):
        create_subsidy(ws, honour.id)
    with pytest.raises(ValidationError, match="already recorded"):
        record_honour(ws, "advanced_unit_national", dt.date(2025, 12, 1))
    with pytest.raises(ValidationError, match="Unknown honour"):
        record_honour(ws, "best_agency", dt.date(2025, 12, 1))


def test_a_nomination_has_an_outcome_not_a_payment(ws: Workspace, tmp_path):
    num = person(ws)
    case = tmp_path / "case.docx"
    case.write_bytes(b"case")
    n = number_of(
        ws,
        create_nomination(
            ws,
            num,
            "most_admired",
            "扎根社区八年，服务困境儿童",
            case_title="小花的故事",
            documents=[case],
        ),
    )
    apps.submit(ws, n)
    apps.approve(ws, n, "防城港市民政局", reason="入选2026年度“最美社工”")
    with pytest.raises(ValidationError, match="nomination is not paid"):
        apps.pay(ws, n)
    app = apps.get_application(ws, n)
    assert app.status is Status.APPROVED and app.amount == 0
    assert app.details["reasons"] == "扎根社区八年，服务困境儿童"
    with pytest.raises(ValidationError, match="reasons for the nomination"):
        create_nomination(ws, num, "outstanding_case", "  ")
    with pytest.raises(ValidationError, match="Unknown commendation"):
        create_nomination(ws, num, "leading_talent", "x")


def test_beijing_gives_nominations_not_cash(bj_ws: Workspace):
    num = person(bj_ws, certs=[("社会工作师", dt.date(2020, 6, 20))])
    standings = evaluate_awards(bj_ws)
    assert {s.award for s in standings} == {
        "leading_talent",
        "talent_training_grant",
        "young_talent_award",
        "model_worker",
    }
    assert all(s.kind == "nomination" and s.amount_due == 0 and s.eligible for s in standings)
    assert all(r.clause == "BJ-2017 四(三)" for s in standings for r in s.reasons)
    with pytest.raises(ValidationError, match="sets no professional-level award"):
        create_level_award(bj_ws, num)
    n = number_of(bj_ws, create_nomination(bj_ws, num, "leading_talent", "督导骨干"))
    assert apps.get_application(bj_ws, n).award == "leading_talent"


def test_standings_for_everyone(ws: Workspace):
    person(ws, "甲", 11, certs=[("社会工作师", dt.date(2020, 6, 20))])
    person(ws, "乙", 13, civil_servant=True, certs=[("社会工作师", dt.date(2020, 6, 20))])
    person(ws, "丙", 15, since=None)
    a = person(ws, "丁", 17, certs=[("助理社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, a))
    by_name = {s.staff.name: s for s in evaluate_awards(ws)}
    assert (by_name["甲"].amount_due, by_name["甲"].eligible) == (2000, True)
    assert (by_name["乙"].amount_due, by_name["乙"].eligible) == (0, False)
    assert by_name["丙"].level is None
    # an open application is shown beside what is due
    assert by_name["丁"].open_application == n and by_name["丁"].amount_due == 1000
    assert by_name["甲"].as_dict()["reasons"][0]["clause"] == "FCG-2023 (十二)"


def test_the_bureau_summary_workbook(ws: Workspace, tmp_path):
    a = person(ws, '=HYPERLINK("http://x")', 11, certs=[("社会工作师", dt.date(2020, 6, 20))])
    b = person(ws, "乙", 13, certs=[("助理社会工作师", dt.date(2020, 6, 20))])
    c = person(ws, "丙", 15, certs=[("助理社会工作师", dt.date(2020, 6, 20))])
    na = number_of(ws, create_level_award(ws, a, on=dt.date(2026, 2, 1)))
    apps.submit(ws, na, dt.date(2026, 2, 3))
    apps.approve(ws, na, "民政局", dt.date(2026, 3, 1))
    apps.pay(ws, na, on=dt.date(2026, 3, 20))
    nb = number_of(ws, create_level_award(ws, b, on=dt.date(2026, 2, 1)))
    apps.submit(ws, nb, dt.date(2026, 2, 10))
    apps.reject(ws, nb, "民政局", "材料不全", dt.date(2026, 3, 1))
    nc = number_of(
        ws, create_level_award(ws, c, on=dt.date(2026, 2, 1))
    )  # a draft: not the bureau's
    create_exam_claim(
        ws, c, exam_year=2025, level="社会工作师", items={"travel": "55.5"}, on=dt.date(2026, 1, 5)
    )
    apps.submit(ws, "2026-0004", dt.date(2026, 1, 6))  # the exam claim, submitted in January
    apps.withdraw(ws, "2026-0004", "重复", dt.date(2026, 2, 1))

    summary = awards_summary(ws, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert [x.application.number for x in summary.lines] == [na, nb]
    assert nc not in [x.application.number for x in summary.lines]
    assert (summary.asked, summary.approved, summary.paid) == (
        Decimal(3000),
        Decimal(2000),
        Decimal(2000),
    )

    assert [x.application.number for x in summary.counted] == [na]
    assert [x.application.number for x in summary.rejected] == [nb] and summary.pending == ()

    path = write_awards_summary(summary, tmp_path / "汇总.xlsx")
    sheet = openpyxl.load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Summary of Award and Subsidy Applications"  # the printed table's title
    assert "测试社会工作服务中心" in rows[1][0]
    assert "2026-02-01" in rows[2][0] and "2026-02-28" in rows[2][0]
    assert rows[3][:4] == ["No.", "Application number", "Name", "Identity number"]
    first, total = rows[4], rows[5]
    assert first[1:4] == [na, '=HYPERLINK("http://x")', a]  # shown as typed...
    name_cell = sheet.cell(row=5, column=3)
    assert name_cell.data_type == "s" and name_cell.quotePrefix  # ...but stored as inert text
    assert first[6:9] == ["Social worker", 2000, "Paid"] and first[11] == 2000
    # The total counts the paid claim only; the rejected one is listed apart, with its reason.
    assert total[0] == "Total" and total[7] == 2000 and total[11] == 2000
    assert rows[7][0] == "Not approved, not in the total: 1"
    assert rows[8][1] == nb and rows[8][8] == "Rejected" and rows[8][14] == "材料不全"
    assert rows[10][0].startswith("Total of the applications approved or paid: 2,000.00 CNY")
    assert not any(cell.data_type == "f" for r in sheet.iter_rows() for cell in r)
    with pytest.raises(ValidationError, match="ends"):
        awards_summary(ws, dt.date(2026, 3, 1), dt.date(2026, 2, 1))
