"""The level award as FCG-2023 (十二) says it: the agency, as the person's 所在单位, claims only for
someone on its staff on the claim date who by then has 2 full years of social work in the city
and the certificate; claims are made from the policy's effective date (2023-01-01). Evaluation
and creation give the same answer with the same reason, in the services and on the command
line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import RuleRefused
from swdesk.i18n.reasons import describe
from swdesk.policies import load_profile
from swdesk.services import applications as apps
from swdesk.services.awards import evaluate_awards, level_award_for
from swdesk.services.claims import create_level_award
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "policies"


def person(ws: Workspace, seq: int, *, since, hired=None, left=None, certs=()) -> str:
    number = idnumber.make("452822", dt.date(1990, 1, 1), seq)
    add_staff(ws, name=f"社工{seq}", id_number=number, social_work_since=since, hire_date=hired,
              leave_date=left)  # fmt: skip
    for i, (level, day) in enumerate(certs):
        add_credential(ws, number, level=level, certificate_number=f"C{seq}-{i}", obtained_on=day)
    return number


def standing(ws: Workspace, number: str, as_of: dt.date):
    return next(
        s for s in evaluate_awards(ws, as_of, include_left=True) if s.staff.id_number == number
    )


def failed(reasons) -> list[str]:
    return [describe(r) for r in reasons if not r.held]


def test_a_leaver_after_eleven_months_is_not_eligible_and_no_date_after_leaving_is_shown(
    ws: Workspace,
) -> None:
    number = person(ws, 1, since=dt.date(2024, 1, 1), hired=dt.date(2024, 1, 1),
                    left=dt.date(2024, 12, 1), certs=[("助理社会工作师", dt.date(2024, 6, 20))])  # fmt: skip
    s = standing(ws, number, ws.today())
    assert (s.eligible, s.eligible_from, s.amount_due) == (False, None, 0)
    why = failed(s.reasons)
    assert why == [
        "On the agency's staff until 2024-12-01, before the years of service and the certificate"
        " were both complete: the agency cannot claim the award for them."
    ]
    with pytest.raises(RuleRefused) as refused:
        create_level_award(ws, number)
    assert str(refused.value) == why[0] and refused.value.clause == "FCG-2023 (十二)"
    assert ws.db["applications"].count == 0


def test_a_certificate_obtained_after_leaving_opens_nothing_here(ws: Workspace) -> None:
    number = person(ws, 2, since=dt.date(2020, 3, 1), hired=dt.date(2020, 3, 1),
                    left=dt.date(2023, 5, 1), certs=[("社会工作师", dt.date(2023, 6, 18))])  # fmt: skip
    s = standing(ws, number, ws.today())
    assert (s.eligible, s.eligible_from) == (False, None)
    assert any("until 2023-05-01" in w for w in failed(s.reasons))
    with pytest.raises(RuleRefused, match="until 2023-05-01"):
        create_level_award(ws, number)


def test_service_counts_from_social_work_since_before_the_hire_date(ws: Workspace) -> None:
    # 连续满2年 from 2022-03-01 is reached on 2024-03-01 (民法典 第201–203条).
    number = person(ws, 3, since=dt.date(2022, 3, 1), hired=dt.date(2023, 9, 1),
                    certs=[("助理社会工作师", dt.date(2023, 6, 18))])  # fmt: skip
    assert standing(ws, number, ws.today()).eligible_from == dt.date(2024, 3, 1)
    with pytest.raises(RuleRefused, match="complete on 2024-03-01"):
        create_level_award(ws, number, on=dt.date(2024, 2, 29))
    created = create_level_award(ws, number, on=dt.date(2024, 3, 1))
    assert "1,000 CNY" in created.message


def test_a_claim_made_while_on_staff_is_paid_after_the_person_left(ws: Workspace) -> None:
    number = person(ws, 4, since=dt.date(2020, 3, 1), hired=dt.date(2020, 3, 1),
                    left=dt.date(2025, 6, 30), certs=[("助理社会工作师", dt.date(2021, 6, 20))])  # fmt: skip
    assert standing(ws, number, dt.date(2025, 6, 1)).eligible
    later = standing(ws, number, dt.date(2025, 7, 1))
    assert not later.eligible and later.eligible_from == dt.date(2023, 1, 1)
    assert "Left the agency on 2025-06-30" in failed(later.reasons)[0]
    with pytest.raises(RuleRefused, match="Left the agency on 2025-06-30"):
        create_level_award(ws, number, on=dt.date(2025, 7, 1))
    app_number = create_level_award(ws, number, on=dt.date(2025, 6, 1)).message.split()[1]
    apps.submit(ws, app_number, dt.date(2025, 6, 2))
    apps.approve(ws, app_number, "民政局", dt.date(2025, 8, 1))
    apps.pay(ws, app_number, on=dt.date(2025, 9, 1))  # the claim was the agency's to make
    assert apps.get_application(ws, app_number).status.value == "paid"


def test_a_claim_dated_before_the_policy_took_effect_is_refused_with_the_clause(
    ws: Workspace,
) -> None:
    number = person(
        ws, 5, since=dt.date(2015, 3, 1), certs=[("助理社会工作师", dt.date(2019, 6, 20))]
    )
    with pytest.raises(RuleRefused) as refused:
        create_level_award(ws, number, on=dt.date(2019, 9, 1))
    assert "takes effect on 2023-01-01: a claim dated 2019-09-01 is earlier" in str(refused.value)
    assert refused.value.clause == "FCG-2023 (十二)"
    # The certificate of 2019 still counts, as the ≤2022 rule says.
    result = level_award_for(ws, 1, dt.date(2023, 1, 1))
    assert (result.eligible, result.amount_due, result.eligible_from) == (
        True, 1000, dt.date(2023, 1, 1)
    )  # fmt: skip
    create_level_award(ws, number, on=dt.date(2023, 1, 1))


def test_a_profile_without_effective_from_keeps_the_old_behaviour_and_says_so(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (SHIPPED / "fangchenggang-2023.toml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("effective_from")]
    (tmp_path / "old-test.toml").write_text(
        "\n".join(lines).replace('id = "fangchenggang-2023"', 'id = "old-test"'), encoding="utf-8"
    )
    shutil.copy(SHIPPED / "national.toml", tmp_path)
    profile = load_profile(tmp_path / "old-test.toml")
    assert (
        profile.level_award.effective_from is None and profile.reimbursement.effective_from is None
    )
    ws._profile = profile
    number = person(
        ws, 6, since=dt.date(2015, 3, 1), certs=[("助理社会工作师", dt.date(2019, 6, 20))]
    )
    result = level_award_for(ws, 1, dt.date(2019, 9, 1))
    assert result.eligible and result.eligible_from == dt.date(2019, 6, 20)
    assert "gives no effective date (effective_from)" in " ".join(
        describe(r) for r in result.reasons
    )
    create_level_award(ws, number, on=dt.date(2019, 9, 1))


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_gives_the_same_answer_for_a_leaver(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    number = person(ws, 7, since=dt.date(2024, 1, 1), hired=dt.date(2024, 1, 1),
                    left=dt.date(2024, 12, 1), certs=[("助理社会工作师", dt.date(2024, 6, 20))])  # fmt: skip
    code, out, _ = run(capsys, ws.path, "awards", "evaluate", "--json")
    assert code == 0 and number not in {x["id_number"] for x in json.loads(out)}
    code, out, _ = run(capsys, ws.path, "awards", "evaluate", "--include-left", "--json")
    [leaver] = [x for x in json.loads(out) if x["id_number"] == number]
    assert (leaver["eligible"], leaver["eligible_from"]) == (False, None)
    why = next(r["text"] for r in leaver["reasons"] if not r["held"])
    code, _out, err = run(capsys, ws.path, "applications", "create", "level-award", number)
    assert code == 1 and why in err and "FCG-2023 (十二)" in err


def test_exam_costs_and_agency_subsidies_have_their_effective_date_too(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    from swdesk.services.awards import list_honours, record_honour
    from swdesk.services.claims import create_exam_claim, create_subsidy

    number = person(ws, 8, since=dt.date(2015, 3, 1))
    with pytest.raises(RuleRefused, match="takes effect on 2023-01-01") as refused:
        create_exam_claim(ws, number, exam_year=2022, level="助理社会工作师",
                          items={"registration_fee": "100"}, on=dt.date(2022, 11, 1))  # fmt: skip
    assert refused.value.clause == "FCG-2023 (十二)"
    exam = create_exam_claim(ws, number, exam_year=2023, level="助理社会工作师",
                             items={"registration_fee": "100"}, on=dt.date(2023, 12, 1))  # fmt: skip
    # An honour of 2022 still counts; a claim for its subsidy dated 2022 does not.
    record_honour(ws, "advanced_unit_regional", dt.date(2022, 6, 1))
    honour = list_honours(ws)[0].id
    with pytest.raises(RuleRefused, match="takes effect on 2023-01-01"):
        create_subsidy(ws, honour, on=dt.date(2022, 12, 1))
    create_subsidy(ws, honour, on=dt.date(2023, 1, 5))
    code, out, _ = run(capsys, ws.path, "applications", "show", exam.message.split()[1])
    assert code == 0 and "In effect from 2023-01-01; claimed on 2023-12-01." in out
