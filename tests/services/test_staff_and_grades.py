import datetime as dt

import pytest

from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.services import grades, staff
from swdesk.services.workspace import Workspace
from swdesk.storage import audit

HUANG = "452822198904170429"


def add_huang(ws: Workspace) -> int:
    return staff.add_staff(
        ws,
        name=" 黄丽华 ",
        id_number=HUANG,
        sex="女",
        phone="13977000001",
        social_work_since=dt.date(2019, 3, 1),
    ).created_id


def test_add_staff_derives_birth_date_and_sex_and_audits(ws: Workspace) -> None:
    staff_id = add_huang(ws)
    person = staff.get_staff(ws, staff_id)
    assert person.name == "黄丽华"
    assert person.birth_date == dt.date(1989, 4, 17) and person.sex == "F"
    log = audit.entries(ws.db, staff_id=staff_id)
    assert [e["action"] for e in log] == ["staff.add"]
    assert log[0]["user"] == "tester" and log[0]["new"]["id_number"] == HUANG


def test_sex_that_contradicts_the_identity_number_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="does not match") as err:
        staff.add_staff(ws, name="黄丽华", id_number=HUANG, sex="男")
    assert err.value.field == "sex"
    assert ws.db["staff"].count == 0


def test_same_identity_number_twice_is_refused(ws: Workspace) -> None:
    add_huang(ws)
    with pytest.raises(ValidationError, match="already on the staff list"):
        staff.add_staff(ws, name="别人", id_number=HUANG)


