"""Training records: events with their attendees, and a person's own courses.

For the importer (a sign-in sheet creates or reuses an event and adds its attendees), inside its
own recorded change (``with recorded(ws, label):``, swdesk.services.undo):

    event_id, created = ensure_event(ws, make_event(title=..., form=..., start=..., end=...,
                                                     hours=..., organiser=...))
    insert_attendees(ws, event_id, [(id_number, hours_or_None), ...], skip_existing=True)

Both write the audit log and raise ValidationError naming the person or value that is wrong; the
public ``add_*`` functions wrap the same steps in one transaction and return ``Changes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.text import comparable
from swdesk.domain.training import (
    TrainingEvent,
    attendee_hours,
    hours_text,
    make_degree,
    make_event,
)
from swdesk.i18n import N_, _
from swdesk.services.staff import find_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit, hours_by_year
from swdesk.storage import staff as staff_store
from swdesk.storage import training as store

Attendee = tuple[str, Any]  # (identity number, hours or None for the event's hours)


def get_event(ws: Workspace, event_id: int) -> TrainingEvent:
    found = store.event_by_id(ws.db, event_id)
    if found is None:
        raise NotFound(_("There is no training event {id}.").format(id=event_id))
    return found


def find_event(ws: Workspace, event: TrainingEvent) -> TrainingEvent | None:
    """The stored group event with the same title, organiser and dates, if there is one (titles
    compared without zero-width characters, which would make a second, identical-looking event)."""
    same = (comparable(event.title), comparable(event.organiser))
    for stored in store.group_events_dated(ws.db, event.start, event.end):
        if (comparable(stored.title), comparable(stored.organiser)) == same:
            return stored
    return None


def insert_event(ws: Workspace, event: TrainingEvent) -> int:
    """Store a checked event inside the caller's transaction; returns its id."""
    new_id = store.insert_event(ws.db, event)
    audit.record(
        ws.db, user=ws.user, action="training.add_event", table="training_events",
        row_id=new_id, new=store.event_to_row(event),
    )  # fmt: skip
    return new_id


def ensure_event(ws: Workspace, event: TrainingEvent) -> tuple[int, bool]:
    """The id of the same event if already stored (a second sheet of one training), else of a
    new one; and whether it was created. A same-named event with other hours or form is an error,
    not a second event: its hours would otherwise count twice."""
    found = find_event(ws, event)
    if found is None:
        return insert_event(ws, event), True
    if found.form != event.form or found.hours != event.hours:
        raise ValidationError(
            _(
                "Training {title!r} of {start} is already recorded (event {id}) with {hours} hours "
                "({form}); correct the sheet or the event so that they agree."
            ).format(
                title=event.title,
                start=event.start.isoformat(),
                id=found.id,
                hours=found.hours,
                form=found.form,
            ),  # fmt: skip
            "title",
        )
    return found.id, False  # type: ignore[return-value]


def _resolve(ws: Workspace, attendees: Sequence[Attendee]) -> list[tuple[int, str, str, Any]]:
    """(staff id, id number, name, hours) for each attendee, all unknown numbers named at once."""
    numbers = [idnumber.normalize(number) for number, _hours in attendees]
    seen: set[str] = set()
    for n, number in enumerate(numbers, start=1):
        if number in seen:
            raise ValidationError(
                _("Attendee {n}: identity number {number} is listed twice.").format(
                    n=n, number=idnumber.mask(number)
                ),
                "attendee",
            )
        seen.add(number)
    known = staff_store.staff_with_numbers(ws.db, numbers)
    unknown = [
        f"{n}: {idnumber.mask(num)}" for n, num in enumerate(numbers, start=1) if num not in known
    ]
    if unknown:
        raise ValidationError(
            _("No staff member has these identity numbers (attendee: number): {list}.").format(
                list="; ".join(unknown)
            ),
            "attendee",
        )
    return [
        (known[num][0], num, known[num][1], hours)
        for num, (_n, hours) in zip(numbers, attendees, strict=True)
    ]


def insert_attendees(
    ws: Workspace, event_id: int, attendees: Sequence[Attendee], *, skip_existing: bool = False
) -> list[int]:
    """Add attendees to a stored event inside the caller's transaction; returns the staff ids
    added. Someone already on the event is an error, or skipped with ``skip_existing``."""
    event = get_event(ws, event_id)
    people = _resolve(ws, attendees)
    present = store.attendee_ids(ws.db, event_id)
    added = []
    for staff_id, number, name, raw_hours in people:
        if staff_id in present:
            if skip_existing:
                continue
            raise ValidationError(
                _("{name} ({number}) is already an attendee of {title!r}.").format(
                    name=name, number=idnumber.mask(number), title=event.title
                ),
                "attendee",
            )
        hours = attendee_hours(event, raw_hours)
        row = {"event_id": event_id, "staff_id": staff_id, "hours": hours}
        new_id = store.insert_attendance(ws.db, event_id, staff_id, hours)
        audit.record(
            ws.db, user=ws.user, action="training.attend", table="attendance", row_id=new_id,
            new=row, staff_id=staff_id,
        )  # fmt: skip
        added.append(staff_id)
    return added


