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


def read(qtbot, window: MainWindow, fn, *args, **kwargs):
    """``fn(ws, *args)`` on the window's worker and connection, as the program reads."""
    from swdesk.gui import ops

    return _through(qtbot, window, ops.Read(window.ctx, fn, *args, **kwargs))


def write(qtbot, window: MainWindow, fn, *args, **kwargs):
    """A change through gui/ops.py, as the window makes it: the pages and the Edit menu hear
    of it. Raises what the service raised."""
    from swdesk.gui import ops

    return _through(qtbot, window, ops.Write(window.ctx, fn, *args, **kwargs))


def _through(qtbot, window: MainWindow, op):
    outcome: dict = {}
    op.success(lambda result: outcome.setdefault("result", result))
    # Every failure comes back to the test, none waits in a message box.
    op._failed = lambda exc, _trace: outcome.setdefault("error", exc)
    op.run()
    qtbot.waitUntil(lambda: bool(outcome), timeout=15000)
    wait_idle(qtbot, window)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def count(qtbot, window: MainWindow, table: str) -> int:
    """Rows of a table of the open data file (read on the worker)."""
    return read(qtbot, window, lambda ws: ws.db[table].count)


def answer_next_dialog(cls: type, fill=None, button: str | None = None) -> list[object]:
    """Fill (``fill(dialog)``) and accept the next modal dialog of class ``cls`` (or press the
    button with that text), as a user would; the dialogs met are recorded."""
    from PySide6.QtWidgets import QAbstractButton

    seen: list[object] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        if fill is not None:
            fill(dialog)
        if button is None:
            dialog.accept()  # type: ignore[attr-defined]
            return
        for b in dialog.findChildren(QAbstractButton):
            if b.text() == button:
                b.click()
                return

    QTimer.singleShot(0, handle)
    return seen
