"""The writes of the registration history, degrees and interns are steps of the undo history like
every other change: undo puts the registrations (and the certificate's current registration that
follows them), the degree's event and an intern back as they were; redo does the step again."""

from __future__ import annotations

import datetime as dt

from swdesk.domain import idnumber
from swdesk.i18n.reasons import describe
from swdesk.services import interns, registration, registration_history, staff, training, undo
from swdesk.services.workspace import Workspace

NUMBER = idnumber.make("452822", dt.date(1988, 2, 1), 400)


def _registered(ws: Workspace) -> list[tuple[str, int]]:
    rows = ws.db["registrations"].rows_where(order_by="id")
    return [(r["registered_on"], r["voided"]) for r in rows]


def _current(ws: Workspace) -> str | None:
    return next(ws.db["credentials"].rows)["registered_on"]


def _social_worker(ws: Workspace) -> None:
    """Registered 2023-08-01 (valid to 2026-08-01) and no training since: a re-registration needs
    the reason."""
    staff.add_staff(ws, name="梁伟", id_number=NUMBER, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(ws, NUMBER, level="social_worker", certificate_number="S0001",
                         obtained_on=dt.date(2017, 6, 20), registered_on=dt.date(2023, 8, 1))  # fmt: skip


def test_a_registration_and_a_degree_are_undone_and_the_registration_redone(
    ws: Workspace,
) -> None:
    _social_worker(ws)
    registered = registration.record_registration(
        ws, "S0001", dt.date(2026, 9, 1), hours_short_reason="因病休假，经民政局同意"
    )
    assert registered.undo is not None
    assert describe(registered.undo.label) == "Record the registration of certificate S0001"
    degree = training.add_degree(ws, NUMBER, degree="社会工作硕士（MSW）", school="广西民族大学",
                                 completed_on=dt.date(2026, 6, 30))  # fmt: skip
    assert degree.undo is not None and describe(degree.undo.label) == "Record the degree of 梁伟"
    assert ws.db["training_events"].count == 1 and ws.db["attendance"].count == 1
    assert _registered(ws) == [("2023-08-01", 0), ("2026-09-01", 0)]

    undo.undo(ws)  # the degree
    assert ws.db["training_events"].count == 0 and ws.db["attendance"].count == 0
    undo.undo(ws)  # the re-registration: the certificate is registered as before
    assert _registered(ws) == [("2023-08-01", 0)]
    assert _current(ws) == "2023-08-01"
    status = undo.undo_status(ws)
    assert describe(status.redo.label) == "Record the registration of certificate S0001"

    undo.redo(ws)
    assert _registered(ws) == [("2023-08-01", 0), ("2026-09-01", 0)]
    assert _current(ws) == "2026-09-01"
    [*_first, again] = registration_history.registrations_of(ws, "S0001")
    assert again.short_reason == "因病休假，经民政局同意"
    status = undo.undo_status(ws)
    assert describe(status.redo.label) == "Record the degree of 梁伟"  # still undone
    assert ws.db["training_events"].count == 0


def test_correcting_and_voiding_a_registration_are_undone(ws: Workspace) -> None:
    _social_worker(ws)
    [first] = registration_history.registrations_of(ws, "S0001")
    moved = registration_history.correct_registration(
        ws, first.id, dt.date(2023, 8, 2), "登记证上是2日"
    )
    assert describe(moved.undo.label) == "Correct the registration of certificate S0001"
    assert _current(ws) == "2023-08-02"
    voided = registration_history.void_registration(ws, first.id, "重复录入")
    assert describe(voided.undo.label) == "Void the registration of certificate S0001"
    assert _registered(ws) == [("2023-08-02", 1)] and _current(ws) is None

    undo.undo(ws)
    assert _registered(ws) == [("2023-08-02", 0)] and _current(ws) == "2023-08-02"
    undo.undo(ws)
    assert _registered(ws) == [("2023-08-01", 0)] and _current(ws) == "2023-08-01"


def test_an_intern_added_and_removed_is_put_back_by_undo(ws: Workspace) -> None:
    interns.recognise_base(ws, "防城港市人力资源和社会保障局", dt.date(2024, 3, 1))
    added = interns.add_intern(
        ws, name="李静", id_number=idnumber.make("450602", dt.date(2002, 5, 4), 32),
        school="广西民族大学", graduated_on=dt.date(2024, 6, 30),
        started_on=dt.date(2024, 7, 1), months=6,
    )  # fmt: skip
    assert describe(added.undo.label) == "Record the intern 李静"
    removed = interns.remove_intern(ws, added.created_id, "录错了人")
    assert describe(removed.undo.label) == "Remove the intern 李静"
    assert interns.list_interns(ws) == []
    undo.undo(ws)
    [back] = interns.list_interns(ws)
    assert (back.id, back.name, back.months) == (added.created_id, "李静", 6)
    undo.undo(ws)
    assert interns.list_interns(ws) == []
    undo.redo(ws)
    assert [i.name for i in interns.list_interns(ws)] == ["李静"]


def test_every_kind_of_change_the_services_write_is_worded_in_the_change_log() -> None:
    import re
    from pathlib import Path

    import swdesk.services
    from swdesk.services.audit_wording import ACTIONS, action_text

    written = set()
    for source in Path(swdesk.services.__file__).parent.glob("*.py"):
        written |= set(re.findall(r'action="([a-z_.]+)"', source.read_text(encoding="utf-8")))
    assert {"registration.add", "registration.void", "intern.add"} <= written
    assert sorted(written - set(ACTIONS)) == []
    assert action_text("registration.void") == "Registration voided"


def test_a_training_events_subject_category_is_corrected_like_its_other_fields(
    ws: Workspace,
) -> None:
    from swdesk.services import training_corrections

    _social_worker(ws)
    event_id = training.add_event(ws, attendees=[(NUMBER, None)], title="伦理与实务",
                                  form="face_to_face", start=dt.date(2026, 3, 2), end=None,
                                  hours=6, subject="general").created_id  # fmt: skip
    training_corrections.edit_event(ws, event_id, subject="professional", hours=None)
    assert training.get_event(ws, event_id).subject == "professional"
    training_corrections.edit_event(ws, event_id, subject=None)  # back to "not said"
    assert training.get_event(ws, event_id).subject is None
    undo.undo(ws)
    assert training.get_event(ws, event_id).subject == "professional"
