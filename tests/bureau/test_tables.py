"""The bureau's tables of a period: per agency and in total (every person once), holders by
level, CE compliance, claims by kind and level with the amounts approved, the budget line and
the units that have not submitted — the same figures on paper (both languages) and in .xlsx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import bureau_kit as kit
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind
from swdesk.domain.levels import Level
from swdesk.domain.submission import CEResult
from swdesk.i18n import set_language
from swdesk.services.bureau import expect_unit, set_deadline
from swdesk.services.bureau_decisions import reject_claim
from swdesk.services.bureau_receive import receive
from swdesk.services.bureau_summary import (
    bureau_summary,
    export_bureau_summary,
    print_bureau_summary,
    print_missing,
)


def _ce(person, status: ce.Status, total: float) -> CEResult:
    required = None if status is ce.Status.NOT_REQUIRED else 50.0
    return CEResult(
        person.id_number, "annual", "FCG-2023 (八)", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
        dt.date(2026, 11, 21), Level.SOCIAL_WORKER, required, {"face_to_face": total},
        {"face_to_face": total}, 0.0, total, None if required is None else max(0, 50 - total),
        status,
    )  # fmt: skip


@pytest.fixture
def district(tmp_path: Path):
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    huang = kit.staff(11, "黄丽华", left=dt.date(2026, 7, 1))
    huang_b = dataclasses.replace(huang, hire_date=dt.date(2026, 7, 1), leave_date=None)
    liang = kit.staff(12, "梁伟", level="assistant")
    he = kit.staff(13, "何倩", level="senior", obtained=dt.date(2024, 1, 1))
    nobody = kit.staff(14, "覃丽", level="")
    a = kit.record(
        1, [huang, liang, nobody],
        [kit.level_claim("2026-0001", huang, 2000, status="paid"),
         kit.level_claim("2026-0002", liang, 1000, level="assistant", status="approved")],
        [_ce(huang, ce.Status.MET, 52), _ce(liang, ce.Status.BEHIND, 20),
         _ce(nobody, ce.Status.NOT_REQUIRED, 0)],
        name="阳光社工",
    )  # fmt: skip
    b = kit.record(
        2, [huang_b, he], [kit.level_claim("2026-0005", he, 5000, level="senior")],
        [_ce(huang_b, ce.Status.ON_PACE, 40), _ce(he, ce.Status.MET, 60)], name="明德社工",
    )  # fmt: skip
    receive(ws, [kit.record_file(tmp_path, a), kit.record_file(tmp_path, b)])
    expect_unit(ws, kit.credit_code(3), "启航社工站")
    set_deadline(ws, 2026, dt.date(2026, 11, 15))
    yield ws
    ws.close()


def test_the_figures_per_agency_and_in_total(district) -> None:
    s = bureau_summary(district, 2026, dt.date(2026, 11, 21))
    by = {t.name: t for t in s.agencies}
    assert by["阳光社工"].people == 3 and by["明德社工"].people == 2
    assert s.total.people == 4  # 黄丽华 is listed by both
    # On 21 November 黄丽华 is at 明德社工 only.
    assert by["阳光社工"].holders == {Level.ASSISTANT: 1}
    assert by["明德社工"].holders == {Level.SOCIAL_WORKER: 1, Level.SENIOR: 1}
    assert s.total.holders == {Level.ASSISTANT: 1, Level.SOCIAL_WORKER: 1, Level.SENIOR: 1}
    # Her CE result counts once, from the agency that hired her last.
    assert s.total.ce == {ce.Status.MET: 1, ce.Status.BEHIND: 1, ce.Status.ON_PACE: 1,
                          ce.Status.NOT_REQUIRED: 1}  # fmt: skip
    assert by["阳光社工"].ce_required == 2 and by["阳光社工"].ce_rate == 0.5
    level = s.total.claims
    assert level[(Kind.LEVEL_AWARD, Level.SOCIAL_WORKER)].paid == Decimal("2000.00")
    assert level[(Kind.LEVEL_AWARD, Level.ASSISTANT)].approved == Decimal("1000.00")
    assert level[(Kind.LEVEL_AWARD, Level.SENIOR)].approved == Decimal("0.00")
    (award, subsidy) = s.budget
    assert award.kind is Kind.LEVEL_AWARD and award.totals.standing == Decimal("8000.00")
    assert subsidy.totals.count == 0
    assert [m.name for m in s.missing] == ["启航社工站"] and s.due_on == dt.date(2026, 11, 15)


def test_a_claim_the_bureau_refuses_leaves_the_budget(district) -> None:
    reject_claim(district, kit.credit_code(2), 2026, "2026-0005", "未满两年")
    s = bureau_summary(district, 2026)
    line = s.total.claims[(Kind.LEVEL_AWARD, Level.SENIOR)]
    assert (line.approved, line.not_approved, line.standing) == (
        Decimal("0.00"),
        1,
        Decimal("0.00"),
    )
    assert s.budget_total.standing == Decimal("3000.00")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh_CN", ["持证人员", "继续教育", "奖励资金", "未报送", "阳光社工", "启航社工站", "合计"]),
        ("en", ["Certificate Holders by Level", "Award Funds", "Units That Have Not Submitted"]),
    ],
)
def test_the_tables_on_paper(district, tmp_path, language, words) -> None:
    set_language(language)
    pdf = print_bureau_summary(district, 2026, tmp_path / "t.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 5
    text = "".join(p.extract_text() for p in reader.pages)
    for word in words:
        assert word in text, word
    missing = PdfReader(io.BytesIO(print_missing(district, 2026)))
    assert "启航社工站" in missing.pages[0].extract_text()


def test_the_tables_as_a_workbook(district, tmp_path) -> None:
    path, s = export_bureau_summary(district, 2026, tmp_path / "t.xlsx")
    book = load_workbook(path)
    assert len(book.worksheets) == 6
    holders = book.worksheets[0]
    rows = [[c.value for c in row] for row in holders.iter_rows()]
    total = next(r for r in rows if r[0] == "Total")
    assert total[3] == 4  # people, each once
    budget = book.worksheets[4]
    values = [[c.value for c in row] for row in budget.iter_rows()]
    assert any(r[0] == "Total" and r[2] == 8000 for r in values)


def test_when_every_unit_has_submitted_the_list_is_one_page_with_its_signatures(
    tmp_path,
) -> None:
    set_language("zh_CN")
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 91)
    rec = kit.record(1, [kit.staff(21, "黄丽华")], name="阳光社工")
    receive(ws, [kit.record_file(tmp_path, rec)])
    reader = PdfReader(io.BytesIO(print_missing(ws, 2026)))
    # The sentence and the signatures under it stay on the page of the title.
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "未报送单位名单" in text and "所有单位均已报送" in text and "民政部门" in text
    ws.close()


def test_agencies_are_listed_by_their_number(tmp_path) -> None:
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 92)
    files = [
        kit.record_file(tmp_path, kit.record(n, [kit.staff(30 + n, "梁伟")], name=f"第{n}社工站"))
        for n in (10, 2, 1)
    ]
    receive(ws, files)
    assert [t.name for t in bureau_summary(ws, 2026).agencies] == [
        "第1社工站",
        "第2社工站",
        "第10社工站",
    ]
    ws.close()


def test_the_change_log_words_a_receipt(tmp_path) -> None:
    from swdesk.services.audit_trail import change_log

    set_language("zh_CN")
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 93)
    rec = kit.record(1, [kit.staff(41, "黄丽华")], name="阳光社工")
    receive(ws, [kit.record_file(tmp_path, rec, "阳光.zip")])
    entry = next(e for e in change_log(ws) if e.entry.action == "submission.receive")
    assert entry.what == "已接收报送文件"
    lines = entry.changes
    assert "报送单位：阳光社工" in lines and "年度：2026" in lines
    assert any(line.startswith("文件所含机构记录：") and "1 份" in line for line in lines), lines
    checks = next(e for e in change_log(ws) if e.entry.action == "findings.check")
    assert checks.what == "已进行核查" and any(c.startswith("问题总数") for c in checks.changes)
    ws.close()


@pytest.mark.parametrize(("language", "signed"), [("zh_CN", "填表人"), ("en", "Filled in by")])
def test_a_district_of_eleven_agencies_has_its_holders_table_and_signatures_on_one_page(
    tmp_path, language, signed
) -> None:
    # The English column titles take two lines: with more room to sign, the eleventh agency,
    # the totals and the signatures went over onto a page of their own.
    set_language(language)
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 94)
    files = [
        kit.record_file(
            tmp_path,
            kit.record(n, [kit.staff(50 + n, "梁伟")], name=f"防城港市第{n}社会工作服务中心"),
        )
        for n in range(1, 12)
    ]
    receive(ws, files)
    first = PdfReader(io.BytesIO(print_bureau_summary(ws, 2026))).pages[0].extract_text()
    assert "防城港市第11社会工作服务中心" in first and signed in first
    ws.close()
