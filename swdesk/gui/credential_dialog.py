"""Correct a certificate: its level, number, date obtained and issuer. The certificates service
checks again what rests on it (an appointment, a paid award) and says why when it refuses."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.i18n import _, format_date
from swdesk.services import credentials


class CredentialDialog(FormDialog):
    def __init__(self, ctx: AppContext, credential: Credential, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.credential = credential
        self.setObjectName("credentialDialog")
        self.setWindowTitle(
            _("Correct certificate {number}").format(number=credential.certificate_number)
        )
        self.setMinimumWidth(520)
        self.level = QComboBox()
        for level in Level:
            self.level.addItem(level.label(), level.value)
        self.level.setCurrentIndex(self.level.findData(credential.level.value))
        self.number = QLineEdit(credential.certificate_number)
        self.obtained = date_field(optional=False)
        self.obtained.setText(credential.obtained_on.isoformat())
        self.issuer = QLineEdit(credential.issuing_body)
        registered = QLabel(format_date(credential.registered_on, "iso") or _("not registered yet"))
        registered.setToolTip(_("Registrations are recorded on the Continuing education page."))
        self.error = FormError({"obtained_on": self.obtained})
        form = QFormLayout()
        form.addRow(_("Level"), self.level)
        form.addRow(_("Certificate number"), self.number)
        form.addRow(_("Obtained on"), self.obtained)
        form.addRow(_("Issued by"), self.issuer)
        form.addRow(_("Registered on"), registered)
        buttons, self.save_button = form_buttons(self, self.save)
        self.obtained.validity_changed.connect(self.save_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[Any, ...]:
        return (self.level.currentData(), self.number.text().strip(), self.obtained.text(),
                self.issuer.text().strip())  # fmt: skip

    def save(self) -> bool:
        """Send the correction; False when the form itself is not right yet."""
        self.error.hide()
        try:
            obtained = self.obtained.value()
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        ops.Write(
            self.ctx,
            credentials.edit_credential,
            self.credential.certificate_number,
            level=Level(self.level.currentData()),
            certificate_number=self.number.text(),
            obtained_on=obtained,
            issuing_body=self.issuer.text(),
        ).success(lambda _changes: self.saved()).failure(self.error.show_error).over(self).run()
        return True
