"""First start: no data file → the welcome; the agency is created through its form; the file is
reopened at the next start."""

from __future__ import annotations

from pathlib import Path

from conftest import make_store
from gui_helpers import type_text, wait_idle
from PySide6.QtCore import Qt

from swdesk.domain.agency import credit_code_check


def test_first_start_shows_the_welcome_with_three_choices(window) -> None:
    window.start(None)
    assert window.stack.currentWidget() is window.welcome
    texts = [b.text() for b in (window.welcome.create_button, window.welcome.demo_button,
                                window.welcome.open_button)]  # fmt: skip
    assert texts == ["Create your agency", "Open the demo data", "Open an existing data file…"]
    assert not window.go_menu.isEnabled()  # no pages without a data file


def test_create_the_agency_through_the_welcome(qtbot, window, store, data_dir: Path) -> None:
    window.start(None)
    welcome = window.welcome
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    form = welcome.form
    assert welcome.stack.currentIndex() == 1
    assert not welcome.submit_button.isEnabled()  # no name yet

    type_text(qtbot, form.name.edit, "港口区阳光社会工作服务中心")
    first17 = "52450600MJ0123456"
    type_text(qtbot, form.credit_code.edit, first17)
    assert form.credit_code.message.text() == "17 of 18 characters typed."
    wrong = "0" if credit_code_check(first17) != "0" else "1"
    type_text(qtbot, form.credit_code.edit, wrong)
    assert form.credit_code.message.isVisible()
    assert "check character" in form.credit_code.message.text()
    assert not welcome.submit_button.isEnabled()

    form.credit_code.edit.clear()
    type_text(qtbot, form.credit_code.edit, first17 + credit_code_check(first17))
    assert not form.credit_code.message.isVisible()
    type_text(qtbot, form.contact, "黄丽华")
    type_text(qtbot, form.phone, "0770-2822888")
    form.select_profile("beijing-2017")
    assert welcome.submit_button.isEnabled()
    with qtbot.waitSignal(window.workspace_opened):
        qtbot.mouseClick(welcome.submit_button, Qt.MouseButton.LeftButton)

    assert window.view is not None
    wait_idle(qtbot, window)
    assert window.view.agency_label.text() == "港口区阳光社会工作服务中心"
    assert "Beijing (2017)" in window.view.context_label.text()
    assert "港口区阳光社会工作服务中心" in window.windowTitle()
    assert window.view.current_key() == "staff"
    assert window.view.page("staff").count_label.text() == "0 people"
    assert store.last_file == str((data_dir / "swdesk.db").resolve())


def test_the_last_file_is_reopened_at_the_next_start(
    qtbot, new_window, settings_path: Path
) -> None:
    first = new_window(make_store(settings_path))
    first.start(None)
    with qtbot.waitSignal(first.workspace_opened, timeout=30000):
        first.open_demo()
    wait_idle(qtbot, first)
    first.go("grades")
    first.close()

    second = new_window(make_store(settings_path))
    with qtbot.waitSignal(second.workspace_opened):
        second.start(None)
    assert second.view is not None
    wait_idle(qtbot, second)
    assert second.view.agency_label.text() == "防城港市港口区阳光社会工作服务中心"
    assert second.view.current_key() == "grades"  # the last page is remembered too


def test_an_opened_file_without_agency_goes_to_the_agency_form(
    qtbot, window, data_dir: Path
) -> None:
    from swdesk.services.workspace import Workspace

    empty = data_dir / "empty.db"
    Workspace.open(empty).close()
    window.start(str(empty))
    wait_idle(qtbot, window)
    assert window.view is None
    assert window.welcome.stack.currentIndex() == 1
    assert window.welcome.path_edit.text() == str(empty)
    assert not window.welcome.change_path_button.isVisibleTo(window.welcome)


def test_a_file_that_is_not_a_data_file_is_refused_with_a_message(
    qtbot, window, data_dir: Path
) -> None:
    from gui_helpers import answer_next_box

    bogus = data_dir / "notes.db"
    bogus.write_text("not a database at all, just some notes" * 100)
    seen = answer_next_box()
    window.open_file(str(bogus))
    qtbot.waitUntil(lambda: bool(seen))
    assert str(bogus) in seen[0]  # the message names the file it refused
    assert window.ctx is None
    assert window.stack.currentWidget() is window.welcome


def test_file_new_refuses_an_existing_file_and_recent_lists_opened_ones(
    qtbot, window, data_dir: Path, monkeypatch
) -> None:
    from gui_helpers import answer_next_box
    from PySide6.QtWidgets import QFileDialog

    window.start(None)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.open_demo()
    wait_idle(qtbot, window)
    demo = str((data_dir / "demo.db").resolve())

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (demo, ""))
    seen = answer_next_box()
    window.new_file()
    assert seen and "already exists" in seen[0]
    assert window.stack.currentWidget() is window.view  # nothing replaced, still open

    fresh = str(data_dir / "second.db")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (fresh, ""))
    window.new_file()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.path_edit.text() == fresh
    assert not window.welcome.change_path_button.isVisibleTo(window.welcome)
    window.welcome.back_button.click()  # changed their mind: back to the open file
    assert window.stack.currentWidget() is window.view

    window._fill_recent()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == [demo]


def test_the_file_asked_for_last_opens_whichever_opens_first(
    qtbot, new_window, settings_path: Path, data_dir: Path, monkeypatch
) -> None:
    import threading

    from swdesk.gui import ops
    from swdesk.services.agency import init_agency
    from swdesk.services.workspace import Workspace

    first = new_window(make_store(settings_path))
    first.start(None)
    with qtbot.waitSignal(first.workspace_opened, timeout=30000):
        first.open_demo()
    wait_idle(qtbot, first)
    first.close()
    other = data_dir / "other.db"
    ws = Workspace.open(other)
    init_agency(ws, name="明德社会工作服务中心", profile_id="fangchenggang-2023")
    ws.close()

    # The last file (the demo) reopens at start but takes its time; the user opens another
    # file meanwhile, which opens first. The demo, open later, must not replace it.
    release = threading.Event()
    real = ops.opener

    def slow_for_the_demo(path, *args):
        open_it = real(path, *args)
        if Path(path).name != "other.db":
            return lambda: (release.wait(10), open_it())[1]
        return open_it

    monkeypatch.setattr(ops, "opener", slow_for_the_demo)
    second = new_window(make_store(settings_path))
    second.start(None)
    with qtbot.waitSignal(second.workspace_opened, timeout=30000):
        second.open_file(str(other))
    release.set()
    wait_idle(qtbot, second)
    assert second.view.agency_label.text() == "明德社会工作服务中心"
    assert second.ctx.path.name == "other.db"
