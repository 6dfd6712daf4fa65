import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain.ce_compliance import (
    Counted,
    Period,
    Status,
    assess,
    calendar_year,
    carry_over,
    count_hours,
    judge,
    period_for,
)
from swdesk.domain.levels import Level
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile, load_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
FCG = find_profile("fangchenggang-2023")
BJ = find_profile("beijing-2017")
CAPPED = load_profile(FIXTURES / "capped-test.toml")
ANNUAL = next(q for q in FCG.ce_requirements if q.id == "annual")
PERIOD_REQ = next(q for q in FCG.ce_requirements if q.id == "registration_period")
CAPPED_REQ = next(q for q in CAPPED.ce_requirements if q.id == "annual_capped")
NOV = dt.date(2026, 11, 21)
Y2026 = calendar_year(2026)

PERSON = Staff(
    name="黄丽华",
    id_number="450602199001011234",
    sex="F",
    birth_date=dt.date(1990, 1, 1),
    hire_date=dt.date(2018, 3, 1),
    id=1,
)


def cert(level: Level = Level.ASSISTANT, obtained=dt.date(2019, 6, 20), registered=None):
    return Credential(level, f"Z{obtained.year}{level.rank}", obtained, registered_on=registered)


def run(raw, *, person=PERSON, creds=None, requirement=ANNUAL, period=Y2026, as_of=NOV, prev=None):
    creds = [cert()] if creds is None else creds
    return assess(
        staff=person,
        credentials=creds,
        requirement=requirement,
        period=period,
        as_of=as_of,
        raw=raw,
        previous_raw=prev,
    )


def test_requirement_comes_from_the_profile_with_its_clause() -> None:
    result = run({"face_to_face": 60})
    assert result.required == 50
    assert result.clause.ref == "FCG-2023 (八)"
    assert PERIOD_REQ.hours_for(Level.ASSISTANT) == 72
    assert PERIOD_REQ.hours_for(Level.SOCIAL_WORKER) == 90


def test_thirty_hours_short_in_november_is_behind_and_fifty_is_met() -> None:
    short = run({"face_to_face": 12, "online": 8})  # 20 hours: 30 short
    assert short.status is Status.BEHIND
    assert short.shortfall == 30
    assert short.expected_by_now == round(50 * 325 / 365, 1) == 44.5
    assert "30 more needed by December 31, 2026" in describe(short.reason)
    done = run({"face_to_face": 30, "online": 20})
    assert done.status is Status.MET
    assert done.shortfall == 0


def test_on_pace_between_expected_and_required() -> None:
    result = run({"face_to_face": 45})
    assert (result.status, result.shortfall, result.expected_by_now) == (Status.ON_PACE, 5, 44.5)


def test_expected_grows_with_the_days_and_is_all_at_the_period_end() -> None:
    assert run({}, as_of=dt.date(2026, 1, 1)).expected_by_now == round(50 / 365, 1)
    assert run({}, as_of=dt.date(2026, 7, 2)).expected_by_now == round(50 * 183 / 365, 1)
    end = run({"online": 49}, as_of=dt.date(2026, 12, 31))
    assert (end.expected_by_now, end.status) == (50, Status.BEHIND)
    later = run({"online": 49}, as_of=dt.date(2027, 3, 1))
    assert (later.expected_by_now, later.status) == (50, Status.BEHIND)


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [
        ({"creds": []}, "No certificate on November 21, 2026."),
        (
            {"creds": [cert(obtained=dt.date(2026, 6, 20))]},
            "Certificate obtained on June 20, 2026, after the period began",
        ),
        (
            {"person": Staff(**{**PERSON.__dict__, "leave_date": dt.date(2026, 8, 1)})},
            "Left the agency on August 1, 2026.",
        ),
        (
            {"person": Staff(**{**PERSON.__dict__, "hire_date": dt.date(2026, 12, 1)})},
            "Not working at the agency until December 1, 2026.",
        ),
        ({"period": calendar_year(2027)}, "The period starts on January 1, 2027."),
    ],
)
def test_not_required_always_says_why(kwargs: dict, why: str) -> None:
    result = run({"face_to_face": 3}, **kwargs)
    assert result.status is Status.NOT_REQUIRED
    assert why in describe(result.reason)
    assert result.required is None and result.shortfall is None
    assert result.clause.ref == "FCG-2023 (八)"


def test_requirement_for_another_level_only() -> None:
    from dataclasses import replace

    seniors_only = replace(PERIOD_REQ, hours_by_level={Level.SENIOR: 90})
    result = run({}, requirement=seniors_only)
    assert result.status is Status.NOT_REQUIRED
    assert "no hours for the Assistant social worker level" in describe(result.reason)


def test_hired_during_the_year_is_required_for_the_whole_year() -> None:
    person = Staff(**{**PERSON.__dict__, "hire_date": dt.date(2026, 9, 1)})
    assert run({"online": 5}, person=person).status is Status.BEHIND


