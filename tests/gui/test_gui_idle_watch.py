"""The idle lock watches the program's events only while it counts: with no program password
nothing passes through it; with one, every key press does, and once stopped it lets go of them."""

from __future__ import annotations

from gui_helpers import wait_idle
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit

from swdesk.gui.lock_screen import IdleWatcher


class CountingWatcher(IdleWatcher):
    def __init__(self) -> None:
        super().__init__()
        self.keys = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        self.keys += event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)


def test_no_password_no_watching(qtbot, agency_window) -> None:
    wait_idle(qtbot, agency_window)
    assert agency_window.view is not None
    assert not agency_window.idle.watching()


def test_key_presses_pass_through_it_only_while_it_counts(qtbot, app) -> None:
    watcher = CountingWatcher()
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert watcher.keys == 0 and not watcher.watching()
    watcher.start(1)
    assert watcher.watching() and watcher._timer.isActive()
    qtbot.keyClick(field, Qt.Key.Key_B)
    assert watcher.keys == 1
    watcher.stop()
    assert not watcher.watching() and not watcher._timer.isActive()
    qtbot.keyClick(field, Qt.Key.Key_C)
    assert watcher.keys == 1 and not watcher._timer.isActive()
    watcher.start(None)  # the password removed
    assert not watcher.watching()
