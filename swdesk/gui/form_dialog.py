"""Dialogs that protect what was typed: closing one (Esc, Cancel, the window's ×) with input not
saved asks "放弃已填写的内容？" first, 取消 being the default answer. A subclass says what its
input is (``form_state``) and calls ``remember_input`` when the form holds what is saved.

``FormError`` and ``form_buttons`` are the parts every form has: the line that says why it could
not be saved, and Cancel beside the form's own action."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from swdesk.domain.errors import UnknownRegion
from swdesk.gui.fields import CheckedField
from swdesk.gui.messages import confirm, error_text
from swdesk.i18n import _


class FormError(QLabel):
    """Why the form could not be saved, under it (styled as ``#formError``); hidden until then.
    ``fields`` maps the names a service's error gives (``exc.field``) to the checked fields that
    show it too and take the focus, so the user lands where the mistake is."""

    def __init__(
        self, fields: Mapping[str, QWidget] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formError")
        self.setWordWrap(True)
        self.hide()
        self.fields: dict[str, QWidget] = dict(fields or {})

    def show_error(self, exc: BaseException) -> None:
        field = self.fields.get(getattr(exc, "field", None) or "")
        if isinstance(field, CheckedField):
            field.show_error(str(exc))
            field.setFocus()
        self.show_text(error_text(exc))

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.show()


def keep_unknown_region(
    parent: QWidget, exc: BaseException, values: Mapping[str, Any]
) -> dict[str, Any] | None:
    """A service refused an identity number for its region, which may be the old code of a
    renamed county: the values to send again with the number kept, if the user says so; else
    None (the refusal stands and is shown)."""
    if (
        isinstance(exc, UnknownRegion)
        and not values.get("accept_unknown_region")
        and confirm(parent, _("Unknown region"), str(exc), _("Keep the number"))
    ):
        return {**values, "accept_unknown_region": True}
    return None


def form_buttons(
    dialog: QDialog,
    accept: Callable[[], object],
    action: str | None = None,
    dismiss: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Cancel,
) -> tuple[QDialogButtonBox, QPushButton]:
    """``dismiss`` (Cancel, or Close) and the form's action: Save, or a button named ``action``.
    Returns the box and the action's button."""
    if action is None:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | dismiss)
        button = box.button(QDialogButtonBox.StandardButton.Save)
    else:
        box = QDialogButtonBox(dismiss)
        button = box.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    box.accepted.connect(accept)
    box.rejected.connect(dialog.reject)
    return box, button


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
