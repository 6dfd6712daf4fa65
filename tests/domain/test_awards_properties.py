"""Property tests of the level award over generated histories: levels obtained in any order and
year, payments made as they fall due, civil servants, service dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from swdesk.domain.awards import Payment, evaluate_level_award
from swdesk.domain.dates import add_years
from swdesk.domain.levels import Level
from swdesk.policies import find_profile

RULE = find_profile("fangchenggang-2023").level_award
END = dt.date(2032, 12, 31)

days = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2030, 12, 31))
certs = st.lists(st.tuples(st.sampled_from(list(Level)), days), max_size=4)
histories = st.fixed_dictionaries(
    {
        "since": st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        "civil_servant": st.booleans(),
        "held": certs,
        # the days someone looks and, if money is due, applies and is paid
        "visits": st.lists(days, min_size=1, max_size=8),
        "claims": st.lists(st.booleans(), min_size=8, max_size=8),
    }
)


def _evaluate(h, payments, as_of):
    return evaluate_level_award(
        RULE,
        civil_servant=h["civil_servant"],
        social_work_since=h["since"],
        held=h["held"],
        payments=payments,
        as_of=as_of,
    )


def _highest_amount(held, on):
    levels = [lv for lv, d in held if d <= on]
    return max((RULE.amounts[lv] for lv in levels), default=0)


def _simulate(h):
    payments: list[Payment] = []
    for day, claims in zip(sorted(h["visits"]), h["claims"], strict=False):
        r = _evaluate(h, payments, day)
        if claims and r.amount_due > 0:
            payments.append(Payment(r.amount_due, day, r.level))
            # the invariant after every payment
            assert sum(p.amount for p in payments) <= _highest_amount(h["held"], day)
    return payments


@settings(max_examples=200, deadline=None)
@given(histories)
def test_total_paid_never_exceeds_the_highest_level_held(h):
    payments = _simulate(h)
    total = sum(p.amount for p in payments)
    assert total <= _highest_amount(h["held"], END)
    if h["civil_servant"]:
        assert total == 0


@settings(max_examples=200, deadline=None)
@given(histories)
def test_no_one_is_paid_twice_for_a_level(h):
    payments = _simulate(h)
    levels = [p.level for p in payments]
    assert len(levels) == len(set(levels))
    # and nothing is due twice: right after a payment, nothing more is due that day
    for p in payments:
        assert (
            _evaluate(h, [q for q in payments if q.paid_on <= p.paid_on], p.paid_on).amount_due == 0
        )


@settings(max_examples=200, deadline=None)
@given(histories)
def test_once_eligible_everything_due_adds_up_to_the_highest_level(h):
    payments = _simulate(h)
    final = _evaluate(h, payments, END)
    if final.eligible:
        payments.append(Payment(final.amount_due, END, final.level))
        assert sum(p.amount for p in payments) == _highest_amount(h["held"], END)
        assert _evaluate(h, payments, END).amount_due == 0
    else:
        assert final.amount_due == 0


@settings(max_examples=200, deadline=None)
@given(histories)
def test_eligibility_date_is_the_later_of_certificate_and_two_years_of_service(h):
    r = _evaluate(h, [], END)
    if r.level is None or h["since"] is None or h["civil_servant"]:
        assert r.eligible_from is None
        return
    top = r.tranches[-1]
    two_years = add_years(h["since"], 2)
    # Claims are made from the policy's effective date on (2023-01-01), never before.
    assert r.eligible_from == max(top.obtained_on, two_years, RULE.effective_from)
    if two_years >= max(top.obtained_on, RULE.effective_from):
        # exactly two years after the service start, to the day
        assert r.eligible_from == two_years
        assert (r.eligible_from.month, r.eligible_from.day) in (
            (h["since"].month, h["since"].day),
            (2, 28),  # 29 February two years on
        )
        assert r.eligible_from.year == h["since"].year + 2
        day_before = r.eligible_from - dt.timedelta(days=1)
        assert not _evaluate(h, [], day_before).eligible
    assert _evaluate(h, [], r.eligible_from).eligible


@settings(max_examples=100, deadline=None)
@given(histories)
def test_order_of_certificates_does_not_change_the_result(h):
    forward = _evaluate(h, [], END)
    backward = _evaluate({**h, "held": list(reversed(h["held"]))}, [], END)
    assert (forward.level, forward.amount_due, forward.eligible_from) == (
        backward.level,
        backward.amount_due,
        backward.eligible_from,
    )
