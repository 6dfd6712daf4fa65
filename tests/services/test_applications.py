"""Applications through the services: the life of a level award, no double claiming (services and
the store itself), the audit trail, and nothing deleted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from swdesk.domain import idnumber
from swdesk.domain.applications import Status
from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.services import applications as apps
from swdesk.services.claims import create_level_award
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Area, Workspace
from swdesk.storage import audit

CLAUSE = "FCG-2023 (十二)"


def person(ws, name="黄丽华", seq=42, since=dt.date(2015, 3, 1), civil_servant=False, certs=()):
    number = idnumber.make("450602", dt.date(1990, 1, 1), seq)
    add_staff(ws, name=name, id_number=number, social_work_since=since, civil_servant=civil_servant)
    for i, (level, day) in enumerate(certs):
        add_credential(ws, number, level=level, certificate_number=f"C{seq}{i}", obtained_on=day)
    return number


def imported(ws, number, level, amount, day):
    staff_id = ws.db.execute("SELECT id FROM staff WHERE id_number = ?", [number]).fetchone()[0]
    ws.db["award_payments"].insert(
        {
            "staff_id": staff_id,
            "award": "level_award",
            "level": level,
            "amount": amount,
            "paid_on": day,
            "source": "import",
        }
    )
    return staff_id


def number_of(ws, changes):
    row = ws.db.execute("SELECT number FROM applications WHERE id = ?", [changes.created_id])
    return row.fetchone()[0]


def full_life(ws, number, *, on=None):
    n = number_of(ws, create_level_award(ws, number, on=on))
    apps.submit(ws, n, on)
    apps.approve(ws, n, "防城港市民政局", on)
    apps.pay(ws, n, on=on)
    return n


def test_the_life_of_a_level_award(ws: Workspace):
    num = person(
        ws, certs=[("助理社会工作师", dt.date(2021, 6, 20)), ("社会工作师", dt.date(2022, 6, 18))]
    )
    changes = create_level_award(ws, num, on=dt.date(2026, 3, 2))
    assert "Application 2026-0001 created" in changes.message and "2,000 CNY" in changes.message
    assert apps.submit(ws, "2026-0001", dt.date(2026, 3, 5)).message == (
        "Application 2026-0001 submitted on 2026-03-05."
    )
    apps.approve(ws, "2026-0001", "防城港市民政局", dt.date(2026, 4, 1))
    paid = apps.pay(ws, "2026-0001", on=dt.date(2026, 5, 8))
    assert paid.message == "Application 2026-0001 paid on 2026-05-08: 2,000 CNY."
    assert paid.areas == {Area.APPLICATIONS, Area.AWARDS}

    app = apps.get_application(ws, "2026-0001")
    assert app.status is Status.PAID and app.amount == Decimal("2000.00")
    assert app.level.value == "social_worker" and app.person == "黄丽华"
    assert [(s.status.value, s.on.isoformat(), s.by) for s in app.steps] == [
        ("draft", "2026-03-02", ""),
        ("submitted", "2026-03-05", ""),
        ("approved", "2026-04-01", "防城港市民政局"),
        ("paid", "2026-05-08", ""),
    ]
    assert app.paid_amount == Decimal("2000.00")
    assert all(s.recorded_by == "tester" for s in app.steps)
    pay_rows = list(ws.db["award_payments"].rows)
    assert [
        (r["amount"], r["level"], r["source"], r["application_id"], r["paid_on"]) for r in pay_rows
    ] == [(2000, "social_worker", "application", app.id, "2026-05-08")]
    actions = [e["action"] for e in audit.entries(ws.db, staff_id=app.staff_id)]
    assert actions[-5:] == [
        "application.draft",
        "application.submitted",
        "application.approved",
        "award.pay",
        "application.paid",
    ]


def test_a_second_application_for_an_award_already_paid_is_refused(ws: Workspace):
    num = person(
        ws, certs=[("助理社会工作师", dt.date(2021, 6, 20)), ("社会工作师", dt.date(2022, 6, 18))]
    )
    full_life(ws, num)
    before = ws.db["applications"].count
    with pytest.raises(RuleRefused) as err:
        create_level_award(ws, num)
    assert "Already paid 2,000 CNY, the full award for Social worker" in str(err.value)
    assert err.value.clause == CLAUSE
    assert ws.db["applications"].count == before
    # a back-dated claim cannot slip past the later payment either
    with pytest.raises(RuleRefused, match="cannot be claimed twice"):
        create_level_award(ws, num, on=dt.date(2025, 1, 1))


def test_the_store_itself_refuses_a_second_claim_and_a_second_payment(ws: Workspace):
    num = person(ws, certs=[("社会工作师", dt.date(2020, 6, 18))])
    n = full_life(ws, num)
    app = apps.get_application(ws, n)
    row = {
        "number": "2026-0999",
        "kind": "level_award",
        "staff_id": app.staff_id,
        "award": "level_award",
        "level": "social_worker",
        "claim_key": "social_worker",
        "amount_fen": 200000,
        "status": "draft",
        "created_on": "2026-11-21",
    }
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        ws.db["applications"].insert(row)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        imported(ws, num, "social_worker", 2000, "2026-11-01")
    # a withdrawn or rejected claim does not block: the store allows that one
    ws.db["applications"].insert({**row, "status": "withdrawn"})


def test_an_imported_assistant_payment_leaves_the_difference_for_a_later_level(ws: Workspace):
    num = person(
        ws, certs=[("助理社会工作师", dt.date(2022, 6, 18)), ("社会工作师", dt.date(2025, 6, 21))]
    )
    imported(ws, num, "assistant", 1000, "2023-09-15")
    n = number_of(ws, create_level_award(ws, num))
    app = apps.get_application(ws, n)
    assert (app.amount, app.level.value) == (Decimal("1000.00"), "social_worker")
    assert app.details["already_paid"] == 1000


def test_one_open_level_award_application_at_a_time(ws: Workspace):
    num = person(ws, certs=[("助理社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, num))
    with pytest.raises(RuleRefused, match=f"Application {n} .* still in progress"):
        create_level_award(ws, num)
    apps.withdraw(ws, n, "录入错误")
    again = number_of(ws, create_level_award(ws, num))
    assert again != n
    apps.submit(ws, again)
    apps.reject(ws, again, "防城港市民政局", "材料不全")
    third = number_of(ws, create_level_award(ws, num))
    assert [a.status.value for a in apps.list_applications(ws)] == [
        "withdrawn",
        "rejected",
        "draft",
    ]
    assert apps.get_application(ws, again).step(Status.REJECTED).reason == "材料不全"
    assert third == "2026-0003"


def test_civil_servant_and_not_yet_eligible_are_refused_with_the_reason(ws: Workspace):
    cs = person(ws, "陈建军", 51, civil_servant=True, certs=[("社会工作师", dt.date(2020, 6, 20))])
    with pytest.raises(RuleRefused, match="civil servants on establishment are excluded") as err:
        create_level_award(ws, cs)
    assert err.value.clause == CLAUSE
    new = person(
        ws,
        "周春梅",
        62,
        since=dt.date(2025, 9, 21),
        certs=[("助理社会工作师", dt.date(2024, 6, 20))],
    )
    with pytest.raises(RuleRefused, match="complete on 2027-09-21"):
        create_level_award(ws, new)
    assert ws.db["applications"].count == 0


def test_payment_is_checked_again_and_a_refused_one_changes_nothing(ws: Workspace):
    num = person(ws, certs=[("社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, num))
    apps.submit(ws, n)
    apps.approve(ws, n, "防城港市民政局")
    # meanwhile the old ledger is imported: the assistant award was paid in 2021
    imported(ws, num, "assistant", 1000, "2021-05-01")
    log_before = ws.db["audit_log"].count
    with pytest.raises(RuleRefused, match="would exceed what is due"):
        apps.pay(ws, n)
    assert apps.get_application(ws, n).status is Status.APPROVED
    assert ws.db["award_payments"].count == 1 and ws.db["audit_log"].count == log_before
    apps.pay(ws, n, amount=1000)  # the difference can still be paid
    assert apps.get_application(ws, n).paid_amount == Decimal("1000.00")


def test_steps_out_of_order_are_refused(ws: Workspace):
    num = person(ws, certs=[("社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, num, on=dt.date(2026, 6, 1)))
    with pytest.raises(ValidationError, match="cannot become Paid"):
        apps.pay(ws, n)
    with pytest.raises(ValidationError, match="before the application's last step"):
        apps.submit(ws, n, dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="Give the reason"):
        apps.withdraw(ws, n, "")
    assert apps.get_application(ws, n).status is Status.DRAFT


def test_nothing_is_deleted(ws: Workspace):
    num = person(ws, certs=[("社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, num))
    apps.withdraw(ws, n, "重复录入")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        ws.db.execute("DELETE FROM applications")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        ws.db.execute("DELETE FROM application_steps")
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        ws.db.execute("UPDATE application_steps SET reason = 'x'")
    app = apps.get_application(ws, n)
    assert app.status is Status.WITHDRAWN and app.step(Status.WITHDRAWN).reason == "重复录入"


def test_numbers_follow_the_year_of_the_application(ws: Workspace):
    a = person(ws, "甲", 11, certs=[("社会工作师", dt.date(2020, 6, 20))])
    b = person(ws, "乙", 13, certs=[("社会工作师", dt.date(2020, 6, 20))])
    assert number_of(ws, create_level_award(ws, a, on=dt.date(2025, 12, 30))) == "2025-0001"
    assert number_of(ws, create_level_award(ws, b)) == "2026-0001"
    with pytest.raises(ValidationError, match="future"):
        create_level_award(ws, b, on=dt.date(2026, 11, 22))


def test_a_level_award_cannot_be_part_paid_leaving_a_rest_nobody_can_claim(ws: Workspace):
    # A paid application keeps its level claimed, so a part payment would leave the rest of the
    # award due for ever with no way to apply for it: the award is paid as due, in full.
    num = person(ws, certs=[("社会工作师", dt.date(2020, 6, 20))])
    n = number_of(ws, create_level_award(ws, num))
    apps.submit(ws, n)
    apps.approve(ws, n, "防城港市民政局")
    with pytest.raises(ValidationError, match="paid in full: 2,000 CNY"):
        apps.pay(ws, n, amount=1500)
    assert apps.get_application(ws, n).status is Status.APPROVED
    assert ws.db["award_payments"].count == 0
    apps.pay(ws, n, amount=2000)
    assert apps.get_application(ws, n).status is Status.PAID
