"""Grades named as the ladder prints them (助理社会工作师二级岗位), without 岗位, or by code (ASW2), in
the service, on the command line and in the appointments import."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError
from swdesk.domain.grades import find_grade
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile
from swdesk.services import grades, staff, undo
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace

NUMBER = idnumber.make("452822", dt.date(1988, 3, 14), 211)


@pytest.mark.parametrize(
    "text",
    ["ASW2", "asw2", "助理社会工作师二级岗位", "助理社会工作师二级", " 助理社会工作师 二级 ",
     "Assistant social worker, grade 2"],
)  # fmt: skip
def test_every_printed_form_names_the_grade(text: str) -> None:
    assert find_grade(find_profile("fangchenggang-2023"), text).code == "ASW2"


def test_an_unknown_name_lists_the_ladder() -> None:
    with pytest.raises(ValidationError, match=r"ASW2 \(Assistant social worker, grade 2\)"):
        find_grade(find_profile("fangchenggang-2023"), "助理社会工作师三级岗位")


def certified(ws: Workspace) -> None:
    staff.add_staff(ws, name="李明", id_number=NUMBER, hire_date=dt.date(2020, 3, 1))
    staff.add_credential(
        ws,
        NUMBER,
        level="助理社会工作师",
        certificate_number="Z1",
        obtained_on=dt.date(2021, 6, 20),
    )


def test_the_service_appoints_by_the_printed_name(ws: Workspace) -> None:
    certified(ws)
    changes = grades.appoint(ws, NUMBER, "助理社会工作师二级岗位", dt.date(2022, 1, 1))
    assert "Assistant social worker, grade 2" in changes.message
    grades.appoint(ws, NUMBER, "助理社会工作师一级", dt.date(2023, 1, 1))
    assert [a.grade_code for a in grades.history(ws, 1)] == ["ASW2", "ASW1"]


def test_the_command_line_takes_the_printed_name(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    certified(ws)
    code = main(["--lang", "zh_CN", "--db", str(ws.path), "grades", "appoint", NUMBER,
                 "助理社会工作师二级岗位", "--date", "2022-01-01"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0 and "助理社会工作师二级岗位" in out and not err
    assert grades.current_grades(ws)[1].grade_code == "ASW2"


def test_the_import_takes_names_and_checks_the_rule_row_by_row(
    ws: Workspace, tmp_path: Path
) -> None:
    certified(ws)
    book = Workbook()
    for row in (
        ["身份证号", "岗位等级", "聘用日期", "备注"],
        [NUMBER, "助理社会工作师二级岗位", "2022-01-01", "首聘"],
        [NUMBER, "社会工作师三级", "2023-01-01", ""],  # needs the social-worker certificate
        [NUMBER, "ASW1", "2022-01-01", ""],  # the same day as row 2
        [NUMBER, "助理社会工作师九级", "2024-01-01", ""],
    ):
        book.active.append(row)
    path = tmp_path / "grades.xlsx"
    book.save(path)
    result = run_import(ws, "grades", path)
    assert not result.ok and ws.db["grade_appointments"].count == 0
    problems = {(e.row, e.letter): e.message for e in result.errors}
    assert set(problems) == {(3, "B"), (4, "C"), (5, "B")}
    assert "needs the Social worker certificate" in problems[(3, "B")]
    assert "already in row 2" in problems[(4, "C")]
    assert "Unknown grade 助理社会工作师九级" in problems[(5, "B")]
    book = Workbook()
    book.active.append(["身份证号", "岗位等级", "聘用日期"])
    book.active.append([NUMBER, "助理社会工作师二级", "2022-01-01"])
    book.active.append([NUMBER, "助理社会工作师一级岗位", "2024-01-01"])
    book.save(path)
    result = run_import(ws, "grades", path)
    assert result.written and result.to_add == {"grade_appointments": 2}
    assert [a.grade_code for a in grades.history(ws, 1)] == ["ASW2", "ASW1"]
    # The whole import is one step of the undo history.
    assert describe(undo.undo_status(ws).undo.label) == "Import 2 appointments"
    undo.undo(ws)
    assert grades.history(ws, 1) == []
