"""The national counting rules (民发〔2009〕123号) as profile settings: a completed social-work
degree counts 90 hours at once (学历教育); a 学时 of 45 minutes against a requirement in clock
hours; 专业科目 at least 2/3 of the hours required; each shown as its own line of the compliance
reason — through the services, the command line and the training import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.ce_compliance import Status
from swdesk.domain.errors import ValidationError
from swdesk.i18n.reasons import describe
from swdesk.policies import load_profile
from swdesk.services import staff, training
from swdesk.services.ce_report import ce_report
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
NUMBER = idnumber.make("452822", dt.date(1988, 2, 1), 400)


def social_worker(ws: Workspace) -> str:
    staff.add_staff(ws, name="梁伟", id_number=NUMBER, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(ws, NUMBER, level="social_worker", certificate_number="S1",
                         obtained_on=dt.date(2023, 6, 20), registered_on=dt.date(2024, 3, 1))  # fmt: skip
    return NUMBER


def course(ws: Workspace, hours: float, day: dt.date, subject: str | None, form: str = "线上"):
    training.add_individual_record(ws, NUMBER, title=f"课程{day}{subject}", form=form, start=day,
                                   end=None, hours=hours, subject=subject)  # fmt: skip


def period_result(ws: Workspace, as_of=dt.date(2026, 11, 21)):
    report = ce_report(ws, as_of.year, as_of, "registration_period")
    return next(r.result for r in report.rows if r.staff.id_number == NUMBER)


def test_a_completed_degree_counts_90_hours_at_once(ws: Workspace) -> None:
    social_worker(ws)
    changes = training.add_degree(ws, NUMBER, degree="社会工作硕士（MSW）", school="广西大学",
                                  completed_on=dt.date(2025, 6, 30))  # fmt: skip
    assert "90 hours" in changes.message
    result = period_result(ws)
    assert (result.hours.total, result.required, result.status) == (90, 90, Status.MET)
    assert result.hours.raw == {"degree": 90}
    then = [describe(r) for r in result.reason.then]
    assert then == ["90 of them from a completed social-work degree, counted at once."]
    # It is 专业科目 and counts in the year completed for the annual 50 学时 as well.
    annual = next(r.result for r in ce_report(ws, 2025, dt.date(2025, 12, 31)).rows)
    assert annual.hours.total == 90
    with pytest.raises(ValidationError, match="recorded on its own"):
        training.add_individual_record(ws, NUMBER, title="MSW", form="学历教育",
                                       start=dt.date(2025, 6, 30), end=None, hours=90)  # fmt: skip


def test_45_minute_study_hours_and_the_professional_share_are_their_own_lines(
    ws: Workspace,
) -> None:
    ws._profile = load_profile(FIXTURES / "counting-test.toml")
    social_worker(ws)
    course(ws, 80, dt.date(2024, 9, 1), "professional")
    course(ws, 40, dt.date(2025, 9, 1), "general")
    result = period_result(ws)
    # 120 学时 of 45 minutes are 90 hours, 60 of them 专业科目: 2/3 of 90.
    assert (result.hours.raw_total, result.hours.total, result.required) == (120, 90, 90)
    assert result.hours.subjects == {"professional": 60, "general": 30}
    assert result.short_of_subject == {} and result.status is Status.MET
    lines = [(describe(r), r.held) for r in result.reason.then]
    assert lines == [
        ("One 学时 is 45 minutes: 120 学时 recorded count as 90 hours.", True),
        ("Professional subjects: 60 hours, at least 60 needed (2/3 of 90).", True),
    ]
    assert result.reason.then[1].clause == "TEST-COUNT 第一条"


def test_enough_hours_with_too_few_professional_ones_is_not_met(ws: Workspace) -> None:
    ws._profile = load_profile(FIXTURES / "counting-test.toml")
    social_worker(ws)
    course(ws, 60, dt.date(2024, 9, 1), "professional")
    course(ws, 60, dt.date(2025, 9, 1), "general")
    course(ws, 8, dt.date(2025, 10, 1), None)  # no category: counts to the total only
    result = period_result(ws, as_of=dt.date(2027, 3, 1))  # the period's last day
    assert (result.hours.total, result.short_of_subject) == (96, {"professional": 15})
    assert (result.status, result.shortfall) == (Status.BEHIND, 15)
    assert ("Professional subjects: 45 hours, at least 60 needed (2/3 of 90).", False) in [
        (describe(r), r.held) for r in result.reason.then
    ]


def test_a_profile_may_require_hours_from_the_year_of_certification(ws: Workspace) -> None:
    ws._profile = load_profile(FIXTURES / "counting-test.toml")
    staff.add_staff(ws, name="新证", id_number=NUMBER, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(ws, NUMBER, level="assistant", certificate_number="Z9",
                         obtained_on=dt.date(2026, 6, 20))  # fmt: skip
    [row] = ce_report(ws, 2026, dt.date(2026, 11, 21), "annual").rows
    assert (row.result.required, row.result.status) == (20, Status.BEHIND)
    # The shipped profiles keep the program's reading: from the next year.
    ws._profile = None
    [row] = ce_report(ws, 2026, dt.date(2026, 11, 21)).rows
    assert row.result.status is Status.NOT_REQUIRED


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_records_a_degree_and_a_subject(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    social_worker(ws)
    code, out, _ = run(capsys, ws.path, "training", "add-degree", NUMBER, "--degree",
                       "社会工作硕士", "--school", "广西大学", "--date", "2025-06-30")  # fmt: skip
    assert code == 0 and "90 hours" in out
    code, _out, _ = run(capsys, ws.path, "training", "add-individual", NUMBER, "--title", "伦理课",
                        "--start", "2026-03-01", "--hours", "6", "--form", "线上",
                        "--subject", "公需科目")  # fmt: skip
    assert code == 0
    assert [e["subject"] for e in ws.db["training_events"].rows] == ["professional", "general"]
    code, out, _ = run(capsys, ws.path, "training", "report", "--year", "2026", "--requirement",
                       "registration_period", "--json")  # fmt: skip
    [row] = json.loads(out)
    assert (row["hours"], row["status"]) == (96, "met")
    assert "from a completed social-work degree" in row["reason"]


def test_the_training_import_reads_the_subject_and_degree_rows(
    ws: Workspace, tmp_path: Path
) -> None:
    social_worker(ws)
    book = Workbook()
    for row in (
        ["身份证号", "培训名称", "开始日期", "学时", "形式", "科目类别", "主办单位"],
        [NUMBER, "个案管理", "2025-04-01", 12, "面授", "专业科目", "市社工协会"],
        [NUMBER, "社会工作硕士", "2025-06-30", 90, "学历教育", "", "广西大学"],
        [NUMBER, "社会工作硕士", "2025-06-30", 90, "学历教育", "", "广西大学"],
        [NUMBER, "社会工作学士", "2024-06-30", 60, "学历教育", "", "广西大学"],
        [NUMBER, "政策解读", "2025-05-01", 3, "线上", "选修课", ""],
    ):
        book.active.append(row)
    path = tmp_path / "training.xlsx"
    book.save(path)
    result = run_import(ws, "training", path)
    problems = {(e.row, e.letter): e.message for e in result.errors}
    assert set(problems) == {(4, "B"), (5, "D"), (6, "F")}
    assert "already in row 3" in problems[(4, "B")]
    assert "counts 90 hours at once" in problems[(5, "D")]
    assert "公需科目 or 专业科目" in problems[(6, "F")]
    book = Workbook()
    book.active.append(["身份证号", "培训名称", "开始日期", "学时", "形式", "科目类别"])
    book.active.append([NUMBER, "个案管理", "2025-04-01", 12, "面授", "专业科目"])
    book.active.append([NUMBER, "社会工作硕士", "2025-06-30", 90, "学历教育", ""])
    book.save(path)
    result = run_import(ws, "training", path)
    assert result.written and result.to_add == {"training_events": 2, "attendance": 2}
    assert run_import(ws, "training", path).errors  # the same degree twice is refused
    assert period_result(ws).hours.subjects == {"professional": 102}
