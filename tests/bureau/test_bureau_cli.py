"""The bureau's side from the command line, with the exit codes scripts rely on (0 done, 1 a
refusal with its message on stderr, 2 a usage error) and --json where a command lists things."""

from __future__ import annotations

import json
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.cli.main import main
from swdesk.storage import audit
from swdesk.storage.database import open_database

PROFILE = "fangchenggang-2023"
PERSON = kit.id_number(11)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", *args])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def agency(capsys, folder: Path, seq: int, name: str) -> str:
    db = str(folder / f"a{seq}.db")
    assert run(capsys, "--db", db, "init", "--agency", name, "--profile", PROFILE,
               "--credit-code", kit.credit_code(seq))[0] == 0  # fmt: skip
    assert run(capsys, "--db", db, "staff", "add", "黄丽华", PERSON, "--social-work-since",
               "2018-03-01", "--hire-date", "2020-01-01")[0] == 0  # fmt: skip
    assert run(capsys, "--db", db, "credentials", "add", PERSON, "社会工作师", f"GX{seq}",
               "--obtained", "2023-06-18")[0] == 0  # fmt: skip
    assert run(capsys, "--db", db, "applications", "create", "level-award", PERSON)[0] == 0
    assert run(capsys, "--db", db, "applications", "submit", f"{_year()}-0001")[0] == 0
    return db


def _year() -> int:
    import datetime as dt

    return dt.date.today().year


