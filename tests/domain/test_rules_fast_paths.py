"""The rules' fast paths for a whole agency (``assess_all``, ``evaluate_level_awards``) give,
person by person, exactly what the straightforward rules (``assess``, ``evaluate_level_award``)
give: statuses, hours, shortfalls, amounts and every reason, on generated people and on every
variant of a requirement and of the award that a profile can set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from swdesk.domain.awards import Payment, evaluate_level_award, evaluate_level_awards
from swdesk.domain.ce_compliance import (
    assess,
    assess_all,
    calendar_year,
    period_for,
)
from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile, load_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
FCG = find_profile("fangchenggang-2023")
CAPPED = load_profile(FIXTURES / "capped-test.toml")
REQUIREMENTS = [*FCG.ce_requirements, *CAPPED.ce_requirements]
RULE = FCG.level_award
assert RULE is not None
FORMS = ["face_to_face", "online", "supervision", "degree", "conference"]
START = dt.date(2010, 1, 1)

days = st.integers(min_value=0, max_value=(dt.date(2027, 6, 30) - START).days).map(
    lambda n: START + dt.timedelta(days=n)
)
maybe_day = st.none() | days
levels = st.sampled_from(list(Level))
hours = st.sampled_from([0.0, 0.5, 1.0, 2.5, 4.0, 8.0, 12.0, 20.0, 33.3, 45.0, 60.0, 91.0])
by_form = st.dictionaries(st.sampled_from(FORMS), hours, max_size=4)
by_subject = st.dictionaries(st.sampled_from(["general", "professional"]), hours, max_size=2)


@st.composite
def requirements(draw):
    """A shipped requirement, sometimes with caps, minimums, carry-over, subject shares or a
    shorter 学时 of its own."""
    req = draw(st.sampled_from(REQUIREMENTS))
    changes = {}
    if draw(st.booleans()):
        changes["caps"] = draw(st.dictionaries(st.sampled_from(FORMS), hours, max_size=2))
    if draw(st.booleans()):
        changes["minimums"] = draw(st.dictionaries(st.sampled_from(FORMS), hours, max_size=2))
    if draw(st.booleans()):
        changes["carry_over_max"] = draw(st.sampled_from([0.0, 5.0, 10.0]))
    if draw(st.booleans()):
        changes["subject_shares"] = {"professional": Fraction(2, 3)}
    if draw(st.booleans()):
        changes["unit"] = "clock_hours"
        changes["minutes_per_study_hour"] = draw(st.sampled_from([None, 45, 50]))
    if draw(st.booleans()):
        changes["certified_during_period"] = draw(st.sampled_from(["next_period", "at_once"]))
    return dataclasses.replace(req, **changes)


@st.composite
def people(draw, n_max=12):
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=n_max))):
        hire = draw(maybe_day)
        leave = draw(maybe_day)
        if hire and leave and leave < hire:
            hire, leave = leave, hire
        person = Staff(
            name=f"人{i}", id_number=f"45282219900101{i:04d}", sex="F",
            birth_date=dt.date(1990, 1, 1), hire_date=hire, leave_date=leave,
            civil_servant=draw(st.sampled_from([False, False, True])),
            social_work_since=draw(maybe_day), id=i + 1,
        )  # fmt: skip
        creds = tuple(
            Credential(lv, f"Z{i}{n}", got, registered_on=draw(st.none() | st.just(got)))
            for n, (lv, got) in enumerate(draw(st.lists(st.tuples(levels, days), max_size=3)))
        )
        out.append((person, creds))
    return out


@settings(max_examples=300, deadline=None)
@given(
    requirement=requirements(),
    crowd=people(),
    as_of=days,
    year=st.integers(min_value=2020, max_value=2027),
    data=st.data(),
)
def test_assess_all_is_assess_for_each(requirement, crowd, as_of, year, data):
    rules = FCG.registration
    inputs = []
    for person, creds in crowd:
        period, why = period_for(requirement, creds, year, as_of, rules)
        if data.draw(st.booleans()):  # a period of someone else's making, as reports pass it
            period, why = data.draw(st.sampled_from([calendar_year(year), None])), why
        inputs.append(
            (person, creds, period, why, data.draw(by_form), data.draw(by_form),
             data.draw(by_subject))
        )  # fmt: skip
    fast = assess_all(requirement, as_of, inputs)
    one_by_one = [
        assess(
            staff=person,
            credentials=creds,
            requirement=requirement,
            period=period,
            as_of=as_of,
            raw=raw,
            previous_raw=previous,
            no_period_reason=why,
            subjects=subjects,
        )  # fmt: skip
        for person, creds, period, why, raw, previous, subjects in inputs
    ]
    assert fast == one_by_one
    for got, want in zip(fast, one_by_one, strict=True):
        assert got.reason == want.reason
        assert (describe(got.reason) if got.reason else "") == (
            describe(want.reason) if want.reason else ""
        )


def test_a_reason_made_later_is_the_same_after_pickling_and_replace():
    person = Staff("黄丽华", "452822199001011234", "F", dt.date(1990, 1, 1), id=1)
    cert = Credential(Level.ASSISTANT, "Z1", dt.date(2019, 6, 20))
    requirement = next(q for q in FCG.ce_requirements if q.id == "annual")
    year = calendar_year(2026)
    (fast,) = assess_all(
        requirement, dt.date(2026, 11, 21), [(person, (cert,), year, None, {"online": 3.0}, {}, {})]
    )
    again = pickle.loads(pickle.dumps(fast))  # before anyone read the reason
    assert again == fast and again.reason == fast.reason
    assert "3 of 50 hours done" in describe(dataclasses.replace(fast).reason)


award_rules = st.sampled_from(
    [
        RULE,
        dataclasses.replace(RULE, exclude_civil_servants=False),
        dataclasses.replace(RULE, pay_difference=False, effective_from=None),
        dataclasses.replace(RULE, amounts={Level.ASSISTANT: 1000, Level.SOCIAL_WORKER: 2000}),
        dataclasses.replace(RULE, cutoff_year=2030, service_years=0),
    ]
)


@settings(max_examples=300, deadline=None)
@given(rule=award_rules, crowd=people(), as_of=days, data=st.data())
def test_evaluate_level_awards_is_evaluate_level_award_for_each(rule, crowd, as_of, data):
    facts = []
    for person, creds in crowd:
        payments = [
            Payment(amount, day, level)
            for amount, day, level in data.draw(
                st.lists(st.tuples(st.sampled_from([500, 1000, 3000]), days, levels), max_size=2)
            )
        ]
        facts.append((person, [(c.level, c.obtained_on) for c in creds], payments))
    fast = evaluate_level_awards(
        rule,
        [
            (
                p.civil_servant,
                p.social_work_since,
                held,
                sum(x.amount for x in paid),
                p.hire_date,
                p.leave_date,
            )
            for p, held, paid in facts
        ],  # fmt: skip
        as_of,
    )
    one_by_one = [
        evaluate_level_award(
            rule,
            civil_servant=p.civil_servant,
            social_work_since=p.social_work_since,
            held=held,
            payments=paid,
            as_of=as_of,
            hire_date=p.hire_date,
            leave_date=p.leave_date,
        )  # fmt: skip
        for p, held, paid in facts
    ]
    assert fast == one_by_one
    assert [[describe(r) for r in x.reasons] for x in fast] == [
        [describe(r) for r in x.reasons] for x in one_by_one
    ]
