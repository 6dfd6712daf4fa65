"""The training commands on the demo agency, checked against expectations computed here from the
raw rows (attendance, events, staff, credentials) with the rules re-derived independently."""

import calendar
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.services.workspace import Workspace

AS_OF = dt.date(2026, 11, 21)  # the demo fixture's today


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["--lang", lang, *args])
    out, err = capsys.readouterr()
    return code, out, err


def raw_facts(ws: Workspace) -> dict:
    """Everything the rules need, read row by row with no aggregate."""
    conn = ws.db.conn
    staff = {
        r[0]: {"id_number": r[1], "name": r[2], "hire": r[3], "leave": r[4]}
        for r in conn.execute("SELECT id, id_number, name, hire_date, leave_date FROM staff")
    }
    creds = defaultdict(list)
    for sid, level, number, obtained, registered in conn.execute(
        "SELECT staff_id, level, certificate_number, obtained_on, registered_on FROM credentials"
    ):
        creds[sid].append((level, number, obtained, registered))
    attended = [
        (sid, hours, end)
        for sid, hours, end in conn.execute(
            "SELECT a.staff_id, a.hours, e.end_date FROM attendance a, training_events e "
            "WHERE e.id = a.event_id"
        )
    ]
    return {"staff": staff, "creds": creds, "attended": attended}


def hours_between(facts: dict, sid: int, first: str, last: str) -> float:
    return round(sum(h for s, h, end in facts["attended"] if s == sid and first <= end <= last), 2)


def employed(p: dict, day: str) -> bool:
    return (p["hire"] is None or p["hire"] <= day) and (p["leave"] is None or p["leave"] > day)


def expected_annual(facts: dict) -> dict[str, dict]:
    """FCG-2023 (八): 50 hours a calendar year, no caps, for certified staff at work."""
    day = AS_OF.isoformat()
    share = AS_OF.timetuple().tm_yday / 365
    out = {}
    for sid, p in facts["staff"].items():
        hours = hours_between(facts, sid, "2026-01-01", day)
        worked_in_year = employed(p, "2026-01-01") or (p["hire"] or "") >= "2026-01-01"
        if not hours and not worked_in_year:
            continue
        held_at_start = any(c[2] <= "2026-01-01" for c in facts["creds"][sid])
        if not held_at_start or not employed(p, day):
            out[p["id_number"]] = {"hours": hours, "status": "not_required", "required": None}
            continue
        expected = round(50 * share, 1)
        status = "met" if hours >= 50 else "on_pace" if hours >= expected else "behind"
        out[p["id_number"]] = {
            "hours": hours,
            "required": 50,
            "expected_by_now": expected,
            "shortfall": round(max(0, 50 - hours), 2),
            "status": status,
        }
    return out


def test_report_json_on_the_demo_matches_the_raw_rows(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "--db", str(demo_ws.path), "training", "report", "--year", "2026",
        "--as-of", AS_OF.isoformat(), "--json",
    )  # fmt: skip
    assert code == 0
    got = {r["id_number"]: r for r in json.loads(out)}
    want = expected_annual(raw_facts(demo_ws))
    assert set(got) == set(want)
    for number, expected in want.items():
        row = got[number]
        for key, value in expected.items():
            assert row[key] == pytest.approx(value), (number, key)
        assert row["clause"] == "FCG-2023 (八)"
    # The demo has someone at each status, and not_required always says why.
    assert {r["status"] for r in got.values()} == {"met", "on_pace", "behind", "not_required"}
    assert all(r["reason"] for r in got.values() if r["status"] == "not_required")


def years_after(day: dt.date, n: int) -> dt.date:
    last = calendar.monthrange(day.year + n, day.month)[1]
    return dt.date(day.year + n, day.month, min(day.day, last))


def months_before(day: dt.date, n: int) -> dt.date:
    month0 = day.month - 1 - n
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


CE_AND_REGISTRATION_KINDS = {
    "ce_behind",
    "ce_short_period_end",
    "registration_due",
    "registration_overdue",
    "renewal_open",
    "registration_expired",
}


