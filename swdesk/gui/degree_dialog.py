"""Record a social-work degree a person completed (学历教育, 民发〔2009〕123号): it counts the
profile's hours (90) at once, in the period in which it was completed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.domain.staff import Staff
from swdesk.domain.training import hours_text
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.i18n import _
from swdesk.services.training import add_degree


class DegreeDialog(FormDialog):
    def __init__(self, ctx: AppContext, person: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person = ctx, person
        self.setObjectName("degreeDialog")
        self.setWindowTitle(_("Record a completed degree: {name}").format(name=person.name))
        self.setMinimumWidth(480)
        rule = ctx.profile.degree
        about = QLabel(
            _("A completed social-work degree counts {hours} hours at once ({clause}).").format(
                hours=hours_text(rule.hours), clause=rule.clause.ref
            )
            if rule
            else _("The policy {document} does not count a degree as continuing education.").format(
                document=ctx.profile.document
            )
        )
        about.setWordWrap(True)
        about.setObjectName("hint")
        self.degree = QLineEdit()
        self.degree.setPlaceholderText(_("e.g. 社会工作硕士（MSW）"))
        self.school = QLineEdit()
        self.completed = date_field(optional=False)
        form = QFormLayout()
        form.addRow(_("Degree") + " *", self.degree)
        form.addRow(_("School"), self.school)
        form.addRow(_("Completed on") + " *", self.completed)
        self.error = FormError({"completed_on": self.completed})
        buttons, self.ok_button = form_buttons(self, self.save, _("Record degree"))
        self.ok_button.setEnabled(rule is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[str, ...]:
        return (self.degree.text(), self.school.text(), self.completed.text())

    def save(self) -> bool:
        self.error.hide()
        try:
            completed_on = self.completed.value()
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        op = ops.Write(
            self.ctx,
            add_degree,
            self.person.id_number,
            degree=self.degree.text(),
            school=self.school.text(),
            completed_on=completed_on,
        )
        op.success(lambda _changes: self.saved()).failure(self.error.show_error).over(self).run()
        return True
