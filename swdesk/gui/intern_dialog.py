"""Record an intern of the employment-practice base (就业见习, FCG-2023 (十六)), and the
recognition of the agency as such a base, which must come first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationError
from swdesk.domain.interns import MAX_MONTHS
from swdesk.domain.staff import check_name
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field, id_number_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons, keep_unknown_region
from swdesk.i18n import _
from swdesk.services.interns import add_intern, recognise_base


class InternDialog(FormDialog):
    def __init__(self, ctx: AppContext, clause: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("internDialog")
        self.setWindowTitle(_("Record an intern"))
        self.setMinimumWidth(520)
        about = QLabel(
            _(
                "Graduates within the years after graduation the policy names take part in a "
                "practice of some months ({clause}); the bureau pays the subsidies by the month."
            ).format(clause=clause)
        )
        about.setObjectName("hint")
        about.setWordWrap(True)
        self.name = CheckedField(check_name, optional=False)
        self.id_number = id_number_field()
        self.school = QLineEdit()
        self.graduated = date_field(optional=False)
        self.started = date_field(optional=False)
        self.months = QSpinBox()
        self.months.setRange(1, MAX_MONTHS)
        self.months.setValue(6)
        self.months.setSuffix(_(" months"))
        self.insured = QCheckBox(_("Joined work-injury insurance with approval (工伤保险)"))
        self.phone = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Name") + " *", self.name)
        form.addRow(_("Identity number") + " *", self.id_number)
        form.addRow(_("School"), self.school)
        form.addRow(_("Graduated on") + " *", self.graduated)
        form.addRow(_("Practice starts on") + " *", self.started)
        form.addRow(_("Length of the practice"), self.months)
        form.addRow("", self.insured)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Note"), self.note)
        self.error = FormError(
            {
                "name": self.name,
                "id_number": self.id_number,
                "graduated_on": self.graduated,
                "started_on": self.started,
            }
        )
        buttons, self.save_button = form_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[Any, ...]:
        return (self.name.text(), self.id_number.text(), self.school.text(),
                self.graduated.text(), self.started.text(), self.months.value(),
                self.insured.isChecked(), self.phone.text(), self.note.text())  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.value(),
            "id_number": self.id_number.text(),
            "school": self.school.text(),
            "graduated_on": self.graduated.value(),
            "started_on": self.started.value(),
            "months": self.months.value(),
            "work_injury_insurance": self.insured.isChecked(),
            "phone": self.phone.text(),
            "note": self.note.text(),
        }

    def save(self) -> bool:
        """Send it to the interns service; False when the form itself is not right yet."""
        self.error.hide()
        try:
            values = self.values()
        except ValidationError as exc:
            self.error.show_error(exc)
            return False
        self._store(values)
        return True

    def _store(self, values: dict[str, Any]) -> None:
        ops.Write(self.ctx, add_intern, **values).success(lambda _c: self.saved()).failure(
            lambda exc: self._refused(exc, values)
        ).over(self).run()

    def _refused(self, exc: Exception, values: dict[str, Any]) -> None:
        again = keep_unknown_region(self, exc, values)
        if again is not None:
            self._store(again)
            return
        self.error.show_error(exc)


class BaseDialog(FormDialog):
    """Which human-resources bureau recognised the agency as an employment-practice base, when."""

    def __init__(self, ctx: AppContext, clause: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("internBaseDialog")
        self.setWindowTitle(_("Recognition as an employment-practice base"))
        self.setMinimumWidth(480)
        about = QLabel(
            _(
                "{clause} pays the interns' subsidies only to bases recognised by a human-resources "
                "and social-security bureau of the county level or above."
            ).format(clause=clause)
        )
        about.setObjectName("hint")
        about.setWordWrap(True)
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("e.g. 防城港市人力资源和社会保障局"))
        self.date = date_field(optional=False)
        form = QFormLayout()
        form.addRow(_("Recognised by") + " *", self.by)
        form.addRow(_("Recognised on") + " *", self.date)
        self.error = FormError({"date": self.date})
        buttons, self.save_button = form_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def form_state(self) -> tuple[str, ...]:
        return (self.by.text(), self.date.text())

    def save(self) -> bool:
        self.error.hide()
        try:
            on = self.date.value()
        except ValidationError as exc:
            self.error.show_error(exc)
            return False
        ops.Write(self.ctx, recognise_base, self.by.text(), on).success(
            lambda _c: self.saved()
        ).failure(self.error.show_error).over(self).run()
        return True
