"""The return file: the bureau's 不予批准 decisions, imported by the agency through its own
application service — whole or not at all, and only by the agency it is addressed to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.domain.applications import Status
from swdesk.domain.errors import NotFound, RuleRefused
from swdesk.exchange.submission_file import FileRefused
from swdesk.services import applications as apps
from swdesk.services.bureau_decisions import list_decisions, make_return, reject_claim
from swdesk.services.bureau_receive import receive
from swdesk.services.returns import import_return


@pytest.fixture
def setup(tmp_path: Path):
    a = kit.agency(tmp_path, "阳光社工", 1)
    first = kit.claim(a, kit.person(a, "黄丽华", 11), dt.date(2026, 3, 2))
    second = kit.claim(a, kit.person(a, "梁伟", 12), dt.date(2026, 3, 4))
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))])
    return a, district, first, second


def test_both_decisions_go_back_and_become_steps(setup, tmp_path) -> None:
    a, district, first, second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "材料不全：缺少证书复印件。")
    reject_claim(district, kit.credit_code(1), 2026, second, "未满两年。", on=dt.date(2026, 11, 20))
    with pytest.raises(RuleRefused, match="already decided"):
        reject_claim(district, kit.credit_code(1), 2026, first, "再次")
    with pytest.raises(NotFound):
        reject_claim(district, kit.credit_code(1), 2026, "2026-0099", "无")
    made = make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    assert len(made.returned.decisions) == 2
    assert all(d.returned_at for d in list_decisions(district))
    done = import_return(a, made.path)
    assert set(done.rejected) == {first, second}
    second_steps = apps.get_application(a, second).steps
    assert second_steps[-1].status is Status.REJECTED
    assert second_steps[-1].on == dt.date(2026, 11, 20)
    assert second_steps[-1].reason.startswith("未满两年。")


def test_a_return_for_another_agency_is_refused(setup, tmp_path) -> None:
    a, district, first, _second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    made = make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    other = kit.agency(tmp_path, "明德社工", 2)
    with pytest.raises(FileRefused, match="addressed to the agency"):
        import_return(other, made.path)


def test_nothing_is_recorded_when_one_claim_cannot_take_the_step(setup, tmp_path) -> None:
    a, district, first, second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    reject_claim(district, kit.credit_code(1), 2026, second, "重复申领")
    made = make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    # Meanwhile the agency recorded the second as approved: it cannot be rejected any more.
    apps.approve(a, second, "市民政局", dt.date(2026, 11, 21))
    with pytest.raises(FileRefused, match=second):
        import_return(a, made.path)
    assert apps.get_application(a, first).status is Status.SUBMITTED


def test_an_altered_return_is_refused(setup, tmp_path) -> None:
    a, district, first, _second = setup
    reject_claim(district, kit.credit_code(1), 2026, first, "重复申领")
    made = make_return(district, kit.credit_code(1), 2026, tmp_path / "ret.zip")
    import zipfile

    with zipfile.ZipFile(made.path) as zf:
        raw = zf.read("data.json")
    edited = raw.replace("重复申领".encode(), "同意发放".encode())
    bad = kit.rewrite(made.path, tmp_path / "bad.zip", raw_data=edited, fix_hashes=False)
    with pytest.raises(FileRefused):
        import_return(a, bad)
    assert apps.get_application(a, first).status is Status.SUBMITTED
    # A submission file is not a return file.
    with pytest.raises(FileRefused, match="a submission file, not a return file"):
        import_return(a, kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 2))))


def test_a_claim_the_agency_already_approved_cannot_be_refused(tmp_path) -> None:
    a = kit.agency(tmp_path, "阳光社工", 1)
    claim = kit.claim(a, kit.person(a, "黄丽华", 11), dt.date(2026, 3, 2))
    apps.approve(a, claim, "区民政局", dt.date(2026, 4, 1))
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))])
    with pytest.raises(RuleRefused, match="only a claim still waiting for approval"):
        reject_claim(district, kit.credit_code(1), 2026, claim, "重复申领")
    assert list_decisions(district) == []