def add_event(ws: Workspace, *, attendees: Iterable[Attendee] = (), **fields: Any) -> Changes:
    """Record a group training event (fields of ``make_event``) with its attendees."""
    event = make_event(kind="event", limits=ws.limits, **fields)
    people = list(attendees)
    label = Reason(N_("Record the training {title}"), {"title": event.title})
    with recorded(ws, label) as step:
        found = find_event(ws, event)
        if found is not None:
            raise ValidationError(
                _(
                    "Training {title!r} of {start} is already recorded as event {id}; add the "
                    "attendees to it instead."
                ).format(title=event.title, start=event.start.isoformat(), id=found.id),
                "title",
            )
        event_id = insert_event(ws, event)
        added = insert_attendees(ws, event_id, people)
    return Changes.of(
        {Area.TRAINING},
        added,
        _("Recorded {title!r} with {n} attendees (event {id}).").format(
            title=event.title, n=len(added), id=event_id
        ),
        event_id,
        step.entry,
    )


def add_attendees(
    ws: Workspace, event_id: int, attendees: Iterable[Attendee], *, skip_existing: bool = False
) -> Changes:
    title = get_event(ws, event_id).title
    with recorded(ws, Reason(N_("Add attendees to {title}"), {"title": title})) as step:
        added = insert_attendees(ws, event_id, list(attendees), skip_existing=skip_existing)
    return Changes.of(
        {Area.TRAINING},
        added,
        _("Added {n} attendees to event {id}.").format(n=len(added), id=event_id),
        event_id,
        step.entry,
    )


def add_individual_record(ws: Workspace, id_number: str, **fields: Any) -> Changes:
    """A person's own course: an ``individual`` event with that one attendee."""
    person = find_staff(ws, id_number)
    event = make_event(kind="individual", limits=ws.limits, **fields)
    label = Reason(N_("Record the training {title}"), {"title": event.title})
    with recorded(ws, label) as step:
        event_id = insert_event(ws, event)
        insert_attendees(ws, event_id, [(person.id_number, None)])
    return Changes.of(
        {Area.TRAINING},
        {person.id},  # type: ignore[arg-type]
        _("Recorded {title!r} for {name} (event {id}).").format(
            title=event.title, name=person.name, id=event_id
        ),
        event_id,
        step.entry,
    )


def degree_event(
    ws: Workspace, *, degree: str, school: str, completed_on: dt.date
) -> TrainingEvent:
    """A completed social-work degree as the record the profile's DegreeRule counts."""
    rule = ws.profile.degree
    if rule is None:
        raise RuleRefused(
            _("The policy {document} does not count a degree as continuing education.").format(
                document=ws.profile.document
            ),
            ws.profile.document,
        )
    return make_degree(
        degree=degree, school=school, completed_on=completed_on, hours=rule.hours,
        today=ws.today(),
    )  # fmt: skip


def add_degree(
    ws: Workspace, id_number: str, *, degree: str, school: str, completed_on: dt.date
) -> Changes:
    """A social-work degree a person completed (学历教育, 民发〔2009〕123号): it counts the
    profile's hours (90) at once, in the period in which it was completed."""
    person = find_staff(ws, id_number)
    event = degree_event(ws, degree=degree, school=school, completed_on=completed_on)
    label = Reason(N_("Record the degree of {name}"), {"name": person.name})
    with recorded(ws, label) as step:
        event_id = insert_event(ws, event)
        insert_attendees(ws, event_id, [(person.id_number, None)])
    return Changes.of(
        {Area.TRAINING},
        {person.id},  # type: ignore[arg-type]
        _("Recorded the degree {title!r} of {name}: {hours} hours (event {id}).").format(
            title=event.title, name=person.name, hours=hours_text(event.hours), id=event_id
        ),
        event_id,
        step.entry,
    )


def remove_attendee(ws: Workspace, event_id: int, id_number: str) -> Changes:
    event = get_event(ws, event_id)
    person = find_staff(ws, id_number)
    row = store.attendance_row(ws.db, event_id, person.id)  # type: ignore[arg-type]
    if row is None:
        raise NotFound(
            _("{name} is not an attendee of {title!r}.").format(name=person.name, title=event.title)
        )
    label = Reason(N_("Remove {name} from {title}"), {"name": person.name, "title": event.title})
    with recorded(ws, label) as step:
        store.delete_attendance(ws.db, row["id"])
        audit.record(
            ws.db, user=ws.user, action="training.unattend", table="attendance",
            row_id=row["id"], old=row, staff_id=person.id,
        )  # fmt: skip
    return Changes.of(
        {Area.TRAINING},
        {person.id},  # type: ignore[arg-type]
        _("Removed {name} from {title!r}.").format(name=person.name, title=event.title),
        undo=step.entry,
    )


@dataclass(frozen=True)
class EventSummary:
    event: TrainingEvent
    attendees: int
    attendee_hours: float


def list_events(ws: Workspace, year: int | None = None) -> list[EventSummary]:
    """Events (ending in ``year`` if given, the year their hours count in), newest first."""
    return [
        EventSummary(t.event, t.attendees, round(t.hours, 2))
        for t in store.events_with_totals(ws.db, year)
    ]


def attendees_of(ws: Workspace, event_id: int) -> list[dict[str, Any]]:
    return store.attendees_of(ws.db, event_id)


def rebuild_hours_by_year(ws: Workspace) -> Changes:
    """The training hours kept per person and year made again from the attendance (what
    ``swdesk check`` offers when they differ, as no write of this program makes them): noted in
    the audit log with how many people-years differed."""
    with ws.db.atomic():
        differed = hours_by_year.disagreeing(ws.db)
        hours_by_year.rebuild(ws.db)
        audit.record(
            ws.db, user=ws.user, action="training.hours_rebuilt", table="ce_hours_by_year",
            row_id=None, new={"differed": differed},
        )  # fmt: skip
    return Changes.of(
        {Area.TRAINING},
        message=_(
            "The training hours by year were made again from the attendance ({n} people and "
            "years differed)."
        ).format(n=differed),
    )