def test_the_bureau_from_the_shell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    year = str(_year())
    a = agency(capsys, tmp_path, 1, "阳光社工")
    b = agency(capsys, tmp_path, 2, "明德社工")
    code, out, _ = run(capsys, "--db", a, "submit", "--period", year, "-o", str(tmp_path / "a.zip"), "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["claims"] == 1
    assert run(capsys, "--db", b, "submit", "--period", year, "-o", str(tmp_path / "b.zip"))[0] == 0

    d = str(tmp_path / "district.db")
    code, _, err = run(capsys, "--db", d, "init", "--bureau", "港口区民政局", "--profile", PROFILE)
    assert code == 1 and "--level" in err
    assert run(capsys, "--db", d, "init", "--bureau", "港口区民政局", "--level", "town",
               "--profile", PROFILE)[0] == 2  # fmt: skip
    assert run(capsys, "--db", d, "init", "--bureau", "港口区民政局", "--level", "district",
               "--profile", PROFILE, "--credit-code", kit.credit_code(90, "11450600MB"))[0] == 0  # fmt: skip
    assert run(capsys, "--db", d, "bureau", "expect", kit.credit_code(3), "启航社工站")[0] == 0
    assert run(capsys, "--db", d, "bureau", "deadline", "--period", year, "--due", f"{year}-12-31")[0] == 0  # fmt: skip

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    code, _, err = run(capsys, "--db", d, "bureau", "receive", str(tmp_path / "a.zip"), str(bad))
    assert code == 1 and "bad.zip was refused, nothing was changed" in err
    code, out, _ = run(capsys, "--db", d, "bureau", "receive", str(tmp_path / "a.zip"),
                       str(tmp_path / "b.zip"), "--json")  # fmt: skip
    receipt = json.loads(out)
    assert code == 0 and [r["outcome"] for f in receipt["files"] for r in f["records"]] == [
        "new",
        "new",
    ]
    # The same person on both staffs at once, and claimed by both.
    assert receipt["new_findings"] == 2

    code, out, _ = run(capsys, "--db", d, "bureau", "status", "--period", year, "--json")
    states = {u["name"]: u["state"] for u in json.loads(out)["units"]}
    assert states == {"阳光社工": "on_time", "明德社工": "on_time", "启航社工站": "missing"}
    code, out, _ = run(capsys, "--db", d, "bureau", "findings", "--json")
    found = {f["kind"]: f for f in json.loads(out)}
    assert set(found) == {"double_claim", "two_staffs"}
    finding = found["double_claim"]
    assert finding["clause"] == "FCG-2023 (十二)"
    assert finding["people"][0]["id_number"] == "4528**********0111"
    out = run(capsys, "--db", d, "bureau", "findings", "--json", "--show-personal")[1]
    assert {f["people"][0]["id_number"] for f in json.loads(out)} == {PERSON}
    db = open_database(d, read_only=True)
    assert any(e["action"] == "personal.reveal" for e in audit.entries(db))
    db.close()
    out = run(capsys, "--db", d, "bureau", "findings")[1]
    assert "Claimed by two agencies" in out and PERSON not in out

    number = f"{year}-0001"
    code, out, _ = run(capsys, "--db", d, "bureau", "reject", kit.credit_code(2), number,
                       "--period", year, "--finding", str(finding["id"]))  # fmt: skip
    assert code == 0 and "not approved" in out
    assert run(capsys, "--db", d, "bureau", "reject", kit.credit_code(2), number, "--period", year, "--reason", "x")[0] == 1  # fmt: skip
    out = run(capsys, "--db", d, "bureau", "decisions", "--json")[1]
    assert [x["number"] for x in json.loads(out)] == [number]
    ret = str(tmp_path / "return.zip")
    assert run(capsys, "--db", d, "bureau", "return", kit.credit_code(2), "--period", year, "-o", ret)[0] == 0  # fmt: skip
    code, _, err = run(capsys, "--db", a, "import-return", ret)
    assert code == 1 and "addressed to the agency" in err
    code, out, _ = run(capsys, "--db", b, "import-return", ret, "--json")
    assert code == 0 and json.loads(out)["rejected"] == [number]
    out = run(capsys, "--db", b, "applications", "show", number)[1]
    assert "港口区民政局" in out and "Rejected" in out

    assert run(capsys, "--db", d, "bureau", "resolve", str(finding["id"]), "--note", "已退回明德社工")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--db", d, "bureau", "check", "--json")
    # The rejected claim is no longer a double claim; the two staffs remain to be looked into.
    assert code == 0 and json.loads(out)["by_kind"] == {"two_staffs": 1}
    out = run(capsys, "--db", d, "bureau", "records", "--history", "--json")[1]
    assert len(json.loads(out)) == 2
    out = run(capsys, "--db", d, "bureau", "units", "--json")[1]
    assert {u["name"] for u in json.loads(out)} == {"阳光社工", "明德社工", "启航社工站"}
    code, out, _ = run(capsys, "--db", d, "print", "bureau-summary", "--period", year, "-o", str(tmp_path / "s.pdf"))  # fmt: skip
    assert code == 0 and "pages" in out
    assert run(capsys, "--db", d, "print", "bureau-missing", "--period", year, "-o", str(tmp_path / "m.pdf"))[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--db", d, "print", "bureau-summary", "--period", year, "-o", str(tmp_path / "s.docx"))  # fmt: skip
    assert code == 0 and "(Word)" in out
    assert (tmp_path / "s.docx").read_bytes()[:2] == b"PK"
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--db", d, "print", "bureau-summary", "--period", year)[0] == 0
    assert (tmp_path / f"Summary Tables of the Agencies' Submissions, {year}.pdf").is_file()
    assert run(capsys, "--db", d, "bureau", "export", "--period", year, "-o", str(tmp_path / "s.xlsx"))[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "--db", d, "bureau", "submit", "--period", year, "-o", str(tmp_path / "up.zip"))  # fmt: skip
    assert code == 0 and "2 agencies" in out

    # The wrong kind of file for a command says so.
    code, _, err = run(capsys, "--db", d, "submit", "--period", year, "-o", str(tmp_path / "x.zip"))
    assert code == 1 and "civil-affairs bureau" in err
    code, _, err = run(capsys, "--db", a, "bureau", "status", "--period", year)
    assert code == 1 and "not a bureau's" in err
    assert run(capsys, "--db", d, "bureau", "status")[0] == 2
