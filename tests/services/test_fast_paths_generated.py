"""On generated agencies in a real data file, the fast whole-agency paths give exactly what the
straightforward ones give: the CE report (both requirements, read and decided person by person),
the award standings (each person's certificates and payments read on their own, the rule run
for one person at a time) and the reminders built from those."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.levels import Level
from swdesk.domain.reminders import Reminder
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.training import TrainingEvent
from swdesk.i18n.reasons import describe
from swdesk.policies import load_profile
from swdesk.services.agency import init_agency
from swdesk.services.award_reminders import application_reminders, award_reminders
from swdesk.services.awards import evaluate_awards, reference_standings
from swdesk.services.ce_report import ce_report, reference_report
from swdesk.services.reminders import collect_reminders
from swdesk.services.training_reminders import ce_reminders, registration_reminders
from swdesk.services.workspace import Workspace
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
CAPPED = load_profile(FIXTURES / "capped-test.toml")
TODAY = dt.date(2026, 11, 21)
START = dt.date(2012, 1, 1)
FORMS = ["face_to_face", "online", "supervision", "conference", "degree"]

days = st.integers(min_value=0, max_value=(TODAY - START).days).map(
    lambda n: START + dt.timedelta(days=n)
)
recent = st.integers(min_value=0, max_value=4 * 365).map(lambda n: TODAY - dt.timedelta(days=n))
person = st.fixed_dictionaries(
    {
        "hire": st.none() | days,
        "stay": st.none() | st.integers(min_value=1, max_value=4000),
        "since": st.none() | days,
        "civil_servant": st.sampled_from([False, False, False, True]),
        "certs": st.lists(
            st.tuples(st.sampled_from(list(Level)), days, st.none() | st.integers(0, 400)),
            max_size=3,
        ),
        "paid": st.lists(st.tuples(st.sampled_from(list(Level)), days), max_size=2),
    }
)
agencies = st.fixed_dictionaries(
    {
        "people": st.lists(person, max_size=9),
        "events": st.lists(
            st.tuples(
                st.sampled_from(FORMS),
                st.sampled_from([None, "general", "professional"]),
                recent,
                st.sampled_from([1.0, 2.5, 4.0, 8.0, 12.0]),
            ),
            max_size=8,
        ),
        "attendance": st.lists(
            st.tuples(st.integers(0, 20), st.integers(0, 20), st.sampled_from([None, 0.5, 3.0])),
            max_size=40,
        ),
        "capped": st.booleans(),
        "as_of": st.sampled_from([TODAY, dt.date(2026, 2, 1), dt.date(2025, 12, 31)]),
    }
)


def _build(folder: Path, agency: dict) -> Workspace:
    ws = Workspace.open(folder / "agency.db", clock=lambda: TODAY, user="tester")
    init_agency(ws, name="生成测试社会工作服务中心", profile_id="fangchenggang-2023")
    staff, held, payments = [], [], []
    for n, p in enumerate(agency["people"]):
        birth = dt.date(1985, 1, 1) + dt.timedelta(days=37 * n)
        leave = p["hire"] + dt.timedelta(days=p["stay"]) if p["hire"] and p["stay"] else None
        staff.append(
            Staff(
                f"生成{n}",
                idnumber.make("452822", birth, n + 1),
                "F",
                birth,
                hire_date=p["hire"],
                leave_date=leave if leave and leave < TODAY else None,
                civil_servant=p["civil_servant"],
                social_work_since=p["since"],
            )  # fmt: skip
        )
    with ws.db.conn:
        ids = staff_store.insert_staff_many(ws.db, staff)
        for sid, p in zip(ids, agency["people"], strict=True):
            for k, (level, obtained, after) in enumerate(p["certs"]):
                registered = obtained + dt.timedelta(days=after) if after is not None else None
                held.append(
                    (sid, Credential(level, f"G{sid:03d}{k}", obtained,
                                     registered_on=registered if registered and registered <= TODAY else None))
                )  # fmt: skip
            for level, paid_on in {lv: d for lv, d in p["paid"]}.items():
                payments.append((sid, level, paid_on))
        staff_store.insert_credentials_many(ws.db, held)
        for sid, level, paid_on in payments:
            ws.db["award_payments"].insert(
                {"staff_id": sid, "award": "level_award", "level": level.value,
                 "amount": {"assistant": 1000, "social_worker": 2000, "senior": 5000}[level],
                 "paid_on": paid_on.isoformat(), "source": "import"}
            )  # fmt: skip
        events = [
            training_store.insert_event(
                ws.db,
                TrainingEvent(
                    f"课程{k}", form, end - dt.timedelta(days=1), end, hours, subject=subject
                ),
            )  # fmt: skip
            for k, (form, subject, end, hours) in enumerate(agency["events"])
        ]
        seen = set()
        for e, s, hours in agency["attendance"]:
            if events and ids and (e % len(events), s % len(ids)) not in seen:
                seen.add((e % len(events), s % len(ids)))
                event = events[e % len(events)]
                full = ws.db["training_events"].get(event)["hours"]
                training_store.insert_attendance(ws.db, event, ids[s % len(ids)], hours or full)
    if agency["capped"]:
        ws._profile = CAPPED  # caps, minimums and carry-over; no award
    return ws


def _words(reminders: list[Reminder]) -> list[str]:
    return [describe(r.message) for r in reminders]


def _reference_reminders(ws: Workspace, as_of: dt.date) -> list[Reminder]:
    found = [
        *ce_reminders(ws, as_of, report_of=reference_report),
        *registration_reminders(ws, as_of, report_of=reference_report),
        *award_reminders(ws, as_of, standings=reference_standings(ws, as_of)),
        *application_reminders(ws, as_of),
    ]
    return sorted(found, key=Reminder.sort_key)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agency=agencies)
def test_fast_paths_give_what_person_by_person_gives(agency):
    with tempfile.TemporaryDirectory() as tmp:
        ws = _build(Path(tmp), agency)
        try:
            as_of = agency["as_of"]
            for requirement in ws.profile.ce_requirements:
                fast = ce_report(ws, as_of.year, as_of, requirement.id)
                straight = reference_report(ws, as_of.year, as_of, requirement.id)
                assert fast == straight
                assert [r.result.reason for r in fast.rows] == [
                    r.result.reason for r in straight.rows
                ]
            fast_awards = evaluate_awards(ws, as_of)
            assert fast_awards == reference_standings(ws, as_of)
            assert [s.as_dict() for s in fast_awards] == [
                s.as_dict() for s in reference_standings(ws, as_of)
            ]
            reminders = collect_reminders(ws, as_of)
            assert reminders == _reference_reminders(ws, as_of)
            assert _words(reminders) == _words(_reference_reminders(ws, as_of))
        finally:
            ws.close()
