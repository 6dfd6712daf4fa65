"""The window's own thread opens no connection to the data file: every read and write of a whole
session — opening, the pages, a person saved, an appointment, undo and redo, a preview, the day's
backup — goes through gui/ops.py to the one worker and its connection."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from gui_helpers import answer_next_box, wait_idle

from swdesk.gui.pages import PAGES


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(thread name, what was opened) of every SQLite connection made from now on."""
    made: list[tuple[str, str]] = []
    real = sqlite3.connect

    def connect(database, *args, **kwargs):  # noqa: ANN001, ANN202 - sqlite3's own signature
        made.append((threading.current_thread().name, str(database)))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return made


def test_a_whole_session_opens_no_connection_on_the_window_thread(
    qtbot, connections, new_window, store
) -> None:
    window = new_window(store)
    window.start(None)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.open_demo()
    wait_idle(qtbot, window)
    for spec in PAGES:
        window.go(spec.key)
        wait_idle(qtbot, window)

    staff = window.view.page("staff")
    window.go("staff")
    wait_idle(qtbot, window)
    person = staff.model.person(0)
    dialog = window.open_person(person.id)
    wait_idle(qtbot, window)
    dialog.education.setText("硕士")
    dialog.save()
    wait_idle(qtbot, window)
    dialog.close()

    grades = window.view.page("grades")
    window.go("grades")
    wait_idle(qtbot, window)
    grades.people_table.selectRow(0)
    grades.date.setText("2026-11-20")
    for n in range(grades.grade_combo.count()):
        grades.grade_combo.setCurrentIndex(n)
        if grades.appoint_button.isEnabled():
            answer_next_box("Appoint")
            grades.appoint()
            break
    wait_idle(qtbot, window)
    window.undo_actions.undo()
    wait_idle(qtbot, window)
    window.undo_actions.redo()
    wait_idle(qtbot, window)

    printing = window.view.page("printing")
    window.go("printing")
    printing.select("holders")
    printing.preview()
    wait_idle(qtbot, window)
    window.daily_backup()
    wait_idle(qtbot, window)

    main = threading.main_thread().name
    assert connections, "the session read nothing?"
    on_window = [what for thread, what in connections if thread == main]
    assert on_window == []
    assert len({thread for thread, _what in connections}) >= 1
