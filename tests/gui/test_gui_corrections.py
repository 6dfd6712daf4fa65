"""Correcting records in the window as a user does: a certificate number and a training event's
hours (the CE table follows), a mistaken appointment voided (struck through, the grade reverts),
an import of six people undone and redone from the Edit menu, an application step undone, and a
half-filled dialog that asks before it closes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from gui_helpers import answer_next_box, answer_next_dialog, read, wait_idle, write
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from swdesk.domain import idnumber
from swdesk.domain.applications import Status
from swdesk.domain.levels import Level
from swdesk.gui.credential_dialog import CredentialDialog
from swdesk.gui.import_wizard import ImportWizard
from swdesk.gui.person_tabs import CredentialsTab, GradeHistoryTab
from swdesk.gui.step_dialog import StepDialog
from swdesk.gui.table_model import RowsModel
from swdesk.gui.training_event_dialog import TrainingEventDialog
from swdesk.gui.void_dialog import VoidDialog
from swdesk.i18n import current_language, set_language
from swdesk.services import grades, staff, training
from swdesk.services.workspace import Area, Changes

HUANG = idnumber.make("452822", dt.date(1985, 3, 1), 120)
WEI = idnumber.make("452822", dt.date(1986, 3, 1), 121)


def _office(ws) -> Changes:
    """黄丽华, social worker since 2020, appointed SW3 then (by mistake) SW2; 韦志强 with none; one
    training of 6 hours both attended."""
    staff.add_staff(ws, name="黄丽华", id_number=HUANG, hire_date=dt.date(2019, 1, 1))
    staff.add_staff(ws, name="韦志强", id_number=WEI, hire_date=dt.date(2020, 1, 1))
    staff.add_credential(ws, HUANG, level=Level.SOCIAL_WORKER, certificate_number="S2020450001",
                         obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    grades.appoint(ws, HUANG, "SW3", dt.date(2021, 3, 1))
    grades.appoint(ws, HUANG, "SW2", dt.date(2026, 3, 1))
    training.add_event(ws, attendees=[(HUANG, None), (WEI, None)], title="伦理与实务",
                       form="face_to_face", start=dt.date(2026, 3, 2), end=None, hours=6)  # fmt: skip
    return Changes.of({Area.STAFF, Area.CREDENTIALS, Area.GRADES, Area.TRAINING})


@pytest.fixture
def office_window(qtbot, agency_window):
    write(qtbot, agency_window, _office)
    return agency_window


def _person_page(qtbot, window, id_number: str):
    people = read(qtbot, window, staff.list_staff)
    dialog = window.open_person(next(p.id for p in people if p.id_number == id_number))
    wait_idle(qtbot, window)
    return dialog


def _row(model: RowsModel, column: int, text: str) -> int:
    return next(n for n in range(model.rowCount()) if model.index(n, column).data() == text)


def test_a_certificate_number_is_corrected_on_the_person_page(qtbot, office_window) -> None:
    dialog = _person_page(qtbot, office_window, HUANG)
    [tab] = [t for t in dialog.extra_tabs if isinstance(t, CredentialsTab)]
    dialog.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    edit = tab.actions.actions[0]
    assert edit.button.text() == "Edit…" and edit.button.isEnabled()
    qtbot.mouseClick(edit.button, Qt.MouseButton.LeftButton)
    editor = next(w for w in tab.children() if isinstance(w, CredentialDialog))
    assert editor.number.text() == "S2020450001"
    editor.number.setText("S2020450011")
    editor.save()
    wait_idle(qtbot, office_window)
    assert not editor.isVisible()
    assert tab.model.index(0, 1).data() == "S2020450011"
    assert "Correct certificate S2020450001" in office_window.undo_actions.undo_action.text()

    # A level the appointment rests on is refused, with the reason and the clause.
    tab.table.selectRow(0)
    qtbot.mouseClick(edit.button, Qt.MouseButton.LeftButton)
    editor = [w for w in tab.children() if isinstance(w, CredentialDialog)][-1]
    editor.level.setCurrentIndex(editor.level.findData("assistant"))
    editor.save()
    wait_idle(qtbot, office_window)
    assert editor.isVisible()
    assert "rests on this certificate" in editor.error.text()
    assert "Clause: FCG-2023 (十)" in editor.error.text()


def test_an_events_hours_are_corrected_and_the_ce_table_follows(qtbot, office_window) -> None:
    office_window.go("training")
    wait_idle(qtbot, office_window)
    page = office_window.view.page("training")
    page.tabs.setCurrentIndex(1)
    table = page.compliance.compliance_model
    assert table.index(_row(table, 0, "黄丽华"), 3).data() == "6"
    page.tabs.setCurrentIndex(0)
    page.events_table.selectRow(0)
    wait_idle(qtbot, office_window)
    page.event_actions.edit.run(page.selected_event())  # Edit… (or a double-click)
    editor = next(w for w in page.children() if isinstance(w, TrainingEventDialog))
    assert editor.windowTitle() == "Correct the training 伦理与实务"
    editor.hours.setText("8")
    editor.save()
    wait_idle(qtbot, office_window)
    assert not editor.isVisible()
    assert page.events_model.index(0, 3).data() == "8"
    assert table.index(_row(table, 0, "黄丽华"), 3).data() == "8"
    assert table.index(_row(table, 0, "韦志强"), 3).data() == "8"


def test_a_mistaken_appointment_is_voided_struck_through_and_the_grade_reverts(
    qtbot, office_window
) -> None:
    dialog = _person_page(qtbot, office_window, HUANG)
    [tab] = [t for t in dialog.extra_tabs if isinstance(t, GradeHistoryTab)]
    dialog.tabs.setCurrentWidget(tab)
    row = _row(tab.model, 0, "Social worker, grade 2")
    tab.table.selectRow(row)
    seen = answer_next_dialog(VoidDialog, lambda d: d.reason.setText("点错了岗位"))
    qtbot.mouseClick(tab.actions.actions[0].button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, office_window)
    assert "Void the appointment of 黄丽华 to Social worker, grade 2 from 2026-03-01?" in (
        seen[0].findChild(QLabel).text()
    )
    row = _row(tab.model, 0, "Social worker, grade 2")
    assert tab.model.row_at(row).struck
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "点错了岗位" in tab.model.index(row, 3).data()
    assert not tab.actions.actions[0].button.isEnabled()  # a voided one cannot be voided again
    dialog.close()
    office_window.go("staff")
    wait_idle(qtbot, office_window)
    page = office_window.view.page("staff")
    names = {page.proxy.index(r, 0).data(): r for r in range(page.proxy.rowCount())}
    assert page.proxy.index(names["黄丽华"], 5).data() == "Social worker, grade 3"


def _roster(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "身份证号", "入职日期"])
        for i in range(6):
            number = idnumber.make("452822", dt.date(1992, 5, 1 + i), 140 + i)
            writer.writerow([f"新同事{i + 1}", number, "2026-09-01"])
    return path


def test_an_import_of_six_people_is_undone_and_redone(qtbot, office_window, tmp_path) -> None:
    wizard = ImportWizard(office_window.ctx, office_window, kind="staff")
    wizard.show()
    wizard.path.setText(str(_roster(tmp_path / "six.csv")))
    wizard.check()
    wait_idle(qtbot, office_window)
    wizard.import_all()
    wait_idle(qtbot, office_window)
    wizard.accept()
    office_window.go("staff")
    wait_idle(qtbot, office_window)
    page = office_window.view.page("staff")
    assert page.count_label.text() == "8 people"
    undo = office_window.undo_actions.undo_action
    assert undo.text() == "Undo: Import 6 people" and undo.isEnabled()
    assert undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()
    wait_idle(qtbot, office_window)
    assert page.count_label.text() == "2 people"
    redo = office_window.undo_actions.redo_action
    assert redo.text() == "Redo: Import 6 people"
    assert [s.toString() for s in redo.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    redo.trigger()
    wait_idle(qtbot, office_window)
    assert page.count_label.text() == "8 people"
    try:
        office_window.switch_language("zh_CN")
        qtbot.waitUntil(lambda: current_language() == "zh_CN")
        wait_idle(qtbot, office_window)
        assert office_window.undo_actions.undo_action.text() == "撤销：导入人员 6 人"
    finally:
        office_window.switch_language("en")
        qtbot.waitUntil(lambda: current_language() == "en")
        set_language("en")


def test_an_application_step_is_undone_with_a_step_that_says_so(qtbot, demo_window) -> None:
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.tabs.setCurrentIndex(1)
    for n in range(page.elig_model.rowCount()):
        s = page.elig_model.row_at(n).key
        if s.kind == "cash" and s.eligible and s.amount_due > 0 and not s.open_application:
            page.elig_table.selectRow(n)
            page.elig_table.setCurrentIndex(page.elig_table.model().index(n, 0))
            break
    page.create_level_award()
    wait_idle(qtbot, demo_window)
    number = page.apps_model.row_at(page.apps_model.rowCount() - 1).key.number
    page.select_application(number)
    qtbot.mouseClick(page.step_buttons[Status.SUBMITTED], Qt.MouseButton.LeftButton)
    step = next(w for w in page.children() if isinstance(w, StepDialog) and w.isVisible())
    step.save()
    wait_idle(qtbot, demo_window)
    page.select_application(number)
    assert page.selected_application().status is Status.SUBMITTED
    undo = demo_window.undo_actions.undo_action
    assert undo.text() == f"Undo: Submit application {number}"
    undo.trigger()
    wait_idle(qtbot, demo_window)
    page.select_application(number)
    app = page.selected_application()
    assert app.status is Status.DRAFT
    history = page.history_model
    assert [history.index(r, 0).data() for r in range(history.rowCount())] == [
        "Draft", "Submitted", "Undone",
    ]  # fmt: skip
    assert [history.row_at(r).struck for r in range(3)] == [False, True, False]
    assert history.index(2, 3).data() == "back to Draft"
    assert page.step_buttons[Status.SUBMITTED].isEnabled()  # it can be submitted again


def test_closing_a_half_filled_dialog_asks_first(qtbot, office_window) -> None:
    dialog = office_window.open_person(None)
    dialog.close()  # nothing typed: closes without a question
    assert not dialog.isVisible()
    dialog = office_window.open_person(None)
    dialog.name.setText("梁秀英")
    seen = answer_next_box("Cancel")
    dialog.reject()  # Esc or Close
    assert seen == ["Discard what you have typed?"]
    assert dialog.isVisible() and dialog.name.text() == "梁秀英"
    seen = answer_next_box("Discard")
    dialog.close()  # the window's ×
    assert seen == ["Discard what you have typed?"]
    assert not dialog.isVisible()
    people = read(qtbot, office_window, staff.list_staff)
    assert "梁秀英" not in [p.name for p in people]


def test_quitting_with_a_half_filled_dialog_asks_first(qtbot, office_window) -> None:
    dialog = office_window.open_person(None)
    dialog.name.setText("梁秀英")
    seen = answer_next_box("Cancel")
    office_window.close()
    assert seen == ["Discard what you have typed?"]
    assert office_window.isVisible() and dialog.isVisible()  # nothing lost
