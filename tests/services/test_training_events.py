import datetime as dt

import pytest

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.training import make_event
from swdesk.services import staff, training
from swdesk.services.workspace import Area, Workspace
from swdesk.storage import audit

D = dt.date(2026, 5, 10)


def people(ws: Workspace, n: int = 3) -> list[str]:
    numbers = []
    for i in range(n):
        number = idnumber.make("450602", dt.date(1990, 1, 1 + i), 100 + i)
        staff.add_staff(ws, name=f"社工{i}", id_number=number)
        numbers.append(number)
    return numbers


def event_fields(**kw):
    fields = {"title": "个案管理专题培训", "form": "面授", "start": D, "end": D, "hours": 6}
    fields.update(kw)
    return fields


def test_event_with_attendees_and_part_attendance(ws: Workspace) -> None:
    a, b, c = people(ws)
    changes = training.add_event(
        ws, attendees=[(a, None), (b, "2.5"), (c.lower(), None)], **event_fields()
    )
    event_id = changes.created_id
    assert f"event {event_id}" in changes.message
    rows = {r["id_number"]: r["hours"] for r in training.attendees_of(ws, event_id)}
    assert rows == {a: 6, b: 2.5, c: 6}
    assert changes.areas == {Area.TRAINING}
    assert len(changes.staff_ids) == 3
    actions = [e["action"] for e in audit.entries(ws.db)]
    assert actions.count("training.add_event") == 1 and actions.count("training.attend") == 3


def test_unknown_attendees_are_all_named_and_nothing_is_stored(ws: Workspace) -> None:
    a, _b, _c = people(ws)
    stranger = idnumber.make("450603", dt.date(1985, 5, 5), 321)
    other = idnumber.make("450603", dt.date(1986, 5, 5), 322)
    with pytest.raises(ValidationError) as err:
        training.add_event(
            ws, attendees=[(a, None), (stranger, None), (other, None)], **event_fields()
        )
    message = str(err.value)
    assert f"2: {idnumber.mask(stranger)}" in message and f"3: {idnumber.mask(other)}" in message
    assert ws.db["training_events"].count == 0
    assert ws.db["attendance"].count == 0


def test_attendee_credited_more_than_the_event_rolls_back_everything(ws: Workspace) -> None:
    a, b, _c = people(ws)
    before = ws.db["audit_log"].count
    with pytest.raises(ValidationError, match="more than the event"):
        training.add_event(ws, attendees=[(a, None), (b, 7)], **event_fields())
    assert ws.db["training_events"].count == 0
    assert ws.db["attendance"].count == 0
    assert ws.db["audit_log"].count == before


def test_same_person_twice_is_refused(ws: Workspace) -> None:
    a, _b, _c = people(ws)
    with pytest.raises(ValidationError, match="listed twice"):
        training.add_event(ws, attendees=[(a, None), (a, 3)], **event_fields())
    event_id = training.add_event(ws, attendees=[(a, None)], **event_fields()).created_id
    with pytest.raises(ValidationError, match="already an attendee"):
        training.add_attendees(ws, event_id, [(a, None)])
    assert training.add_attendees(ws, event_id, [(a, None)], skip_existing=True).staff_ids == set()
    assert ws.db["attendance"].count == 1


def test_the_same_event_is_not_recorded_twice(ws: Workspace) -> None:
    a, b, _c = people(ws)
    first = training.add_event(ws, attendees=[(a, None)], **event_fields()).created_id
    with pytest.raises(ValidationError, match=f"event {first}"):
        training.add_event(ws, attendees=[(b, None)], **event_fields())
    training.add_attendees(ws, first, [(b, None)])
    assert ws.db["training_events"].count == 1


def test_ensure_event_reuses_or_creates_and_refuses_a_conflicting_copy(ws: Workspace) -> None:
    event = make_event(**event_fields(organiser="市民政局"))
    with ws.db.atomic():
        first, created = training.ensure_event(ws, event)
    assert created
    again, created = training.ensure_event(ws, event)
    assert (again, created) == (first, False)
    with pytest.raises(ValidationError, match="already recorded"):
        training.ensure_event(ws, make_event(**event_fields(organiser="市民政局", hours=8)))
    other, created = training.ensure_event(ws, make_event(**event_fields(organiser="协会")))
    assert created and other != first


def test_individual_record_is_an_event_of_one(ws: Workspace) -> None:
    a, _b, _c = people(ws)
    changes = training.add_individual_record(
        ws, a, title="儿童保护线上课程", form="线上", start=D, end=dt.date(2026, 6, 30), hours=20
    )
    listed = training.list_events(ws, 2026)
    assert [(s.event.kind, s.attendees, s.attendee_hours) for s in listed] == [
        ("individual", 1, 20)
    ]
    assert listed[0].event.id == changes.created_id
    # An individual course is never picked up as a group event to add people to.
    assert training.find_event(ws, listed[0].event) is None


def test_remove_attendee(ws: Workspace) -> None:
    a, b, _c = people(ws)
    event_id = training.add_event(ws, attendees=[(a, None), (b, None)], **event_fields()).created_id
    training.remove_attendee(ws, event_id, a)
    assert [r["id_number"] for r in training.attendees_of(ws, event_id)] == [b]
    with pytest.raises(NotFound):
        training.remove_attendee(ws, event_id, a)
    assert audit.entries(ws.db)[-1]["action"] == "training.unattend"


def test_list_events_by_the_year_their_hours_count_in(ws: Workspace) -> None:
    a, _b, _c = people(ws)
    training.add_event(
        ws,
        attendees=[(a, None)],
        **event_fields(title="跨年培训", start=dt.date(2025, 12, 30), end=dt.date(2026, 1, 2)),
    )
    assert [s.event.title for s in training.list_events(ws, 2026)] == ["跨年培训"]
    assert training.list_events(ws, 2025) == []
