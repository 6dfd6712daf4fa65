"""Registrations in the window: the Continuing education page lists each holder's registration
with the hours of its period and any lapse; recording a re-registration with the hours short
asks, as a confirmation, for the reason, and the person's page shows it in the history."""

from __future__ import annotations

import datetime as dt

import pytest
from gui_helpers import answer_next_box, read, wait_idle, write
from PySide6.QtWidgets import QLabel

from swdesk.domain import idnumber
from swdesk.gui.degree_dialog import DegreeDialog
from swdesk.gui.registration_dialog import RegistrationDialog
from swdesk.gui.registration_fix_dialog import RegistrationFixDialog
from swdesk.services import training
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Area, Changes

NUMBER = idnumber.make("452822", dt.date(1985, 3, 1), 120)


def _holder(ws) -> Changes:
    add_staff(ws, name="黄丽华", id_number=NUMBER, hire_date=dt.date(2020, 1, 1))
    add_credential(ws, NUMBER, level="social_worker", certificate_number="S2020450001",
                   obtained_on=dt.date(2020, 6, 20), registered_on=dt.date(2023, 8, 1))  # fmt: skip
    training.add_individual_record(ws, NUMBER, title="线上课程", form="线上",
                                   start=dt.date(2024, 5, 10), end=None, hours=20)  # fmt: skip
    return Changes.of({Area.STAFF, Area.CREDENTIALS, Area.TRAINING})


@pytest.fixture
def holder_window(qtbot, agency_window):
    """One social worker registered 2023-08-01 (valid to 2026-08-01) with 20 hours since."""
    write(qtbot, agency_window, _holder)
    return agency_window


def test_a_short_re_registration_asks_for_the_reason_and_the_history_shows_it(
    qtbot, holder_window
) -> None:
    window = holder_window
    window.go("training")
    page = window.view.page("training")
    page.tabs.setCurrentWidget(page.registrations)
    wait_idle(qtbot, window)
    tab = page.registrations
    assert tab.model.rowCount() == 1
    assert [tab.model.index(0, c).data() for c in (0, 2, 3, 4)] == [
        "黄丽华", "Registration expired", "2026-08-01", "20/90"
    ]  # fmt: skip
    tab.table.selectRow(0)
    assert tab.record_button.isEnabled()
    tab.record()
    [dialog] = tab.findChildren(RegistrationDialog)
    dialog.date.setText("2026-10-15")
    dialog.save()
    wait_idle(qtbot, window)
    assert dialog.asking_reason() and dialog.isVisible()  # refused: 20 of 90 hours
    assert "20 of 90 hours" in dialog.short.text() and "民发〔2009〕44号" in dialog.short.text()
    assert dialog.ok_button.text() == "Record with the hours short"
    dialog.reason.setPlainText("因病休假，经民政局同意补修")
    dialog.save()
    wait_idle(qtbot, window)
    assert not dialog.isVisible()
    assert tab.model.index(0, 2).data() == "Registered"
    assert tab.model.index(0, 5).data().startswith("Unregistered from August 2, 2026")

    person = window.open_person(1)
    wait_idle(qtbot, window)
    registrations = next(t for t in person.extra_tabs if t.title() == "Registrations")
    person.tabs.setCurrentWidget(registrations)
    rows = [
        [registrations.model.index(r, c).data() for c in range(6)]
        for r in range(registrations.model.rowCount())
    ]
    assert [r[1] for r in rows] == ["First registration", "Re-registration after a lapse"]
    assert rows[0][4] == "20/90"
    assert "因病休假，经民政局同意补修" in rows[1][5] and "Unregistered from" in rows[1][5]

    # A date typed wrong is corrected, a registration entered by mistake voided: each with a reason.
    assert not registrations.correct_button.isEnabled()
    registrations.table.selectRow(1)
    registrations.correct_button.click()
    [fix] = registrations.findChildren(RegistrationFixDialog)
    fix.date.setText("2026-10-14")
    fix.save()
    wait_idle(qtbot, window)
    assert fix.isVisible() and "reason" in fix.error.text()
    fix.reason.setPlainText("登记证上的日期是14日")
    fix.save()
    wait_idle(qtbot, window)
    assert not fix.isVisible()
    assert registrations.model.index(1, 2).data() == "2026-10-14"
    registrations.table.selectRow(1)
    registrations.void_button.click()
    void = [d for d in registrations.findChildren(RegistrationFixDialog) if d.void][0]
    assert void.ok_button.text() == "Void registration"
    void.reason.setPlainText("重复录入")
    seen = answer_next_box("Cancel")
    void.reject()
    assert seen == ["Discard what you have typed?"] and void.isVisible()
    void.save()
    wait_idle(qtbot, window)
    assert registrations.model.rowCount() == 1
    actions = read(
        qtbot, window,
        lambda ws: [
            r["action"] for r in ws.db["audit_log"].rows_where("table_name = 'registrations'")
        ],
    )  # fmt: skip
    assert actions[-2:] == ["registration.correct", "registration.void"]
    person.close()


def test_a_completed_degree_is_recorded_from_the_persons_training_tab(qtbot, holder_window) -> None:
    window = holder_window
    person = window.open_person(1)
    wait_idle(qtbot, window)
    tab = next(t for t in person.extra_tabs if t.title() == "Training")
    person.tabs.setCurrentWidget(tab)
    tab.year.setValue(2025)
    wait_idle(qtbot, window)
    assert tab.degree_button.isEnabled()
    tab.degree_button.click()
    [dialog] = tab.findChildren(DegreeDialog)
    assert "90 hours at once" in dialog.findChild(QLabel, "hint").text()
    dialog.degree.setText("社会工作硕士（MSW）")
    dialog.school.setText("广西民族大学")
    seen = answer_next_box("Cancel")
    dialog.reject()  # Esc with the form half filled: asked first, and nothing is lost
    assert seen == ["Discard what you have typed?"]
    assert dialog.isVisible() and dialog.school.text() == "广西民族大学"
    dialog.completed.setText("2027-06-30")
    dialog.save()
    wait_idle(qtbot, window)
    assert dialog.isVisible() and "future" in dialog.error.text()
    assert dialog.completed.hasFocus() or not dialog.isActiveWindow()  # on the date it names
    dialog.completed.setText("2025-06-30")
    dialog.save()
    wait_idle(qtbot, window)
    assert not dialog.isVisible()
    rows = [[tab.model.index(r, c).data() for c in range(4)] for r in range(tab.model.rowCount())]
    assert rows == [["社会工作硕士（MSW）", "Degree", "2025-06-30", "90"]]
    person.close()
