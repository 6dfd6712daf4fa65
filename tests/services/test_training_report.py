import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.ce_compliance import Status
from swdesk.domain.errors import ValidationError
from swdesk.i18n.reasons import describe
from swdesk.policies import load_profile
from swdesk.services import staff, training
from swdesk.services.agency import init_agency
from swdesk.services.ce_report import ce_report
from swdesk.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"


def person(ws: Workspace, i: int, *, obtained=dt.date(2020, 6, 20), registered=None, **kw) -> str:
    number = idnumber.make("452822", dt.date(1980, 1, 1) + dt.timedelta(days=i), 100 + i % 800)
    staff.add_staff(ws, name=f"社工{i}", id_number=number, hire_date=dt.date(2015, 1, 1), **kw)
    if obtained:
        staff.add_credential(
            ws,
            number,
            level="assistant",
            certificate_number=f"Z{i:06d}",
            obtained_on=obtained,
            registered_on=registered,
        )
    return number


def attend(ws: Workspace, number: str, hours: float, end: dt.date, form="面授", title=None):
    training.add_event(
        ws,
        title=title or f"培训{end}{hours}{form}",
        form=form,
        start=end,
        end=end,
        hours=hours,
        attendees=[(number, None)],
    )


def row_of(report, number):
    return next(r.result for r in report.rows if r.staff.id_number == number)


def test_thirty_hours_short_in_november_is_behind_then_met_with_fifty(ws: Workspace) -> None:
    number = person(ws, 1)
    attend(ws, number, 12, dt.date(2026, 3, 5))
    attend(ws, number, 8, dt.date(2026, 10, 9), form="线上")
    result = row_of(ce_report(ws, 2026), number)
    assert (result.hours.total, result.required, result.shortfall) == (20, 50, 30)
    assert (result.status, result.expected_by_now) == (Status.BEHIND, 44.5)
    assert result.clause.ref == "FCG-2023 (八)"
    attend(ws, number, 16, dt.date(2026, 11, 3))
    attend(ws, number, 14, dt.date(2026, 11, 20), form="督导")
    result = row_of(ce_report(ws, 2026), number)
    assert (result.hours.total, result.shortfall, result.status) == (50, 0, Status.MET)


def test_hours_of_other_periods_and_events_not_yet_ended_do_not_count(ws: Workspace) -> None:
    number = person(ws, 1)
    attend(ws, number, 10, dt.date(2025, 12, 31))
    attend(ws, number, 4, dt.date(2026, 1, 1))
    attend(ws, number, 6, dt.date(2026, 11, 21))
    attend(ws, number, 8, dt.date(2026, 11, 22))  # after the day asked about
    attend(ws, number, 9, dt.date(2027, 1, 1))
    assert row_of(ce_report(ws, 2026), number).hours.total == 10
    assert row_of(ce_report(ws, 2026, dt.date(2026, 12, 31)), number).hours.total == 18
    assert row_of(ce_report(ws, 2025), number).hours.total == 10


def test_an_event_across_new_year_counts_in_the_year_it_ends(ws: Workspace) -> None:
    number = person(ws, 1)
    training.add_event(
        ws, title="跨年", form="面授", start=dt.date(2025, 12, 30), end=dt.date(2026, 1, 2),
        hours=24, attendees=[(number, None)],
    )  # fmt: skip
    assert row_of(ce_report(ws, 2025), number).hours.total == 0
    assert row_of(ce_report(ws, 2026), number).hours.total == 24


def test_report_covers_who_worked_during_the_year(ws: Workspace) -> None:
    stays = person(ws, 1)
    gone_long_ago = person(ws, 2, leave_date=None)
    staff.update_staff(ws, staff.find_staff(ws, gone_long_ago).id, leave_date=dt.date(2024, 5, 1))
    left_this_year = person(ws, 3)
    staff.update_staff(ws, staff.find_staff(ws, left_this_year).id, leave_date=dt.date(2026, 5, 1))
    report = ce_report(ws, 2026)
    assert [r.staff.id_number for r in report.rows] == [stays, left_this_year]
    assert row_of(report, left_this_year).status is Status.NOT_REQUIRED


