"""The bureau's changes and the agency's import of a return are steps of the undo history like
every other change: a refusal, a resolved finding, a return made, a whole return imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.domain.applications import Status
from swdesk.i18n.reasons import describe
from swdesk.services import applications as apps
from swdesk.services.bureau_checks import list_findings, resolve_finding
from swdesk.services.bureau_decisions import list_decisions, make_return, reject_claim
from swdesk.services.bureau_receive import receive
from swdesk.services.returns import import_return
from swdesk.services.undo import redo, undo, undo_status


@pytest.fixture
def setup(tmp_path: Path):
    a = kit.agency(tmp_path, "阳光社工", 1)
    first = kit.claim(a, kit.person(a, "黄丽华", 11), dt.date(2026, 3, 2))
    second = kit.claim(a, kit.person(a, "梁伟", 12), dt.date(2026, 3, 4))
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))])
    return a, district, first, second


def test_a_refusal_is_undone_and_redone(setup) -> None:
    _a, district, first, _second = setup
    changes = reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    assert changes.undo is not None
    assert describe(undo_status(district).undo.label) == f"Claim {first} not approved"
    undo(district)
    assert list_decisions(district) == []
    redo(district)
    assert [d.decision.claim_number for d in list_decisions(district)] == [first]


def test_a_return_made_is_undone_so_its_claims_go_out_again(setup, tmp_path) -> None:
    _a, district, first, _second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    assert describe(undo_status(district).undo.label) == "Return file for 阳光社工"
    undo(district)
    assert [d.returned_at for d in list_decisions(district)] == [None]


def test_importing_a_return_is_one_step(setup, tmp_path) -> None:
    a, district, first, second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    reject_claim(district, kit.credit_code(1), 2026, second, "未满两年。")
    made = make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    done = import_return(a, made.path)
    assert set(done.rejected) == {first, second}
    assert describe(undo_status(a).undo.label) == "Import the return from 港口区民政局"
    undo(a)  # both refusals at once, by steps that take them back
    assert {apps.get_application(a, n).status for n in (first, second)} == {Status.SUBMITTED}
    redo(a)
    assert {apps.get_application(a, n).status for n in (first, second)} == {Status.REJECTED}


def test_resolving_a_finding_is_undone(tmp_path) -> None:
    import dataclasses

    huang = kit.staff(11, "黄丽华", left=dt.date(2026, 7, 1))
    moved = dataclasses.replace(huang, hire_date=dt.date(2026, 7, 1), leave_date=None)
    files = [
        kit.record_file(tmp_path, kit.record(1, [huang], [kit.level_claim("2026-0001", huang, 2000)],
                        name="阳光社工")),
        kit.record_file(tmp_path, kit.record(2, [moved], [kit.level_claim("2026-0003", moved, 2000)],
                        name="明德社工")),
    ]  # fmt: skip
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, files)
    finding = list_findings(district)[0]
    resolve_finding(district, finding.id, "已电话核实")
    assert list_findings(district)[0].resolved
    assert describe(undo_status(district).undo.label) == f"Resolve finding {finding.id}"
    undo(district)
    assert not list_findings(district)[0].resolved
