"""Record a training event and tick who attended; or add attendees to an event already recorded.
The training service checks everything again and its message is shown here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.domain.profiles import SUBJECTS, TRAINING_FORMS
from swdesk.domain.training import TrainingEvent, form_label, parse_hours, subject_label
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field
from swdesk.gui.staff_picker import StaffPicker
from swdesk.i18n import _
from swdesk.services import training
from swdesk.services.staff import list_staff


def _title_check(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise ValidationError(_("The training title is empty."), "title")
    return title


class TrainingEventDialog(QDialog):
    """``event`` None: a new event with its attendees; else add attendees to that event."""

    def __init__(
        self, ctx: AppContext, event: TrainingEvent | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_event = event
        self.setObjectName("trainingEventDialog")
        self.setMinimumSize(760, 560)
        self.title = CheckedField(_title_check, optional=False)
        self.organiser = QLineEdit()
        self.form = QComboBox()
        for code in TRAINING_FORMS:
            if code != "degree":  # a person's completed degree is not a group event
                self.form.addItem(form_label(code), code)
        self.subject = QComboBox()
        self.subject.addItem(_("Not said"), None)
        for code in SUBJECTS:
            self.subject.addItem(subject_label(code), code)
        self.start = date_field(optional=False)
        self.end = date_field()
        self.end.edit.setPlaceholderText(_("same day if empty"))
        self.hours = CheckedField(parse_hours, optional=False, placeholder=_("e.g. 6"))
        self.note = QLineEdit()
        self.picker = StaffPicker()
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()

        details = QWidget()
        form = QFormLayout(details)
        form.addRow(_("Title") + " *", self.title)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Form"), self.form)
        form.addRow(_("Subject category"), self.subject)
        form.addRow(_("Starts on") + " *", self.start)
        form.addRow(_("Ends on"), self.end)
        form.addRow(_("Hours (学时)") + " *", self.hours)
        form.addRow(_("Note"), self.note)
        attendees = QWidget()
        att_layout = QVBoxLayout(attendees)
        att_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Attendees"))
        heading.setObjectName("sectionTitle")
        att_layout.addWidget(heading)
        att_layout.addWidget(self.picker, 1)
        columns = QHBoxLayout()
        columns.addWidget(details, 1)
        columns.addWidget(attendees, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for first, second in zip(
            [self.title, self.organiser, self.form, self.start, self.end, self.hours, self.note],
            [self.organiser, self.form, self.start, self.end, self.hours, self.note, self.picker],
            strict=True,
        ):
            self.setTabOrder(first, second)

        if event is None:
            self.setWindowTitle(_("Record a training event"))
            self.start.setText(ctx.today().isoformat())
            people = list_staff(ctx.ws, include_left=False)
        else:
            self.setWindowTitle(_("Add attendees to {title}").format(title=event.title))
            details.setEnabled(False)
            self._show_event(event)
            present = {a["staff_id"] for a in training.attendees_of(ctx.ws, event.id)}  # type: ignore[arg-type]
            people = [p for p in list_staff(ctx.ws) if p.id not in present]
        self.picker.set_people(people)

    def _show_event(self, event: TrainingEvent) -> None:
        self.title.setText(event.title)
        self.organiser.setText(event.organiser)
        self.form.setCurrentIndex(max(0, self.form.findData(event.form)))
        self.subject.setCurrentIndex(max(0, self.subject.findData(event.subject)))
        self.start.setText(event.start.isoformat())
        self.end.setText(event.end.isoformat())
        self.hours.setText(f"{event.hours:g}")
        self.note.setText(event.note)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "organiser": self.organiser.text(),
            "form": self.form.currentData(),
            "subject": self.subject.currentData(),
            "start": self.start.value(),
            "end": self.end.value(),
            "hours": self.hours.text(),
            "note": self.note.text(),
        }

    def save(self) -> bool:
        self.error.hide()
        attendees = [(p.id_number, None) for p in self.picker.checked_people()]
        try:
            if self.training_event is None:
                changes = training.add_event(self.ctx.ws, attendees=attendees, **self.values())
            else:
                if not attendees:
                    raise ValidationError(_("Tick at least one person to add."), "attendee")
                changes = training.add_attendees(self.ctx.ws, self.training_event.id, attendees)  # type: ignore[arg-type]
        except SwdeskError as exc:
            field = {
                "title": self.title,
                "start": self.start,
                "end": self.end,
                "hours": self.hours,
            }.get(getattr(exc, "field", None) or "")
            if isinstance(field, CheckedField):
                field.show_error(str(exc))
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.ctx.announce(changes)
        self.accept()
        return True
