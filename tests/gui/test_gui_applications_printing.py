"""An application moved through its life as a user would (eligibility → draft → submitted →
approved → paid), a refused step shown with its reason, and a print preview of the bureau table."""

from __future__ import annotations

from gui_helpers import wait_idle, write
from PySide6.QtCore import Qt

from swdesk.domain.applications import Status
from swdesk.gui.step_dialog import StepDialog


def _eligible_row(page) -> int:
    model = page.elig_model
    for n in range(model.rowCount()):
        s = model.row_at(n).key
        if s.kind == "cash" and s.eligible and s.amount_due > 0 and not s.open_application:
            return n
    raise AssertionError("the demo has someone owed the level award")


def _save(qtbot, window, dialog) -> None:
    """Press the dialog's button and wait for the service's answer."""
    dialog.save()
    wait_idle(qtbot, window)


def _step(qtbot, page, target: Status, **fields: str) -> StepDialog:
    qtbot.mouseClick(page.step_buttons[target], Qt.MouseButton.LeftButton)
    dialog = next(w for w in page.children() if isinstance(w, StepDialog) and w.isVisible())
    for name, value in fields.items():
        getattr(dialog, name).setText(value)
    return dialog


def test_an_application_through_its_life(qtbot, demo_window) -> None:
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.tabs.setCurrentIndex(1)
    row = _eligible_row(page)
    page.elig_table.selectRow(row)
    standing = page.selected_standing()
    explanation = page.explain.text()
    assert explanation.startswith(f"{standing.staff.name} — Professional-level award")
    assert "✔" in explanation and "FCG-2023 (十二)" in explanation
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, demo_window)

    assert page.tabs.currentIndex() == 0
    app = page.apps_model.row_at(page.apps_model.rowCount() - 1).key
    assert app.status is Status.DRAFT and app.person == standing.staff.name
    page.select_application(app.number)
    assert page.step_buttons[Status.SUBMITTED].isEnabled()
    assert not page.step_buttons[Status.PAID].isEnabled()

    dialog = _step(qtbot, page, Status.SUBMITTED, date="2026-11-10")
    _save(qtbot, demo_window, dialog)  # the draft is dated today
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "The date 2026-11-10 is before the application's last step (2026-11-21)."
    )
    dialog.date.setText("2026-11-21")
    _save(qtbot, demo_window, dialog)
    assert not dialog.isVisible()
    page.select_application(app.number)
    assert page.selected_application().status is Status.SUBMITTED

    dialog = _step(qtbot, page, Status.APPROVED)
    _save(qtbot, demo_window, dialog)  # nobody named as deciding
    assert dialog.error.text() == "Say who decided (e.g. the civil-affairs bureau)."
    dialog.by.setText("防城港市民政局")
    _save(qtbot, demo_window, dialog)
    assert not dialog.isVisible()
    page.select_application(app.number)

    _save(qtbot, demo_window, _step(qtbot, page, Status.PAID))
    page.select_application(app.number)
    paid = page.selected_application()
    assert paid.status is Status.PAID
    steps = [page.history_model.index(r, 0).data() for r in range(page.history_model.rowCount())]
    assert steps == ["Draft", "Submitted", "Approved", "Paid"]
    assert page.history_model.index(2, 2).data() == "防城港市民政局"
    assert not any(b.isEnabled() for b in page.step_buttons.values())  # a paid claim is done

    # Paid now: the eligibility list no longer offers it.
    page.tabs.setCurrentIndex(1)
    page.select_standing(standing.staff.id, "level_award")
    assert not page.create_button.isEnabled()


