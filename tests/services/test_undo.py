"""Undo and redo: every write service leaves one step; undo puts every row back as it was, redo as
it was after; a whole import is one step; the history lives in the data file; history that is
append-only (application steps, payments) is taken back by a reversal, never deleted."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from swdesk.domain import idnumber
from swdesk.domain.applications import Status
from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.i18n import set_language
from swdesk.i18n.reasons import describe
from swdesk.services import (
    agency,
    applications,
    attachments,
    awards,
    claims,
    grades,
    registration,
    staff,
    training,
    training_corrections,
    undo,
)
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace
from swdesk.storage import audit, hours_by_year, undo_log

TODAY = dt.date(2026, 11, 21)  # the fixed day of tests/conftest.py
HUANG = "452822198904170429"
WEI = "45282219861002045X"
LIANG = idnumber.make("452822", dt.date(1991, 2, 3), 128)
# The tables undo puts back exactly (the logs of what happened only ever grow).
EXACT = ("staff", "credentials", "grade_appointments", "training_events", "attendance",
         "agency", "agency_honours", "attachments")  # fmt: skip


def snapshot(ws: Workspace, tables: tuple[str, ...] = EXACT) -> dict[str, list[dict]]:
    return {t: [dict(r) for r in ws.db[t].rows_where(order_by="id")] for t in tables}


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    """Three people, one an assistant social worker appointed to ASW2; one training event."""
    staff.add_staff(ws, name="黄丽华", id_number=HUANG, hire_date=dt.date(2019, 3, 1),
                    social_work_since=dt.date(2019, 3, 1))  # fmt: skip
    staff.add_staff(ws, name="韦志强", id_number=WEI, hire_date=dt.date(2020, 1, 1))
    staff.add_staff(ws, name="梁秀英", id_number=LIANG)
    staff.add_credential(ws, HUANG, level="assistant", certificate_number="Z2020450001",
                         obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    grades.appoint(ws, HUANG, "ASW2", dt.date(2020, 9, 1))
    training.add_event(ws, attendees=[(HUANG, None), (WEI, 3)], title="伦理与实务",
                       form="face_to_face", start=dt.date(2026, 3, 2), end=None, hours=6)  # fmt: skip
    return ws


def _scan(tmp_path: Path) -> Path:
    path = tmp_path / "证书.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n a scan")
    return path


OPERATIONS: dict[str, Callable[[Workspace, Path], object]] = {
    "add a person": lambda ws, _t: staff.add_staff(
        ws, name="陆海燕", id_number=idnumber.make("450602", dt.date(1993, 4, 5), 146)
    ),  # fmt: skip
    "edit a person": lambda ws, _t: staff.update_staff(
        ws, staff.find_staff(ws, WEI).id, phone="13977000002", hire_date=dt.date(2020, 2, 1)
    ),
    "add a certificate": lambda ws, _t: staff.add_credential(
        ws,
        WEI,
        level="social_worker",
        certificate_number="S2021450009",
        obtained_on=dt.date(2021, 6, 20),
    ),  # fmt: skip
    "appoint": lambda ws, _t: grades.appoint(ws, HUANG, "ASW1", dt.date(2023, 1, 1)),
    "record an event": lambda ws, _t: training.add_event(
        ws,
        attendees=[(HUANG, None)],
        title="督导",
        form="supervision",
        start=dt.date(2026, 5, 1),
        end=None,
        hours=2,
    ),  # fmt: skip
    "add attendees": lambda ws, _t: training.add_attendees(ws, 1, [(LIANG, 2)]),
    "record a course": lambda ws, _t: training.add_individual_record(
        ws, WEI, title="网课", form="online", start=dt.date(2026, 4, 1), end=None, hours=5
    ),
    "remove an attendee": lambda ws, _t: training.remove_attendee(ws, 1, WEI),
    # Into another year and form: the hours kept by year move with it (and back).
    "correct an event": lambda ws, _t: training_corrections.edit_event(
        ws, 1, start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 1), form="online", hours=8
    ),
    "delete an event": lambda ws, _t: training_corrections.delete_event(ws, 1),
    "register": lambda ws, _t: registration.record_registration(
        ws, "Z2020450001", dt.date(2021, 3, 1)
    ),
    "attach a scan": lambda ws, t: attachments.attach_certificate_scan(ws, "Z2020450001", _scan(t)),
    "record an honour": lambda ws, _t: awards.record_honour(
        ws, "advanced_unit_national", dt.date(2025, 12, 1)
    ),
    "change the profile": lambda ws, _t: agency.update_agency(ws, profile_id="beijing-2017"),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_undo_puts_every_row_back_and_redo_does_it_again(
    office: Workspace, tmp_path: Path, name: str
) -> None:
    before = snapshot(office)
    changes = OPERATIONS[name](office, tmp_path)
    after = snapshot(office)
    assert after != before
    assert changes.undo is not None  # type: ignore[attr-defined]
    status = undo.undo_status(office)
    assert status.undo == changes.undo and status.redo is None  # type: ignore[attr-defined]

    undone = undo.undo(office)
    assert snapshot(office) == before
    # The training hours kept by year follow the rows undo puts back, in whatever order.
    assert hours_by_year.disagreeing(office.db) == 0
    assert undone.message.startswith("Undone: ")
    assert undo.undo_status(office).redo == changes.undo  # type: ignore[attr-defined]
    undo.redo(office)
    assert snapshot(office) == after
    assert hours_by_year.disagreeing(office.db) == 0
    actions = [e["action"] for e in audit.entries(office.db)][-2:]
    assert actions == ["undo", "redo"]


def test_undoing_a_profile_change_brings_the_old_rules_back(office: Workspace) -> None:
    assert office.profile.id == "fangchenggang-2023"
    agency.update_agency(office, profile_id="beijing-2017")
    assert office.profile.id == "beijing-2017"
    undo.undo(office)
    assert office.profile.id == "fangchenggang-2023"


def _roster(path: Path, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "身份证号", "入职日期"])
        for i in range(n):
            number = idnumber.make("452822", dt.date(1990, 1, 1 + i), 130 + i)
            writer.writerow([f"新人{i}", number, "2024-03-01"])
    return path


def test_a_whole_import_is_one_step_named_by_its_count(office: Workspace, tmp_path: Path) -> None:
    before = snapshot(office)
    result = run_import(office, "staff", _roster(tmp_path / "six.csv", 6))
    assert result.written and office.db["staff"].count == 9
    entry = undo.undo_status(office).undo
    assert entry == result.changes.undo
    assert describe(entry.label) == "Import 6 people"
    set_language("zh_CN")
    try:
        assert describe(entry.label) == "导入人员 6 人"
    finally:
        set_language("en")
    after = snapshot(office)
    undo.undo(office)
    assert snapshot(office) == before
    undo.redo(office)
    assert snapshot(office) == after  # the same people under the same ids


def test_undoing_an_import_of_payments_voids_them(office: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "paid.csv"
    with sheet.open("w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh).writerows([["姓名", "身份证号", "奖励类型", "证书等级", "金额", "发放日期"],
                                  ["黄丽华", HUANG, "专业水平提升奖励", "助理社会工作师", "1000",
                                   "2023-05-01"]])  # fmt: skip
    assert run_import(office, "awards", sheet).written
    person = staff.find_staff(office, HUANG)
    assert awards.level_award_payments(office)[person.id][0].amount == 1000
    undo.undo(office)
    rows = list(office.db["award_payments"].rows)
    assert len(rows) == 1 and rows[0]["voided_on"] == TODAY.isoformat()  # kept, voided
    assert awards.level_award_payments(office) == {}
    undo.redo(office)
    assert office.db["award_payments"].get(rows[0]["id"])["voided_on"] is None
    assert awards.level_award_payments(office)[person.id][0].amount == 1000


def _number(ws: Workspace, app_id: int) -> str:
    return next(a.number for a in applications.list_applications(ws) if a.id == app_id)


def _eligible(ws: Workspace) -> str:
    return next(
        s for s in awards.evaluate_awards(ws) if s.eligible and s.amount_due
    ).staff.id_number


def test_undoing_application_steps_adds_a_reversal_and_deletes_nothing(demo_ws: Workspace) -> None:
    ws = demo_ws
    number = _number(ws, claims.create_level_award(ws, _eligible(ws)).created_id)
    applications.submit(ws, number)
    applications.approve(ws, number, "防城港市民政局")
    applications.pay(ws, number)
    app = applications.get_application(ws, number)
    assert app.status is Status.PAID and app.paid_amount is not None
    steps_before = ws.db["application_steps"].count

    undo.undo(ws)  # the payment
    app = applications.get_application(ws, number)
    assert app.status is Status.APPROVED
    assert app.paid_amount is None and app.step(Status.PAID) is None
    assert ws.db["application_steps"].count == steps_before + 1
    reversal = app.steps[-1]
    assert reversal.is_undo and reversal.status is Status.APPROVED
    assert app.steps[-2].id in app.undone_steps and app.steps[-2].status is Status.PAID
    paid = [r for r in ws.db["award_payments"].rows if r["application_id"] == app.id]
    assert len(paid) == 1 and paid[0]["voided_on"] is not None  # voided, not deleted
    assert app.staff_id not in awards.level_award_payments(ws)

    undo.undo(ws)  # the approval
    undo.undo(ws)  # the submission
    app = applications.get_application(ws, number)
    assert app.status is Status.DRAFT
    assert [s.status for s in app.effective_steps] == [Status.DRAFT]
    undo.undo(ws)  # the creation: withdrawn, with its history
    app = applications.get_application(ws, number)
    assert app.status is Status.WITHDRAWN and app.effective_steps == ()

    for _ in range(4):
        undo.redo(ws)
    app = applications.get_application(ws, number)
    assert app.status is Status.PAID
    assert [s.status for s in app.effective_steps] == [
        Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.PAID,
    ]  # fmt: skip
    assert app.paid_amount == app.amount
    assert awards.level_award_payments(ws)[app.staff_id][-1].amount == int(app.amount)


def test_a_step_dated_after_an_undo_may_use_the_old_dates(demo_ws: Workspace) -> None:
    ws = demo_ws
    created = claims.create_level_award(ws, _eligible(ws), on=dt.date(2026, 11, 1))
    number = _number(ws, created.created_id)
    applications.submit(ws, number, dt.date(2026, 11, 20))
    undo.undo(ws)
    applications.submit(ws, number, dt.date(2026, 11, 5))  # the date it should have had
    assert applications.get_application(ws, number).step(Status.SUBMITTED).on == dt.date(
        2026, 11, 5
    )


def test_a_new_change_clears_redo_and_only_the_last_50_are_kept(office: Workspace) -> None:
    person = staff.find_staff(office, WEI)
    staff.update_staff(office, person.id, education="本科")
    undo.undo(office)
    assert undo.undo_status(office).redo is not None
    staff.update_staff(office, person.id, education="硕士")
    assert undo.undo_status(office).redo is None
    for n in range(60):
        staff.update_staff(office, person.id, note=f"第{n}次")
    assert len(undo.undo_history(office)) == undo_log.KEEP
    for _ in range(undo_log.KEEP):
        undo.undo(office)
    with pytest.raises(undo.NothingToUndo, match="nothing to undo"):
        undo.undo(office)
    assert staff.get_staff(office, person.id).note == "第9次"


def test_a_refused_change_leaves_no_step(office: Workspace) -> None:
    before = undo.undo_history(office)
    with pytest.raises(SwdeskError):
        staff.add_staff(office, name="黄丽华", id_number=HUANG)
    with pytest.raises(SwdeskError):
        grades.appoint(office, WEI, "SW1", dt.date(2024, 1, 1))
    assert undo.undo_history(office) == before


def test_the_history_is_in_the_data_file(office: Workspace, db_path: Path) -> None:
    person = staff.find_staff(office, WEI)
    staff.update_staff(office, person.id, education="本科")
    office.close()
    again = Workspace.open(db_path, clock=lambda: TODAY, user="tester")
    try:
        assert describe(undo.undo_status(again).undo.label) == "Edit the details of 韦志强"
        undo.undo(again)
        assert staff.get_staff(again, person.id).education == ""
    finally:
        again.close()


def test_a_row_changed_outside_the_history_stops_the_undo(office: Workspace) -> None:
    person = staff.find_staff(office, WEI)
    staff.update_staff(office, person.id, education="本科")
    with office.db.atomic():  # as another program might
        office.db["staff"].update(person.id, {"major": "社会工作"})
    with pytest.raises(SwdeskError, match="cannot be undone"):
        undo.undo(office)
    person = staff.get_staff(office, person.id)
    assert person.education == "本科" and person.major == "社会工作"
    assert undo.undo_status(office).undo is not None


def test_a_damaged_history_is_refused_with_a_message(office: Workspace) -> None:
    with office.db.atomic():
        office.db["undo_steps"].update(undo.undo_status(office).undo.id, {"rows": '[["x"]]'})
    with pytest.raises(SwdeskError, match="damaged"):
        undo.undo(office)


def test_nothing_to_redo_says_so(ws: Workspace) -> None:
    with pytest.raises(undo.NothingToUndo, match="nothing to redo"):
        undo.redo(ws)
    assert Level.ASSISTANT  # the fixture's profile loads


def test_a_restore_starts_a_new_history(office: Workspace, db_path: Path, tmp_path: Path) -> None:
    from swdesk.services.backup import backup_now, restore

    staff.update_staff(office, staff.find_staff(office, WEI).id, education="本科")
    office.close()
    made = backup_now(db_path, tmp_path)
    restore(db_path, made.path)
    again = Workspace.open(db_path, clock=lambda: TODAY, user="tester")
    try:
        assert undo.undo_history(again) == []
        assert undo.undo_status(again) == undo.UndoStatus(None, None)
    finally:
        again.close()
