"""The issue's whole story with real files made by the agency side: three agencies of a district
submit (one twice, one late, one person moved between two of them and claimed by both); the
district merges them, finds the double claim and rejects it; the agency imports the return and
its application shows the step; the district submits to the city, which merges two districts
(and one agency's own file besides) and counts every person once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bureau_kit as kit

from swdesk.domain.applications import Status
from swdesk.domain.findings import DOUBLE_CLAIM
from swdesk.services.applications import get_application
from swdesk.services.bureau import LATE, ON_TIME, period_status, set_deadline
from swdesk.services.bureau_checks import list_findings
from swdesk.services.bureau_decisions import make_return, reject_claim
from swdesk.services.bureau_receive import AGAIN, NEW, REPLACES, receive
from swdesk.services.bureau_submit import submit_up
from swdesk.services.bureau_summary import bureau_summary
from swdesk.services.returns import import_return
from swdesk.storage import audit
from swdesk.storage import submissions as records_store

NOV = dt.date(2026, 11, 1)


def test_agencies_district_city(tmp_path: Path) -> None:
    a = kit.agency(tmp_path, "防城港市港口区阳光社会工作服务中心", 1)
    b = kit.agency(tmp_path, "防城港市港口区明德社工事务所", 2)
    c = kit.agency(tmp_path, "防城港市港口区启航社会工作站", 3)
    d = kit.agency(tmp_path, "防城港市防城区同心社工中心", 4)

    # 黄丽华 worked at A until June, then at B; each claims her level award.
    moved = kit.person(a, "黄丽华", 11, left=dt.date(2026, 7, 1), certificate=("社会工作师", "GX2023045001", dt.date(2023, 6, 18)))  # fmt: skip
    kit.person(b, "黄丽华", 11, hired=dt.date(2026, 7, 1), certificate=("社会工作师", "GX2023045001", dt.date(2023, 6, 18)))  # fmt: skip
    claim_a = kit.claim(a, moved, dt.date(2026, 3, 2))
    claim_b = kit.claim(b, moved, dt.date(2026, 8, 3))
    # 梁伟 moved from A (district 1) to D (district 2) in May: no claims.
    crossed = kit.person(a, "梁伟", 12, left=dt.date(2026, 5, 1), certificate=None)
    kit.person(d, "梁伟", 12, hired=dt.date(2026, 5, 1), certificate=None)
    kit.person(a, "陈建军", 13, certificate=("助理社会工作师", "", dt.date(2024, 6, 1)))
    kit.person(c, "韦海燕", 14)
    kit.person(d, "覃丽", 15)

    district = kit.bureau(tmp_path, "防城港市港口区民政局", "district", 90)
    set_deadline(district, 2026, dt.date(2026, 11, 15))

    first_a = kit.submit(a, tmp_path, at=kit.at(NOV), name="a-1.zip")
    district.clock = lambda: dt.date(2026, 11, 5)
    got = receive(district, [first_a, kit.submit(b, tmp_path, at=kit.at(NOV))])
    assert [r.outcome for f in got.files for r in f.records] == [NEW, NEW]

    # A submits again with one more person: the new file replaces the first, never adds to it.
    kit.person(a, "何倩", 16, certificate=("社会工作师", "", dt.date(2024, 6, 22)))
    second_a = kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 10)), name="a-2.zip")
    district.clock = lambda: dt.date(2026, 11, 12)
    assert receive(district, [second_a]).files[0].records[0].outcome == REPLACES
    # C is late.
    district.clock = lambda: dt.date(2026, 11, 20)
    receive(district, [kit.submit(c, tmp_path, at=kit.at(dt.date(2026, 11, 19)))])

    states = {u.unit.name: u.state for u in period_status(district, 2026).units}
    assert states == {
        "防城港市港口区阳光社会工作服务中心": ON_TIME,
        "防城港市港口区明德社工事务所": ON_TIME,
        "防城港市港口区启航社会工作站": LATE,
    }
    counted = records_store.records(district.db, 2026)
    assert len(counted) == 3
    history = records_store.records(district.db, 2026, current_only=False)
    assert len(history) == 4  # A's first submission stays, replaced
    a_people = {r.agency_code: r.people for r in counted}[kit.credit_code(1)]
    assert a_people == 4  # 黄丽华, 梁伟, 陈建军, 何倩: the second file's, not both

    # The double claim, with both agencies, the person and the clause.
    doubles = [f for f in list_findings(district) if f.finding.kind == DOUBLE_CLAIM]
    assert len(doubles) == 1
    finding = doubles[0].finding
    assert {x.code for x in finding.agencies} == {kit.credit_code(1), kit.credit_code(2)}
    assert finding.people == ((moved, "黄丽华"),)
    assert finding.clause == "FCG-2023 (十二)"
    assert set(finding.claims) == {
        (kit.credit_code(1), 2026, claim_a),
        (kit.credit_code(2), 2026, claim_b),
    }

    reject_claim(district, kit.credit_code(2), 2026, claim_b, finding_id=doubles[0].id)
    returned = make_return(district, kit.credit_code(2), 2026, tmp_path / "return-b.zip")

    # B imports the return: its application shows the 不予批准 step with the bureau's reason.
    done = import_return(b, returned.path)
    assert done.rejected == (claim_b,)
    app = get_application(b, claim_b)
    assert app.status is Status.REJECTED
    step = app.steps[-1]
    assert step.by == "防城港市港口区民政局" and "FCG-2023 (十二)" in step.reason
    assert "may not be claimed twice" in step.reason
    assert any(e["action"] == "application.rejected" for e in audit.entries(b.db))
    # Importing it again changes nothing.
    assert import_return(b, returned.path).already == (claim_b,)

    # The district passes its agencies' records up; the other district has D.
    up_1 = submit_up(district, 2026, tmp_path / "district-1.zip").path
    district_2 = kit.bureau(tmp_path, "防城港市防城区民政局", "district", 91)
    receive(district_2, [kit.submit(d, tmp_path, at=kit.at(NOV))])
    up_2 = submit_up(district_2, 2026, tmp_path / "district-2.zip").path

    city = kit.bureau(tmp_path, "防城港市民政局", "city", 92)
    # A's own (latest) file reaches the city as well: a second path to the same record.
    got = receive(city, [up_1, up_2, second_a])
    outcomes = {(r.agency_code, r.outcome) for f in got.files for r in f.records}
    assert (kit.credit_code(1), AGAIN) in outcomes
    assert len(records_store.records(city.db, 2026)) == 4

    summary = bureau_summary(city, 2026)
    assert {t.credit_code for t in summary.agencies} == {kit.credit_code(n) for n in (1, 2, 3, 4)}
    # 黄丽华 (A and B) and 梁伟 (A and D, two districts) are counted once each.
    listed = sum(t.people for t in summary.agencies)
    assert listed == 4 + 1 + 1 + 2
    assert summary.total.people == listed - 2 == 6
    people_at_city = {
        n
        for (n,) in city.db.execute(
            "SELECT DISTINCT id_number FROM record_people WHERE record_id IN (SELECT id FROM agency_records WHERE current = 1)"
        )
    }
    assert {moved, crossed} <= people_at_city
    # The district's decision came up with its file: B's claim is not approved at the city, and
    # the city does not find the double claim the district already settled.
    claims = summary.total.claims_total
    assert (claims.count, claims.not_approved, claims.standing) == (2, 1, 2000)
    assert not [f for f in list_findings(city) if f.finding.kind == DOUBLE_CLAIM]
