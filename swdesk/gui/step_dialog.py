"""Move an application one step in its life: submit, approve, reject, record the payment or
withdraw. The dialog asks for what that step needs (date, who decided, reason, amount); the
applications service checks the step and its message is shown here. Rejecting and withdrawing
cannot be undone, so their button says exactly what it does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import Application, Status, money_text
from swdesk.domain.errors import SwdeskError
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field
from swdesk.i18n import _
from swdesk.services import applications as service
from swdesk.services.workspace import Changes, Workspace


def _action(target: Status) -> str:
    return {
        Status.SUBMITTED: _("Submit"),
        Status.APPROVED: _("Record approval"),
        Status.REJECTED: _("Record rejection"),
        Status.PAID: _("Record payment"),
        Status.WITHDRAWN: _("Withdraw application"),
    }[target]


class StepDialog(QDialog):
    def __init__(
        self, ctx: AppContext, app: Application, target: Status, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.app = app
        self.target = target
        self.setObjectName("stepDialog")
        self.setWindowTitle(
            _("{action}: application {number}").format(action=_action(target), number=app.number)
        )
        self.setMinimumWidth(480)
        about = QLabel(
            _("{number} · {person} · {kind} · {amount} CNY · now {status}").format(
                number=app.number,
                person=app.person,
                kind=app.kind.label(),
                amount=money_text(app.amount),
                status=app.status.label(),
            )
        )
        about.setWordWrap(True)
        self.date = date_field(optional=False)
        self.date.setText(ctx.today().isoformat())
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("e.g. 防城港市民政局"))
        self.reason = QLineEdit()
        self.amount = QLineEdit(str(app.amount))
        form = QFormLayout()
        form.addRow(_("Date"), self.date)
        if target in (Status.APPROVED, Status.REJECTED):
            form.addRow(_("Decided by") + " *", self.by)
        if target in (Status.REJECTED, Status.WITHDRAWN):
            form.addRow(_("Reason") + " *", self.reason)
        elif target is Status.APPROVED:
            form.addRow(_("Note"), self.reason)
        if target is Status.PAID:
            form.addRow(_("Amount paid (CNY)"), self.amount)
        warning = QLabel(
            _("This step is kept in the application's history and cannot be undone.")
            if target in (Status.REJECTED, Status.WITHDRAWN)
            else ""
        )
        warning.setObjectName("hint")
        warning.setVisible(bool(warning.text()))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(_action(target), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _call(self) -> Callable[[Workspace], Changes]:
        number, on = self.app.number, self.date.value()
        by, reason = self.by.text(), self.reason.text()
        calls: dict[Status, Callable[[Workspace], Any]] = {
            Status.SUBMITTED: lambda ws: service.submit(ws, number, on),
            Status.APPROVED: lambda ws: service.approve(ws, number, by, on, reason),
            Status.REJECTED: lambda ws: service.reject(ws, number, by, reason, on),
            Status.PAID: lambda ws: service.pay(ws, number, self.amount.text().strip(), on),
            Status.WITHDRAWN: lambda ws: service.withdraw(ws, number, reason, on),
        }
        return calls[self.target]

    def save(self) -> bool:
        self.error.hide()
        try:
            changes = self._call()(self.ctx.ws)
        except SwdeskError as exc:
            from swdesk.gui.messages import error_text

            if getattr(exc, "field", None) == "date" and isinstance(self.date, CheckedField):
                self.date.show_error(str(exc))
            self.error.setText(error_text(exc))
            self.error.show()
            return False
        self.ctx.announce(changes)
        self.accept()
        return True
