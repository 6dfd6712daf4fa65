"""Every printed form, loaded through `swdesk.services.printing` from a real data file and read
back from the PDF: exact text (names with <, &, rare and non-BMP characters), identity numbers
whole, dates in Chinese, amounts in figures and capitals, page numbers, embedded fonts."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from form_samples import DOTTED, NON_BMP, PLAIN, RARE, TODAY, not_embedded, number
from pypdf import PdfReader

from swdesk.services import printing
from swdesk.services.workspace import Workspace

pytestmark = pytest.mark.usefixtures("zh")


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def footers(pages: list[str]) -> list[tuple[int, int]]:
    found = []
    for text in pages:
        match = re.search(r"第 (\d+) 页 共 (\d+) 页", text)
        assert match, text[-200:]
        found.append((int(match[1]), int(match[2])))
    return found


def test_level_award_form(filled: tuple[Workspace, dict]) -> None:
    ws, numbers = filled
    data = printing.print_application(ws, numbers["level_award"])
    [text] = texts(data)
    assert "社会工作专业水平提升奖励申请表" in text
    assert f"编号：{numbers['level_award']}" in text and "填表日期：2026年11月21日" in text
    assert RARE in text.splitlines() and number(11) in text.splitlines()
    assert "统一社会信用代码：52450600MJ0123456W" in text
    for words in ("¥2,000.00", "贰仟元整", "2023年6月18日", "FCG-2023 (十二)", "符合"):
        assert words in text, words
    assert "第 1 页 共 1 页" in text
    assert not_embedded(data) == []


def test_exam_claim_has_each_amount_and_the_total_in_capitals(
    filled: tuple[Workspace, dict],
) -> None:
    ws, numbers = filled
    [text] = texts(printing.print_application(ws, numbers["exam"]))
    assert NON_BMP in text.splitlines()  # 𠮷 beyond U+FFFF, and < & > as typed
    for figures, words in (
        ("¥120.00", "壹佰贰拾元整"),
        ("¥86.50", "捌拾陆元伍角整"),
        ("¥1,005.00", "壹仟零伍元整"),
        ("¥1,211.50", "壹仟贰佰壹拾壹元伍角整"),
    ):
        lines = [line.strip() for line in text.splitlines()]
        at = lines.index(figures)
        assert lines[at + 1] == words, figures
    assert "附单据 2 张" in text and "2024" in text and "助理社会工作师" in text


def test_nomination_and_subsidy_forms(filled: tuple[Workspace, dict]) -> None:
    ws, numbers = filled
    [nomination] = texts(printing.print_application(ws, numbers["nomination"]))
    assert DOTTED in nomination and number(36) in nomination
    assert "扎根社区五年，服务困境儿童 300 余人次。\n牵头“四点半课堂”项目。" in nomination
    assert "“小候鸟”暑期陪伴计划" in nomination and "防城港市“最美社工”" in nomination
    [subsidy] = texts(printing.print_application(ws, numbers["subsidy"]))
    for words in ("52450600MJ0123456W", "¥10,000.00", "壹万元整", "桂民发〔2026〕12号"):
        assert words in subsidy, words
    assert "自治区民政部门社会工作先进单位" in subsidy and "FCG-2023 (十七)" in subsidy


def test_ce_record_lists_each_training_and_the_requirement(
    filled: tuple[Workspace, dict],
) -> None:
    ws, _numbers = filled
    [text] = texts(printing.print_ce_record(ws, number(11), 2026))
    assert "2026年度社会工作者继续教育学时登记表" in text
    # A line breaks at a space and drops it: the title reads whole once the breaks are undone.
    assert "社会工作伦理与实务 <进阶> & 督导" in text.replace("\n", " ").replace("  ", " ")
    assert "2026年3月5日至2026年3月6日" in text.replace("\n", "")
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count("12") == 1 and lines.count("20") == 1  # the two trainings' hours
    at = lines.index("应修学时")
    assert lines[at : at + 8] == [
        "应修学时",
        "50",
        "计入学时",
        "32",
        "尚差学时",
        "18",
        "状态",
        "进度滞后",
    ]
    assert "FCG-2023 (八)" in text


def test_bureau_tables_are_landscape_with_everyone(filled: tuple[Workspace, dict]) -> None:
    ws, numbers = filled
    summary = printing.print_ce_summary(ws, 2026)
    page = PdfReader(io.BytesIO(summary)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape A4
    [text] = texts(summary)
    for name, seq in ((RARE, 11), (NON_BMP, 23), (DOTTED, 36), (PLAIN, 47)):
        assert name in text and number(seq) in text, name
    assert "2026年度社会工作者继续教育学时汇总表" in text and "共 4 人" in text

    awards = "\n".join(texts(printing.print_awards_summary(ws, dt.date(2026, 1, 1), TODAY)))
    assert all(n in awards for n in numbers.values())
    # All four are submitted and undecided: listed apart, with their subtotal, not in the total.
    assert "尚待审批（不计入合计）：4 件" in awards
    assert "小计" in awards and "13,211.50" in awards  # 2,000 + 1,211.50 + 0 + 10,000
    assert "已批准或已发放的申请金额合计：0.00 元；其中已发放：0.00 元。" in awards
    assert "统计期间：2026年1月1日至2026年11月21日，共提交申请 4 件。" in awards

    [holders] = texts(printing.print_holders(ws))
    assert "持证人员共 4 人" in holders
    for heading in ("高级社会工作师（1 人）", "社会工作师（2 人）", "助理社会工作师（1 人）"):
        assert heading in holders
    assert holders.index(PLAIN) < holders.index(RARE) < holders.index(NON_BMP)  # senior first
    assert not_embedded(summary) == []


def test_one_reminder_notice_per_person_each_numbered_on_its_own(
    filled: tuple[Workspace, dict],
) -> None:
    from swdesk.services.reminders import collect_reminders

    ws, _numbers = filled
    people = {r.id_number: r.name for r in collect_reminders(ws, TODAY) if r.id_number}
    pages = texts(printing.print_reminders(ws, TODAY))
    assert len(people) >= 2
    greeted = []
    for text in pages:
        greeted += [n for n, name in people.items() if f"{name}（公民身份号码：{n}）：" in text]
    assert sorted(greeted) == sorted(people)  # each person once, named in full
    assert all(total == 1 for _page, total in footers(pages))  # each notice fits one page


def test_packet_has_cover_index_form_records_and_scans(filled: tuple[Workspace, dict]) -> None:
    ws, numbers = filled
    data = printing.print_packet(ws, numbers["level_award"])
    pages = texts(data)
    assert footers(pages) == [(n, 6) for n in range(1, 7)]
    cover = pages[0]
    titles = [
        "社会工作专业水平提升奖励申请表",
        "职业水平证书一览",
        "2026年度社会工作者继续教育学时登记表",
        "附件 1",
        "附件 2",
    ]
    for title in titles:
        assert title in cover
    # The index's page numbers are drawn when the document is saved: the last lines of the cover.
    listed = [int(x) for x in cover.strip().splitlines()[-len(titles) :]]
    for title, page in zip(titles, listed, strict=True):
        assert pages[page - 1].startswith(title), (title, page)
    assert "证书照片.png" in pages[listed[3] - 1]
    assert "Receipt / 收据 1" in pages[listed[4] - 1]  # the attached PDF page, merged in
    reader = PdfReader(io.BytesIO(data))
    assert "/XObject" in reader.pages[listed[3] - 1]["/Resources"]  # the photo
    assert not_embedded(data) == []


def test_batch_numbers_each_packet_from_its_cover(filled: tuple[Workspace, dict]) -> None:
    ws, numbers = filled
    pages = texts(printing.print_packets(ws))
    numbering = footers(pages)
    starts = [i for i, (page, _total) in enumerate(numbering) if page == 1]
    assert len(starts) == len(numbers) == 4
    for start, end in zip(starts, [*starts[1:], len(pages)], strict=True):
        total = end - start
        assert numbering[start:end] == [(n, total) for n in range(1, total + 1)]
        assert "申请材料" in pages[start]
    covers = [pages[s] for s in starts]
    assert [next(n for n in numbers.values() if n in c) for c in covers] == sorted(numbers.values())
    # The exam claim's two-page receipt PDF gives two pages, each with its own page merged in.
    exam = pages[starts[1] : starts[2]]
    assert sum("Receipt / 收据 1" in p for p in exam) == 1
    assert sum("Receipt / 收据 2" in p for p in exam) == 1


def test_english_forms(filled: tuple[Workspace, dict]) -> None:
    from swdesk.i18n import set_language

    ws, numbers = filled
    set_language("en")
    [text] = texts(printing.print_application(ws, numbers["level_award"]))
    assert "Application for the Professional-Level Award" in text
    assert "Date of form: November 21, 2026" in text and "Page 1 of 1" in text
    assert "Unified social credit code: 52450600MJ0123456W" in text
    assert "贰仟元整" in text  # a finance office wants the capitals in any language


def test_the_cli_prints_every_kind(filled: tuple[Workspace, dict], tmp_path: Path, capsys) -> None:
    from swdesk.cli.main import main

    ws, numbers = filled
    db = str(ws.path)
    runs = {
        "packet": ["packet", numbers["level_award"]],
        "packets": ["packets", "--status", "submitted", "--kind", "exam_reimbursement"],
        "application": ["application", numbers["nomination"]],
        "ce-record": ["ce-record", number(23), "--year", "2026"],
        "ce-summary": ["ce-summary", "--year", "2026"],
        "reminders": ["reminders", "--as-of", "2026-11-21"],
        "awards-summary": ["awards-summary", "--from", "2026-01-01", "--to", "2026-11-21"],
        "holders": ["holders"],
    }
    for name, args in runs.items():
        out = tmp_path / f"{name}.pdf"
        assert main(["--db", db, "--lang", "zh_CN", "print", *args, "-o", str(out)]) == 0, name
        pages = len(PdfReader(out).pages)
        assert f"（{pages} 页）" in capsys.readouterr().out, name
    assert len(PdfReader(tmp_path / "packets.pdf").pages) == 7  # the exam claim's packet only


def test_a_registration_period_record_lists_the_trainings_of_the_whole_period(
    bj_ws: Workspace,
) -> None:
    """Beijing sets no yearly hours: the national 90 hours per 3-year registration period."""
    from swdesk.services.staff import add_credential, add_staff
    from swdesk.services.training import add_event

    id_number = number(11)
    add_staff(bj_ws, name=RARE, id_number=id_number, hire_date=dt.date(2020, 1, 1))
    add_credential(bj_ws, id_number, level="social_worker", certificate_number="BJ2024001",
                   obtained_on=dt.date(2024, 6, 20), registered_on=dt.date(2024, 9, 1))  # fmt: skip
    for title, day, hours in (
        ("登记以前的培训", dt.date(2024, 7, 1), 6),
        ("上一年度的培训", dt.date(2025, 5, 10), 8),
        ("本年度的培训", dt.date(2026, 3, 5), 12),
    ):
        add_event(bj_ws, title=title, form="face_to_face", start=day, end=None, hours=hours,
                  attendees=[(id_number, None)])  # fmt: skip
    [text] = texts(printing.print_ce_record(bj_ws, id_number, 2026))
    assert text.startswith("社会工作者继续教育学时登记表")  # no single year in the title
    assert "上一年度的培训" in text and "本年度的培训" in text
    assert "登记以前的培训" not in text
    lines = [line.strip() for line in text.splitlines()]
    assert "统计期间" in lines and lines[lines.index("统计期间") + 1].startswith("2024年9月1日至")
    assert lines[lines.index("应修学时") + 1] == "90" and lines[lines.index("计入学时") + 1] == "20"
