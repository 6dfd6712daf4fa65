"""The audit log read back: who changed what and when, old and new values, filters."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound
from swdesk.services.audit_trail import audit_trail
from swdesk.services.staff import add_staff, update_staff
from swdesk.services.workspace import Workspace

A = idnumber.make("450602", dt.date(1988, 3, 4), 231)
B = idnumber.make("450603", dt.date(1992, 7, 9), 442)


@pytest.fixture
def history(ws: Workspace) -> Workspace:
    a = add_staff(ws, name="韦秀英", id_number=A, phone="13800001111").created_id
    b = add_staff(ws, name="陆志强", id_number=B).created_id
    ws.user = "李主任"
    update_staff(ws, a, phone="13922223333", education="本科")
    # An entry from an earlier month, as if written then.
    ws.db.execute("UPDATE audit_log SET at = '2026-01-05T09:00:00+08:00' WHERE staff_id = ?", [b])
    ws.db.conn.commit()
    return ws


def test_an_update_shows_who_and_the_old_and_new_value_of_each_changed_field(
    history: Workspace,
) -> None:
    last = audit_trail(history)[-1]
    assert (last.user, last.action, last.staff_name) == ("李主任", "staff.update", "韦秀英")
    changes = {c.field: (c.old, c.new) for c in last.changes}
    assert changes == {"phone": ("138****1111", "139****3333"), "education": ("", "本科")}
    whole = audit_trail(history, show_personal=True)[-1]
    assert {c.field: c.new for c in whole.changes}["phone"] == "13922223333"


def test_filters_by_person_by_user_and_by_date(history: Workspace) -> None:
    about_a = audit_trail(history, staff_id_number=A)
    assert [e.action for e in about_a] == ["staff.add", "staff.update"]
    assert [e.action for e in audit_trail(history, user="李主任")] == ["staff.update"]
    january = audit_trail(history, since=dt.date(2026, 1, 1), until=dt.date(2026, 1, 31))
    assert [e.staff_name for e in january] == ["陆志强"]
    assert "陆志强" not in [e.staff_name for e in audit_trail(history, since=dt.date(2026, 2, 1))]
    with pytest.raises(NotFound):
        audit_trail(history, staff_id_number=idnumber.make("110101", dt.date(1990, 1, 1), 1))


def test_the_audit_command(history: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(history.path)
    history.close()
    assert main(["--lang", "en", "--db", db, "audit", "--staff", A, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in entries] == ["staff.add", "staff.update"]
    assert entries[1]["user"] == "李主任" and A not in json.dumps(entries, ensure_ascii=False)
    assert main(["--lang", "en", "--db", db, "audit", "--since", "2026-02-01"]) == 0
    out = capsys.readouterr().out
    assert "李主任" in out and "Phone: 138****1111 → 139****3333" in out
    assert "Person's details corrected" in out and "staff.update" not in out
    assert "陆志强" not in out and "13922223333" not in out
    # In Chinese: what was done, and each field as the forms name it.
    assert main(["--lang", "zh_CN", "--db", db, "audit", "--staff", A]) == 0
    out = capsys.readouterr().out
    assert "已添加人员" in out and "人员信息已更正" in out and "staff.add" not in out
    assert "性别：男" in out and "sex" not in out
    assert "联系电话：138****1111 → 139****3333" in out
