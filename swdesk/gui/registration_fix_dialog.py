"""Correct a registration's date, or void one entered by mistake, each with its reason (kept in
the audit log; a voided registration stays in the history, marked)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.i18n import _
from swdesk.services.registration_history import correct_registration, void_registration


class RegistrationFixDialog(FormDialog):
    """``void``: the dialog is the confirmation of voiding; else it moves the date."""

    def __init__(
        self,
        ctx: AppContext,
        registration_id: int,
        number: str,
        registered_on: dt.date,
        void: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.registration_id, self.void = ctx, registration_id, void
        self.setObjectName("registrationFixDialog")
        self.setMinimumWidth(480)
        what = _("{number}, registered on {date}").format(
            number=number, date=registered_on.isoformat()
        )
        if void:
            self.setWindowTitle(_("Void a registration"))
            about = QLabel(
                _("Void the registration {what}? It stays in the history, marked void.").format(
                    what=what
                )
            )
        else:
            self.setWindowTitle(_("Correct a registration date"))
            about = QLabel(what)
        about.setWordWrap(True)
        self.date = date_field(optional=False)
        self.date.setText(registered_on.isoformat())
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        form = QFormLayout()
        if not void:
            form.addRow(_("Registered on"), self.date)
        form.addRow(_("Reason") + " *", self.reason)
        self.error = FormError({"registered_on": self.date})
        label = _("Void registration") if void else _("Correct the date")
        buttons, self.ok_button = form_buttons(self, self.save, label)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[str, ...]:
        return (self.date.text(), self.reason.toPlainText())

    def save(self) -> bool:
        self.error.hide()
        reason = self.reason.toPlainText()
        try:
            if self.void:
                op = ops.Write(self.ctx, void_registration, self.registration_id, reason)
            else:
                op = ops.Write(
                    self.ctx, correct_registration, self.registration_id, self.date.value(), reason
                )
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        op.success(lambda _changes: self.saved()).failure(self.error.show_error).over(self).run()
        return True
