"""Correcting training records: an event's title, organiser, form, dates and hours; one
attendee's own hours; an event deleted with its attendance. Each is one step of the undo history
and written to the audit log old → new; the CE reports count the corrected hours at once."""

from __future__ import annotations

import dataclasses
from typing import Any

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.text import comparable
from swdesk.domain.training import TrainingEvent, attendee_hours, hours_text, make_event
from swdesk.i18n import N_, _
from swdesk.services.changes import Area, Changes
from swdesk.services.staff import find_staff
from swdesk.services.training import get_event
from swdesk.services.undo import recorded
from swdesk.services.workspace import Workspace
from swdesk.storage import audit
from swdesk.storage import staff as staff_store
from swdesk.storage import training as store

FIELDS = ("title", "organiser", "form", "start", "end", "hours", "note")


def edit_event(ws: Workspace, event_id: int, **fields: Any) -> Changes:
    """Correct an event (the fields given; the rest stay). Attendees credited the event's hours
    get the corrected hours; one credited fewer keeps theirs, unless the event would then last
    less than that (refused, naming them: correct their hours first)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("A training event has no field {field}.").format(field=", ".join(sorted(unknown))),
            "field",
        )
    with recorded(ws) as step:
        old = get_event(ws, event_id)
        merged = {f: getattr(old, f) for f in FIELDS} | {
            k: v for k, v in fields.items() if v is not None
        }
        new = dataclasses.replace(make_event(kind=old.kind, limits=ws.limits, **merged), id=old.id)
        if new == old:
            raise ValidationError(_("Nothing to change: the event is as given."), "field")
        _refuse_a_twin(ws, new)
        rows = store.attendance_rows(ws.db, event_id)
        follow = [r for r in rows if r["hours"] == old.hours]
        over = [r for r in rows if r["hours"] != old.hours and r["hours"] > new.hours]
        if over:
            names = staff_store.staff_names(ws.db)
            raise ValidationError(
                _(
                    "{names} attended {hours} hours, more than the corrected {title!r} lasts "
                    "({event_hours} hours); correct their hours first."
                ).format(
                    names="、".join(names.get(r["staff_id"], "?") for r in over),
                    hours=hours_text(over[0]["hours"]),
                    title=new.title,
                    event_hours=hours_text(new.hours),
                ),
                "hours",
            )
        store.update_event(ws.db, event_id, new)
        audit.record(
            ws.db, user=ws.user, action="training.update_event", table="training_events",
            row_id=event_id, old=store.event_to_row(old), new=store.event_to_row(new),
        )  # fmt: skip
        if new.hours != old.hours:
            for r in follow:
                _set_hours(ws, r, new.hours)
        step.label = Reason(N_("Correct the training {title}"), {"title": old.title})
    return Changes.of(
        {Area.TRAINING},
        {r["staff_id"] for r in rows},
        _("Training {title!r} corrected.").format(title=new.title),
        event_id,
        step.entry,
    )


def _refuse_a_twin(ws: Workspace, event: TrainingEvent) -> None:
    """A group event may not be corrected into another one already stored (same title,
    organiser and dates): its hours would count twice."""
    if event.kind != "event":
        return
    same = (comparable(event.title), comparable(event.organiser))
    for stored in store.group_events_dated(ws.db, event.start, event.end):
        if (
            stored.id != event.id
            and (comparable(stored.title), comparable(stored.organiser)) == same
        ):
            raise ValidationError(
                _(
                    "Training {title!r} of {start} is already recorded as event {id}; correct "
                    "that one, or delete one of the two."
                ).format(title=event.title, start=event.start.isoformat(), id=stored.id),
                "title",
            )


def _set_hours(ws: Workspace, row: dict[str, Any], hours: float) -> None:
    store.set_attendance_hours(ws.db, row["id"], hours)
    audit.record(
        ws.db, user=ws.user, action="training.set_hours", table="attendance", row_id=row["id"],
        old={"hours": row["hours"]}, new={"hours": hours}, staff_id=row["staff_id"],
    )  # fmt: skip


def set_attendee_hours(ws: Workspace, event_id: int, id_number: str, hours: object) -> Changes:
    """Correct the hours one attendee is credited with (at most the event's)."""
    with recorded(ws) as step:
        event = get_event(ws, event_id)
        person = find_staff(ws, id_number)
        row = store.attendance_row(ws.db, event_id, person.id)  # type: ignore[arg-type]
        if row is None:
            raise NotFound(
                _("{name} ({number}) is not an attendee of {title!r}.").format(
                    name=person.name, number=idnumber.mask(person.id_number), title=event.title
                )
            )
        value = attendee_hours(event, hours)
        if value != row["hours"]:
            _set_hours(ws, row, value)
        step.label = Reason(
            N_("Correct the hours of {name} at {title}"),
            {"name": person.name, "title": event.title},
        )
    return Changes.of(
        {Area.TRAINING},
        {person.id},  # type: ignore[arg-type]
        _("{name} is credited {hours} hours for {title!r}.").format(
            name=person.name, hours=hours_text(value), title=event.title
        ),
        event_id,
        step.entry,
    )


def delete_event(ws: Workspace, event_id: int) -> Changes:
    """Delete an event entered by mistake, with its attendance (undo brings both back)."""
    with recorded(ws) as step:
        event = get_event(ws, event_id)
        rows = store.delete_event(ws.db, event_id)
        for r in rows:
            audit.record(
                ws.db, user=ws.user, action="training.unattend", table="attendance",
                row_id=r["id"], old=r, staff_id=r["staff_id"],
            )  # fmt: skip
        audit.record(
            ws.db, user=ws.user, action="training.delete_event", table="training_events",
            row_id=event_id, old=store.event_to_row(event),
        )  # fmt: skip
        step.label = Reason(N_("Delete the training {title}"), {"title": event.title})
    return Changes.of(
        {Area.TRAINING},
        {r["staff_id"] for r in rows},
        _("Training {title!r} deleted with its {n} attendance records.").format(
            title=event.title, n=len(rows)
        ),
        undo=step.entry,
    )
