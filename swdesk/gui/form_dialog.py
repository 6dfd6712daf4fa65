"""Dialogs that protect what was typed: closing one (Esc, Cancel, the window's ×) with input not
saved asks "放弃已填写的内容？" first, 取消 being the default answer. A subclass says what its
input is (``form_state``) and calls ``remember_input`` when the form holds what is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QWidget

from swdesk.gui.messages import confirm
from swdesk.i18n import _


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_state: Any = None
        self._asking = False

    def form_state(self) -> Any:
        """What the user may have typed, comparable (a tuple of the fields' texts)."""
        return None

    def remember_input(self) -> None:
        """The form now shows what is saved (or what it started with)."""
        self._saved_state = self.form_state()

    def has_unsaved_input(self) -> bool:
        return self.form_state() != self._saved_state

    def may_close(self) -> bool:
        if not self.has_unsaved_input() or self._asking:
            return True
        self._asking = True
        try:
            return confirm(
                self,
                _("Unsaved input"),
                _("Discard what you have typed?"),
                _("Discard"),
            )
        finally:
            self._asking = False

    def reject(self) -> None:
        if self.may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.isVisible() and not self.may_close():
            event.ignore()
            return
        self._saved_state = self.form_state()  # asked already: reject() must not ask again
        super().closeEvent(event)

    def saved(self) -> None:
        """The input is saved: close without asking."""
        self.remember_input()
        self.accept()
