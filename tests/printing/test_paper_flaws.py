"""The flaws an office saw on the printed pages, read back from the PDFs: the signatures never
alone on a page, numbers, dates and clauses never broken across lines, totals that count the
approved claims only, one currency mark per amount, one title per table in every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_forms_reference import AGENCY, CREDENTIAL, awards_summary, person

from swdesk.printing.forms import bureau_tables
from swdesk.printing.layout import render_form
from swdesk.printing.tables import Column, data_table

pytestmark = pytest.mark.usefixtures("zh")
TODAY = dt.date(2026, 11, 21)
SIGNATURE = "填表人："


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def layout(data: bytes, tmp_path: Path) -> str:
    """The pages as pdftotext lays them out: a table's row on one line."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(data)
    run = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, timeout=60)
    return run.stdout.decode()


def holders(count: int) -> bureau_tables.Holders:
    people = [person(f"员工{i:02d}", 10 + i) for i in range(count)]
    return bureau_tables.Holders(
        TODAY,
        [
            bureau_tables.Holder(p, replace(CREDENTIAL, certificate_number=f"20240354500{i:05d}"),
                                 "社会工作师二级岗位")
            for i, p in enumerate(people)
        ],
    )  # fmt: skip


@pytest.mark.parametrize("count", range(4, 15))
def test_the_signatures_of_the_register_are_never_alone_on_a_page(count: int) -> None:
    # Around 5 to 12 people the register fills its first landscape page: wherever the page
    # ends, the page with the signatures also has the last people of the table.
    text = pages(bureau_tables.render_holders(AGENCY, holders(count)))
    [signed] = [page for page in text if SIGNATURE in page]
    assert re.search(r"员工\d\d", signed), f"{count} people: signatures alone on their page"
    last = f"员工{count - 1:02d}"
    assert last in signed and f"员工{count - 2:02d}" in signed  # at least the last two rows
    assert sum(page.count("员工") for page in text) == count  # nobody printed twice or lost


def test_numbers_dates_and_clauses_are_never_broken_across_lines() -> None:
    whole = ["450602199003070118", "2024035450000123", "2026年11月21日", "FCG-2023 (十二)",
             "民发〔2009〕44号", "2,000.00 元", "0771-5566778"]  # fmt: skip
    # Columns far too narrow for these values at the body size, as on the 名册 and 汇总表.
    table = data_table(
        [Column("编号", 1), Column("证书", 1), Column("日期", 1), Column("条款", 1),
         Column("文号", 1), Column("金额", 1), Column("电话", 1), Column("说明", 6)],
        [whole + ["说明文字" * 12]] * 3,
    )  # fmt: skip
    lines = pages(render_form(AGENCY, "表", [table]))[0].splitlines()
    for value in whole:
        assert sum(value in line for line in lines) == 3, (value, lines)


def test_a_sentence_keeps_its_dates_and_amounts_whole() -> None:
    sentence = "社会工作师证书于2023年6月18日取得，按等级奖励2,000.00 元，依据FCG-2023 (十二)办理。"
    table = data_table([Column("内容", 1), Column("结果", 9)], [[sentence, ""]] * 2)
    lines = pages(render_form(AGENCY, "表", [table]))[0].splitlines()
    for value in ("2023年6月18日", "2,000.00 元", "FCG-2023 (十二)"):
        assert sum(value in line for line in lines) == 2, (value, lines)


def test_the_total_counts_approved_and_paid_claims_and_lists_rejected_ones_apart(
    tmp_path: Path,
) -> None:
    text = layout(bureau_tables.render_awards_summary(AGENCY, awards_summary()), tmp_path)
    # Paid 10,000; awaiting a decision 2,000; rejected 293.50.
    total = next(line for line in text.splitlines() if line.strip().startswith("合计"))
    assert "10,000.00" in total and "12,293.50" not in text and "10,293.50" not in text
    subtotal = next(line for line in text.splitlines() if line.strip().startswith("小计"))
    assert "2,000.00" in subtotal
    rejected = text.index("未获批准（不计入合计）：1 件")
    assert text.index("293.50") > rejected and "票据不全" in text[rejected:]
    assert "已批准或已发放的申请金额合计：10,000.00 元；其中已发放：10,000.00 元。" in text


def test_an_amount_carries_one_currency_mark() -> None:
    text = "\n".join(pages(bureau_tables.render_awards_summary(AGENCY, awards_summary())))
    assert not re.search(r"¥[\d,.]+\s*元", text)
    assert "¥" not in text  # a table's amounts are bare figures: the header says （元）


def test_an_english_date_is_kept_whole_too() -> None:
    from swdesk.printing.linebreak import break_after

    text = "due by November 21, 2026 at the latest"
    breaks = [i for i, ok in enumerate(break_after(text)) if ok]
    assert text.index("November") - 1 in breaks and text.index(" at") in breaks
    assert not any(text.index("November") <= i < text.index(" at") for i in breaks)
