"""Asking before a record is voided: what will happen, in words, and the reason, which is kept
with the record. 取消 is the default button: Enter alone voids nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.gui.form_dialog import FormDialog
from swdesk.i18n import _


class VoidDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, title: str, text: str, action: str, hint: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        about = QLabel(text)
        about.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. entered for the wrong person"))
        hint_label = QLabel(
            hint
            or _(
                "The record stays in the history, struck through, and counts nowhere. Edit › Undo "
                "takes this back."
            )  # fmt: skip
        )
        hint_label.setObjectName("hint")
        hint_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setEnabled(False)
        self.ok_button.setAutoDefault(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.saved)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Reason") + " *", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(hint_label)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> str:
        return self.reason.text().strip()


def ask_reason(
    parent: QWidget | None, title: str, text: str, action: str, hint: str | None = None
) -> str | None:
    """The reason typed, or None when the user cancelled. ``hint``: what becomes of the record
    (by default: it stays, struck through)."""
    dialog = VoidDialog(parent, title, text, action, hint)
    if dialog.exec() != VoidDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip()
