"""Record a certificate's (re-)registration. When the period it closes lacks its continuing
education, the service refuses; the dialog then shows the hours done and required and asks, as a
confirmation, for the reason it was registered all the same (民发〔2009〕44号) — recorded with the
shortfall, which the registration history and the printed record show."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.gui.messages import error_text
from swdesk.i18n import _
from swdesk.services.registration import HoursShort, PersonRegistration, record_registration


class RegistrationDialog(FormDialog):
    def __init__(
        self, ctx: AppContext, item: PersonRegistration, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = item.status.credential.certificate_number
        self.setObjectName("registrationDialog")
        self.setWindowTitle(_("Record a registration: {number}").format(number=self.number))
        self.setMinimumWidth(520)
        about = QLabel(
            _("{name} · {level} · {number} · {state}").format(
                name=item.staff.name,
                level=item.status.credential.level.label(),
                number=self.number,
                state=item.status.state.label(),
            )
        )
        about.setWordWrap(True)
        self.date = date_field(optional=False)
        self.date.setText(ctx.today().isoformat())
        self.short = FormError()
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("Why it was registered with the hours short"))
        self.reason.setFixedHeight(70)
        self.reason_label = QLabel(_("Reason") + " *")
        form = QFormLayout()
        form.addRow(_("Registered on"), self.date)
        form.addRow(self.reason_label, self.reason)
        self.reason.hide()
        self.reason_label.hide()
        self.error = FormError({"registered_on": self.date})
        buttons, self.ok_button = form_buttons(self, self.save, _("Record registration"))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.short)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[str, ...]:
        return (self.date.text(), self.reason.toPlainText())

    def asking_reason(self) -> bool:
        return self.reason.isVisible()

    def save(self) -> bool:
        self.error.hide()
        try:
            on = self.date.value()
        except SwdeskError as exc:
            self._failed(exc)
            return False
        reason = self.reason.toPlainText()
        op = ops.Write(self.ctx, record_registration, self.number, on, hours_short_reason=reason)
        op.success(lambda _changes: self.saved()).failure(self._failed).over(self).run()
        return True

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, HoursShort):
            # The confirmation: what is short, and the reason that would be kept with it.
            self.short.show_text(
                error_text(exc)
                + "\n\n"
                + _("To record the re-registration with the shortfall, give the reason.")
            )
            self.reason_label.show()
            self.reason.show()
            self.reason.setFocus()
            self.ok_button.setText(_("Record with the hours short"))
            return
        self.error.show_error(exc)
