"""Interns of an employment-practice base (FCG-2023 (十六)): students in the school year of
graduation and graduates within 2 years (counted as the Civil Code counts), the base's
recognition first, the insurance subsidy one or the other, amounts per month from the profile
(none shipped: blank and said so), and the printed claim list."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import RuleRefused, SwdeskError, ValidationError
from swdesk.domain.interns import ACCIDENT, PRACTICE, WORK_INJURY, Intern, claim_lines
from swdesk.domain.profiles import InternRule
from swdesk.i18n import set_language
from swdesk.policies import ProfileError, load_profile
from swdesk.services import printing
from swdesk.services.interns import (
    add_intern,
    intern_claim,
    list_interns,
    recognise_base,
    remove_intern,
)
from swdesk.services.workspace import Workspace

SHIPPED = Path(__file__).parents[2] / "resources" / "policies"
LI = idnumber.make("450602", dt.date(2002, 5, 4), 32)
ZHAO = idnumber.make("450602", dt.date(2001, 8, 9), 42)
BUREAU = "防城港市人力资源和社会保障局"


def add(ws: Workspace, number: str = LI, **kw: object):
    values = {"name": "李静", "id_number": number, "school": "广西民族大学",
              "graduated_on": dt.date(2024, 6, 30), "started_on": dt.date(2024, 7, 1),
              "months": 6}  # fmt: skip
    values.update(kw)
    return add_intern(ws, **values)  # type: ignore[arg-type]


def test_an_intern_needs_the_base_recognised_first(ws: Workspace) -> None:
    with pytest.raises(SwdeskError, match="recognised the agency as an employment-practice base"):
        add(ws)
    with pytest.raises(ValidationError, match="future"):
        recognise_base(ws, BUREAU, dt.date(2027, 1, 1))
    recognise_base(ws, BUREAU, dt.date(2023, 3, 1))
    with pytest.raises(ValidationError, match="before the agency was recognised"):
        add(ws, graduated_on=dt.date(2023, 6, 30), started_on=dt.date(2023, 2, 1))


@pytest.mark.parametrize(
    ("graduated", "start", "taken"),
    [
        (dt.date(2024, 6, 30), dt.date(2023, 9, 1), True),  # 毕业学年: from 1 September before
        (dt.date(2024, 6, 30), dt.date(2023, 8, 31), False),
        (dt.date(2024, 6, 30), dt.date(2026, 6, 30), True),  # 毕业2年内: the corresponding day
        (dt.date(2024, 6, 30), dt.date(2026, 7, 1), False),
        (dt.date(2024, 2, 29), dt.date(2026, 2, 28), True),  # no 29 February: its month's end
        (dt.date(2024, 2, 29), dt.date(2026, 3, 1), False),
    ],
)
def test_who_may_be_taken_on(
    ws: Workspace, graduated: dt.date, start: dt.date, taken: bool
) -> None:
    recognise_base(ws, BUREAU, dt.date(2023, 3, 1))
    if taken:
        add(ws, graduated_on=graduated, started_on=start)
        assert [i.started_on for i in list_interns(ws)] == [start]
    else:
        with pytest.raises(RuleRefused) as refused:
            add(ws, graduated_on=graduated, started_on=start)
        assert refused.value.clause == "FCG-2023 (十六)"
        assert list_interns(ws) == []


def test_the_reason_and_the_refusals_say_why(ws: Workspace) -> None:
    recognise_base(ws, BUREAU, dt.date(2023, 3, 1))
    changes = add(ws)
    assert changes.message == (
        "李静: practice of 6 months from 2024-07-01 recorded. Graduated on June 30, 2024: within "
        "2 years on July 1, 2024 (until June 30, 2026)."
    )
    with pytest.raises(ValidationError, match="already recorded"):
        add(ws)
    with pytest.raises(RuleRefused, match="more than 2 years after graduating on 2024-06-30"):
        add(ws, ZHAO, started_on=dt.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="from 1 to 36"):
        add(ws, ZHAO, months=0)
    [intern] = list_interns(ws)
    assert (intern.sex, intern.birth_date, intern.ends_on) == ("F", dt.date(2002, 5, 4),
                                                                 dt.date(2025, 1, 1))  # fmt: skip
    remove_intern(ws, intern.id, "录入错误")
    assert list_interns(ws) == []
    assert ws.db["audit_log"].count_where("action = 'intern.remove'") == 1


def test_one_insurance_subsidy_or_the_other_at_the_profile_rate() -> None:
    rule = InternRule(_clause(), 2, {PRACTICE: Decimal(1500), ACCIDENT: Decimal(30)})
    base = dict(name="x", id_number=LI, sex="F", birth_date=dt.date(2002, 5, 4), school="",
                graduated_on=dt.date(2024, 6, 30), started_on=dt.date(2024, 7, 1), months=6)  # fmt: skip
    plain, insured = claim_lines(
        rule, [Intern(1, **base), Intern(2, **base, work_injury_insurance=True)]
    )
    assert plain.amounts == {PRACTICE: 9000, ACCIDENT: 180, WORK_INJURY: None}
    assert plain.total == 9180
    # 工伤保险补贴 instead of 人身意外伤害补贴; no rate set for it: blank.
    assert insured.amounts == {PRACTICE: 9000, ACCIDENT: None, WORK_INJURY: None}


def _clause():
    from swdesk.domain.profiles import Clause

    return Clause("interns", "FCG-2023 (十六)", "")


def test_the_shipped_profile_sets_no_amount_and_an_agency_copy_may(tmp_path: Path) -> None:
    shipped = load_profile(SHIPPED / "fangchenggang-2023.toml").interns
    assert shipped.per_month == {} and shipped.clause.ref == "FCG-2023 (十六)"
    assert shipped.years_after_graduation == 2
    text = (SHIPPED / "fangchenggang-2023.toml").read_text(encoding="utf-8")
    shutil.copy(SHIPPED / "national.toml", tmp_path)
    for name, rates in (("mine-test", "{ practice = 1500, accident_insurance = 30 }"),
                        ("bad-test", "{ lunch = 20 }")):  # fmt: skip
        (tmp_path / f"{name}.toml").write_text(
            text.replace('id = "fangchenggang-2023"', f'id = "{name}"').replace(
                "per_month = {}", f"per_month = {rates}"
            ),
            encoding="utf-8",
        )
    mine = load_profile(tmp_path / "mine-test.toml").interns
    assert mine.per_month == {PRACTICE: 1500, ACCIDENT: 30}
    with pytest.raises(ProfileError, match="interns.per_month.lunch"):
        load_profile(tmp_path / "bad-test.toml")


def test_the_printed_claim_list(ws: Workspace) -> None:
    recognise_base(ws, BUREAU, dt.date(2023, 3, 1))
    add(ws)
    add(ws, ZHAO, name="赵明", graduated_on=dt.date(2025, 6, 30), started_on=dt.date(2025, 3, 1),
        months=3, work_injury_insurance=True)  # fmt: skip
    add(ws, idnumber.make("450602", dt.date(2000, 1, 2), 53), name="钱多",
        graduated_on=dt.date(2022, 6, 30), started_on=dt.date(2023, 9, 1))  # fmt: skip
    claim = intern_claim(ws, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert [x.intern.name for x in claim.lines] == ["李静", "赵明"]  # 钱多 started in 2023
    set_language("zh_CN")
    pdf = printing.print_intern_claim(ws, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert "就业见习补贴申领名册" in flat and BUREAU in flat
    assert "李静" in flat and "赵明" in flat and "钱多" not in flat
    assert LI in flat  # the bureau needs the whole number
    assert "2024年7月1日至2025年1月1日" in flat
    assert "未设定就业见习补贴的每月金额" in flat and "FCG-2023(十六)未规定标准" in flat


def test_the_command_line(ws: Workspace, tmp_path: Path, capsys) -> None:
    db = ["--lang", "en", "--db", str(ws.path)]
    assert main([*db, "interns", "base", BUREAU, "--date", "2023-03-01"]) == 0
    code = main([*db, "interns", "add", "李静", LI, "--graduated", "2024-06-30",
                 "--start", "2026-07-01", "--months", "6"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "more than 2 years" in err and "FCG-2023 (十六)" in err
    unknown = idnumber.make("990426", dt.date(2002, 1, 1), 7)  # a region code of no county
    code = main([*db, "interns", "add", "王五", unknown, "--graduated", "2024-06-30",
                 "--start", "2024-07-01", "--months", "6"])  # fmt: skip
    assert code == 1 and "--accept-unknown-region" in capsys.readouterr().err
    assert main([*db, "interns", "add", "李静", LI, "--graduated", "2024-06-30",
                 "--start", "2024-07-01", "--months", "6", "--school", "广西民族大学"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main([*db, "interns", "list"]) == 0
    out = capsys.readouterr().out
    assert "李静" in out and "2024-07-01 – 2025-01-01" in out and LI not in out  # masked
    out_pdf = tmp_path / "claim.pdf"
    assert main([*db, "print", "interns", "--from", "2024-01-01", "--to", "2024-12-31",
                 "-o", str(out_pdf)]) == 0  # fmt: skip
    assert len(PdfReader(out_pdf).pages) == 1
    out_doc = tmp_path / "claim.docx"
    assert main([*db, "print", "interns", "--from", "2024-01-01", "--to", "2024-12-31",
                 "-o", str(out_doc)]) == 0  # fmt: skip
    cells = [c.text for t in docx.Document(str(out_doc)).tables for r in t.rows for c in r.cells]
    assert "李静" in cells and LI in cells
