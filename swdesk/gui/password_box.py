"""Settings: the program password (set, change, remove) and the idle time after which it is asked
again. The security service checks and stores it; only a salted hash is kept."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import confirm
from swdesk.i18n import _
from swdesk.services import security
from swdesk.services.changes import Changes


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PasswordBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Program password"), parent)
        self.ctx = ctx
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.current = _password_edit()
        self.new = _password_edit()
        self.repeat = _password_edit()
        self.set_button = QPushButton(_("Save password"))
        self.remove_button = QPushButton(_("Remove password"))
        self.set_button.clicked.connect(self.save_password)
        self.remove_button.clicked.connect(self.remove_password)
        self.idle = QSpinBox()
        self.idle.setRange(0, 24 * 60)
        self.idle.setSuffix(" " + _("minutes"))
        self.idle.setSpecialValueText(_("never"))
        self.idle_button = QPushButton(_("Save idle time"))
        self.idle_button.clicked.connect(self.save_idle)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        note = QLabel(
            _(
                "The password keeps a passer-by out of the program. It does not encrypt the data "
                "file: keep the file itself in a safe place."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.set_button)
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle)
        idle_row.addWidget(self.idle_button)
        idle_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.state)
        form.addRow(_("Current password"), self.current)
        form.addRow(_("New password"), self.new)
        form.addRow(_("New password again"), self.repeat)
        form.addRow(buttons)
        form.addRow(_("Lock after"), idle_row)
        form.addRow(self.message)
        form.addRow(note)
        self.refresh()

    def refresh(self) -> None:
        has = self.ctx.facts.password_set
        self.state.setText(
            _("A program password is set.") if has else _("No program password is set.")
        )
        self.current.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.idle.setValue(self.ctx.facts.idle_minutes or 0)
        self.idle.setEnabled(has)
        self.idle_button.setEnabled(has)
        for edit in (self.current, self.new, self.repeat):
            edit.clear()

    def _say(self, text: str, error: bool) -> None:
        self.message.setObjectName("formError" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    def save_password(self) -> bool:
        if self.new.text() != self.repeat.text():
            self._say(_("The two new passwords are not the same."), error=True)
            return False
        current = self.current.text() if self.ctx.facts.password_set else None
        self._write(security.set_password, self.new.text(), current=current)
        return True

    def _write(self, fn: object, *args: object, **kwargs: object) -> None:
        ops.Write(self.ctx, fn, *args, **kwargs).success(self._done).failure(  # type: ignore[arg-type]
            lambda exc: self._say(str(exc), error=True)
        ).run()

    def _done(self, changes: Changes) -> None:
        self.refresh()
        self._say(changes.message, error=False)

    def remove_password(self) -> bool:
        if not confirm(
            self,
            _("Remove password"),
            _("Remove the program password? Anyone at this computer can then open the program."),
            _("Remove password"),
        ):
            return False
        self._write(security.remove_password, self.current.text())
        return True

    def save_idle(self) -> bool:
        self._write(security.set_idle_minutes, self.idle.value() or None)
        return True
