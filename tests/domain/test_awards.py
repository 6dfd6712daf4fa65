"""The professional-level award (FCG-2023 (十二)): hand-checked cases."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from swdesk.domain.awards import Payment, award_tranches, check_claim, evaluate_level_award
from swdesk.domain.errors import RuleRefused
from swdesk.domain.levels import Level
from swdesk.i18n.reasons import as_shown, describe
from swdesk.policies import find_profile

A, S, G = Level.ASSISTANT, Level.SOCIAL_WORKER, Level.SENIOR
TODAY = dt.date(2026, 11, 21)
RULE = find_profile("fangchenggang-2023").level_award
CLAUSE = "FCG-2023 (十二)"


def evaluate(held, payments=(), since=dt.date(2015, 3, 1), civil_servant=False, as_of=TODAY):
    return evaluate_level_award(
        RULE,
        civil_servant=civil_servant,
        social_work_since=since,
        held=held,
        payments=payments,
        as_of=as_of,
    )


def test_the_profile_carries_the_fcg_numbers():
    assert RULE.amounts == {A: 1000, S: 2000, G: 5000}
    assert (RULE.service_years, RULE.cutoff_year) == (2, 2022)
    assert RULE.exclude_civil_servants and RULE.pay_difference


def test_assistant_2021_and_social_worker_2022_pay_2000_once():
    r = evaluate([(A, dt.date(2021, 6, 20)), (S, dt.date(2022, 6, 19))])
    assert r.eligible and r.level is S
    assert (r.amount_due, r.already_paid, r.entitled) == (2000, 0, 2000)
    # one award by the highest level held, not one per level
    assert [(t.level, t.amount) for t in r.tranches] == [(S, 2000)]
    assert any("awarded once, by the highest level" in describe(x) for x in r.reasons)
    paid = evaluate(
        [(A, dt.date(2021, 6, 20)), (S, dt.date(2022, 6, 19))],
        [Payment(2000, dt.date(2023, 3, 1), S)],
    )
    assert paid.amount_due == 0 and paid.already_paid == 2000
    assert "cannot be claimed twice" in paid.refusal()


def test_assistant_paid_1000_in_2023_then_social_worker_2025_gives_1000():
    held = [(A, dt.date(2022, 6, 18)), (S, dt.date(2025, 6, 21))]
    r = evaluate(held, [Payment(1000, dt.date(2023, 9, 15), A)])
    assert r.eligible and r.level is S
    assert (r.amount_due, r.already_paid, r.entitled) == (1000, 1000, 2000)
    assert [(t.level, t.amount) for t in r.tranches] == [(A, 1000), (S, 1000)]
    texts = [describe(x) for x in r.reasons]
    assert "Already paid 1,000 CNY: the difference of 1,000 CNY is due for Social worker." in texts
    # before the social-worker certificate, nothing more was due
    assert (
        evaluate(
            held, [Payment(1000, dt.date(2023, 9, 15), A)], as_of=dt.date(2025, 1, 1)
        ).amount_due
        == 0
    )


def test_a_civil_servant_gets_nothing_and_is_told_why():
    r = evaluate([(S, dt.date(2020, 6, 20))], civil_servant=True)
    assert not r.eligible
    assert (r.amount_due, r.eligible_from, r.entitled) == (0, None, 0)
    failed = [x for x in r.reasons if not x.held]
    assert [(x.clause, describe(x)) for x in failed] == [
        (CLAUSE, "In-service civil servants on establishment are excluded.")
    ]
    with pytest.raises(RuleRefused) as err:
        check_claim(r, 2000)
    assert "civil servants" in str(err.value) and err.value.clause == CLAUSE


def test_service_started_14_months_ago_is_not_yet_eligible_and_gives_the_date():
    since = dt.date(2025, 9, 21)  # 14 months before 2026-11-21
    r = evaluate([(A, dt.date(2024, 6, 20))], since=since)
    assert not r.eligible and r.amount_due == 0
    assert r.eligible_from == dt.date(2027, 9, 21)
    service = next(x for x in r.reasons if "consecutive years" in describe(x))
    assert not service.held and "complete on 2027-09-21" in describe(service)
    # on that day it is due in full
    assert (
        evaluate([(A, dt.date(2024, 6, 20))], since=since, as_of=dt.date(2027, 9, 21)).amount_due
        == 1000
    )
    assert (
        evaluate([(A, dt.date(2024, 6, 20))], since=since, as_of=dt.date(2027, 9, 20)).amount_due
        == 0
    )


def test_the_certificate_date_decides_when_it_is_the_later_condition():
    r = evaluate([(S, dt.date(2024, 6, 20))], since=dt.date(2010, 1, 1))
    assert r.eligible_from == dt.date(2024, 6, 20)


def test_no_certificate_and_no_service_date_are_explained():
    r = evaluate([], since=None)
    assert not r.eligible and r.level is None and r.amount_due == 0
    texts = {describe(x): x.held for x in r.reasons}
    assert texts["No certificate held on 2026-11-21."] is False
    assert texts["The date social work in the city began is not recorded."] is False


def test_certificates_after_the_date_are_not_held_yet():
    r = evaluate([(A, dt.date(2020, 1, 1)), (G, dt.date(2027, 1, 1))])
    assert r.level is A and r.amount_due == 1000


def test_a_lower_level_obtained_later_opens_nothing():
    tranches = award_tranches(RULE, [(G, dt.date(2023, 5, 1)), (A, dt.date(2024, 5, 1))], None)
    assert [(t.level, t.amount) for t in tranches] == [(G, 5000)]


def test_after_the_cutoff_each_level_adds_the_difference():
    held = [(A, dt.date(2023, 6, 1)), (S, dt.date(2024, 6, 1)), (G, dt.date(2025, 12, 1))]
    tranches = award_tranches(RULE, held, dt.date(2020, 1, 1))
    assert [(t.level, t.amount) for t in tranches] == [(A, 1000), (S, 1000), (G, 3000)]
    assert [t.eligible_from for t in tranches] == [d for _lv, d in held]


def test_without_pay_difference_each_later_level_pays_in_full():
    rule = dataclasses.replace(RULE, pay_difference=False)
    held = [(A, dt.date(2021, 6, 1)), (S, dt.date(2024, 6, 1))]
    tranches = award_tranches(rule, held, dt.date(2020, 1, 1))
    assert [(t.level, t.amount) for t in tranches] == [(A, 1000), (S, 2000)]


def test_a_claim_beyond_what_is_due_is_refused():
    r = evaluate([(S, dt.date(2020, 6, 20))], [Payment(1000, dt.date(2023, 1, 1), A)])
    check_claim(r, 1000)
    with pytest.raises(RuleRefused, match="would exceed what is due"):
        check_claim(r, 2000)


def test_reasons_cite_the_clause_and_say_whether_they_held():
    r = evaluate([(A, dt.date(2021, 6, 20))])
    assert r.reasons and all(x.clause == CLAUSE for x in r.reasons)
    assert all(x.held for x in r.reasons)
    assert as_shown(r.reasons[0]) == {
        "clause": CLAUSE,
        "text": describe(r.reasons[0]),
        "held": True,
    }