def expected_reminders(facts: dict) -> set[tuple]:
    """(kind, id_number, due, severity) of every reminder due on AS_OF, re-derived by hand."""
    day = AS_OF.isoformat()
    annual = expected_annual(facts)
    out = set()
    rank = {"assistant": 1, "social_worker": 2, "senior": 3}
    for sid, p in facts["staff"].items():
        if not employed(p, day):
            continue
        a = annual.get(p["id_number"])
        # From 1 November, anyone required and not done is "short with the year ending".
        if a and a["status"] in ("behind", "on_pace"):
            severity = "high" if a["status"] == "behind" else "medium"
            out.add(("ce_short_period_end", p["id_number"], "2026-12-31", severity))
        held = [c for c in facts["creds"][sid] if c[2] <= day]
        if not held:
            continue
        level, _number, obtained, registered = max(held, key=lambda c: (rank[c[0]], c[2]))
        if registered is None or registered > day:
            # 民法典 第201–203条: within a year of 2024-06-01 is by 2025-06-01.
            deadline = years_after(dt.date.fromisoformat(obtained), 1)
            if deadline < AS_OF:
                out.add(("registration_overdue", p["id_number"], deadline.isoformat(), "high"))
            else:
                sev = "medium" if months_before(deadline, 3) <= AS_OF else "low"
                out.add(("registration_due", p["id_number"], deadline.isoformat(), sev))
            continue
        start = dt.date.fromisoformat(registered)
        last = years_after(start, 3)  # registered 2024-03-01: valid to 2027-03-01
        required = 72 if level == "assistant" else 90
        hours = hours_between(facts, sid, registered, min(last, AS_OF).isoformat())
        if last < AS_OF:
            out.add(("registration_expired", p["id_number"], last.isoformat(), "high"))
        elif months_before(last, 3) <= AS_OF:
            sev = "medium" if hours >= required else "high"
            out.add(("renewal_open", p["id_number"], last.isoformat(), sev))
        else:
            elapsed = ((AS_OF - start).days + 1) / ((last - start).days + 1)
            if hours < round(required * elapsed, 1):
                out.add(("ce_behind", p["id_number"], last.isoformat(), "medium"))
    return out


def test_reminders_json_on_the_demo_matches_the_raw_rows(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "--db", str(demo_ws.path), "reminders", "--as-of", AS_OF.isoformat(), "--json"
    )
    assert code == 0
    everything = json.loads(out)
    # Other providers (awards, applications) add their own kinds; these are this module's.
    got = [r for r in everything if r["kind"] in CE_AND_REGISTRATION_KINDS]
    assert {(r["kind"], r["id_number"], r["due"], r["severity"]) for r in got} == (
        expected_reminders(raw_facts(demo_ws))
    )
    assert len(got) == len({(r["kind"], r["id_number"]) for r in got})
    severities = [r["severity"] for r in everything]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    for r in got:
        assert r["message"] and r["name"] in r["message"]
        assert r["clause"] in ("FCG-2023 (八)", "民发〔2009〕44号", "民发〔2009〕123号")


def test_reminders_in_chinese(demo_ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", str(demo_ws.path), "reminders", "--as-of", "2026-11-21", "--json",
        lang="zh_CN",
    )  # fmt: skip
    assert code == 0
    messages = [r["message"] for r in json.loads(out) if r["kind"] in CE_AND_REGISTRATION_KINDS]
    assert messages and all("学时" in m or "登记" in m for m in messages)


def new_agency(tmp_path: Path, capsys: pytest.CaptureFixture[str], people: int) -> tuple:
    """A data file set up through the commands themselves; returns it and the identity numbers."""
    db = str(tmp_path / "cli.db")
    assert run(capsys, "--db", db, "init", "--agency", "测试中心", "--profile",
               "fangchenggang-2023")[0] == 0  # fmt: skip
    numbers = []
    for i in range(people):
        number = idnumber.make("452822", dt.date(1990, 3, 1 + i), 200 + i)
        assert run(capsys, "--db", db, "staff", "add", f"学员{i}", number)[0] == 0
        numbers.append(number)
    return db, numbers


