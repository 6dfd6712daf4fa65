"""What the GUI tests do as a user would: wait for the worker, answer a message box."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from swdesk.gui.main_window import MainWindow


def wait_idle(qtbot, window: MainWindow, timeout: int = 15000) -> None:
    """Until the worker has nothing left and its results reached the pages."""
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=timeout)


def answer_next_box(button: str | None = None) -> list[str]:
    """Click ``button`` (by its text; the accepting one when None) on the next message box, and
    record the text the user read. Call before the action that opens the box."""
    seen: list[str] = []

    def handle() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, handle)
            return
        seen.append(box.text())
        for b in box.buttons():
            role = box.buttonRole(b)
            if (button is not None and b.text() == button) or (
                button is None
                and role in (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.YesRole)
            ):
                b.click()
                return
        box.close()

    QTimer.singleShot(0, handle)
    return seen


def type_text(qtbot, edit, text: str) -> None:
    """Type into a line edit: key by key where QTest can (ASCII); CJK text arrives at once, as an
    input method commits it."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setFocus()
        edit.insert(text)
