"""The awards and applications commands, as a script or an administrator uses them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber

TODAY = dt.date.today()
NUM = idnumber.make("450602", dt.date(1990, 1, 1), 42)
CS = idnumber.make("450602", dt.date(1991, 1, 1), 43)
NEW = idnumber.make("450602", dt.date(1992, 1, 1), 44)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def months_ago(months: int) -> str:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return dt.date(year, month + 1, min(TODAY.day, 28)).isoformat()


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "a.db"
    steps = [
        ("init", "--agency", "测试社会工作服务中心", "--profile", "fangchenggang-2023"),
        ("staff", "add", "黄丽华", NUM, "--social-work-since", "2015-03-01"),
        ("credentials", "add", NUM, "助理社会工作师", "Z1", "--obtained", "2021-06-20"),
        ("credentials", "add", NUM, "社会工作师", "S1", "--obtained", "2022-06-18"),
        ("staff", "add", "陈建军", CS, "--social-work-since", "2012-01-01", "--civil-servant"),
        ("credentials", "add", CS, "社会工作师", "S2", "--obtained", "2020-06-20"),
        ("staff", "add", "周春梅", NEW, "--social-work-since", months_ago(14)),
        ("credentials", "add", NEW, "助理社会工作师", "Z3", "--obtained", "2024-06-20"),
    ]
    for step in steps:
        code, _out, err = run(capsys, path, *step)
        assert code == 0, err
    return path


def test_evaluate_json_gives_each_person_with_reasons(db, capsys):
    code, out, _ = run(capsys, db, "awards", "evaluate", "--json")
    assert code == 0
    by_name = {x["name"]: x for x in json.loads(out)}
    huang = by_name["黄丽华"]
    assert {
        "id_number",
        "name",
        "award",
        "level",
        "eligible",
        "eligible_from",
        "amount_due",
        "already_paid",
        "reasons",
    } <= set(huang)
    assert (huang["id_number"], huang["award"], huang["level"]) == (
        NUM,
        "level_award",
        "social_worker",
    )
    assert (huang["eligible"], huang["amount_due"], huang["already_paid"]) == (True, 2000, 0)
    assert all(set(r) == {"clause", "text", "held"} for r in huang["reasons"])
    chen = by_name["陈建军"]
    assert (chen["eligible"], chen["amount_due"], chen["eligible_from"]) == (False, 0, None)
    assert {
        "clause": "FCG-2023 (十二)",
        "text": "In-service civil servants on establishment are excluded.",
        "held": False,
    } in chen["reasons"]
    zhou = by_name["周春梅"]
    since = dt.date.fromisoformat(months_ago(14))
    assert zhou["eligible"] is False
    assert zhou["eligible_from"] == since.replace(year=since.year + 2).isoformat()


def test_evaluate_as_of_a_past_date(db, capsys):
    code, out, _ = run(capsys, db, "awards", "evaluate", "--as-of", "2022年1月1日", "--json")
    huang = next(x for x in json.loads(out) if x["name"] == "黄丽华")
    assert (huang["level"], huang["amount_due"]) == ("assistant", 1000)


def test_the_life_of_an_application_and_a_second_claim_refused(db, capsys):
    code, out, _ = run(capsys, db, "applications", "create", "level-award", NUM)
    assert code == 0
    number = re.search(r"Application (\d{4}-\d{4}) created", out)[1]
    assert number == f"{TODAY.year}-0001" and "2,000 CNY" in out
    for args in (
        ("submit", number),
        ("approve", number, "--by", "防城港市民政局"),
        ("pay", number),
    ):
        code, out, err = run(capsys, db, "applications", *args)
        assert code == 0, err
        assert number in out
    code, out, err = run(capsys, db, "applications", "create", "level-award", NUM)
    assert code == 1 and out == ""
    assert "cannot be claimed twice" in err and "Clause: FCG-2023 (十二)" in err
    code, out, _ = run(capsys, db, "applications", "show", number, "--json")
    shown = json.loads(out)
    assert shown["status"] == "paid" and shown["paid_amount"] == "2000.00"
    assert [s["status"] for s in shown["steps"]] == ["draft", "submitted", "approved", "paid"]
    code, out, _ = run(capsys, db, "awards", "evaluate", "--json")
    huang = next(x for x in json.loads(out) if x["name"] == "黄丽华")
    assert (huang["amount_due"], huang["already_paid"]) == (0, 2000)


def test_civil_servant_refused_through_the_command_line(db, capsys):
    code, out, err = run(capsys, db, "applications", "create", "level-award", CS)
    assert code == 1 and "civil servants" in err


def test_withdraw_and_reject_need_reasons(db, capsys):
    _c, out, _ = run(capsys, db, "applications", "create", "level-award", NUM)
    number = re.search(r"\d{4}-\d{4}", out)[0]
    with pytest.raises(SystemExit) as exit_:
        run(capsys, db, "applications", "withdraw", number)
    assert exit_.value.code == 2
    code, out, _ = run(capsys, db, "applications", "withdraw", number, "--reason", "录入错误")
    assert code == 0 and f"Application {number} withdrawn" in out
    code, out, _ = run(capsys, db, "applications", "list", "--json")
    assert [a["status"] for a in json.loads(out)] == ["withdrawn"]


def test_exam_claim_subsidy_and_nomination(db, capsys, tmp_path):
    receipt = tmp_path / "r.jpg"
    receipt.write_bytes(b"jpg")
    code, out, err = run(
        capsys,
        db,
        "applications",
        "create",
        "exam",
        NUM,
        "--year",
        "2024",
        "--level",
        "社会工作师",
        "--registration-fee",
        "120",
        "--travel",
        "86.5",
        "--receipt",
        str(receipt),
    )
    assert code == 0, err
    assert "206.50 CNY" in out
    code, out, err = run(
        capsys, db, "awards", "honour", "training_base_regional", "--date", "2025-10-01"
    )
    assert code == 0, err
    code, out, err = run(capsys, db, "applications", "create", "subsidy", "1")
    assert code == 0 and "10,000 CNY" in out
    code, out, err = run(
        capsys,
        db,
        "applications",
        "create",
        "nomination",
        NUM,
        "most_admired",
        "--reasons",
        "服务社区十年",
    )
    assert code == 0 and re.search(r"\d{4}-\d{4}", out)
    code, out, _ = run(capsys, db, "applications", "list")
    assert "3 applications" in out and "4506**********" in out and NUM not in out


def test_summary_workbook(db, capsys, tmp_path):
    _c, out, _ = run(capsys, db, "applications", "create", "level-award", NUM)
    number = re.search(r"\d{4}-\d{4}", out)[0]
    run(capsys, db, "applications", "submit", number)
    target = tmp_path / "汇总.xlsx"
    code, out, err = run(
        capsys,
        db,
        "awards",
        "summary",
        "--from",
        f"{TODAY.year}-01-01",
        "--to",
        f"{TODAY.year}-12-31",
        "-o",
        str(target),
    )
    assert code == 0, err
    # Submitted, not yet decided: listed, but not in the total.
    assert "1 application; approved or paid 0 CNY, paid 0 CNY" in out
    sheet = openpyxl.load_workbook(target).active
    [row] = [r for r in sheet.iter_rows(values_only=True) if r[1] == number]
    assert row[3] == NUM
    code, _out, err = run(
        capsys, db, "awards", "summary", "--from", "2026-01-01", "--to", "2026-12-31", "-o", "x.pdf"
    )
    assert code == 1 and ".xlsx" in err


def test_beijing_evaluate_gives_nominations(tmp_path, capsys):
    db = tmp_path / "bj.db"
    run(capsys, db, "init", "--agency", "北京测试社工事务所", "--profile", "beijing-2017")
    run(capsys, db, "staff", "add", "王伟", NUM, "--social-work-since", "2015-01-01")
    code, out, err = run(capsys, db, "awards", "evaluate", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert len(found) == 4 and all(
        x["amount_due"] == 0 and x["kind"] == "nomination" for x in found
    )
    code, out, err = run(capsys, db, "applications", "create", "level-award", NUM)
    assert code == 1 and "sets no professional-level award" in err
