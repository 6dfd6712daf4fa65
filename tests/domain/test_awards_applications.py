"""The life of an application, its numbers and amounts, and the other claims' rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from swdesk.domain.applications import (
    Application,
    Kind,
    Status,
    Step,
    check_step,
    from_fen,
    money_text,
    next_number,
    parse_money,
    to_fen,
)
from swdesk.domain.claims import check_exam_claim, describe, find_commendation, find_subsidy
from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.domain.levels import Level
from swdesk.policies import find_profile

TODAY = dt.date(2026, 11, 21)
FCG = find_profile("fangchenggang-2023")
BJ = find_profile("beijing-2017")


def app(status=Status.DRAFT, kind=Kind.LEVEL_AWARD, last=dt.date(2026, 3, 1)):
    return Application(
        id=1,
        number="2026-0001",
        kind=kind,
        award="level_award",
        amount=Decimal("1000.00"),
        status=status,
        created_on=dt.date(2026, 3, 1),
        steps=(Step(Status.DRAFT, dt.date(2026, 3, 1)), Step(status, last)),
    )


ALLOWED = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
    Status.APPROVED: {Status.PAID},
}


@pytest.mark.parametrize("status", list(Status))
def test_the_allowed_steps(status):
    """From each status exactly these steps pass the check (with who decided and a reason)."""
    passed = set()
    for target in Status:
        try:
            check_step(app(status), target, TODAY, TODAY, by="市民政局", reason="填错了")
        except ValidationError:
            continue
        passed.add(target)
    assert passed == ALLOWED.get(status, set())


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (Status.DRAFT, Status.APPROVED),
        (Status.DRAFT, Status.PAID),
        (Status.SUBMITTED, Status.PAID),
        (Status.APPROVED, Status.WITHDRAWN),
        (Status.PAID, Status.WITHDRAWN),
        (Status.REJECTED, Status.APPROVED),
        (Status.WITHDRAWN, Status.SUBMITTED),
    ],
)
def test_steps_outside_the_life_are_refused_with_what_is_allowed(status, target):
    with pytest.raises(ValidationError) as err:
        check_step(app(status), target, TODAY, TODAY, by="x", reason="y")
    assert f"is {status.label()}: it cannot become {target.label()}" in str(err.value)


def test_a_decision_needs_who_and_a_refusal_or_withdrawal_needs_a_reason():
    with pytest.raises(ValidationError, match="who decided"):
        check_step(app(Status.SUBMITTED), Status.APPROVED, TODAY, TODAY)
    with pytest.raises(ValidationError, match="reason"):
        check_step(app(Status.SUBMITTED), Status.REJECTED, TODAY, TODAY, by="市民政局")
    with pytest.raises(ValidationError, match="reason"):
        check_step(app(Status.DRAFT), Status.WITHDRAWN, TODAY, TODAY, reason="  ")


def test_dates_must_follow_the_last_step_and_not_be_in_the_future():
    with pytest.raises(ValidationError, match="before the application's last step"):
        check_step(
            app(Status.DRAFT, last=dt.date(2026, 5, 1)),
            Status.SUBMITTED,
            dt.date(2026, 4, 30),
            TODAY,
        )
    with pytest.raises(ValidationError, match="future"):
        check_step(app(Status.DRAFT), Status.SUBMITTED, TODAY + dt.timedelta(days=1), TODAY)


def test_a_nomination_is_never_paid():
    with pytest.raises(ValidationError, match="nomination is not paid"):
        check_step(app(Status.APPROVED, Kind.NOMINATION), Status.PAID, TODAY, TODAY)


def test_numbers_run_per_year():
    assert next_number(2026, []) == "2026-0001"
    assert next_number(2026, ["2025-0007", "2026-0009", "2026-0010"]) == "2026-0011"
    assert next_number(2027, ["2026-0010"]) == "2027-0001"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("120", "120.00"),
        ("1,000.5", "1000.50"),
        ("¥86.5", "86.50"),
        ("120元", "120.00"),
        (0, "0.00"),
    ],
)
def test_money_as_people_write_it(raw, value):
    assert parse_money(raw, "travel") == Decimal(value)
    assert from_fen(to_fen(Decimal(value))) == Decimal(value)


@pytest.mark.parametrize("raw", ["abc", "-5", "1.234", "NaN"])
def test_bad_money_is_refused_naming_the_field(raw):
    with pytest.raises(ValidationError) as err:
        parse_money(raw, "travel")
    assert err.value.field == "travel"


def test_money_text():
    assert money_text(Decimal("1000.00")) == "1,000"
    assert money_text(Decimal("206.5")) == "206.50"


def test_exam_claim_follows_the_profile():
    claim = check_exam_claim(
        FCG,
        exam_year=2024,
        level=Level.SOCIAL_WORKER,
        items={"registration_fee": "120", "accommodation": "86.50"},
        today=TODAY,
    )
    assert claim.total == Decimal("206.50") and claim.clause == "FCG-2023 (十二)"
    # 往返差旅费 as on official business: its four components (FCG-2023 (十二) 享受出差待遇).
    assert list(claim.items) == ["registration_fee", "textbook_fee", "intercity_transport",
                                 "accommodation", "meal_allowance", "local_transport"]  # fmt: skip
    with pytest.raises(ValidationError, match="travel is not reimbursed"):
        check_exam_claim(
            FCG, exam_year=2024, level=Level.ASSISTANT, items={"travel": 1}, today=TODAY
        )
    with pytest.raises(RuleRefused) as err:
        check_exam_claim(
            FCG, exam_year=2022, level=Level.ASSISTANT, items={"accommodation": 1}, today=TODAY
        )
    assert "from the 2023 exam on" in str(err.value) and err.value.clause == "FCG-2023 (十二)"
    with pytest.raises(ValidationError, match="taxi is not reimbursed"):
        check_exam_claim(FCG, exam_year=2024, level=Level.ASSISTANT, items={"taxi": 1}, today=TODAY)
    with pytest.raises(ValidationError, match="no amount"):
        check_exam_claim(FCG, exam_year=2024, level=Level.ASSISTANT, items={}, today=TODAY)
    with pytest.raises(RuleRefused, match="does not reimburse"):
        check_exam_claim(
            BJ, exam_year=2024, level=Level.ASSISTANT, items={"travel": 1}, today=TODAY
        )


def test_subsidies_and_commendations_come_from_the_profile():
    assert find_subsidy(FCG, "advanced_unit_national").amount == 20000
    assert find_subsidy(FCG, "training_base_regional").amount == 10000
    with pytest.raises(ValidationError, match="Unknown honour"):
        find_subsidy(BJ, "advanced_unit_national")
    assert find_commendation(BJ, "leading_talent").clause.ref == "BJ-2017 四(三)"
    assert describe(FCG, "nomination", "most_admired", {}) == (
        "Most admired social worker (Fangchenggang)",
        "FCG-2023 (十三)",
    )
    assert describe(FCG, "exam_reimbursement", "exam_reimbursement", {"exam_year": 2024})[0] == (
        "Exam reimbursement 2024"
    )


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.PAID])
def test_a_step_recorded_twice_says_it_is_already_done(status):
    # e.g. `applications pay` run twice: not "is Paid: it cannot become Paid".
    with pytest.raises(ValidationError) as err:
        check_step(app(status), status, TODAY, TODAY, by="市民政局")
    assert str(err.value).startswith(f"Application 2026-0001 is already {status.label()}")
    assert "cannot become" not in str(err.value)
