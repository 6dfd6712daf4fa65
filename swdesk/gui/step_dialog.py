"""Move an application one step in its life: submit, approve, reject, record the payment or
withdraw. The dialog asks for what that step needs (date, who decided, reason, amount); the
applications service checks the step and its message is shown here. Rejecting and withdrawing
end an application's life, so their button says exactly what it does (Edit › Undo still takes
the step back, with a step that says so)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import Application, Status, money_text
from swdesk.domain.errors import SwdeskError
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.i18n import _
from swdesk.services import applications as service

_DECIDED_BY = "applications/decided_by"  # the approving body typed last


def _action(target: Status) -> str:
    return {
        Status.SUBMITTED: _("Submit"),
        Status.APPROVED: _("Record approval"),
        Status.REJECTED: _("Record rejection"),
        Status.PAID: _("Record payment"),
        Status.WITHDRAWN: _("Withdraw application"),
    }[target]


class StepDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        app: Application | Sequence[Application],
        target: Status,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.apps = [app] if isinstance(app, Application) else list(app)
        self.app = self.apps[0]
        app = self.app
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
        if len(self.apps) > 1:
            self.setWindowTitle(
                _("{action}: {n} applications").format(action=_action(target), n=len(self.apps))
            )
            about.setText(
                _("{n} applications: {numbers}. Each is checked; if one cannot take this step, "
                  "none does.").format(
                    n=len(self.apps), numbers=", ".join(a.number for a in self.apps)
                )
            )  # fmt: skip
        about.setWordWrap(True)
        self.date = date_field(optional=False)
        self.date.setText(ctx.today().isoformat())
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("e.g. 防城港市民政局"))
        # Who decided before (on this application, else the last one typed): seldom another body.
        earlier = [step.by for step in self.app.steps if step.by and not step.is_undo]
        self.by.setText(earlier[-1] if earlier else str(ctx.store.qsettings.value(_DECIDED_BY, "")))
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
        if target is Status.PAID and len(self.apps) == 1:
            form.addRow(_("Amount paid (CNY)"), self.amount)
        warning = QLabel(
            _("This step is kept in the application's history; Edit › Undo takes it back.")
            if target in (Status.REJECTED, Status.WITHDRAWN)
            else ""
        )
        warning.setObjectName("hint")
        warning.setVisible(bool(warning.text()))
        self.error = FormError({"date": self.date})
        buttons, self.ok_button = form_buttons(self, self.save, _action(target))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[str, ...]:
        return (self.date.text(), self.by.text(), self.reason.text(), self.amount.text())

    def _op(self) -> ops.Write:
        number, on = self.app.number, self.date.value()
        by, reason = self.by.text(), self.reason.text()
        ctx = self.ctx
        if len(self.apps) > 1:
            numbers = [a.number for a in self.apps]
            return ops.Write(
                ctx, service.advance_many, numbers, self.target, on, by=by, reason=reason
            )
        return {
            Status.SUBMITTED: lambda: ops.Write(ctx, service.submit, number, on),
            Status.APPROVED: lambda: ops.Write(ctx, service.approve, number, by, on, reason),
            Status.REJECTED: lambda: ops.Write(ctx, service.reject, number, by, reason, on),
            Status.PAID: lambda: ops.Write(
                ctx, service.pay, number, self.amount.text().strip(), on
            ),
            Status.WITHDRAWN: lambda: ops.Write(ctx, service.withdraw, number, reason, on),
        }[self.target]()

    def save(self) -> bool:
        """Send the step to the applications service; False when the date is not right yet."""
        self.error.hide()
        try:
            op = self._op()
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        op.success(lambda _changes: self._done()).failure(self.error.show_error).over(self).run()
        return True

    def _done(self) -> None:
        if self.by.text().strip():
            self.ctx.store.qsettings.setValue(_DECIDED_BY, self.by.text().strip())
        self.saved()
