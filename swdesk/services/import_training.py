"""Importing training hours: one row per person and training, as sign-in sheets and course lists
are kept. Rows naming the same training (title, organiser, dates) are one event with several
attendees; an event already on file is reused, never recorded twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from swdesk.domain.errors import ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.text import comparable
from swdesk.domain.training import TrainingEvent, form_label, make_event, parse_form
from swdesk.exchange import values
from swdesk.exchange.rows import RowFields
from swdesk.i18n import N_, _
from swdesk.services.import_batch import Batch, StaffLookup, counted, record_import
from swdesk.services.training import insert_attendees, insert_event
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import training as training_store

EventKey = tuple[str, str, dt.date, dt.date]  # title, organiser, start, end
# make_event names its fields after the event; the sheet's columns have their own names.
_COLUMN_OF = {"start": "start_date", "end": "end_date"}


@dataclass
class _Event:
    event: TrainingEvent  # id None until written; a new one takes the most any attendee earned
    first_row: int | None  # the row that introduced it; None for an event already on file
    attendees: dict[int, float] = field(default_factory=dict)  # staff id → hours, this import


class TrainingBatch(Batch):
    kind = "training"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._staff = StaffLookup(ws)
        self._events: dict[EventKey, _Event] = {}
        for stored in training_store.group_events(ws.db):
            self._events[_key(stored)] = _Event(stored, None)
        self._attended = training_store.attendance_pairs(ws.db)
        self._rows: dict[tuple[EventKey, int], int] = {}

    def check_row(self, row: RowFields) -> None:
        staff_id = self._staff.person(row)
        title = row.get("title", required=True)
        start = row.get("start_date", values.date, required=True)
        end = row.get("end_date", values.date)
        hours = row.get("hours", values.number, required=True)
        form = row.get("form", parse_form, required=True)
        organiser = row.get("organiser") or ""
        if not row.ok or staff_id is None:
            return
        try:
            event = make_event(
                title=title,
                form=form,
                start=start,
                end=end,
                hours=hours,
                organiser=organiser,
                limits=self.ws.limits,
            )
        except ValidationError as exc:
            row.fail(_COLUMN_OF.get(exc.field or "", exc.field), str(exc))
            return
        if event.end > self.today:
            row.fail(
                "end_date" if end is not None else "start_date",
                _("The training has not ended yet; only hours already earned can be imported."),
            )
            return
        key = _key(event)
        known = self._events.setdefault(key, _Event(event, row.number))
        if known.event.form != event.form:
            row.fail("form", self._form_clash(known))
            return
        first = self._rows.setdefault((key, staff_id), row.number)
        if first != row.number:
            row.fail(
                "id_number",
                _("The same person and training are already in row {other}.").format(other=first),
            )
            return
        if known.first_row is None:  # on file already: its hours are fixed
            if (known.event.id, staff_id) in self._attended:
                row.fail(
                    "id_number", _("This person is already recorded as attending this training.")
                )
                return
            if event.hours > known.event.hours:
                row.fail(
                    "hours",
                    _(
                        "This training is on file with {event} hours; a participant cannot "
                        "earn {hours}."
                    ).format(event=values.text(known.event.hours), hours=values.text(event.hours)),
                )
                return
        elif event.hours > known.event.hours:
            known.event = replace(known.event, hours=event.hours)
        known.attendees[staff_id] = event.hours

    def _form_clash(self, known: _Event) -> str:
        if known.first_row is None:
            return _("This training is on file as {form}; write the same form.").format(
                form=form_label(known.event.form)
            )
        return _("The same training in row {other} is {form}; write the same form.").format(
            other=known.first_row, form=form_label(known.event.form)
        )

    def _to_write(self) -> list[_Event]:
        return [e for e in self._events.values() if e.attendees]

    def to_add(self) -> dict[str, int]:
        events = self._to_write()
        return {
            "training_events": sum(1 for e in events if e.event.id is None),
            "attendance": sum(len(e.attendees) for e in events),
        }

    def label(self) -> Reason:
        n = self.to_add()["attendance"]
        return counted(N_("Import 1 attendance record"), N_("Import {n} attendance records"), n)

    def write(self, source: str) -> Changes:
        counts = self.to_add()
        staff_ids: set[int] = set()
        for item in self._to_write():
            event_id = (
                item.event.id if item.event.id is not None else insert_event(self.ws, item.event)
            )
            attendees = [(self._staff.number_of(s), hours) for s, hours in item.attendees.items()]
            staff_ids.update(insert_attendees(self.ws, event_id, attendees))
        record_import(self.ws, "attendance", source, counts["attendance"])
        return Changes.of(
            {Area.TRAINING},
            staff_ids,
            _("Imported {n} attendance records ({events} new training events).").format(
                n=counts["attendance"], events=counts["training_events"]
            ),
        )


def _key(event: TrainingEvent) -> EventKey:
    return (comparable(event.title), comparable(event.organiser), event.start, event.end)
