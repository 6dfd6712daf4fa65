"""The awards' reminders in the one list: money due and not applied for, eligibility soon, and
applications waiting at a step."""

from __future__ import annotations

import datetime as dt

from swdesk.domain import idnumber
from swdesk.domain.reminders import Severity
from swdesk.i18n.reasons import describe
from swdesk.services import applications as apps
from swdesk.services.award_reminders import application_reminders, award_reminders
from swdesk.services.awards import record_honour
from swdesk.services.claims import create_level_award, create_subsidy
from swdesk.services.reminders import collect_reminders, provider_names
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)


def person(ws, name, seq, since, certs=(), civil_servant=False):
    number = idnumber.make("452822", dt.date(1990, 1, 1), seq)
    add_staff(ws, name=name, id_number=number, social_work_since=since, civil_servant=civil_servant)
    for i, (level, day) in enumerate(certs):
        add_credential(ws, number, level=level, certificate_number=f"C{seq}{i}", obtained_on=day)
    return number


def test_award_due_and_not_applied_for(ws: Workspace):
    person(ws, "甲", 11, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    applied = person(ws, "乙", 13, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    person(
        ws,
        "丙",
        15,
        dt.date(2015, 1, 1),
        [("社会工作师", dt.date(2020, 6, 20))],
        civil_servant=True,
    )
    person(
        ws, "丁", 17, dt.date(2024, 12, 10), [("助理社会工作师", dt.date(2024, 6, 20))]
    )  # eligible 2026-12-10
    person(
        ws, "戊", 19, dt.date(2025, 6, 1), [("助理社会工作师", dt.date(2024, 6, 20))]
    )  # 2027: too far
    create_level_award(ws, applied)
    found = {(r.kind, r.name): r for r in award_reminders(ws, TODAY)}
    assert set(found) == {("award_eligible", "甲"), ("award_eligible_soon", "丁")}
    due = found[("award_eligible", "甲")]
    # Certified and two years in by 2020, but the award is claimed from 2023-01-01 on.
    assert (due.due, due.severity, due.clause) == (
        dt.date(2023, 1, 1),
        Severity.MEDIUM,
        "FCG-2023 (十二)",
    )
    assert describe(due.message) == (
        "甲 is owed 2,000 CNY of the professional-level award (Social worker) since 2023-01-01; "
        "no application yet."
    )
    soon = found[("award_eligible_soon", "丁")]
    assert (soon.due, soon.severity) == (dt.date(2026, 12, 10), Severity.LOW)
    assert "becomes eligible" in describe(soon.message)
    assert "2026-12-10" in describe(soon.message)


def test_applications_waiting_at_a_step(ws: Workspace):
    a = person(ws, "甲", 11, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    b = person(ws, "乙", 13, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    c = person(ws, "丙", 15, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    na = ws.db.execute(
        "SELECT number FROM applications WHERE id = ?",
        [create_level_award(ws, a, on=dt.date(2026, 11, 1)).created_id],
    ).fetchone()[0]
    nb = ws.db.execute(
        "SELECT number FROM applications WHERE id = ?",
        [create_level_award(ws, b, on=dt.date(2026, 8, 1)).created_id],
    ).fetchone()[0]
    apps.submit(ws, nb, dt.date(2026, 8, 3))
    nc = ws.db.execute(
        "SELECT number FROM applications WHERE id = ?",
        [create_level_award(ws, c, on=dt.date(2026, 1, 5)).created_id],
    ).fetchone()[0]
    apps.withdraw(ws, nc, "重复")
    record_honour(ws, "advanced_unit_regional", dt.date(2026, 9, 1))
    create_subsidy(ws, 1, on=dt.date(2026, 10, 1))
    found = {describe(r.message).split(" ")[1]: r for r in application_reminders(ws, TODAY)}
    assert set(found) == {na, nb, "2026-0004"}  # the withdrawn one is done
    assert found[na].severity is Severity.MEDIUM and found[na].due == dt.date(2026, 11, 15)
    assert "Draft since 2026-11-01; submit it or withdraw it." in describe(found[na].message)
    assert found[nb].severity is Severity.MEDIUM and found[nb].due == dt.date(2026, 10, 2)
    assert (
        found["2026-0004"].name == "测试社会工作服务中心"
        and found["2026-0004"].clause == "FCG-2023 (十七)"
    )
    # earlier in the year the draft was fresh
    early = {
        describe(r.message).split(" ")[1]: r
        for r in application_reminders(ws, dt.date(2026, 8, 10))
    }
    assert set(early) == {nb} and early[nb].severity is Severity.LOW


def test_the_providers_are_in_the_one_list(ws: Workspace):
    person(ws, "甲", 11, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    assert {"awards", "applications"} <= set(provider_names())
    kinds = {r.kind for r in collect_reminders(ws, TODAY)}
    assert "award_eligible" in kinds


def test_no_cash_award_no_award_reminders(bj_ws: Workspace):
    person(bj_ws, "甲", 11, dt.date(2015, 1, 1), [("社会工作师", dt.date(2020, 6, 20))])
    assert award_reminders(bj_ws, TODAY) == []
