"""Each check the bureau makes across agencies finds what it should, names the agencies, the
people and the clause, and no more; findings keep their resolution when the checks run again,
go when their cause goes, and every resolution is in the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.domain import ce_compliance as ce
from swdesk.domain.awards import Payment
from swdesk.domain.errors import ValidationError
from swdesk.domain.findings import (
    AMOUNT,
    CE_SUMS,
    CERTIFICATE_TWICE,
    CIVIL_SERVANT,
    DOUBLE_CLAIM,
    PAID_BEFORE,
    TWO_STAFFS,
)
from swdesk.domain.levels import Level
from swdesk.domain.submission import CEResult
from swdesk.i18n.reasons import describe
from swdesk.services.bureau_checks import list_findings, resolve_finding, run_checks
from swdesk.services.bureau_decisions import reject_claim
from swdesk.services.bureau_receive import receive
from swdesk.storage import audit

CLAUSE = "FCG-2023 (十二)"


@pytest.fixture
def district(tmp_path: Path):
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    yield ws
    ws.close()


def take(district, folder: Path, *records) -> list:
    receive(district, [kit.record_file(folder, r) for r in records])
    return [f.finding for f in list_findings(district)]


def kinds(found) -> list[str]:
    return sorted(f.kind for f in found)


def test_clean_records_find_nothing(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华")
    b = kit.staff(12, "梁伟")
    found = take(district, tmp_path, kit.record(1, [a], [kit.level_claim("2026-0001", a, 2000)]),
                 kit.record(2, [b], [kit.level_claim("2026-0001", b, 2000)]))  # fmt: skip
    assert found == []


def test_the_same_claim_by_two_agencies(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华", left=dt.date(2026, 7, 1))
    b = dataclasses.replace(a, hire_date=dt.date(2026, 7, 1), leave_date=None)
    (f,) = take(district, tmp_path, kit.record(1, [a], [kit.level_claim("2026-0003", a, 2000)]),
                kit.record(2, [b], [kit.level_claim("2026-0011", b, 2000)]))  # fmt: skip
    assert f.kind == DOUBLE_CLAIM and f.clause == CLAUSE
    assert [x.code for x in f.agencies] == [kit.credit_code(1), kit.credit_code(2)]
    assert f.people == ((a.id_number, "黄丽华"),)
    assert f.claims == (
        (kit.credit_code(1), 2026, "2026-0003"),
        (kit.credit_code(2), 2026, "2026-0011"),
    )
    words = describe(f.reason)
    assert "机构1" in words and "机构2" in words and a.id_number not in words  # masked


def test_claimed_after_another_agency_paid_it_in_an_earlier_period(district, tmp_path) -> None:
    paid = Payment(2000, dt.date(2025, 6, 1), Level.SOCIAL_WORKER)
    earlier = kit.staff(11, "黄丽华", left=dt.date(2026, 1, 1), paid=[paid])
    claim = kit.level_claim("2025-0002", earlier, 2000, status="paid", on=dt.date(2025, 6, 1))
    now = dataclasses.replace(earlier, hire_date=dt.date(2026, 1, 1), leave_date=None, paid=())
    found = take(district, tmp_path, kit.record(1, [earlier], [claim], period=2025),
                 kit.record(2, [now], [kit.level_claim("2026-0004", now, 2000)]))  # fmt: skip
    # Paid in 2025 by one, claimed in 2026 by another: both the double claim and the payment.
    assert kinds(found) == [DOUBLE_CLAIM, PAID_BEFORE]
    before = next(f for f in found if f.kind == PAID_BEFORE)
    assert before.claims == ((kit.credit_code(2), 2026, "2026-0004"),) and before.period == 2026
    assert "2025" in describe(before.reason)


def test_a_higher_level_after_another_agency_paid_the_lower_pays_the_difference(
    district, tmp_path
) -> None:
    paid = Payment(1000, dt.date(2024, 6, 1), Level.ASSISTANT)
    first = kit.staff(11, "黄丽华", level="assistant", obtained=dt.date(2023, 6, 1),
                      left=dt.date(2026, 1, 1), paid=[paid])  # fmt: skip
    moved = dataclasses.replace(first, hire_date=dt.date(2026, 1, 1), leave_date=None, paid=())
    right = kit.record(2, [moved], [kit.level_claim("2026-0001", moved, 1000)])
    wrong = kit.record(3, [moved], [kit.level_claim("2026-0001", moved, 2000)])
    assert take(district, tmp_path, kit.record(1, [first], period=2025), right) == []
    found = take(district, tmp_path, wrong)
    amount = [f for f in found if f.kind == AMOUNT]
    assert len(amount) == 1 and "1,000" in describe(amount[0].reason)


def test_amounts_that_differ_from_the_profile(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华")
    (f,) = take(district, tmp_path, kit.record(1, [a], [kit.level_claim("2026-0001", a, 3000)]))
    assert f.kind == AMOUNT and f.claims == ((kit.credit_code(1), 2026, "2026-0001"),)
    assert "3,000" in describe(f.reason) and "2,000" in describe(f.reason)


def test_claims_for_civil_servants(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华", civil_servant=True)
    (f,) = take(district, tmp_path, kit.record(1, [a], [kit.level_claim("2026-0001", a, 2000)]))
    assert f.kind == CIVIL_SERVANT and f.clause == CLAUSE


def test_one_certificate_under_two_identity_numbers(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华", cert="GX2023045001")
    b = kit.staff(12, "梁伟", cert="gx2023045001")  # the same number in another case
    (f,) = take(district, tmp_path, kit.record(1, [a]), kit.record(2, [b]))
    assert f.kind == CERTIFICATE_TWICE
    assert {n for n, _name in f.people} == {a.id_number, b.id_number}
    assert f.clause.startswith("民发")  # the national registration rule


def test_on_two_agencies_staff_at_once(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华", level="")  # left A on 1 July, the record says nothing of it
    b = dataclasses.replace(a, hire_date=dt.date(2026, 7, 1))
    moved_cleanly = kit.staff(12, "梁伟", level="", left=dt.date(2026, 5, 1))
    other = dataclasses.replace(moved_cleanly, hire_date=dt.date(2026, 5, 1), leave_date=None)
    (f,) = take(district, tmp_path, kit.record(1, [a, moved_cleanly]), kit.record(2, [b, other]))
    assert f.kind == TWO_STAFFS and f.people == ((a.id_number, "黄丽华"),)
    assert "2026" in describe(f.reason) and f.period == 2026


def test_two_staffs_of_a_period_stay_while_other_periods_arrive_and_go_when_theirs_is_fixed(
    district, tmp_path
) -> None:
    def both(period: int, *, moved: bool = False) -> tuple:
        a = kit.staff(11, "黄丽华", level="", left=dt.date(period, 7, 1) if moved else None)
        b = dataclasses.replace(a, hire_date=dt.date(period, 7, 1), leave_date=None)
        return a, b

    a, b = both(2025)
    (f,) = take(district, tmp_path / "1", kit.record(1, [a], period=2025),
                kit.record(2, [b], period=2025))  # fmt: skip
    assert f.kind == TWO_STAFFS and f.period == 2025
    # A receipt of 2026 alone does not ask 2025 again, and the 2025 finding stays.
    c, d = both(2026, moved=True)
    assert take(district, tmp_path / "2", kit.record(1, [c]), kit.record(2, [d])) == [f]
    # Agency 1 corrects its 2025 staff list (she left on 1 July): the finding is gone.
    fixed, _ = both(2025, moved=True)
    later = kit.record(1, [fixed], period=2025, made=kit.at(dt.date(2025, 12, 1)))
    assert take(district, tmp_path / "3", later) == []
    (gone,) = list_findings(district, include_gone=True)
    assert gone.finding.key == f.key and not gone.present


def _ce(person, *, total=30.0, counted=None, status=ce.Status.BEHIND, required=50.0):
    hours = {"face_to_face": 30.0}
    return CEResult(
        person.id_number, "annual", "FCG-2023 (八)", dt.date(2026, 1, 1),
        dt.date(2026, 12, 31), dt.date(2026, 12, 31), Level.SOCIAL_WORKER, required, hours,
        counted or hours, 0.0, total, max(0.0, required - total), status,
    )  # fmt: skip


def test_ce_results_that_do_not_add_up(district, tmp_path) -> None:
    a, b, c = kit.staff(11, "黄丽华"), kit.staff(12, "梁伟"), kit.staff(13, "何倩")
    right = _ce(a)
    total = _ce(b, total=52.0, counted={"face_to_face": 52.0}, status=ce.Status.MET)
    status = _ce(c, status=ce.Status.MET)
    found = take(district, tmp_path, kit.record(1, [a, b, c], ce=[right, total, status]))
    assert kinds(found) == [CE_SUMS, CE_SUMS]
    words = {f.people[0][1]: describe(f.reason) for f in found}
    assert "52" in words["梁伟"] and "30" in words["梁伟"]
    assert "Met" in words["何倩"] and "Behind" in words["何倩"]


def test_a_resolution_stays_and_a_cause_gone_takes_the_finding(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华")
    b = kit.staff(12, "梁伟", cert=a.certificates[0].number)
    take(district, tmp_path, kit.record(1, [a]), kit.record(2, [b]))
    (stored,) = list_findings(district)
    with pytest.raises(ValidationError):
        resolve_finding(district, stored.id, "  ")
    resolve_finding(district, stored.id, "证书编号由发证机关核实，梁伟的为 GX00000012。")
    run_checks(district)
    (again,) = list_findings(district)
    assert again.id == stored.id and again.resolved and "GX00000012" in again.resolution
    entry = [e for e in audit.entries(district.db) if e["action"] == "finding.resolve"]
    assert entry and entry[0]["new"]["resolution"].startswith("证书编号")

    # B sends its record again with the number put right: the finding is no longer found.
    fixed = dataclasses.replace(
        b, certificates=(dataclasses.replace(b.certificates[0], number="GX00000012"),)
    )
    receive(
        district,
        [kit.record_file(tmp_path, kit.record(2, [fixed], made=kit.at(dt.date(2026, 11, 5))))],
    )
    assert list_findings(district) == []
    (gone,) = list_findings(district, include_gone=True)
    assert not gone.present


def test_a_rejected_claim_is_no_longer_a_double_claim(district, tmp_path) -> None:
    a = kit.staff(11, "黄丽华")
    take(district, tmp_path, kit.record(1, [a], [kit.level_claim("2026-0001", a, 2000)]),
         kit.record(2, [a], [kit.level_claim("2026-0002", a, 2000)]))  # fmt: skip
    kinds_before = kinds(f.finding for f in list_findings(district))
    assert DOUBLE_CLAIM in kinds_before
    reject_claim(district, kit.credit_code(2), 2026, "2026-0002", "重复申领")
    run_checks(district)
    assert DOUBLE_CLAIM not in kinds(f.finding for f in list_findings(district))


def test_ce_findings_are_judged_as_records_arrive_and_kept_until_theirs_changes(
    district, tmp_path
) -> None:
    a, b = kit.staff(11, "黄丽华"), kit.staff(12, "梁伟")
    wrong = _ce(a, status=ce.Status.MET)
    take(district, tmp_path, kit.record(1, [a], ce=[wrong]))
    assert kinds(take(district, tmp_path, kit.record(2, [b], ce=[_ce(b)]))) == [CE_SUMS]
    # Agency 1 sends its record again, right this time: the finding is no longer found.
    fixed = kit.record(1, [a], ce=[_ce(a)], made=kit.at(dt.date(2026, 11, 5)))
    assert take(district, tmp_path, fixed) == []
    # A full run judges every result again and agrees.
    assert run_checks(district).found == 0
