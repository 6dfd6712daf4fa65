"""Registration history (民发〔2009〕44号): every registration of a certificate kept — first,
re-registration, re-registration after a lapse — with the hours of each period; a re-registration
without the period's hours refused unless the reason is recorded; correcting and voiding one,
each with its reason and audit entry; and the credentials import adding history."""

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import RuleRefused, ValidationError
from swdesk.domain.registration_history import RegKind
from swdesk.i18n.reasons import describe
from swdesk.services import reminders, staff, training
from swdesk.services.imports import run_import
from swdesk.services.registration import HoursShort, record_registration, registration_overview
from swdesk.services.registration_history import (
    correct_registration,
    registration_history,
    registrations_of,
    void_registration,
)
from swdesk.services.workspace import Workspace
from swdesk.storage import audit

NUMBER = idnumber.make("452822", dt.date(1988, 2, 1), 400)


def social_worker(ws: Workspace, registered: dt.date | None = dt.date(2023, 8, 1)) -> int:
    staff_id = staff.add_staff(
        ws, name="梁伟", id_number=NUMBER, hire_date=dt.date(2016, 1, 1)
    ).created_id
    staff.add_credential(ws, NUMBER, level="social_worker", certificate_number="S0001",
                         obtained_on=dt.date(2017, 6, 20), registered_on=registered)  # fmt: skip
    return staff_id


def attend(ws: Workspace, hours: float, day: dt.date, title: str = "培训") -> None:
    training.add_individual_record(ws, NUMBER, title=f"{title}{day}", form="线上", start=day,
                                   end=None, hours=hours)  # fmt: skip


def test_a_re_registration_with_20_of_90_hours_is_refused_then_recorded_with_the_reason(
    ws: Workspace,
) -> None:
    staff_id = social_worker(ws)  # valid until 2026-08-01, window from 2026-05-01
    attend(ws, 20, dt.date(2024, 5, 10))
    with pytest.raises(HoursShort) as refused:
        record_registration(ws, "S0001", dt.date(2026, 7, 30))
    assert "20 of 90 hours" in str(refused.value) and "2023-08-01 to 2026-08-01" in str(
        refused.value
    )
    assert refused.value.clause == "民发〔2009〕44号"
    assert (refused.value.compliance.hours.total, refused.value.compliance.required) == (20, 90)
    assert staff.credentials_of(ws, staff_id)[0].registered_on == dt.date(2023, 8, 1)
    changes = record_registration(ws, "S0001", dt.date(2026, 7, 30),
                                  hours_short_reason="产假期间未能参训，经民政局同意")  # fmt: skip
    assert "hours short (20 of 90)" in changes.message
    first, second = registration_history(ws, staff_id)
    assert (first.period.kind, second.period.kind) == (RegKind.FIRST, RegKind.RENEWAL)
    assert (first.period.start, first.period.ends) == (dt.date(2023, 8, 1), dt.date(2026, 7, 29))
    assert (first.hours.hours.total, first.hours.required, first.hours.complete) == (20, 90, False)
    shortfall = describe(second.period.shortfall_reason("民发〔2009〕44号"))
    assert shortfall == "Registered with the hours short (20 of 90): 产假期间未能参训，经民政局同意"
    entry = audit.entries(ws.db)[-1]
    assert entry["action"] == "registration.add" and entry["new"]["short_reason"]


def test_a_re_registration_after_expiry_is_a_lapse_on_the_list_and_the_dashboard(
    ws: Workspace,
) -> None:
    social_worker(ws)
    attend(ws, 90, dt.date(2025, 3, 1))
    record_registration(ws, "S0001", dt.date(2026, 10, 15))  # expired after 2026-08-01
    [item] = registration_overview(ws)
    assert item.current.kind is RegKind.AFTER_LAPSE
    assert item.current.lapse == (dt.date(2026, 8, 2), dt.date(2026, 10, 14))
    text = describe(item.lapse())
    assert text.startswith("Unregistered from August 2, 2026 to October 14, 2026")
    found = [r for r in reminders.collect_reminders(ws) if r.kind == "registration_lapsed"]
    assert [(r.name, r.due) for r in found] == [("梁伟", dt.date(2026, 10, 15))]
    assert "Unregistered from" in describe(found[0].message)


def test_each_period_has_its_own_hours_and_none_counts_twice(ws: Workspace) -> None:
    staff_id = social_worker(ws, dt.date(2020, 9, 1))
    attend(ws, 60, dt.date(2021, 4, 1))
    attend(ws, 30, dt.date(2023, 8, 1), "换证日")  # the day of the re-registration: the new period
    record_registration(ws, "S0001", dt.date(2023, 8, 1), hours_short_reason="补学")
    attend(ws, 12, dt.date(2024, 1, 9))
    first, second = registration_history(ws, staff_id)
    assert (first.hours.hours.total, second.hours.hours.total) == (60, 42)
    assert first.period.ends == dt.date(2023, 7, 31)
    assert second.period.valid_until == dt.date(2026, 8, 1)


