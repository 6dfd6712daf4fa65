"""The fast paths of issue 17 give what the straightforward ones give: counts made by SQLite,
staff and certificates read as tuples, reads shared inside one reading, bulk-written imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from swdesk.domain.grades import highest_level
from swdesk.services import dashboard
from swdesk.services.applications import list_applications, submit
from swdesk.services.awards import evaluate_awards
from swdesk.services.ce_report import ce_report
from swdesk.services.claims import create_level_award
from swdesk.services.reading import one_reading
from swdesk.services.reminders import PROVIDERS, collect_reminders
from swdesk.services.staff import all_credentials, list_staff, update_staff
from swdesk.storage import staff as store


def _straight_staff(ws):
    return [store.staff_from_row(r) for r in ws.db["staff"].rows_where(order_by="id")]


def _straight_credentials(ws):
    out = {}
    for r in ws.db["credentials"].rows_where(order_by="staff_id, obtained_on, id"):
        out.setdefault(r["staff_id"], []).append(store.credential_from_row(r))
    return out


def test_tuples_read_what_rows_read(demo_ws):
    assert list_staff(demo_ws) == _straight_staff(demo_ws)
    assert all_credentials(demo_ws) == _straight_credentials(demo_ws)
    today = demo_ws.today()
    in_post = [p for p in _straight_staff(demo_ws) if p.leave_date is None or p.leave_date > today]
    assert list_staff(demo_ws, include_left=False) == in_post
    assert len(in_post) < len(list_staff(demo_ws))  # the demo has people who left


def test_dashboard_counts_are_the_rules_counts(demo_ws):
    today = demo_ws.today()
    owed = [s for s in evaluate_awards(demo_ws, today) if s.amount_due > 0][:3]
    for n, standing in enumerate(owed):
        created = create_level_award(demo_ws, standing.staff.id_number, on=today)
        if n:
            submit(demo_ws, str(demo_ws.db["applications"].get(created.created_id)["number"]))
    creds = all_credentials(demo_ws)
    levels = Counter(
        highest_level(c.level for c in creds.get(p.id, []))
        for p in list_staff(demo_ws, include_left=False)
    )
    found = dashboard.counts(demo_ws, today)
    assert found.levels == levels
    assert found.applications == Counter(a.status.value for a in list_applications(demo_ws))
    assert found.applications == {"draft": 1, "submitted": 2}


def test_one_reading_changes_no_result(demo_ws):
    today = demo_ws.today()
    alone = [r for provider in PROVIDERS.values() for r in provider(demo_ws, today)]
    assert sorted(alone, key=lambda r: r.sort_key()) == collect_reminders(demo_ws, today)
    todo = dashboard.to_do(demo_ws, today)
    assert todo.reminders == collect_reminders(demo_ws, today)
    report = ce_report(demo_ws, today.year, today)
    assert todo.ce_counts == Counter(str(r.result.status.value) for r in report.rows)


def test_outside_one_reading_every_call_reads_afresh(demo_ws):
    person = list_staff(demo_ws)[0]
    with one_reading(demo_ws):
        first = list_staff(demo_ws)
        first.clear()  # a caller's copy: what is shared stays whole
        assert list_staff(demo_ws)[0] == person
    update_staff(demo_ws, person.id, note="changed")
    assert list_staff(demo_ws)[0] == dataclasses.replace(person, note="changed")
    assert ce_report(demo_ws, 2026, dt.date(2026, 11, 21)) == ce_report(
        demo_ws, 2026, dt.date(2026, 11, 21)
    )


def test_a_bulk_import_writes_what_one_by_one_would(demo_ws, tmp_path):
    from swdesk.domain import idnumber
    from swdesk.services.imports import run_import
    from swdesk.storage import audit

    roster = tmp_path / "roster.csv"
    numbers = [idnumber.make("450602", dt.date(1990, 1, 1 + n), 300 + n) for n in range(3)]
    roster.write_text(
        "姓名,身份证号,手机\n"
        + "".join(f"新人{n},{x},1390000000{n}\n" for n, x in enumerate(numbers)),
        encoding="utf-8",
    )
    before = {p.id for p in list_staff(demo_ws)}
    assert run_import(demo_ws, "staff", roster).written
    added = [p for p in list_staff(demo_ws) if p.id not in before]
    assert [p.id_number for p in added] == numbers
    assert [p.id for p in added] == list(range(max(before) + 1, max(before) + 4))
    entries = [e for e in audit.entries(demo_ws.db) if e["action"] == "staff.add"][-3:]
    assert [(e["row_id"], e["staff_id"]) for e in entries] == [(p.id, p.id) for p in added]
    assert [e["new"] for e in entries] == [store.staff_to_row(p) for p in added]


def test_an_imports_audit_entries_say_what_adding_one_by_one_says(ws, tmp_path):
    """The import's entries are made by SQLite from the rows stored: every column, text with
    quotes, a backslash and a line break, a civil servant, dates, read back as add_staff's."""
    from openpyxl import Workbook

    from swdesk.domain import idnumber
    from swdesk.services.imports import run_import
    from swdesk.services.staff import add_staff
    from swdesk.storage import audit

    numbers = [idnumber.make("450602", dt.date(1995, 3, 1 + n), 410 + n) for n in range(3)]
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "手机", "学历", "专业", "入职日期", "本市社会工作起始日期",
                  "在编公务员", "离职日期", "备注"])  # fmt: skip
    notes = ['说"引号"与 \\ 反斜杠', "两行\n第二行", ""]
    for n, number in enumerate(numbers):
        sheet.append([f"新人{n}", number, f"1390000000{n}", "硕士" if n else "", "社会工作",
                      dt.date(2019, 5, 1 + n), dt.date(2018, 1, 2), "是" if n == 1 else "否",
                      dt.date(2024, 6, 30) if n == 2 else None, notes[n]])  # fmt: skip
    roster = tmp_path / "roster.xlsx"
    book.save(roster)
    result = run_import(ws, "staff", roster)
    assert result.written, [e.describe() for e in result.errors]
    imported = [e for e in audit.entries(ws.db) if e["action"] == "staff.add"]
    people = sorted(list_staff(ws), key=lambda p: p.id)
    assert [(e["row_id"], e["staff_id"], e["old"]) for e in imported] == [
        (p.id, p.id, None) for p in people
    ]
    assert [e["new"] for e in imported] == [store.staff_to_row(p) for p in people]
    assert imported[1]["new"]["civil_servant"] == 1 and imported[0]["new"]["note"] == notes[0]
    # One by one, a person with the same details gets the same entry.
    twin = people[1]
    add_staff(
        ws, name="另一人", id_number=idnumber.make("450602", dt.date(1995, 3, 9), 421),
        phone=twin.phone, education=twin.education, major=twin.major, hire_date=twin.hire_date,
        social_work_since=twin.social_work_since, civil_servant=True, note=twin.note,
    )  # fmt: skip
    single = [e for e in audit.entries(ws.db) if e["action"] == "staff.add"][-1]
    own = ("name", "id_number", "sex", "birth_date")
    assert list(single["new"]) == list(imported[1]["new"])
    assert {k: v for k, v in single["new"].items() if k not in own} == {
        k: v for k, v in imported[1]["new"].items() if k not in own
    }


