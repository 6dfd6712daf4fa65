"""A person's page: details checked as you type, then certificates, grade history, training,
applications and attachments. A new person gets the details first; the rest opens once saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError, UnknownRegion, ValidationError
from swdesk.domain.staff import Staff, check_name
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field, id_number_field
from swdesk.gui.messages import confirm
from swdesk.gui.person_tabs import make_tabs
from swdesk.i18n import _, format_date
from swdesk.services import security
from swdesk.services import staff as staff_service
from swdesk.services.security import mask_phone
from swdesk.services.workspace import Changes


class PersonDialog(QDialog):
    def __init__(
        self, ctx: AppContext, staff_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id = staff_id
        self.person: Staff | None = None
        self.revealed = staff_id is None  # a new person's numbers are being typed, not shown
        self.setObjectName("personDialog")
        self.setMinimumSize(720, 560)

        self.name = CheckedField(check_name, optional=False)
        self.id_number = id_number_field()
        self.phone = QLineEdit()
        self.education = QLineEdit()
        self.major = QLineEdit()
        self.hire_date = date_field()
        self.social_work_since = date_field()
        self.leave_date = date_field()
        self.civil_servant = QCheckBox(
            _("In-service civil servant on the establishment (在编公务员)")
        )
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()

        details = QWidget()
        form = QFormLayout()
        details_layout = QVBoxLayout(details)
        details_layout.addLayout(form)
        details_layout.addStretch(1)  # rows stay together at the top
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("Name") + " *", self.name)
        self.reveal_button = QPushButton(_("Show and edit"))
        self.reveal_button.setToolTip(
            _("Show the whole identity and phone numbers; this is noted in the audit log.")
        )
        self.reveal_button.clicked.connect(self.reveal)
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_number, 1)
        id_row.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(_("Identity number") + " *", id_row)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Education"), self.education)
        form.addRow(_("Major"), self.major)
        form.addRow(_("Hired on"), self.hire_date)
        form.addRow(_("In social work in the city since"), self.social_work_since)
        form.addRow(_("Left on"), self.leave_date)
        form.addRow("", self.civil_servant)
        form.addRow(_("Note"), self.note)
        self._fields = {
            "name": self.name,
            "id_number": self.id_number,
            "hire_date": self.hire_date,
            "social_work_since": self.social_work_since,
            "leave_date": self.leave_date,
            "birth_date": self.id_number,
            "sex": self.id_number,
        }

        self.tabs = QTabWidget()
        self.tabs.addTab(details, _("Details"))
        self.extra_tabs = make_tabs(ctx, self)
        for tab in self.extra_tabs:
            self.tabs.addTab(tab, tab.title())

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        for field in (self.name, self.id_number, self.hire_date, self.social_work_since):
            field.validity_changed.connect(self._update_save)
        self.leave_date.validity_changed.connect(self._update_save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        order = [
            self.name, self.id_number, self.phone, self.education, self.major, self.hire_date,
            self.social_work_since, self.leave_date, self.civil_servant, self.note,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self._load()

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        if self.staff_id is None:
            self.setWindowTitle(_("Add a person"))
            for n in range(1, self.tabs.count()):
                self.tabs.setTabEnabled(n, False)
            self._update_save()
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        p = self.person = staff_service.get_staff(self.ctx.ws, self.staff_id)
        self.setWindowTitle(p.name)
        self.name.setText(p.name)
        if self.revealed:
            self.id_number.unmask(p.id_number)
            self.phone.setText(p.phone)
        else:
            self.id_number.set_masked(p.masked_id())
            self.phone.setText(mask_phone(p.phone))
        self.phone.setReadOnly(not self.revealed)
        self.reveal_button.setVisible(not self.revealed)
        self.education.setText(p.education)
        self.major.setText(p.major)
        self.hire_date.setText(format_date(p.hire_date, "iso"))
        self.social_work_since.setText(format_date(p.social_work_since, "iso"))
        self.leave_date.setText(format_date(p.leave_date, "iso"))
        self.civil_servant.setChecked(p.civil_servant)
        self.note.setPlainText(p.note)
        for n in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(n, True)
        for tab in self.extra_tabs:
            tab.show_person(p)
        self._update_save()

    def reveal(self) -> bool:
        """The whole numbers, because the user asked (the security service audits it)."""
        if self.staff_id is None:
            return False
        security.reveal(self.ctx.ws, self.staff_id, "id_number")
        security.reveal(self.ctx.ws, self.staff_id, "phone")
        self.revealed = True
        self._load()
        self.id_number.setFocus()
        return True

    def _update_save(self, *_args: Any) -> None:
        checked = (self.name, self.id_number, self.hire_date, self.social_work_since)
        ok = all(f.is_valid() for f in checked) and self.leave_date.is_valid()
        self.save_button.setEnabled(ok)

    # ------------------------------------------------------------ saving

    def values(self) -> dict[str, Any]:
        """The form as the staff service takes it; raises ValidationError for a bad date.
        Numbers still masked are left out, so they stay as they are."""
        personal = {"id_number": self.id_number.text(), "phone": self.phone.text()}
        return {
            "name": self.name.text(),
            **(personal if self.revealed else {}),
            "education": self.education.text(),
            "major": self.major.text(),
            "hire_date": self.hire_date.value(),
            "social_work_since": self.social_work_since.value(),
            "leave_date": self.leave_date.value(),
            "civil_servant": self.civil_servant.isChecked(),
            "note": self.note.toPlainText().strip(),
        }

    def save(self) -> bool:
        """Save through the staff service; its message is shown under the field it names."""
        self.error.hide()
        try:
            values = self.values()
        except ValidationError as exc:
            self._show_error(exc)
            return False
        if self.person is not None and values["leave_date"] and not self.person.leave_date:
            when = values["leave_date"].isoformat()
            if not confirm(
                self,
                _("Mark as left"),
                _(
                    "Mark {name} as having left on {date}? Their records stay; they drop out of "
                    "this year's lists after that date."
                ).format(name=self.person.name, date=when),
                _("Mark as left"),
            ):
                return False
        try:
            changes = self._store(values)
        except UnknownRegion as exc:
            if not confirm(self, _("Unknown region"), str(exc), _("Keep the number")):
                self._show_error(exc)
                return False
            try:
                changes = self._store({**values, "accept_unknown_region": True})
            except SwdeskError as again:
                self._show_error(again)
                return False
        except SwdeskError as exc:
            self._show_error(exc)
            return False
        self.ctx.announce(changes)
        self._load()
        return True

    def _store(self, values: dict[str, Any]) -> Changes:
        if self.staff_id is None:
            changes = staff_service.add_staff(self.ctx.ws, **values)
            self.staff_id = changes.created_id
            return changes
        return staff_service.update_staff(self.ctx.ws, self.staff_id, **values)

    def _show_error(self, exc: SwdeskError) -> None:
        field = self._fields.get(getattr(exc, "field", None) or "")
        if isinstance(field, CheckedField):
            field.show_error(str(exc))
            field.setFocus()
        self.error.setText(str(exc))
        self.error.show()