def test_add_event_prints_the_event_id_and_list_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, (a, b) = new_agency(tmp_path, capsys, 2)
    code, out, err = run(
        capsys, "--db", db, "training", "add-event", "--title", "儿童保护", "--start",
        "2026年5月8日", "--end", "2026-05-09", "--hours", "12", "--form", "面授",
        "--organiser", "市妇联", "--attendee", a, "--attendee", f"{b}:6",
    )  # fmt: skip
    assert code == 0, err
    event_id = int(out.strip().splitlines()[-1])
    code, out, _ = run(capsys, "--db", db, "training", "list", "--year", "2026", "--json")
    listed = json.loads(out)
    assert [(e["id"], e["attendees"], e["attendee_hours"], e["form"]) for e in listed] == [
        (event_id, 2, 18, "face_to_face")
    ]
    code, out, _ = run(capsys, "--db", db, "training", "list")
    assert "儿童保护" in out and "Face-to-face" in out


def test_bad_attendee_hours_exit_1_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, (a,) = new_agency(tmp_path, capsys, 1)
    code, _out, err = run(
        capsys, "--db", db, "training", "add-event", "--title", "督导", "--start",
        "2026-05-08", "--hours", "3", "--form", "督导", "--attendee", f"{a}:5",
    )  # fmt: skip
    assert code == 1
    assert "5 hours is more than the event '督导' lasts (3 hours)" in err
    code, out, _ = run(capsys, "--db", db, "training", "list", "--json")
    assert json.loads(out) == []


def test_export_writes_the_bureau_table_in_chinese(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "ce.xlsx"
    code, out, err = run(
        capsys, "--db", str(demo_ws.path), "training", "export", "--year", "2026", "--as-of",
        "2026-11-21", "-o", str(target), lang="zh_CN",
    )  # fmt: skip
    assert code == 0, err
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "防城港市港口区阳光社会工作服务中心" in rows[0][0]
    assert "2026" in rows[1][0]
    headers = rows[3]
    assert headers[:3] == ("序号", "姓名", "身份证号")
    counted = headers.index("计入学时")
    people = rows[4:-3]
    assert len(people) == len(expected_annual(raw_facts(demo_ws)))
    total = rows[-3]
    assert total[0] == "合计"
    assert total[counted] == pytest.approx(sum(r[counted] for r in people))
    assert all(isinstance(r[2], str) and len(r[2]) == 18 for r in people)


def test_export_neutralises_formula_text(
    ws: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from swdesk.services.staff import add_staff

    number = idnumber.make("452822", dt.date(1991, 1, 1), 300)
    add_staff(ws, name="=HYPERLINK(1)", id_number=number, hire_date=dt.date(2020, 1, 1))
    target = tmp_path / "x.xlsx"
    assert run(capsys, "--db", str(ws.path), "training", "export", "--year", "2026",
               "-o", str(target))[0] == 0  # fmt: skip
    cells = [row[1] for row in openpyxl.load_workbook(target).active.iter_rows()]
    [cell] = [c for c in cells if c.value == "=HYPERLINK(1)"]
    # Shown as typed, stored as text with Excel's quote prefix: never evaluated.
    assert cell.data_type == "s" and cell.quotePrefix


def test_registrations_and_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, (a,) = new_agency(tmp_path, capsys, 1)
    assert run(capsys, "--db", db, "credentials", "add", a, "助理社会工作师", "Z2023001",
               "--obtained", "2023-06-20", "--registered", "2023-09-01")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "training", "registrations", "--as-of", "2026-11-21",
                       "--json")  # fmt: skip
    [item] = json.loads(out)
    assert (item["state"], item["due"], item["hours_done"]) == ("expired", "2026-09-01", False)
    # No hours in the period: refused until the reason is given (民发〔2009〕44号).
    code, _out, err = run(capsys, "--db", db, "training", "register", "Z2023001", "--date",
                          "2026-11-20")  # fmt: skip
    assert code == 1 and "0 of 72 hours" in err and "--hours-short-reason" in err
    assert run(capsys, "--db", db, "training", "register", "Z2023001", "--date", "2026-11-20",
               "--hours-short-reason", "学时证明遗失，已补交说明")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "training", "registrations", "--as-of", "2026-11-21",
                       "--json")  # fmt: skip
    [item] = json.loads(out)
    assert (item["state"], item["due"]) == ("valid", "2029-11-20")
    # Renewed after it expired on 2026-09-01: a lapse from the day after to the day before.
    assert item["lapse"] == {"from": "2026-09-02", "to": "2026-11-19"}
    code, _out, err = run(capsys, "--db", db, "training", "register", "Z2023001", "--date",
                          "2026-01-01")  # fmt: skip
    assert code == 1 and "already registered on 2026-11-20" in err