def test_a_certificate_imports_audit_entries_are_its_rows(demo_ws, tmp_path):
    """A certificates import's entries, made by SQLite, read back as credential_to_row of what
    was stored: with and without a registration date and an issuing body."""
    from swdesk.services.imports import run_import
    from swdesk.storage import audit

    people = list_staff(demo_ws)[:3]
    sheet = tmp_path / "certs.csv"
    sheet.write_text(
        "身份证号,证书等级,证书编号,取得日期,登记日期,发证机关\n"
        + "".join(
            f"{p.id_number},高级社会工作师,G2024{n:08d},2024-06-{10 + n},"
            f"{'2024-08-01' if n != 1 else ''},{'人力资源和社会保障部' if n else ''}\n"
            for n, p in enumerate(people)
        ),
        encoding="utf-8",
    )
    result = run_import(demo_ws, "credentials", sheet)
    assert result.written, [e.describe() for e in result.errors]
    imported = [e for e in audit.entries(demo_ws.db) if e["action"] == "credential.add"][-3:]
    rows = {r["id"]: r for r in demo_ws.db["credentials"].rows_where(order_by="id")}
    assert [(e["staff_id"], e["old"]) for e in imported] == [(p.id, None) for p in people]
    assert [e["new"] for e in imported] == [
        store.credential_to_row(store.credential_from_row(rows[e["row_id"]]), e["staff_id"])
        for e in imported
    ]
    assert [e["new"]["registered_on"] for e in imported] == ["2024-08-01", None, "2024-08-01"]