def test_certificate_numbers_are_unique(ws: Workspace) -> None:
    add_huang(ws)
    staff.add_credential(
        ws, HUANG, level="助理社会工作师", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    staff.add_staff(ws, name="覃志强", id_number="45282219861002045X")
    with pytest.raises(ValidationError, match="unique"):
        staff.add_credential(
            ws,
            "45282219861002045X",
            level="assistant",
            certificate_number="Z1",
            obtained_on=dt.date(2021, 6, 20),
        )
    assert ws.db["credentials"].count == 1


def test_update_staff_checks_and_records_old_and_new(ws: Workspace) -> None:
    staff_id = add_huang(ws)
    staff.update_staff(ws, staff_id, phone="0770-1234567", civil_servant=True)
    person = staff.get_staff(ws, staff_id)
    assert person.phone == "0770-1234567" and person.civil_servant
    entry = audit.entries(ws.db, staff_id=staff_id)[-1]
    assert entry["old"]["phone"] == "13977000001" and entry["new"]["phone"] == "0770-1234567"
    with pytest.raises(ValidationError):
        staff.update_staff(ws, staff_id, social_work_since=dt.date(2030, 1, 1))


def test_appointment_without_matching_certificate_is_refused_and_not_stored(ws: Workspace) -> None:
    add_huang(ws)
    staff.add_credential(
        ws, HUANG, level="assistant", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    with pytest.raises(RuleRefused) as err:
        grades.appoint(ws, HUANG, "SW3", dt.date(2021, 1, 1))
    assert err.value.clause == "FCG-2023 (十)"
    assert ws.db["grade_appointments"].count == 0
    grades.appoint(ws, HUANG, "ASW2", dt.date(2021, 1, 1))
    assert ws.db["grade_appointments"].count == 1


def test_grade_history_current_grade_and_promotable(ws: Workspace) -> None:
    staff_id = add_huang(ws)
    staff.add_credential(
        ws, HUANG, level="assistant", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    grades.appoint(ws, HUANG, "ASW2", dt.date(2020, 9, 1))
    grades.appoint(ws, HUANG, "ASW1", dt.date(2023, 9, 1))
    assert [a.grade_code for a in grades.history(ws, staff_id)] == ["ASW2", "ASW1"]
    assert grades.current_grades(ws, dt.date(2022, 1, 1))[staff_id].grade_code == "ASW2"
    assert grades.current_grades(ws)[staff_id].grade_code == "ASW1"
    assert grades.promotable(ws) == []
    staff.add_credential(
        ws, HUANG, level="社会工作师", certificate_number="S1", obtained_on=dt.date(2024, 6, 20)
    )
    found = grades.promotable(ws)
    assert [(p.staff.name, p.current.code, p.allowed_band.value) for p in found] == [
        ("黄丽华", "ASW1", "intermediate")
    ]
    assert grades.promotable(ws, dt.date(2024, 1, 1)) == []


def test_unknown_grade_lists_the_ladder(ws: Workspace) -> None:
    add_huang(ws)
    with pytest.raises(ValidationError, match="ASW2"):
        grades.appoint(ws, HUANG, "SW9", dt.date(2021, 1, 1))


def test_demo_data_is_realistic_and_deterministic(demo_ws: Workspace, tmp_path) -> None:
    from swdesk.domain.idnumber import is_valid
    from swdesk.services.demo import fill_demo

    people = staff.list_staff(demo_ws)
    assert 55 <= len(people) <= 65
    assert all(is_valid(p.id_number) for p in people)
    levels = {row["level"] for row in demo_ws.db["credentials"].rows}
    assert levels == {"assistant", "social_worker", "senior"}
    years = {int(row["obtained_on"][:4]) for row in demo_ws.db["credentials"].rows}
    assert min(years) <= 2022 < max(years)
    assert demo_ws.db["attendance"].count > 500 and demo_ws.db["award_payments"].count > 0
    assert any(p.civil_servant for p in people) and any("·" in p.name for p in people)
    other = Workspace.open(tmp_path / "again.db", clock=demo_ws.clock)
    fill_demo(other)
    assert [p.id_number for p in staff.list_staff(other)] == [p.id_number for p in people]


def test_appointment_messages_name_the_grade_in_the_users_language(ws: Workspace) -> None:
    add_huang(ws)
    staff.add_credential(
        ws, HUANG, level="assistant", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    done = grades.appoint(ws, HUANG, "ASW2", dt.date(2021, 1, 1))
    assert done.message == "黄丽华 appointed to Assistant social worker, grade 2 from 2021-01-01."
    with pytest.raises(ValidationError) as err:
        grades.appoint(ws, HUANG, "SW9", dt.date(2021, 1, 1))
    assert "ASW2 (Assistant social worker, grade 2)" in str(err.value)
    assert "助理" not in str(err.value)


def test_appointment_outside_employment_is_refused(ws: Workspace) -> None:
    staff.add_staff(ws, name="黄丽华", id_number=HUANG, hire_date=dt.date(2021, 3, 1))
    staff.add_credential(
        ws, HUANG, level="assistant", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    with pytest.raises(ValidationError, match="does not work at the agency on 2021-01-01"):
        grades.appoint(ws, HUANG, "ASW2", dt.date(2021, 1, 1))
    person = staff.find_staff(ws, HUANG)
    staff.update_staff(ws, person.id, leave_date=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="left 2024-01-01"):
        grades.appoint(ws, HUANG, "ASW2", dt.date(2024, 5, 1))
    grades.appoint(ws, HUANG, "ASW2", dt.date(2021, 3, 1))
    assert ws.db["grade_appointments"].count == 1


def test_demo_ledger_follows_the_award_rules(demo_ws: Workspace) -> None:
    from swdesk.services.awards import evaluate_awards

    paid = {row["staff_id"] for row in demo_ws.db["award_payments"].rows}
    assert paid, "the demo should show some award history"
    for result in evaluate_awards(demo_ws):
        # Never more than the highest level's award: the demo must not contradict the rule.
        assert result.already_paid <= result.entitled
    for row in demo_ws.db.query(
        """SELECT p.staff_id FROM award_payments p JOIN credentials c ON c.staff_id = p.staff_id
           WHERE c.level != 'assistant' AND c.obtained_on <= '2022-12-31'"""
    ):
        raise AssertionError(
            f"staff {row['staff_id']} held a higher certificate by 2022 yet was paid the assistant award"
        )
    for appointment in demo_ws.db["grade_appointments"].rows:
        person = staff.get_staff(demo_ws, appointment["staff_id"])
        assert person.hire_date <= dt.date.fromisoformat(appointment["appointed_on"])
