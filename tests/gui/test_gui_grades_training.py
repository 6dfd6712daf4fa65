"""Post grades (the rule checked before saving, the refusal with its clause) and continuing
education (an event recorded for several people at once, the compliance table)."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_helpers import answer_next_box, read, type_text, wait_idle, write
from PySide6.QtCore import Qt

from swdesk.domain import idnumber
from swdesk.domain.levels import Level
from swdesk.services.staff import add_credential, add_staff, list_staff
from swdesk.services.workspace import Area, Changes


@pytest.fixture
def small_window(qtbot, window, data_dir):
    """An agency with three people: one assistant social worker, two without certificates."""
    window.start(None)
    window.welcome.show_create(str(data_dir / "a.db"), fixed_path=True)
    window.welcome.form.name.setText("测试社会工作服务中心")
    window.welcome.form.select_profile("fangchenggang-2023")
    window.welcome.submit_button.click()
    wait_idle(qtbot, window)
    write(qtbot, window, _three)
    return window


def _three(ws) -> Changes:
    for n, name in enumerate(("黄丽华", "韦志强", "梁秀英")):
        number = idnumber.make("450602", dt.date(1985 + n, 3, 1), 120 + n)
        add_staff(ws, name=name, id_number=number, hire_date=dt.date(2020, 1, 1))
        if n == 0:
            add_credential(ws, number, level=Level.ASSISTANT, certificate_number="Z2021450001",
                           obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    return Changes.of({Area.STAFF, Area.CREDENTIALS})


def _select(page, name: str) -> None:
    for row in range(page.people_proxy.rowCount()):
        if page.people_proxy.index(row, 0).data() == name:
            page.people_table.selectRow(row)
            return
    raise AssertionError(name)


def test_an_appointment_the_rule_refuses_shows_the_reason_and_clause(qtbot, small_window) -> None:
    small_window.go("grades")
    wait_idle(qtbot, small_window)
    page = small_window.view.page("grades")
    _select(page, "黄丽华")
    assert page.person_label.text() == "黄丽华"
    page.grade_combo.setCurrentIndex(page.grade_combo.findData("SW1"))
    text = page.check_label.text()
    assert text.startswith("Refused: ")
    assert "needs the Social worker certificate" in text
    assert "Clause: FCG-2023 (十)" in text
    assert page.check_label.property("refused") is True
    assert not page.appoint_button.isEnabled()

    page.grade_combo.setCurrentIndex(page.grade_combo.findData("ASW1"))
    assert page.check_label.text().startswith("Allowed: ")
    assert page.appoint_button.isEnabled()
    page.date.setText("2026-03-01")
    seen = answer_next_box("Cancel")  # a mis-click: nothing is recorded
    qtbot.mouseClick(page.appoint_button, Qt.MouseButton.LeftButton)
    assert seen == ["Appoint 黄丽华 to Assistant social worker, grade 1 from 2026-03-01?"]
    wait_idle(qtbot, small_window)
    _select(page, "黄丽华")
    row = page.people_table.selectionModel().selectedRows()[0].row()
    assert page.people_proxy.index(row, 3).data() == ""
    page.grade_combo.setCurrentIndex(page.grade_combo.findData("ASW1"))
    answer_next_box("Appoint")
    qtbot.mouseClick(page.appoint_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, small_window)
    _select(page, "黄丽华")
    row = page.people_table.selectionModel().selectedRows()[0].row()
    assert page.people_proxy.index(row, 3).data() == "Assistant social worker, grade 1"
    assert page.people_proxy.index(row, 4).data() == "2026-03-01"


def test_the_service_refusal_is_shown_when_the_date_is_taken(qtbot, small_window) -> None:
    small_window.go("grades")
    wait_idle(qtbot, small_window)
    page = small_window.view.page("grades")
    _select(page, "黄丽华")
    page.grade_combo.setCurrentIndex(page.grade_combo.findData("ASW2"))
    page.date.setText("2026-03-01")
    answer_next_box("Appoint")
    assert page.appoint() is True
    wait_idle(qtbot, small_window)
    _select(page, "黄丽华")
    page.grade_combo.setCurrentIndex(page.grade_combo.findData("ASW1"))
    page.date.setText("2026-03-01")
    answer_next_box("Appoint")
    page.appoint()
    wait_idle(qtbot, small_window)
    assert "already has an appointment dated 2026-03-01" in page.check_label.text()


def test_the_promotable_list_and_the_ladder(qtbot, small_window) -> None:
    small_window.go("grades")
    wait_idle(qtbot, small_window)
    page = small_window.view.page("grades")
    names = [
        page.promotable_model.index(r, 0).data() for r in range(page.promotable_model.rowCount())
    ]
    assert names == ["黄丽华"]
    assert page.promotable_model.index(0, 2).data() == "Junior"
    assert page.ladder_model.rowCount() == 5
    assert page.ladder_model.index(0, 4).data() == "Social worker"
    assert "FCG-2023 (十)" in page.clause_label.text()


def test_record_a_training_event_for_several_people(qtbot, small_window) -> None:
    from swdesk.gui.training_event_dialog import TrainingEventDialog

    small_window.go("training")
    wait_idle(qtbot, small_window)
    page = small_window.view.page("training")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in page.children() if isinstance(w, TrainingEventDialog))
    wait_idle(qtbot, small_window)  # the people to tick come from the worker
    type_text(qtbot, dialog.title.edit, "社会工作伦理与实务")
    dialog.form.setCurrentIndex(dialog.form.findData("face_to_face"))
    dialog.start.setText("2026-11-02")
    dialog.end.setText("2026-11-03")
    type_text(qtbot, dialog.hours.edit, "12")
    type_text(qtbot, dialog.picker.search, "黄")
    assert dialog.picker.proxy.rowCount() == 1
    dialog.picker.search.clear()
    qtbot.mouseClick(dialog.picker.all_button, Qt.MouseButton.LeftButton)
    assert dialog.picker.count.text() == "3 ticked"
    # Untick one by clicking its box, as a user would.
    index = dialog.picker.proxy.index(2, 0)
    dialog.picker.proxy.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.picker.count.text() == "2 ticked"
    assert dialog.save() is True
    wait_idle(qtbot, small_window)
    assert not dialog.isVisible()

    assert page.events_model.rowCount() == 1
    assert page.events_model.index(0, 0).data() == "社会工作伦理与实务"
    assert page.events_model.index(0, 4).data() == "2"
    page.events_table.selectRow(0)
    wait_idle(qtbot, small_window)
    assert page.attendees_model.rowCount() == 2
    assert page.attendees_label.text() == "社会工作伦理与实务: 2 attendees"

    page.tabs.setCurrentIndex(1)
    statuses = {page.compliance.compliance_model.index(r, 0).data(): page.compliance.compliance_model.index(r, 6).data()
                for r in range(page.compliance.compliance_model.rowCount())}  # fmt: skip
    assert statuses["黄丽华"] == "Behind"  # 12 of 50 hours late in November
    assert "behind 1" in page.compliance.compliance_summary.text()


def test_removing_an_attendee_asks_first(qtbot, small_window) -> None:
    from swdesk.services.training import add_event

    people = [(p.id_number, None) for p in read(qtbot, small_window, list_staff)]
    write(qtbot, small_window, add_event, attendees=people, title="季度专业督导",
          form="supervision", start=dt.date(2026, 9, 1), end=None, hours=4)  # fmt: skip
    small_window.go("training")
    wait_idle(qtbot, small_window)
    page = small_window.view.page("training")
    page.events_table.selectRow(0)
    wait_idle(qtbot, small_window)
    page.attendees_table.selectRow(0)
    seen = answer_next_box("Cancel")
    assert page.remove_attendee() is False
    assert "Remove 黄丽华 from 季度专业督导?" in seen[0]
    assert page.attendees_model.rowCount() == 3
    answer_next_box("Remove")
    assert page.remove_attendee() is True
    wait_idle(qtbot, small_window)
    page.events_table.selectRow(0)
    wait_idle(qtbot, small_window)
    assert page.attendees_model.rowCount() == 2