def test_one_query_for_hours_however_many_people(ws: Workspace) -> None:
    def statements(n_people: int) -> int:
        for i in range(n_people):
            number = person(ws, 100 * n_people + i)
            attend(ws, number, 3, dt.date(2026, 4, 1 + i % 20), title=f"课{n_people}-{i}")
        ws.profile  # noqa: B018 - loaded once per workspace, not part of the report
        seen: list[str] = []
        ws.db.conn.set_trace_callback(seen.append)
        try:
            report = ce_report(ws, 2026)
        finally:
            ws.db.conn.set_trace_callback(None)
        assert len(report.rows) == ws.db["staff"].count
        # sqlite-utils looks at sqlite_master before reading a table, and the staff and their
        # certificates are read after a look at how often their tables were written to (to
        # know whether those kept are current): not data queries.
        reads = [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        return len([s for s in reads if "sqlite_master" not in s and "table_versions" not in s])

    few = statements(2)
    many = statements(25)
    # Staff, credentials, the year's sums kept by person, and the events of the year ending
    # after today (none here: with some, one more for the sums of those who attend them).
    assert few == many == 4


def capped(ws: Workspace) -> Workspace:
    ws._profile = load_profile(FIXTURES / "capped-test.toml")
    return ws


def test_capped_profile_counts_online_hours_up_to_the_cap(ws: Workspace) -> None:
    capped(ws)
    number = person(ws, 1)
    attend(ws, number, 16, dt.date(2026, 3, 1), form="线上")
    attend(ws, number, 16, dt.date(2026, 4, 1), form="线上")
    attend(ws, number, 12, dt.date(2026, 5, 1), form="面授")
    result = row_of(ce_report(ws, 2026), number)
    assert result.clause.ref == "TEST-CAP 第一条"
    assert result.hours.raw == {"online": 32, "face_to_face": 12}
    assert result.hours.counted == {"online": 20, "face_to_face": 12}
    assert (result.hours.total, result.shortfall, result.status) == (32, 18, Status.BEHIND)


def test_capped_profile_carries_over_last_years_surplus(ws: Workspace) -> None:
    capped(ws)
    number = person(ws, 1)
    attend(ws, number, 16, dt.date(2025, 3, 1))
    attend(ws, number, 16, dt.date(2025, 6, 1), title="b")
    attend(ws, number, 16, dt.date(2025, 7, 1), title="b")
    attend(ws, number, 9, dt.date(2025, 9, 1), title="c")  # 57 in 2025: 7 surplus
    attend(ws, number, 16, dt.date(2026, 3, 1))
    attend(ws, number, 14, dt.date(2026, 4, 1))
    attend(ws, number, 10, dt.date(2026, 5, 1))
    result = row_of(ce_report(ws, 2026), number)
    assert (result.hours.carried_over, result.hours.total, result.status) == (7, 47, Status.ON_PACE)
    # The year before 2025 gave nothing to carry.
    assert row_of(ce_report(ws, 2025), number).hours.carried_over == 0


def test_registration_period_requirement_counts_each_persons_own_period(bj_ws: Workspace) -> None:
    ws = bj_ws
    early = person(ws, 1, registered=dt.date(2024, 3, 1))
    late = person(ws, 2, registered=dt.date(2025, 9, 1))
    unregistered = person(ws, 3)
    for number in (early, late, unregistered):
        attend(ws, number, 30, dt.date(2024, 6, 1), form="线上", title=f"a{number}")
        attend(ws, number, 40, dt.date(2025, 10, 1), form="线上", title=f"b{number}")
    report = ce_report(ws, 2026)
    assert report.requirement.id == "registration_period"
    a, b, c = (row_of(report, n) for n in (early, late, unregistered))
    assert (a.hours.total, a.required, a.period.end) == (70, 72, dt.date(2027, 3, 1))
    elapsed = (TODAY - dt.date(2024, 3, 1)).days + 1  # 996 of the period's 1096 days
    assert a.expected_by_now == round(72 * elapsed / 1096, 1) == 65.4
    assert a.status is Status.ON_PACE
    assert (b.hours.total, b.period.start) == (40, dt.date(2025, 9, 1))
    assert c.status is Status.NOT_REQUIRED and "not registered yet" in describe(c.reason)
    assert c.clause.ref == "民发〔2009〕123号"


def test_unknown_requirement_lists_the_known_ones(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="annual, registration_period|registration_period"):
        ce_report(ws, 2026, requirement_id="weekly")


# --------------------------------------------- property: once, and in the right period

records = st.lists(
    st.tuples(
        st.integers(0, 3),  # person
        st.integers(0, 5),  # event
    ),
    max_size=25,
)
event_ends = st.lists(st.dates(dt.date(2024, 11, 1), dt.date(2027, 2, 1)), min_size=6, max_size=6)
event_hours = st.lists(st.sampled_from([1.5, 3, 4, 6, 8]), min_size=6, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, event_ends, event_hours, st.dates(dt.date(2025, 6, 1), dt.date(2026, 12, 31)))
def test_every_hour_counts_once_and_only_in_its_period(records, ends, hours, as_of) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "p.db", clock=lambda: TODAY, user="t")
        try:
            init_agency(ws, name="测试", profile_id="fangchenggang-2023")
            numbers = [person(ws, i) for i in range(4)]
            ids = []
            for k, (end, h) in enumerate(zip(ends, hours, strict=True)):
                changes = training.add_event(
                    ws, title=f"e{k}", form="面授", start=end, end=end, hours=h
                )
                ids.append(changes.created_id)
            pairs = sorted(set(records))
            for p, e in pairs:
                training.add_attendees(ws, ids[e], [(numbers[p], None)])
            report = ce_report(ws, as_of.year, as_of)
            for p, number in enumerate(numbers):
                expected = sum(
                    hours[e]
                    for q, e in pairs
                    if q == p and ends[e].year == as_of.year and ends[e] <= as_of
                )
                assert row_of(report, number).hours.total == pytest.approx(expected)
        finally:
            ws.close()