def test_withdrawing_needs_a_reason_and_is_kept_in_the_history(qtbot, demo_window) -> None:
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.tabs.setCurrentIndex(1)
    page.elig_table.selectRow(_eligible_row(page))
    page.create_level_award()
    wait_idle(qtbot, demo_window)
    number = page.apps_model.row_at(page.apps_model.rowCount() - 1).key.number
    page.select_application(number)
    dialog = _step(qtbot, page, Status.WITHDRAWN)
    assert dialog.ok_button.text() == "Withdraw application"
    _save(qtbot, demo_window, dialog)
    assert dialog.error.text() == "Give the reason."
    dialog.reason.setText("填错了人")
    _save(qtbot, demo_window, dialog)
    assert not dialog.isVisible()
    page.select_application(number)
    assert page.selected_application().status is Status.WITHDRAWN
    assert page.history_model.index(1, 3).data() == "填错了人"


def test_print_preview_of_the_bureau_table(qtbot, demo_window) -> None:
    demo_window.go("printing")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("printing")
    page.select("ce_summary")
    assert page.year.isVisibleTo(page) and not page.person.isVisibleTo(page)
    assert not page.print_button.isEnabled()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, demo_window)
    assert page.pdf.view.isVisible()
    pages = page.pdf.page_count()
    assert pages >= 1
    assert page.message.text() == f"{pages} pages."
    assert page.print_button.isEnabled() and page.pdf_button.isEnabled()
    assert page.pdf.data.startswith(b"%PDF")


def test_a_report_that_cannot_be_made_says_why(qtbot, demo_window) -> None:
    demo_window.go("printing")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("printing")
    page.select("packets")  # no application is submitted in the demo
    page.status.setCurrentIndex(page.status.findData("submitted"))
    page.preview()
    wait_idle(qtbot, demo_window)
    assert page.message.text() == "There are no applications with status Submitted."
    assert not page.pdf.view.isVisible()


def test_a_waiting_application_reminder_opens_the_application(qtbot, demo_window) -> None:
    from swdesk.services.claims import create_level_award

    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    apps = demo_window.view.page("applications")
    apps.tabs.setCurrentIndex(1)
    person = apps.elig_model.row_at(_eligible_row(apps)).key.staff
    changes = write(qtbot, demo_window, create_level_award, person.id_number)
    demo_window.go("dashboard")
    wait_idle(qtbot, demo_window)
    dash = demo_window.view.page("dashboard")
    rows = [
        n for n in range(dash.reminder_model.rowCount())
        if dash.reminder_model.row_at(n).key.kind == "application_waiting"
    ]  # fmt: skip
    assert rows, "a draft waits to be submitted"
    dash._open_reminder(dash.reminder_model.index(rows[0], 0))
    wait_idle(qtbot, demo_window)
    assert demo_window.view.current_key() == "applications"
    selected = apps.selected_application()
    assert selected is not None and selected.id == changes.created_id


def test_an_application_row_offers_its_person_and_withdrawing(qtbot, demo_window) -> None:
    """The list's row actions (context menu, double-click): an application is withdrawn, never
    edited or deleted; a paid one offers no withdrawing."""
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.tabs.setCurrentIndex(1)
    page.elig_table.selectRow(_eligible_row(page))
    page.create_level_award()
    wait_idle(qtbot, demo_window)
    app = page.apps_model.row_at(page.apps_model.rowCount() - 1).key
    page.select_application(app.number)
    actions = page.app_actions
    assert [a.text for a in actions.actions] == ["Open the person", "Withdraw…"]
    opened: list[int] = []
    demo_window.ctx.open_person.connect(opened.append)
    actions._activated(page.apps_table.currentIndex())  # a double-click or Enter
    assert opened == [app.staff_id]
    withdraw = actions.actions[1]
    assert withdraw.allowed(app)
    withdraw.run(app)
    dialog = next(w for w in page.children() if isinstance(w, StepDialog) and w.isVisible())
    assert dialog.ok_button.text() == "Withdraw application"
    dialog.reason.setText("重复申请")
    _save(qtbot, demo_window, dialog)
    page.select_application(app.number)
    withdrawn = page.selected_application()
    assert withdrawn.status is Status.WITHDRAWN and not withdraw.allowed(withdrawn)
