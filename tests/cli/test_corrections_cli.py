"""The corrections from the command line, each with --json: exit code 0 when done, 1 when a rule
or a check refuses (the reason and clause on stderr, nothing changed), 2 for a usage error; the
audit log has old → new, and each correction is one step for ``swdesk undo``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.cli.main import main
from swdesk.services.workspace import Workspace
from swdesk.storage import audit

HUANG = "450602198904170420"
WEI = "450602198610020451"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", *args])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "x.db")
    steps = [
        ["init", "--agency", "测试中心", "--profile", "fangchenggang-2023"],
        ["staff", "add", "黄丽华", HUANG, "--hire-date", "2019-03-01"],
        ["staff", "add", "韦志强", WEI, "--hire-date", "2020-01-01"],
        ["credentials", "add", HUANG, "社会工作师", "S2020450001", "--obtained", "2020-06-20"],
        ["grades", "appoint", HUANG, "SW3", "--date", "2021-03-01"],
        ["training", "add-event", "--title", "伦理与实务", "--start", "2026-03-02", "--hours",
         "6", "--form", "face_to_face", "--attendee", HUANG, "--attendee", f"{WEI}:2"],
    ]  # fmt: skip
    for step in steps:
        assert run(capsys, "--db", path, *step)[0] == 0, step
    return path


def _log(path: str) -> list[dict]:
    ws = Workspace.open(path, read_only=True)
    try:
        return audit.entries(ws.db)
    finally:
        ws.close()


def _json(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> dict:
    code, out, err = run(capsys, "--db", db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_staff_edit(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    done = _json(capsys, db, "staff", "edit", WEI, "--phone", "13977000002", "--education",
                 "本科", "--hire-date", "2020-02-01")  # fmt: skip
    assert done["message"] == "Saved 韦志强." and done["areas"] == ["staff"]
    assert done["undo"]["label"] == "Edit the details of 韦志强"
    entry = _log(db)[-1]
    assert entry["action"] == "staff.update"
    assert (entry["old"]["hire_date"], entry["new"]["hire_date"]) == ("2020-01-01", "2020-02-01")
    assert entry["new"]["education"] == "本科" and entry["old"]["phone"] == ""
    code, _out, err = run(capsys, "--db", db, "staff", "edit", HUANG, "--hire-date", "2022-01-01")
    assert code == 1
    assert "would not work at the agency on 2021-03-01" in err
    assert "Clause: FCG-2023 (十)" in err
    assert _log(db)[-1] == entry  # nothing written
    assert run(capsys, "--db", db, "staff", "edit", HUANG, "--hire-date", "someday")[0] == 2
    assert run(capsys, "--db", db, "staff", "edit", WEI, "--leave-date", "none")[0] == 0


def test_credentials_edit_and_void(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    done = _json(capsys, db, "credentials", "edit", "s2020450001", "--number", "S2020450011")
    assert done["message"] == "Certificate S2020450011 corrected."
    entry = _log(db)[-1]
    assert entry["action"] == "credential.update"
    assert entry["old"]["certificate_number"] == "S2020450001"
    assert entry["new"]["certificate_number"] == "S2020450011"
    code, _out, err = run(capsys, "--db", db, "credentials", "edit", "S2020450011", "--level",
                          "assistant")  # fmt: skip
    assert code == 1 and "rests on this certificate" in err and "FCG-2023 (十)" in err
    code, _out, err = run(capsys, "--db", db, "credentials", "void", "S2020450011",
                          "--reason", "录错了")  # fmt: skip
    assert code == 1 and "Void that appointment first" in err
    assert run(capsys, "--db", db, "credentials", "void", "S2020450011")[0] == 2  # no reason
    assert run(capsys, "--db", db, "credentials", "edit", "NOPE", "--issuer", "x")[0] == 1


def test_grades_void_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    done = _json(capsys, db, "grades", "void", HUANG, "--date", "2021-03-01", "--reason",
                 "聘错了")  # fmt: skip
    assert done["message"].endswith("They hold no grade now.")
    assert done["areas"] == ["grades"]
    entry = _log(db)[-1]
    assert entry["action"] == "grade.void" and entry["new"]["void_reason"] == "聘错了"
    history = _json(capsys, db, "grades", "history", HUANG)
    assert [(a["grade"], a["void_reason"]) for a in history] == [("SW3", "聘错了")]
    assert history[0]["voided_on"] is not None  # kept in the history, voided
    listed = json.loads(run(capsys, "--db", db, "staff", "list", "--json")[1])
    assert next(p for p in listed if p["name"] == "黄丽华")["grade"] is None
    code, _out, err = run(capsys, "--db", db, "grades", "void", HUANG, "--date", "2021-03-01",
                          "--reason", "again")  # fmt: skip
    assert code == 1 and "no appointment dated 2021-03-01" in err
    # Now the certificate may go.
    assert (
        run(capsys, "--db", db, "credentials", "void", "S2020450001", "--reason", "录错了")[0] == 0
    )
    assert _log(db)[-1]["action"] == "credential.void"


def test_training_corrections(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    def hours(name: str) -> float:
        rows = json.loads(run(capsys, "--db", db, "training", "report", "--year", "2026",
                              "--json")[1])  # fmt: skip
        rows = rows["rows"] if isinstance(rows, dict) else rows
        return next(r["hours"] for r in rows if r["name"] == name)

    event = json.loads(run(capsys, "--db", db, "training", "list", "--json")[1])[0]["id"]
    done = _json(capsys, db, "training", "edit-event", str(event), "--hours", "8")
    assert done["message"] == "Training '伦理与实务' corrected."
    assert [e["action"] for e in _log(db)[-2:]] == ["training.update_event", "training.set_hours"]
    assert hours("黄丽华") == 8 and hours("韦志强") == 2
    assert _json(capsys, db, "training", "set-hours", str(event), WEI, "3")["areas"] == ["training"]
    assert hours("韦志强") == 3
    assert _log(db)[-1]["old"] == {"hours": 2.0} and _log(db)[-1]["new"] == {"hours": 3.0}
    code, _out, err = run(capsys, "--db", db, "training", "set-hours", str(event), WEI, "30")
    assert code == 1 and "more than the event" in err
    assert run(capsys, "--db", db, "training", "set-hours", "x", WEI, "3")[0] == 2
    done = _json(capsys, db, "training", "delete-event", str(event))
    assert "deleted with its 2 attendance records" in done["message"]
    assert hours("黄丽华") == 0
    assert run(capsys, "--db", db, "undo")[0] == 0
    assert hours("黄丽华") == 8


def test_award_payments_and_voiding_one(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "paid.csv"
    sheet.write_text(
        "姓名,身份证号,奖励类型,证书等级,金额,发放日期\n"
        f"黄丽华,{HUANG},专业水平提升奖励,社会工作师,2000,2023-05-01\n",
        encoding="utf-8-sig",
    )
    assert run(capsys, "--db", db, "import", "awards", str(sheet))[0] == 0
    [paid] = json.loads(run(capsys, "--db", db, "awards", "payments", "--json")[1])
    assert paid["voided_on"] is None and paid["source"] == "import"
    done = _json(capsys, db, "awards", "void-payment", str(paid["id"]), "--reason", "导入重复")
    assert "is void: 导入重复" in done["message"] and done["areas"] == ["awards"]
    entry = _log(db)[-1]
    assert entry["action"] == "award_payment.void" and entry["new"]["void_reason"] == "导入重复"
    [paid] = json.loads(run(capsys, "--db", db, "awards", "payments", "--json")[1])
    assert paid["void_reason"] == "导入重复"
    code, _out, err = run(capsys, "--db", db, "awards", "void-payment", str(paid["id"]),
                          "--reason", "x")  # fmt: skip
    assert code == 1 and "already void" in err
    text = run(capsys, "--db", db, "awards", "payments")[1]
    assert "导入重复" in text and "2,000" in text
