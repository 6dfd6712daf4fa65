"""Personal data: lists and errors mask identity numbers, whole numbers shown on the command line
are written to the audit log, guessing the program password gets slower with each wrong try, and
a restore that would drop the password asks first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.services import security
from swdesk.services.staff import add_staff
from swdesk.services.workspace import Workspace
from swdesk.storage.backup import make_backup

ID = idnumber.make("452822", dt.date(1989, 4, 17), 42)
MASKED = idnumber.mask(ID)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(ws: Workspace, db_path: Path) -> str:
    add_staff(ws, name="黄丽华", id_number=ID, phone="13977000001")
    ws.close()
    return str(db_path)


def test_staff_list_json_masks_unless_asked_and_asking_is_audited(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", office, "staff", "list", "--json")
    [person] = json.loads(out)
    assert code == 0 and person["id_number"] == MASKED and person["phone"] == "139****0001"
    assert person["birth_date"] is None and ID not in out and "13977000001" not in out
    code, out, _ = run(capsys, "--db", office, "staff", "list", "--json", "--show-personal")
    [person] = json.loads(out)
    assert person["id_number"] == ID and person["phone"] == "13977000001"
    run(capsys, "--db", office, "staff", "list", "--show-personal")
    code, out, _ = run(capsys, "--db", office, "audit", "--json", "--show-personal")
    reveals = [e for e in json.loads(out) if e["action"] == "personal.reveal"]
    assert len(reveals) == 2  # the two staff lists; this audit listing is noted after it
    code, out, _ = run(capsys, "--db", office, "audit", "--json")
    assert len([e for e in json.loads(out) if e["action"] == "personal.reveal"]) == 3


@pytest.mark.parametrize(
    "command",
    [
        ["staff", "add", "黄丽华", ID],
        ["staff", "add", "黄丽华", ID[:-1] + ("0" if ID[-1] != "0" else "1")],
        ["staff", "add", "黄丽华", ID, "--sex", "男" if int(ID[16]) % 2 == 0 else "女"],
        ["training", "add-event", "--title", "课", "--start", "2025-05-01", "--hours", "2",
         "--form", "online", "--attendee", idnumber.make("452822", dt.date(1990, 1, 1), 7)],
        ["grades", "appoint", idnumber.make("452822", dt.date(1990, 1, 1), 7), "SW1",
         "--date", "2025-01-01"],
    ],
)  # fmt: skip
def test_no_error_message_holds_a_whole_identity_number(
    office: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    number = next(a for a in command if len(a) == 18)
    code, out, err = run(capsys, "--db", office, *command)
    assert code == 1 and err
    assert number not in err and idnumber.mask(number) in err


def test_a_wrong_row_in_an_import_masks_the_number(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "roster.csv"
    sheet.write_text(f"姓名,身份证号\n黄丽华,{ID}\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", office, "import", "staff", str(sheet))
    assert code == 1 and ID not in out + err and MASKED in out + err


def test_wrong_passwords_make_the_next_try_wait_longer_and_longer(ws: Workspace) -> None:
    security.set_password(ws, "sunshine-2026")
    now = [1000.0]
    guard = security.UnlockGuard(clock=lambda: now[0])
    waits = []
    for _ in range(8):
        assert guard.attempt(ws, "wrong") is False
        waits.append(guard.wait_left())
        now[0] += guard.wait_left()
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32]
    now[0] += 10
    guard.attempt(ws, "wrong")
    assert guard.wait_left() == 60  # at most a minute
    # While the delay runs, not even the right password is tried.
    assert guard.attempt(ws, "sunshine-2026") is False and guard.failures == 9
    now[0] += 60
    assert guard.attempt(ws, "sunshine-2026") is True
    assert guard.failures == 0 and guard.wait_left() == 0


def test_the_guard_outlives_closing_and_opening_the_file(ws: Workspace) -> None:
    assert security.unlock_guard(ws) is security.unlock_guard(ws)


def test_a_restore_that_would_drop_the_password_needs_to_be_asked_for(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before_password = make_backup(Path(office)).path
    ws = Workspace.open(office)
    security.set_password(ws, "sunshine-2026")
    ws.close()
    code, out, err = run(capsys, "--db", office, "restore", str(before_password))
    assert code == 1 and "there will be no program password" in err and "--without-password" in err
    ws = Workspace.open(office, read_only=True)
    assert security.password_is_set(ws)
    ws.close()
    code, out, err = run(capsys, "--db", office, "restore", str(before_password),
                         "--without-password")  # fmt: skip
    assert code == 0 and "no program password" in out
    ws = Workspace.open(office, read_only=True)
    assert not security.password_is_set(ws)
    ws.close()


def test_a_restore_that_keeps_or_brings_a_password_needs_no_flag(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.open(office)
    security.set_password(ws, "sunshine-2026")
    ws.close()
    with_password = str(make_backup(Path(office)).path)
    assert run(capsys, "--db", office, "restore", with_password)[0] == 0
    ws = Workspace.open(office)
    security.remove_password(ws, "sunshine-2026")
    ws.close()
    assert run(capsys, "--db", office, "restore", with_password)[0] == 0  # none is lost
