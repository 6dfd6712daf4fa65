"""``decide_level_awards`` decides for everyone what ``evaluate_level_award`` decides for one
person. Dates are drawn from a few days around the rule's edges (the cut-off year, the policy's
effective date, two years after a service start, a leap day), so that a certificate, a service
completion, a hire and a leave date often fall on the same day or one day apart: where a
comparison could be off by one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from swdesk.domain.awards import Payment, decide_level_awards, evaluate_level_award
from swdesk.domain.levels import Level
from swdesk.policies import find_profile

RULE = find_profile("fangchenggang-2023").level_award
assert RULE is not None
RULES = [
    RULE,
    dataclasses.replace(RULE, pay_difference=False),
    dataclasses.replace(RULE, effective_from=None, exclude_civil_servants=False),
    dataclasses.replace(RULE, amounts={Level.ASSISTANT: 1000, Level.SENIOR: 5000}),
    dataclasses.replace(RULE, service_years=0, cutoff_year=2024),
]
EDGES = [
    dt.date(2020, 2, 29), dt.date(2021, 1, 1), dt.date(2022, 3, 1), dt.date(2022, 12, 31),
    dt.date(2023, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2025, 6, 1),
    dt.date(2026, 11, 21),
]  # fmt: skip


@st.composite
def agencies(draw):
    """A day of evaluation and people whose dates are edges of the rule, that day, or the day
    two years before it (a service completed that very day), each give or take a day."""
    as_of = draw(st.sampled_from(EDGES))
    near = [*EDGES, as_of, as_of.replace(year=as_of.year - 2, day=min(as_of.day, 28))]
    days = st.tuples(st.sampled_from(near), st.sampled_from([-1, 0, 0, 0, 1])).map(
        lambda d: d[0] + dt.timedelta(days=d[1])
    )
    maybe_day = st.none() | days
    person = st.tuples(
        st.booleans(),  # civil servant
        maybe_day,  # social work since
        st.lists(st.tuples(st.sampled_from(list(Level)), days), max_size=4),
        st.sampled_from([0, 0, 1000, 2000, 3000, 6000]),  # already paid
        maybe_day,  # hire
        maybe_day,  # leave
    )
    return as_of, draw(st.lists(person, max_size=8))


@settings(max_examples=1000, deadline=None)
@given(rule=st.sampled_from(RULES), agency=agencies())
def test_decisions_are_the_one_person_rule(rule, agency):
    as_of, crowd = agency
    decided = decide_level_awards(rule, crowd, as_of)
    for facts, decision in zip(crowd, decided, strict=True):
        civil_servant, since, held, paid, hire, leave = facts
        one = evaluate_level_award(
            rule, civil_servant=civil_servant, social_work_since=since, held=held,
            payments=[Payment(paid, as_of)] if paid else [], as_of=as_of, hire_date=hire,
            leave_date=leave,
        )  # fmt: skip
        assert decision == (one.level, one.eligible, one.eligible_from, one.amount_due,
                            one.entitled), facts  # fmt: skip


def test_a_later_higher_level_adds_its_full_amount_without_pay_difference():
    rule = dataclasses.replace(RULE, pay_difference=False)
    held = [(Level.ASSISTANT, dt.date(2020, 1, 1)), (Level.SOCIAL_WORKER, dt.date(2024, 1, 1))]
    (decision,) = decide_level_awards(
        rule, [(False, dt.date(2015, 1, 1), held, 1000, None, None)], dt.date(2026, 1, 1)
    )
    both = rule.amounts[Level.ASSISTANT] + rule.amounts[Level.SOCIAL_WORKER]
    assert decision == (Level.SOCIAL_WORKER, True, dt.date(2024, 1, 1), both - 1000, both)
