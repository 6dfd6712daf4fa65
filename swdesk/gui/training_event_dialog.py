"""Record a training event and tick who attended; add attendees to an event already recorded; or
correct an event (title, organiser, form, dates, hours). The training services check everything
again and their message is shown here; closing with input not saved asks first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.domain.profiles import SUBJECTS, TRAINING_FORMS
from swdesk.domain.staff import Staff
from swdesk.domain.training import TrainingEvent, form_label, parse_hours, subject_label
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.gui.staff_picker import StaffPicker
from swdesk.i18n import _
from swdesk.services import training
from swdesk.services import training_corrections as corrections
from swdesk.services.staff import list_staff


def _title_check(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise ValidationError(_("The training title is empty."), "title")
    return title


class TrainingEventDialog(FormDialog):
    """``event`` None: a new event with its attendees; else add attendees to that event, or
    (``correct``) correct the event itself."""

    def __init__(
        self,
        ctx: AppContext,
        event: TrainingEvent | None = None,
        parent: QWidget | None = None,
        *,
        correct: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_event = event
        self.correcting = correct and event is not None
        self.setObjectName("trainingEventDialog")
        self.setMinimumSize(760, 520)
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
        self.error = FormError()

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
        self.attendees_box = attendees

        self.buttons, self.save_button = form_buttons(self, self.save)
        self.error.fields = {
            "title": self.title, "start": self.start, "end": self.end, "hours": self.hours
        }  # fmt: skip
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
            ops.Read(ctx, list_staff, include_left=False).success(self.picker.set_people).run()
        elif self.correcting:
            self.setWindowTitle(_("Correct the training {title}").format(title=event.title))
            self._show_event(event)
            attendees.hide()
            hint = QLabel(
                _(
                    "Attendees credited the event's hours get the corrected hours; one credited "
                    "fewer keeps theirs."
                )  # fmt: skip
            )
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            layout.insertWidget(1, hint)
            self.setMinimumSize(480, 380)
        else:
            self.setWindowTitle(_("Add attendees to {title}").format(title=event.title))
            details.setEnabled(False)
            self._show_event(event)
            ops.Read(ctx, list_staff).success(self._others).run()
        self.remember_input()

    def _others(self, people: list[Staff]) -> None:
        """Those not on the event yet."""
        assert self.training_event is not None
        ops.Read(self.ctx, training.attendees_of, self.training_event.id).success(
            lambda present: self.picker.set_people(
                [p for p in people if p.id not in {a["staff_id"] for a in present}]
            )
        ).run()

    def form_state(self) -> tuple[object, ...]:
        return (*self.values_text(), tuple(p.id for p in self.picker.checked_people()))

    def values_text(self) -> tuple[str, ...]:
        return (self.title.text(), self.organiser.text(), str(self.form.currentData()),
                self.start.text(), self.end.text(), self.hours.text(), self.note.text())  # fmt: skip

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
        """Send it to the training services; False when the form is not right yet."""
        self.error.hide()
        attendees = [(p.id_number, None) for p in self.picker.checked_people()]
        event = self.training_event
        try:
            if event is None:
                op = ops.Write(self.ctx, training.add_event, attendees=attendees, **self.values())
            elif self.correcting:
                op = ops.Write(self.ctx, corrections.edit_event, event.id, **self.values())
            else:
                if not attendees:
                    raise ValidationError(_("Tick at least one person to add."), "attendee")
                op = ops.Write(self.ctx, training.add_attendees, event.id, attendees)
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        op.success(lambda _changes: self.saved()).failure(self.error.show_error).over(self).run()
        return True