def test_correcting_and_voiding_keep_the_history_honest(ws: Workspace) -> None:
    staff_id = social_worker(ws, dt.date(2023, 8, 1))
    attend(ws, 90, dt.date(2025, 3, 1))
    record_registration(ws, "S0001", dt.date(2026, 6, 1))
    first, second = registrations_of(ws, "S0001")
    with pytest.raises(ValidationError, match="reason"):
        correct_registration(ws, second.id, dt.date(2026, 6, 2), " ")
    with pytest.raises(RuleRefused, match="window"):
        correct_registration(ws, second.id, dt.date(2024, 1, 1), "看错日期")
    correct_registration(ws, second.id, dt.date(2026, 6, 8), "登记证书上是6月8日")
    assert staff.credentials_of(ws, staff_id)[0].registered_on == dt.date(2026, 6, 8)
    entry = audit.entries(ws.db)[-1]
    assert (entry["action"], entry["old"]["registered_on"], entry["new"]["reason"]) == (
        "registration.correct", "2026-06-01", "登记证书上是6月8日"
    )  # fmt: skip
    void_registration(ws, second.id, "录入错误：此次再登记未办理")
    assert staff.credentials_of(ws, staff_id)[0].registered_on == dt.date(2023, 8, 1)
    assert [p.period.start for p in registration_history(ws, staff_id)] == [dt.date(2023, 8, 1)]
    kept = registrations_of(ws, "S0001")
    assert [(r.registered_on, r.voided, r.void_reason) for r in kept] == [
        (dt.date(2023, 8, 1), False, ""),
        (dt.date(2026, 6, 8), True, "录入错误：此次再登记未办理"),
    ]
    with pytest.raises(ValidationError, match="voided"):
        correct_registration(ws, second.id, dt.date(2026, 6, 9), "再改")
    assert audit.entries(ws.db)[-1]["action"] == "registration.void"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_shows_corrects_and_voids(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    social_worker(ws, dt.date(2023, 8, 1))
    attend(ws, 20, dt.date(2024, 5, 10))
    assert run(capsys, ws.path, "training", "register", "S0001", "--date", "2026-07-30",
               "--hours-short-reason", "病假")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, ws.path, "training", "registration-history", NUMBER)
    assert code == 0 and "Re-registration" in out and "hours short (20 of 90): 病假" in out
    code, out, _ = run(capsys, ws.path, "training", "registration-history", NUMBER, "--json")
    rows = json.loads(out)
    assert [(r["kind"], r["hours"], r["hours_required"]) for r in rows] == [
        ("first", 20, 90), ("renewal", 0, 90)
    ]  # fmt: skip
    second = rows[1]["id"]
    with pytest.raises(SystemExit) as usage:  # the reason is required
        run(capsys, ws.path, "training", "void-registration", str(second))
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    assert run(capsys, ws.path, "training", "void-registration", str(second), "--reason",
               "重复录入")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, ws.path, "training", "registration-history", NUMBER, "--all")
    assert "Voided" in out and "重复录入" in out


def test_the_credentials_import_adds_registrations_to_the_history(
    ws: Workspace, tmp_path: Path
) -> None:
    staff_id = social_worker(ws, dt.date(2017, 9, 1))
    book = Workbook()
    for row in (
        ["身份证号", "证书等级", "证书编号", "取得日期", "登记日期"],
        [NUMBER, "社会工作师", "S0001", "2017-06-20", "2020-08-20"],  # the later of two
        [NUMBER, "社会工作师", "S0001", "2017-06-20", "2020-08-20"],  # the same again
        [NUMBER, "助理社会工作师", "S0001", "2017-06-20", "2021-01-01"],  # another level
    ):
        book.active.append(row)
    path = tmp_path / "history.xlsx"
    book.save(path)
    result = run_import(ws, "credentials", path)
    problems = {(e.row, e.letter): e.message for e in result.errors}
    assert set(problems) == {(3, "E"), (4, "C")}
    assert "already in row 2" in problems[(3, "E")]
    book = Workbook()
    book.active.append(["身份证号", "证书等级", "证书编号", "取得日期", "登记日期"])
    book.active.append([NUMBER, "社会工作师", "S0001", "2017-06-20", "2026-08-20"])
    book.save(path)
    result = run_import(ws, "credentials", path)
    assert result.written and result.to_add == {"credentials": 0, "registrations": 1}
    history = registration_history(ws, staff_id)
    assert [p.period.start for p in history] == [dt.date(2017, 9, 1), dt.date(2026, 8, 20)]
    assert history[1].period.record.source == "import"
