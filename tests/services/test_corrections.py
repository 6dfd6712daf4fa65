"""Correcting records: every correction re-checks the rules resting on the record, writes old →
new to the audit log, is one undo step; voided records stay in the history and count nowhere."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.services import awards, credentials, grades, payments, staff, training, undo
from swdesk.services import training_corrections as corrections
from swdesk.services.ce_report import ce_report
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace
from swdesk.storage import audit

HUANG = "452822198904170429"
WEI = "45282219861002045X"


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    """黄丽华: social worker since 2020, appointed SW3 in 2021; 韦志强: no certificate."""
    staff.add_staff(ws, name="黄丽华", id_number=HUANG, hire_date=dt.date(2019, 3, 1),
                    social_work_since=dt.date(2019, 3, 1))  # fmt: skip
    staff.add_staff(ws, name="韦志强", id_number=WEI, hire_date=dt.date(2020, 1, 1))
    staff.add_credential(ws, HUANG, level="social_worker", certificate_number="S2020450001",
                         obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    grades.appoint(ws, HUANG, "SW3", dt.date(2021, 3, 1))
    return ws


def _huang(ws: Workspace) -> int:
    return staff.find_staff(ws, HUANG).id


def _last_audit(ws: Workspace) -> dict:
    return audit.entries(ws.db)[-1]


# ---------------------------------------------------------------- people


def test_a_hire_date_after_an_appointment_is_refused_with_reason_and_clause(office) -> None:
    with pytest.raises(RuleRefused) as refused:
        staff.update_staff(office, _huang(office), hire_date=dt.date(2022, 1, 1))
    assert "would not work at the agency on 2021-03-01" in str(refused.value)
    assert "Social worker, grade 3" in str(refused.value)
    assert refused.value.clause == "FCG-2023 (十)"
    assert staff.get_staff(office, _huang(office)).hire_date == dt.date(2019, 3, 1)
    with pytest.raises(RuleRefused, match="void that appointment first"):
        staff.update_staff(office, _huang(office), leave_date=dt.date(2021, 1, 1))


def test_a_person_is_corrected_with_old_and_new_in_the_audit_log(office) -> None:
    changes = staff.update_staff(office, _huang(office), hire_date=dt.date(2019, 2, 1),
                                 education="本科")  # fmt: skip
    assert changes.undo is not None
    entry = _last_audit(office)
    assert entry["action"] == "staff.update"
    assert (entry["old"]["hire_date"], entry["new"]["hire_date"]) == ("2019-03-01", "2019-02-01")
    with pytest.raises(ValidationError, match="no field"):
        staff.update_staff(office, _huang(office), salary=1)


# ---------------------------------------------------------------- certificates


def test_a_certificate_number_is_corrected_and_stays_unique(office) -> None:
    changes = credentials.edit_credential(office, "s2020450001", certificate_number="S2020450011")
    assert changes.message == "Certificate S2020450011 corrected."
    entry = _last_audit(office)
    assert entry["action"] == "credential.update"
    assert entry["old"]["certificate_number"] == "S2020450001"
    assert entry["new"]["certificate_number"] == "S2020450011"
    staff.add_credential(office, WEI, level="assistant", certificate_number="Z2021450002",
                         obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    with pytest.raises(ValidationError, match="unique"):
        credentials.edit_credential(office, "Z2021450002", certificate_number="S2020450011")
    with pytest.raises(NotFound):
        credentials.edit_credential(office, "S2020450001", issuing_body="民政部")


def test_a_level_an_appointment_rests_on_is_refused(office) -> None:
    with pytest.raises(RuleRefused) as refused:
        credentials.edit_credential(office, "S2020450001", level="assistant")
    assert "The appointment to Social worker, grade 3 from 2021-03-01 rests on this" in str(
        refused.value
    )
    assert refused.value.clause == "FCG-2023 (十)"
    with pytest.raises(RuleRefused, match="rests on this certificate"):
        credentials.edit_credential(office, "S2020450001", obtained_on=dt.date(2022, 1, 1))
    with pytest.raises(RuleRefused, match="rests on this certificate"):
        credentials.void_credential(office, "S2020450001", "录错了")


def _import_paid(ws: Workspace, tmp_path: Path, level: str, amount: str) -> None:
    sheet = tmp_path / "paid.csv"
    with sheet.open("w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh).writerows([["姓名", "身份证号", "奖励类型", "证书等级", "金额", "发放日期"],
                                  ["黄丽华", HUANG, "专业水平提升奖励", level, amount,
                                   "2023-05-01"]])  # fmt: skip
    assert run_import(ws, "awards", sheet).written


def test_a_level_a_paid_award_rests_on_changes_once_the_payment_is_voided(
    office, tmp_path: Path
) -> None:
    grades.void_appointment(office, HUANG, dt.date(2021, 3, 1), "聘错了")
    _import_paid(office, tmp_path, "社会工作师", "2000")
    with pytest.raises(RuleRefused) as refused:
        credentials.edit_credential(office, "S2020450001", level="assistant")
    assert "paid on this certificate (2,000 CNY on 2023-05-01)" in str(refused.value)
    assert refused.value.clause == "FCG-2023 (十二)"
    [paid] = payments.list_payments(office, _huang(office))
    changes = payments.void_payment(office, paid.id, "导入重复")
    assert "is void: 导入重复" in changes.message
    [paid] = payments.list_payments(office, _huang(office))
    assert paid.voided and paid.void_reason == "导入重复"
    assert awards.level_award_payments(office) == {}  # counts nowhere
    credentials.edit_credential(office, "S2020450001", level="assistant")
    assert staff.credentials_of(office, _huang(office))[0].level.value == "assistant"


def test_a_voided_certificate_counts_nowhere_and_its_number_may_be_entered_again(office) -> None:
    grades.void_appointment(office, HUANG, dt.date(2021, 3, 1), "聘错了")
    before = ce_report(office, 2026)
    row = next(r for r in before.rows if r.staff.name == "黄丽华")
    assert row.result.level is not None
    credentials.void_credential(office, "S2020450001", "录给了错的人")
    assert staff.credentials_of(office, _huang(office)) == []
    assert staff.all_credentials(office) == {}
    [kept] = credentials.credential_history(office, _huang(office))
    assert kept.voided and kept.void_reason == "录给了错的人"
    row = next(r for r in ce_report(office, 2026).rows if r.staff.name == "黄丽华")
    assert row.result.level is None
    assert all(s.level is None for s in awards.evaluate_awards(office) if s.staff.name == "黄丽华")
    staff.add_credential(office, WEI, level="social_worker", certificate_number="S2020450001",
                         obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    with pytest.raises(ValidationError, match="Give the reason"):
        credentials.void_credential(office, "S2020450001", "  ")


# ---------------------------------------------------------------- appointments


def test_a_voided_appointment_stays_in_the_history_and_the_grade_reverts(office) -> None:
    grades.appoint(office, HUANG, "SW2", dt.date(2024, 3, 1))
    assert grades.current_grades(office)[_huang(office)].grade_code == "SW2"
    changes = grades.void_appointment(office, HUANG, dt.date(2024, 3, 1), "点错了")
    assert changes.message == (
        "The appointment of 黄丽华 to Social worker, grade 2 from 2024-03-01 is void. "
        "Their grade is now Social worker, grade 3."
    )
    assert grades.current_grades(office)[_huang(office)].grade_code == "SW3"
    shown = grades.history(office, _huang(office), voided=True)
    assert [(a.grade_code, a.voided) for a in shown] == [("SW3", False), ("SW2", True)]
    assert [a.grade_code for a in grades.history(office, _huang(office))] == ["SW3"]
    assert _last_audit(office)["action"] == "grade.void"
    grades.appoint(office, HUANG, "SW2", dt.date(2024, 3, 1))  # the same day, correctly now
    undo.undo(office)
    undo.undo(office)
    assert grades.current_grades(office)[_huang(office)].grade_code == "SW2"
    with pytest.raises(NotFound, match="no appointment dated 2020-01-01"):
        grades.void_appointment(office, HUANG, dt.date(2020, 1, 1), "x")


# ---------------------------------------------------------------- training


@pytest.fixture
def trained(office) -> int:
    return training.add_event(office, attendees=[(HUANG, None), (WEI, 2)], title="伦理与实务",
                              form="face_to_face", start=dt.date(2026, 3, 2), end=None,
                              hours=6).created_id  # fmt: skip


def _hours(ws: Workspace, name: str) -> float:
    return next(r.result.hours.total for r in ce_report(ws, 2026).rows if r.staff.name == name)


def test_an_events_hours_are_corrected_and_the_report_follows(office, trained) -> None:
    assert _hours(office, "黄丽华") == 6
    changes = corrections.edit_event(office, trained, hours=8, title="伦理与实务（上）")
    assert changes.undo is not None
    assert _hours(office, "黄丽华") == 8  # credited the event's hours: follows
    assert _hours(office, "韦志强") == 2  # credited their own: stays
    with pytest.raises(ValidationError, match="韦志强 attended 2 hours"):
        corrections.edit_event(office, trained, hours=1.5)
    corrections.set_attendee_hours(office, trained, HUANG, 5)
    assert _hours(office, "黄丽华") == 5
    with pytest.raises(ValidationError, match="more than the event"):
        corrections.set_attendee_hours(office, trained, HUANG, 9)
    undo.undo(office)
    undo.undo(office)
    assert _hours(office, "黄丽华") == 6
    assert training.get_event(office, trained).title == "伦理与实务"


def test_an_event_is_deleted_with_its_attendance_and_undo_brings_both_back(office, trained) -> None:
    changes = corrections.delete_event(office, trained)
    assert changes.message == "Training '伦理与实务' deleted with its 2 attendance records."
    assert training.list_events(office) == []
    assert _hours(office, "黄丽华") == 0
    undo.undo(office)
    assert _hours(office, "黄丽华") == 6 and _hours(office, "韦志强") == 2
    assert [a["name"] for a in training.attendees_of(office, trained)] == ["黄丽华", "韦志强"]


def test_an_application_payment_is_not_voided_on_its_own(demo_ws: Workspace) -> None:
    from swdesk.services import applications, claims

    ws = demo_ws
    owed = next(s for s in awards.evaluate_awards(ws) if s.eligible and s.amount_due)
    app_id = claims.create_level_award(ws, owed.staff.id_number).created_id
    number = next(a.number for a in applications.list_applications(ws) if a.id == app_id)
    applications.submit(ws, number)
    applications.approve(ws, number, "防城港市民政局")
    applications.pay(ws, number)
    paid = [p for p in payments.list_payments(ws, owed.staff.id) if p.source == "application"]
    with pytest.raises(RuleRefused, match="taken back with that step"):
        payments.void_payment(ws, paid[-1].id, "x")


def test_voided_records_count_in_no_report_printout_export_or_reminder(
    office, tmp_path: Path
) -> None:
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from swdesk.services.exports import export_ce_table
    from swdesk.services.printing import print_holders
    from swdesk.services.registration import registration_overview
    from swdesk.services.reminders import collect_reminders

    def printed() -> str:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(print_holders(office))).pages)

    def exported() -> str:
        path, _report = export_ce_table(office, 2026, tmp_path / "ce.xlsx")
        cells = load_workbook(path).worksheets[0].iter_rows(values_only=True)
        return " ".join(str(c) for row in cells for c in row if c is not None)

    assert "Social worker" in printed() and "Social worker" in exported()
    assert [r.staff.name for r in registration_overview(office)] == ["黄丽华"]
    grades.void_appointment(office, HUANG, dt.date(2021, 3, 1), "聘错了")
    assert grades.promotable(office)[0].staff.name == "黄丽华"  # no grade now: could move up
    credentials.void_credential(office, "S2020450001", "录给了错的人")

    assert "Social worker" not in printed() and "Social worker" not in exported()
    assert registration_overview(office) == []  # no certificate to register
    assert not [r for r in collect_reminders(office, office.today()) if "S2020450001" in str(r)]
    assert grades.promotable(office) == []  # no certificate, no higher grade
    assert grades.current_grades(office) == {}


def test_a_date_obtained_after_an_earlier_registration_is_refused(ws: Workspace) -> None:
    from swdesk.domain import idnumber
    from swdesk.services import registration, registration_history

    number = idnumber.make("452822", dt.date(1988, 4, 2), 31)
    staff.add_staff(ws, name="覃海燕", id_number=number, hire_date=dt.date(2017, 1, 1))
    staff.add_credential(ws, number, level="assistant", certificate_number="A2018450031",
                         obtained_on=dt.date(2018, 6, 20), registered_on=dt.date(2019, 3, 1))  # fmt: skip
    registration.record_registration(
        ws, "A2018450031", dt.date(2022, 3, 1), hours_short_reason="补修后登记"
    )

    # After the first registration (2019) though before the latest (2022): the latest alone was
    # checked before, so this date slipped through.
    with pytest.raises(ValidationError, match="registration of 2019-03-01") as refused:
        credentials.edit_credential(ws, "A2018450031", obtained_on=dt.date(2020, 1, 1))
    assert refused.value.field == "obtained_on"
    [first, _latest] = registration_history.registrations_of(ws, "A2018450031")
    registration_history.void_registration(ws, first.id, "重复录入")
    credentials.edit_credential(ws, "A2018450031", obtained_on=dt.date(2020, 1, 1))
    assert credentials.find_credential(ws, "A2018450031").obtained_on == dt.date(2020, 1, 1)
