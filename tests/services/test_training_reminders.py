import datetime as dt

import pytest

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.reasons import recorded
from swdesk.domain.registration import RegState
from swdesk.domain.reminders import KIND_LABELS, Reminder, Severity, kind_label
from swdesk.i18n.reasons import describe
from swdesk.services import reminders, staff, training
from swdesk.services.registration import record_registration, registration_overview
from swdesk.services.workspace import Workspace
from swdesk.storage import audit


def certified(ws: Workspace, i: int, registered: dt.date | None = dt.date(2024, 3, 1)) -> str:
    number = idnumber.make("452822", dt.date(1988, 2, 1 + i), 400 + i)
    staff.add_staff(ws, name=f"社工{i}", id_number=number, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(
        ws,
        number,
        level="social_worker",
        certificate_number=f"S{i:04d}",
        obtained_on=dt.date(2023, 6, 20),
        registered_on=registered,
    )
    return number


def kinds(found: list[Reminder], number: str) -> list[str]:
    return sorted(r.kind for r in found if r.id_number == number)


def test_behind_in_july_then_short_in_november(ws: Workspace) -> None:
    number = certified(ws, 1)
    training.add_event(
        ws, title="线上课", form="线上", start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 1),
        hours=10, attendees=[(number, None)],
    )  # fmt: skip
    july = reminders.collect_reminders(ws, dt.date(2026, 7, 1))
    # Behind on both requirements: the year's 50 hours and the registration period's 90.
    assert {(r.kind, r.due, r.clause, r.severity) for r in july} == {
        ("ce_behind", dt.date(2026, 12, 31), "FCG-2023 (八)", Severity.MEDIUM),
        ("ce_behind", dt.date(2027, 3, 1), "民发〔2009〕123号", Severity.MEDIUM),
    }
    november = reminders.collect_reminders(ws)  # the workspace's today: 2026-11-21
    assert kinds(november, number) == ["ce_behind", "ce_short_period_end"]
    short = next(r for r in november if r.kind == "ce_short_period_end")
    assert (short.severity, short.clause) == (Severity.HIGH, "FCG-2023 (八)")
    assert "40 hours" in describe(short.message)


def test_registration_reminders_and_the_hours_of_the_period(ws: Workspace) -> None:
    renewing = certified(ws, 1, registered=dt.date(2024, 1, 10))  # valid until 2027-01-10
    unregistered = certified(ws, 2, registered=None)
    found = reminders.collect_reminders(ws)
    assert kinds(found, renewing) == ["ce_short_period_end", "renewal_open"]
    renewal = next(r for r in found if r.kind == "renewal_open")
    assert renewal.severity is Severity.HIGH  # no hours of the period
    assert renewal.due == dt.date(2027, 1, 10)
    assert "0 of 90 hours" in describe(renewal.message)
    assert kinds(found, unregistered) == ["ce_short_period_end", "registration_overdue"]
    overview = {i.staff.id_number: i for i in registration_overview(ws)}
    assert overview[renewing].status.state is RegState.OPEN
    assert overview[renewing].hours_done is False
    assert overview[unregistered].status.state is RegState.OVERDUE
    assert overview[unregistered].hours_done is None


def test_a_provider_from_another_module_joins_the_list(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = certified(ws, 1)
    # A new kind of reminder has its label beside the others in the domain.
    monkeypatch.setitem(KIND_LABELS, "test_waiting", "Waiting (test)")

    def waiting(ws: Workspace, as_of: dt.date) -> list[Reminder]:
        person = staff.find_staff(ws, number)
        return [
            Reminder("test_waiting", person.id, person.id_number, person.name, as_of,
                     Severity.LOW, recorded("An application waits."), "FCG-2023 (十二)")
        ]  # fmt: skip

    reminders.register_provider("test.applications", waiting)
    try:
        assert "test.applications" in reminders.provider_names()
        found = reminders.collect_reminders(ws)
        assert "test_waiting" in kinds(found, number)
        assert found[-1].kind == "test_waiting"  # low severity sorts last
        assert kind_label("test_waiting") == "Waiting (test)"
    finally:
        reminders.unregister_provider("test.applications")
    assert "test_waiting" not in kinds(reminders.collect_reminders(ws), number)


def test_shipped_providers_are_registered() -> None:
    assert {"continuing_education", "registration"} <= set(reminders.provider_names())


def test_record_registration_moves_the_period_and_is_audited(ws: Workspace) -> None:
    number = certified(ws, 1, registered=dt.date(2023, 8, 1))
    training.add_event(
        ws, title="督导", form="督导", start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 6),
        hours=90, attendees=[(number, None)],
    )  # fmt: skip
    record_registration(ws, "S0001", dt.date(2026, 7, 30))
    [item] = registration_overview(ws)
    assert item.status.state is RegState.VALID
    assert item.status.valid_until == dt.date(2029, 7, 30)
    entry = audit.entries(ws.db)[-1]
    assert (entry["action"], entry["table_name"]) == ("registration.add", "registrations")
    assert (entry["old"]["registered_on"], entry["new"]["registered_on"]) == (
        "2023-08-01",
        "2026-07-30",
    )
    assert (entry["new"]["hours"], entry["new"]["hours_required"]) == (90, 90)


@pytest.mark.parametrize(
    ("number", "day", "problem"),
    [
        ("S0001", dt.date(2027, 1, 1), "future"),
        ("S0001", dt.date(2023, 1, 1), "before the date obtained"),
        ("S0001", dt.date(2023, 8, 1), "already registered on 2023-08-01"),
    ],
)
def test_bad_registration_dates_are_refused(ws: Workspace, number, day, problem) -> None:
    certified(ws, 1, registered=dt.date(2023, 8, 1))
    with pytest.raises(ValidationError, match=problem):
        record_registration(ws, number, day)
    assert staff.all_credentials(ws)[1][0].registered_on == dt.date(2023, 8, 1)


def test_unknown_certificate(ws: Workspace) -> None:
    with pytest.raises(NotFound, match="X9"):
        record_registration(ws, "X9", dt.date(2026, 1, 1))


def test_re_registration_before_its_window_is_refused_with_the_clause(ws: Workspace) -> None:
    from swdesk.domain.errors import RuleRefused

    certified(ws, 1, registered=dt.date(2023, 8, 1))
    with pytest.raises(RuleRefused, match="opens on 2026-05-01") as err:
        record_registration(ws, "S0001", dt.date(2024, 1, 10))
    assert err.value.clause == "民发〔2009〕44号"
    assert staff.all_credentials(ws)[1][0].registered_on == dt.date(2023, 8, 1)
    record_registration(ws, "S0001", dt.date(2026, 5, 1), hours_short_reason="学时在原单位完成")
    assert staff.all_credentials(ws)[1][0].registered_on == dt.date(2026, 5, 1)


def test_every_kind_of_reminder_the_providers_make_has_its_label(demo_ws: Workspace) -> None:
    made = {r.kind for r in reminders.collect_reminders(demo_ws)}
    assert len(made) >= 4
    assert made <= set(KIND_LABELS)
