"""The reminders read the registration periods' hours ahead, on a connection of their own, while
the year's report is worked out: the report made from them is the one made without, nothing is
read ahead inside a transaction (the other connection would miss what is not committed), and if
the other connection fails the report reads the hours itself."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from swdesk.domain import idnumber
from swdesk.services import ce_report, reminders, staff, training
from swdesk.services.ce_report import read_period_hours_ahead, registration_period_report
from swdesk.services.reading import one_reading
from swdesk.services.registration import period_requirement
from swdesk.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)


def _certified(ws: Workspace, i: int, registered: dt.date) -> str:
    number = idnumber.make("452822", dt.date(1988, 2, 1 + i), 400 + i)
    staff.add_staff(ws, name=f"社工{i}", id_number=number, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(
        ws, number, level="social_worker", certificate_number=f"S{i:04d}",
        obtained_on=dt.date(2023, 6, 20), registered_on=registered,
    )  # fmt: skip
    return number


def _attend(ws: Workspace, numbers: list[str], hours: float, end: dt.date, title: str) -> None:
    training.add_event(
        ws, title=title, form="面授", start=end, end=end, hours=hours,
        attendees=[(n, None) for n in numbers],
    )  # fmt: skip


@pytest.fixture
def agency(ws: Workspace) -> tuple[Workspace, str]:
    a = _certified(ws, 1, dt.date(2024, 1, 10))
    b = _certified(ws, 2, dt.date(2025, 3, 1))
    _certified(ws, 3, dt.date(2023, 9, 1))
    _attend(ws, [a, b], 12.5, dt.date(2024, 5, 1), "伦理")
    _attend(ws, [a], 6, dt.date(2025, 4, 2), "督导")
    _attend(ws, [b], 8.25, dt.date(2026, 6, 30), "评估")
    requirement = period_requirement(ws)
    assert requirement is not None
    return ws, requirement.id


def _hours_queries(ws: Workspace, read: object) -> tuple[object, int]:
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    try:
        got = read()  # type: ignore[operator]
    finally:
        ws.db.conn.set_trace_callback(None)
    return got, sum("FROM json_each(" in s and "attendance" in s for s in seen)


def _read_ahead_then_report(ws: Workspace, requirement_id: str):  # noqa: ANN202
    with one_reading(ws):
        read_period_hours_ahead(ws, TODAY, requirement_id)
        return registration_period_report(ws, TODAY.year, TODAY, requirement_id)


def test_the_hours_read_ahead_make_the_same_report(agency: tuple[Workspace, str]) -> None:
    ws, requirement_id = agency
    plain = registration_period_report(ws, TODAY.year, TODAY, requirement_id)
    assert sorted(r.result.hours.total for r in plain.rows) == [0, 8.25, 18.5]
    ahead, here = _hours_queries(ws, lambda: _read_ahead_then_report(ws, requirement_id))
    assert here == 0  # summed on the other connection
    assert ahead.rows == plain.rows  # type: ignore[attr-defined]


def test_inside_a_transaction_nothing_is_read_ahead(agency: tuple[Workspace, str]) -> None:
    ws, requirement_id = agency
    number = staff.list_staff(ws)[2].id_number
    with ws.db.atomic():
        _attend(ws, [number], 4, dt.date(2026, 2, 2), "未提交")
        report, here = _hours_queries(ws, lambda: _read_ahead_then_report(ws, requirement_id))
        assert here == 1
        [row] = [r for r in report.rows if r.staff.id_number == number]  # type: ignore[attr-defined]
        assert row.result.hours.total == 4


def test_if_the_other_connection_fails_the_report_reads_the_hours_itself(
    agency: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, requirement_id = agency
    plain = registration_period_report(ws, TODAY.year, TODAY, requirement_id)

    def fails(*_args: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(ce_report, "_period_hours_apart", fails)
    ahead, here = _hours_queries(ws, lambda: _read_ahead_then_report(ws, requirement_id))
    assert here == 1
    assert ahead.rows == plain.rows  # type: ignore[attr-defined]


def test_the_reminders_read_the_periods_hours_ahead(
    agency: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, _requirement_id = agency
    found, here = _hours_queries(ws, lambda: reminders.collect_reminders(ws, TODAY))
    assert here == 0
    monkeypatch.setattr(reminders, "read_period_hours_ahead", lambda *_a: None)
    alone, here = _hours_queries(ws, lambda: reminders.collect_reminders(ws, TODAY))
    assert here == 1
    assert found == alone
    assert any(r.kind == "renewal_open" for r in found)  # type: ignore[attr-defined]


def test_outside_a_reading_nothing_is_read_ahead(
    agency: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, requirement_id = agency
    started: list[object] = []
    monkeypatch.setattr(ce_report, "_period_hours_apart", lambda *a: started.append(a))
    read_period_hours_ahead(ws, TODAY, requirement_id)  # no reading would take them up
    with one_reading(ws):
        read_period_hours_ahead(ws, TODAY, requirement_id)
    ce_report._AHEAD.submit(int).result()  # the one thread has run what was given it
    assert len(started) == 1