def test_level_picks_hours_of_the_registration_requirement() -> None:
    creds = [cert(Level.ASSISTANT), cert(Level.SOCIAL_WORKER, dt.date(2021, 6, 20))]
    result = run({"online": 50}, creds=creds, requirement=PERIOD_REQ)
    assert (result.level, result.required) == (Level.SOCIAL_WORKER, 90)


def test_registration_period_follows_the_registration_of_the_current_certificate() -> None:
    registered = cert(registered=dt.date(2024, 3, 1))
    period, why = period_for(PERIOD_REQ, [registered], 2026, NOV, BJ.registration)
    assert period == Period(dt.date(2024, 3, 1), dt.date(2027, 3, 1))
    assert describe(why) == ""
    period, why = period_for(PERIOD_REQ, [cert()], 2026, NOV, BJ.registration)
    assert period is None and "not registered yet" in describe(why)
    # A higher certificate obtained later has its own registration to make.
    newer = cert(Level.SOCIAL_WORKER, dt.date(2025, 6, 20))
    period, why = period_for(PERIOD_REQ, [registered, newer], 2026, NOV, BJ.registration)
    assert period is None and "Social worker" in describe(why)


def test_cap_limits_online_hours_counted() -> None:
    result = run({"online": 45, "face_to_face": 10}, requirement=CAPPED_REQ)
    assert result.hours.counted["online"] == 20
    assert result.hours.raw["online"] == 45
    assert result.hours.total == 30
    assert result.shortfall == 20
    assert result.status is Status.BEHIND


def test_minimum_of_face_to_face_keeps_a_full_total_from_being_met() -> None:
    result = run({"online": 20, "supervision": 35, "face_to_face": 4}, requirement=CAPPED_REQ)
    assert result.hours.total == 59
    assert result.status is not Status.MET
    assert result.shortfall == 6
    assert result.short_of_minimum == {"face_to_face": 6}
    assert "Minimums not yet met: 6 Face-to-face" in describe(result.reason)
    at_end = run(
        {"online": 20, "supervision": 35, "face_to_face": 4},
        requirement=CAPPED_REQ,
        as_of=dt.date(2026, 12, 31),
    )
    assert at_end.status is Status.BEHIND


def test_surplus_carries_over_up_to_the_maximum_and_only_from_the_previous_period() -> None:
    assert carry_over({"face_to_face": 56}, CAPPED_REQ, 50) == 6
    assert carry_over({"face_to_face": 80}, CAPPED_REQ, 50) == 10
    # Online hours above the cap are no surplus.
    assert carry_over({"face_to_face": 30, "online": 60}, CAPPED_REQ, 50) == 0
    assert carry_over({"face_to_face": 80}, ANNUAL, 50) == 0
    result = run({"face_to_face": 41}, requirement=CAPPED_REQ, prev={"face_to_face": 90})
    assert (result.hours.carried_over, result.hours.total, result.status) == (10, 51, Status.MET)


# ------------------------------------------------------------------ properties

hours = st.floats(min_value=0, max_value=200, allow_nan=False).map(lambda h: round(h, 2))
by_form = st.dictionaries(st.sampled_from(TRAINING_FORMS), hours, max_size=5)
shares = st.floats(min_value=0, max_value=1, allow_nan=False)
requirements = st.sampled_from([ANNUAL, CAPPED_REQ])
RANK = {Status.BEHIND: 0, Status.ON_PACE: 1, Status.MET: 2}


@given(by_form, requirements)
def test_caps_never_let_counted_hours_exceed_the_cap(raw: dict, requirement) -> None:
    counted = count_hours(raw, requirement)
    for form, cap in requirement.caps.items():
        assert counted.counted.get(form, 0) <= cap
    for form, value in raw.items():
        assert counted.counted[form] <= value
    assert counted.total <= counted.raw_total


@given(by_form, by_form, shares, requirements)
def test_status_is_monotone_in_hours(raw: dict, extra: dict, share: float, requirement) -> None:
    more = {f: raw.get(f, 0) + extra.get(f, 0) for f in set(raw) | set(extra)}
    before = judge(50, count_hours(raw, requirement), requirement.minimums, share)
    after = judge(50, count_hours(more, requirement), requirement.minimums, share)
    assert RANK[after.status] >= RANK[before.status]
    assert after.shortfall <= before.shortfall


@given(by_form, shares)
def test_met_exactly_when_nothing_is_short(raw: dict, share: float) -> None:
    verdict = judge(50, count_hours(raw, CAPPED_REQ), CAPPED_REQ.minimums, share)
    assert (verdict.status is Status.MET) == (verdict.shortfall == 0)


def test_counted_total_has_no_float_noise() -> None:
    assert Counted({"online": 0.1}, {"online": 0.1, "other": 0.2}).total == 0.3
