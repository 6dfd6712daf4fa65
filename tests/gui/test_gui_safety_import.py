"""The import wizard (rows and errors by row and column, all or nothing, a template saved), the
program password at opening and after idle time, and personal numbers shown masked until asked."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from gui_helpers import count, read, wait_idle, write

from swdesk.domain import idnumber
from swdesk.gui.import_wizard import ImportWizard
from swdesk.services import security
from swdesk.storage import audit

LI = idnumber.make("452822", dt.date(1988, 3, 14), 211)
WANG = idnumber.make("452822", dt.date(1992, 11, 2), 322)


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "身份证号", "手机号", "入职日期"])
        writer.writerows(rows)
    return path


def test_import_shows_errors_by_row_and_column_and_imports_all_or_nothing(
    qtbot, agency_window, tmp_path: Path
) -> None:
    bad = _sheet(tmp_path / "staff.csv", [
        ["李明", LI, "13800000001", "2020-03-01"],
        ["王芳", WANG[:17] + ("0" if WANG[17] != "0" else "1"), "13800000002", "2021-13-01"],
    ])  # fmt: skip
    wizard = ImportWizard(agency_window.ctx, agency_window, kind="staff")
    wizard.show()
    wizard.path.setText(str(bad))
    wizard.check()
    wait_idle(qtbot, agency_window)
    assert wizard.stack.currentIndex() == 1
    assert not wizard.import_button.isEnabled()
    errors = {(wizard.errors_model.index(r, 0).data(), wizard.errors_model.index(r, 1).data())
              for r in range(wizard.errors_model.rowCount())}  # fmt: skip
    assert ("3", "B 身份证号") in errors
    assert ("3", "D 入职日期") in errors
    messages = " ".join(
        wizard.errors_model.index(r, 2).data() for r in range(wizard.errors_model.rowCount())
    )
    assert "check character" in messages
    assert wizard.rows_model.rowCount() == 2
    assert wizard.rows_model.row_at(1).background is not None  # the bad row is marked
    assert wizard.rows_model.row_at(0).background is None
    assert "Nothing was imported" in wizard.summary.text()
    assert count(qtbot, agency_window, "staff") == 0

    good = _sheet(tmp_path / "staff2.csv", [
        ["李明", LI, "13800000001", "2020-03-01"],
        ["王芳", WANG, "13800000002", "2021-12-01"],
    ])  # fmt: skip
    wizard.stack.setCurrentIndex(0)
    wizard.path.setText(str(good))
    wizard.check()
    wait_idle(qtbot, agency_window)
    assert wizard.import_button.isEnabled()
    assert count(qtbot, agency_window, "staff") == 0  # checking writes nothing
    wizard.import_all()
    wait_idle(qtbot, agency_window)
    assert count(qtbot, agency_window, "staff") == 2
    assert wizard.summary.text().startswith("Imported from staff2.csv.")
    agency_window.go("staff")
    wait_idle(qtbot, agency_window)
    assert agency_window.view.page("staff").count_label.text() == "2 people"


def test_a_template_is_saved_from_the_wizard(
    qtbot, agency_window, tmp_path: Path, monkeypatch
) -> None:
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "template.xlsx"
    # The file dialog is the system's; answer it as the user would.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard = ImportWizard(agency_window.ctx, agency_window, kind="training")
    assert wizard.save_template() == target
    headers = [c.value for c in next(load_workbook(target).worksheets[0].iter_rows(max_row=1))]
    assert "身份证号" in headers


def test_a_password_is_asked_when_the_file_is_opened(qtbot, new_window, store, data_dir) -> None:
    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace

    path = data_dir / "locked.db"
    ws = Workspace.open(path, clock=lambda: dt.date(2026, 11, 21))
    fill_demo(ws)
    security.set_password(ws, "sunshine-2026")
    security.set_idle_minutes(ws, 30)
    ws.close()

    window = new_window(store)
    with qtbot.waitSignal(window.locked):
        window.start(str(path))
    assert window.view is None
    assert window.stack.currentWidget() is window.lock_screen
    wait_idle(qtbot, window)
    window.lock_screen.password.setText("wrong")
    assert window.lock_screen.try_unlock() is True  # tried, on the worker
    wait_idle(qtbot, window)
    assert window.lock_screen.message.text() == "That is not the program password."
    assert window.view is None
    window.lock_screen.password.setText("sunshine-2026")
    with qtbot.waitSignal(window.workspace_opened):
        window.lock_screen.try_unlock()
    assert window.view is not None and window.stack.currentWidget() is window.view
    assert window.idle.watching()  # a password and an idle time: the idle time is counted
    wait_idle(qtbot, window)

    # After the idle time the pages are hidden again, open dialogs closed.
    first = read(qtbot, window, lambda ws: next(ws.db["staff"].rows)["id"])
    dialog = window.open_person(first)
    assert dialog.isVisible()
    window.idle.idle.emit()
    assert window.stack.currentWidget() is window.lock_screen
    assert not window.idle.watching()  # locked: nothing to count until it is unlocked
    assert not dialog.isVisible()
    wait_idle(qtbot, window)
    window.lock_screen.password.setText("sunshine-2026")
    window.lock_screen.try_unlock()
    wait_idle(qtbot, window)
    assert window.stack.currentWidget() is window.view


def test_numbers_are_masked_until_shown_and_showing_is_audited(qtbot, agency_window) -> None:
    from swdesk.services.staff import add_staff

    changes = write(qtbot, agency_window, add_staff, name="李明", id_number=LI,
                    phone="13812345678")  # fmt: skip
    dialog = agency_window.open_person(changes.created_id)
    wait_idle(qtbot, agency_window)
    assert dialog.id_number.text() == idnumber.mask(LI)
    assert dialog.phone.text() == "138****5678"
    assert dialog.id_number.edit.isReadOnly()
    dialog.education.setText("本科")
    assert dialog.save() is True  # saving with masked numbers keeps them as they are
    wait_idle(qtbot, agency_window)
    stored = read(qtbot, agency_window, lambda ws: ws.db["staff"].get(changes.created_id))
    assert stored["id_number"] == LI and stored["education"] == "本科"
    assert dialog.reveal() is True
    wait_idle(qtbot, agency_window)
    assert dialog.id_number.text() == LI and dialog.phone.text() == "13812345678"
    assert not dialog.id_number.edit.isReadOnly()
    log = read(qtbot, agency_window, lambda ws: audit.entries(ws.db, staff_id=changes.created_id))
    assert [e["action"] for e in log].count("personal.reveal") == 2
    page = agency_window.view.page("staff")
    agency_window.go("staff")
    wait_idle(qtbot, agency_window)
    assert page.proxy.index(0, 3).data() == "138****5678"


def test_a_program_left_open_into_a_new_day_makes_that_days_backup(qtbot, demo_window) -> None:
    from swdesk.storage.backup import DAILY, backups_dir, list_backups

    path = demo_window.ctx.path
    next_day = demo_window.ctx.today() + dt.timedelta(days=1)
    read(qtbot, demo_window, lambda ws: setattr(ws, "clock", lambda: next_day))
    assert demo_window.backup_timer.isActive()
    demo_window.daily_backup()
    wait_idle(qtbot, demo_window)
    days = {b.made.date() for b in list_backups(backups_dir(path), path.stem) if b.kind == DAILY}
    assert next_day in days


def test_wrong_passwords_lock_the_screen_for_a_growing_while(
    qtbot, new_window, store, data_dir
) -> None:
    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace

    path = data_dir / "locked.db"
    ws = Workspace.open(path, clock=lambda: dt.date(2026, 11, 21))
    fill_demo(ws)
    security.set_password(ws, "sunshine-2026")
    ws.close()
    window = new_window(store)
    with qtbot.waitSignal(window.locked):
        window.start(str(path))
    wait_idle(qtbot, window)
    screen = window.lock_screen
    now = [0.0]
    screen.guard.clock = lambda: now[0]
    for _ in range(security.UnlockGuard.FREE_TRIES):
        screen.password.setText("wrong")
        assert screen.try_unlock() is True
        wait_idle(qtbot, window)
    assert not screen.unlock_button.isEnabled() and not screen.password.isEnabled()
    assert screen.message.text() == "Wrong password. Wait 1 second before the next try."
    screen.password.setText("sunshine-2026")
    assert screen.try_unlock() is False  # not even tried while the delay runs
    now[0] += 1
    screen.tick()
    assert screen.unlock_button.isEnabled() and screen.password.isEnabled()
    assert screen.message.text() == "Type the program password again."
    with qtbot.waitSignal(window.workspace_opened):
        assert screen.try_unlock() is True


def test_a_write_protected_data_file_opens_read_only_when_asked(
    qtbot, new_window, store, data_dir, tmp_path
) -> None:
    import shutil
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
    from gui_helpers import answer_next_box
    from safety_kit import make_demo, write_protected

    media = tmp_path / "cd"
    media.mkdir()
    shutil.copyfile(make_demo(tmp_path / "made.db"), media / "agency.db")
    window = new_window(store)
    with write_protected(media):
        seen = answer_next_box("Open read-only")
        with qtbot.waitSignal(window.workspace_opened, timeout=15000):
            window.open_file(str(media / "agency.db"))
        assert "cannot be written" in seen[0]
        assert window.ctx is not None and window.ctx.facts.read_only
        assert window.windowTitle().endswith("— swdesk (read-only)")
        wait_idle(qtbot, window)  # the pages read through the worker's read-only connection
        assert count(qtbot, window, "staff") == 60
        window._close_workspace()  # before the media goes away
