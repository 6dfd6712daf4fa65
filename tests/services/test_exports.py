"""Every list as a workbook: the rows in the order given (the window's filter and sort), the
title of `domain/titles.py`, numbers masked unless asked (and the asking audited), formulas inert,
and the command line's -o FILE.xlsx / --format xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from swdesk.domain.applications import Status
from swdesk.services import applications as apps
from swdesk.services.claims import create_level_award
from swdesk.services.exports import (
    export_applications,
    export_audit,
    export_reminders,
    export_staff,
    export_training_events,
)
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.training import add_event
from swdesk.services.workspace import Workspace

A, B = "45060219900307011X", "450602199003070128"


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    add_staff(ws, name="黄丽华", id_number=A, phone="13877001234",
              social_work_since=dt.date(2019, 5, 1), hire_date=dt.date(2019, 5, 1))  # fmt: skip
    add_staff(ws, name='=HYPERLINK("x")', id_number=B, social_work_since=dt.date(2018, 1, 1))
    for number, level, cert, on in ((A, "助理社会工作师", "GX2020000001", dt.date(2020, 6, 20)),
                                    (A, "社会工作师", "GX2023000001", dt.date(2023, 6, 18))):  # fmt: skip
        add_credential(ws, number, level=level, certificate_number=cert, obtained_on=on)
    add_event(ws, title="个案管理", form="face_to_face", start=dt.date(2026, 3, 5), end=None,
              hours=12, organiser="民政局", attendees=[(A, None), (B, 6)])  # fmt: skip
    add_event(ws, title="无人参加", form="online", start=dt.date(2026, 4, 1), end=None, hours=2,
              organiser="协会")  # fmt: skip
    number = ws.db["applications"].get(
        create_level_award(ws, A, on=dt.date(2026, 11, 1)).created_id
    )["number"]
    apps.submit(ws, number, dt.date(2026, 11, 2))
    return ws


def rows(path: Path) -> list[list]:
    return [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_staff_with_certificates_and_grades(office: Workspace, tmp_path: Path) -> None:
    path, count = export_staff(office, tmp_path / "staff.xlsx")
    table = rows(path)
    assert table[0][0] == "Staff, Certificates and Post Grades" and count == 2
    assert table[3][:4] == ["No.", "Name", "Sex", "Identity number"]
    huang = table[4]
    assert huang[1] == "黄丽华" and huang[3] == "4506**********011X" and huang[5] == "138****1234"
    assert huang[13:15] == ["Social worker", "GX2023000001"]  # the highest certificate
    assert "GX2020000001" in huang[17] and "GX2023000001" in huang[17]  # and all of them
    sheet = openpyxl.load_workbook(path).active
    assert sheet.cell(row=6, column=2).quotePrefix  # a formula typed as a name stays text
    assert sheet.auto_filter.ref.startswith("A4") and sheet.freeze_panes == "A5"
    assert table[-1][0] == "2 rows"


def test_the_rows_are_those_in_view_in_their_order(office: Workspace, tmp_path: Path) -> None:
    ids = [row["id"] for row in office.db["staff"].rows]
    _path, count = export_staff(office, tmp_path / "s.xlsx", only=[ids[1], ids[0]])
    table = rows(tmp_path / "s.xlsx")
    assert count == 2 and table[4][1] == '=HYPERLINK("x")' and table[5][1] == "黄丽华"
    export_staff(office, tmp_path / "one.xlsx", only=[ids[0]])
    assert [r[1] for r in rows(tmp_path / "one.xlsx")[4:-1]] == ["黄丽华"]


def test_whole_numbers_only_when_asked_and_the_asking_is_audited(
    office: Workspace, tmp_path: Path
) -> None:
    export_staff(office, tmp_path / "s.xlsx", show_personal=True)
    assert rows(tmp_path / "s.xlsx")[4][3] == A
    assert any("staff workbook" in (r["new"] or "") for r in office.db["audit_log"].rows)


def test_training_events_with_one_row_per_attendee(office: Workspace, tmp_path: Path) -> None:
    path, count = export_training_events(office, tmp_path / "t.xlsx", year=2026)
    body = rows(path)[4:-1]
    assert count == 3
    assert [(r[1], r[7], r[9]) for r in body] == [("无人参加", None, None), ("个案管理", "黄丽华", 12),
                                                  ("个案管理", '=HYPERLINK("x")', 6)]  # fmt: skip


def test_applications_reminders_and_the_audit_log(office: Workspace, tmp_path: Path) -> None:
    path, count = export_applications(office, tmp_path / "a.xlsx", status=Status.SUBMITTED)
    table = rows(path)
    assert count == 1 and table[4][0] == "2026-0001" and table[4][6] == 2000
    assert "Status: Submitted" in table[2][0]
    path, count = export_reminders(office, tmp_path / "r.xlsx", as_of=dt.date(2026, 11, 21))
    assert count >= 1 and rows(path)[3][0] == "Urgency"
    path, count = export_audit(office, tmp_path / "l.xlsx")
    table = rows(path)
    assert table[0][0] == "Record of Changes" and count > 5
    assert "4506**********011X" in str(table) and A not in str(table)  # masked by default
    # In words, as the window's change log: the kind of change and the field as the form names it.
    assert "Person added" in str(table) and "staff.add" not in str(table)
    assert "hire_date" not in str(table)
    path, count = export_audit(office, tmp_path / "c.xlsx", kind="applications")
    kinds = {r[2] for r in rows(path)[4:] if r[2]}
    assert count >= 1 and kinds and all(k.startswith("Application") for k in kinds), kinds


def test_the_cli_writes_each_list_as_a_workbook(
    office: Workspace, tmp_path: Path, capsys, monkeypatch
) -> None:
    from swdesk.cli.main import main

    db = str(office.path)
    for command in (["staff", "list"], ["training", "list", "--year", "2026"],
                    ["applications", "list"], ["reminders"], ["audit"]):  # fmt: skip
        out = tmp_path / f"{command[0]}.xlsx"
        assert main(["--db", db, *command, "-o", str(out)]) == 0, capsys.readouterr().err
        assert out.is_file() and "Wrote" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, "--lang", "zh_CN", "staff", "list", "--format", "xlsx"]) == 0
    assert (tmp_path / "工作人员及证书、岗位等级名册.xlsx").is_file()
    assert main(["--db", db, "staff", "list", "-o", "x.csv"]) == 1
    assert ".xlsx" in capsys.readouterr().err
