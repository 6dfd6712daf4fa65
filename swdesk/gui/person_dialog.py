"""A person's page: details checked as you type, then certificates, grade history, training,
applications, payments and attachments, all read in one job (services/person_record.py) and read
again when a change touches the person. A new person gets the details first; the rest opens once
saved. Closing it with input not saved asks first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationError
from swdesk.domain.staff import Staff, check_name, mask_phone
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field, id_number_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons, keep_unknown_region
from swdesk.gui.messages import confirm
from swdesk.gui.person_photo import PersonPhoto
from swdesk.gui.person_tabs import make_tabs
from swdesk.i18n import _, format_date
from swdesk.services import security
from swdesk.services import staff as staff_service
from swdesk.services.changes import Changes
from swdesk.services.person_record import PersonRecord, person_record


class PersonDialog(FormDialog):
    def __init__(
        self, ctx: AppContext, staff_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id = staff_id
        self.person: Staff | None = None
        self.record: PersonRecord | None = None
        self.year = ctx.today().year  # of the training tab
        self.revealed = staff_id is None  # a new person's numbers are being typed, not shown
        self._whole: tuple[str, str] | None = None  # the numbers, once revealed
        self.setObjectName("personDialog")
        self.setMinimumSize(720, 540)

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
        self.error = FormError()

        details = QWidget()
        form = QFormLayout()
        details_layout = QVBoxLayout(details)
        beside = QHBoxLayout()
        beside.addLayout(form, 1)
        self.photo = PersonPhoto(ctx)  # the one-inch photo for the forms
        beside.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        details_layout.addLayout(beside)
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
        self.error.fields = {
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

        self.buttons, self.save_button = form_buttons(
            self, self.save, dismiss=QDialogButtonBox.StandardButton.Close
        )
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
        ctx.changed.connect(self._on_changes)
        if staff_id is None:
            self.setWindowTitle(_("Add a person"))
            for n in range(1, self.tabs.count()):
                self.tabs.setTabEnabled(n, False)
            self._update_save()
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            self.remember_input()
        else:
            self.setWindowTitle(_("Loading…"))
            self.reload()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the person's page again (all of it, in one job)."""
        if self.staff_id is not None:
            ops.Read(self.ctx, person_record, self.staff_id, self.year).success(self._show).run()

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def _on_changes(self, changes: Changes) -> None:
        if self.staff_id is not None and (
            self.staff_id in changes.staff_ids or not changes.staff_ids
        ):
            self.reload()

    def form_state(self) -> tuple[object, ...]:
        details = (
            self.name.text(), self.id_number.text(), self.phone.text(), self.education.text(),
            self.major.text(), self.hire_date.text(), self.social_work_since.text(),
            self.leave_date.text(), self.civil_servant.isChecked(), self.note.toPlainText(),
        )  # fmt: skip
        return details + tuple(tab.form_state() for tab in self.extra_tabs)

    def _show(self, record: PersonRecord) -> None:
        typed = self.record is not None and self.has_unsaved_input()
        self.record = record
        p = self.person = record.staff
        self.setWindowTitle(p.name)
        for tab in self.extra_tabs:
            tab.show_record(record)
        self.photo.show_person(p.id, p.id_number, record.attachments)  # type: ignore[arg-type]
        for n in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(n, True)
        if typed:
            return  # what the user is typing stays; the tabs show what is stored
        self.name.setText(p.name)
        if self.revealed:
            whole_id, whole_phone = self._whole or (p.id_number, p.phone)
            self.id_number.unmask(whole_id)
            self.phone.setText(whole_phone)
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
        self._update_save()
        self.remember_input()

    def reveal(self) -> bool:
        """Ask for the whole numbers (the security service notes it in the audit log)."""
        if self.staff_id is None:
            return False
        ops.Write(self.ctx, security.reveal_numbers, self.staff_id).even_read_only().success(
            self._revealed
        ).run()
        return True

    def _revealed(self, numbers: tuple[str, str]) -> None:
        self._whole = numbers
        self.revealed = True
        self.id_number.unmask(numbers[0])
        self.phone.setText(numbers[1])
        self.phone.setReadOnly(False)
        self.reveal_button.setVisible(False)
        self.remember_input()
        self.id_number.setFocus()

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
        """Save through the staff service; its message is shown under the field it names.
        False when the form itself is not right (or the user did not confirm)."""
        self.error.hide()
        try:
            values = self.values()
        except ValidationError as exc:
            self.error.show_error(exc)
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
        self._store(values)
        return True

    def _store(self, values: dict[str, Any]) -> None:
        if self.staff_id is None:
            op = ops.Write(self.ctx, staff_service.add_staff, **values)
        else:
            op = ops.Write(self.ctx, staff_service.update_staff, self.staff_id, **values)
        op.success(self._saved).failure(lambda exc: self._refused(exc, values)).over(self).run()

    def _refused(self, exc: Exception, values: dict[str, Any]) -> None:
        again = keep_unknown_region(self, exc, values)
        if again is not None:
            self._store(again)
            return
        self.error.show_error(exc)

    def _saved(self, changes: Changes) -> None:
        self.remember_input()
        if self.staff_id is None:
            self.staff_id = changes.created_id
            self.reload()
