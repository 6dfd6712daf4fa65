"""Poison values: hours and amounts past every sane bound, control and invisible characters,
certificate numbers that differ only in case. Refused where they enter (the services, which the
command line, the GUI and the importers all go through); one already stored breaks no report."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from swdesk.cli.main import main
from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.training import add_event, list_events
from swdesk.services.workspace import Workspace

A = idnumber.make("452822", dt.date(1988, 3, 14), 211)
B = idnumber.make("452822", dt.date(1992, 11, 2), 322)
MAY = dt.date(2025, 5, 10)


@pytest.fixture
def two(ws: Workspace) -> Workspace:
    for name, number in (("李明", A), ("王芳", B)):
        add_staff(ws, name=name, id_number=number, social_work_since=dt.date(2018, 1, 1))
    return ws


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


# ------------------------------------------------------------------ 3. poison values


@pytest.mark.parametrize(
    ("hours", "form", "words"),
    [
        ("1e300", "online", "more than the 200"),
        ("10000", "online", "more than the 200"),
        ("201", "other", "more than the 200"),
        ("17", "face_to_face", "more than the days hold"),
        ("inf", "online", "at least 0.01"),
        ("0.0001", "online", "at least 0.01"),
    ],
)
def test_hours_past_the_bounds_are_refused_where_they_enter(
    two: Workspace, hours: str, form: str, words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        add_event(two, title="线上课", form=form, start=MAY, end=None, hours=hours,
                  attendees=[(A, None)])  # fmt: skip
    assert list_events(two) == []


def test_the_profile_sets_the_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from swdesk import paths
    from swdesk.services.agency import init_agency

    own = tmp_path / "policies"
    own.mkdir()
    (own / "tight.toml").write_text(
        'id = "tight"\nextends = "national"\nname = "严"\nname_en = "Tight"\ndocument = "T"\n'
        'title = "T"\n[limits]\nhours_per_record = 40\namount = 500\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "user_policies_dir", lambda: own)
    ws = Workspace.open(tmp_path / "agency.db", clock=lambda: dt.date(2026, 11, 21))
    init_agency(ws, name="测试", profile_id="tight")
    add_staff(ws, name="李明", id_number=A)
    with pytest.raises(ValidationError, match="more than the 40"):
        add_event(ws, title="课", form="online", start=MAY, end=None, hours=41,
                  attendees=[(A, None)])  # fmt: skip
    add_event(ws, title="课", form="online", start=MAY, end=None, hours=40, attendees=[(A, None)])
    assert ws.limits.amount == 500
    ws.close()


def test_amounts_past_the_bounds_and_nan_are_refused_on_the_command_line(
    db_path: Path, two: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    two.close()
    db = str(db_path)
    code, text = run(capsys, "--db", db, "applications", "create", "exam", A, "--year", "2024",
                     "--level", "助理社会工作师", "--registration-fee", "1e20")  # fmt: skip
    assert code == 1 and "more than the 1,000,000 yuan" in text
    code, text = run(capsys, "--db", db, "applications", "create", "exam", A, "--year", "2024",
                     "--level", "助理社会工作师", "--registration-fee", "120")  # fmt: skip
    assert code == 0, text
    number = next(w.strip("().,。") for w in text.split() if w[:4].isdigit() and "-" in w)
    assert run(capsys, "--db", db, "applications", "submit", number)[0] == 0
    assert run(capsys, "--db", db, "applications", "approve", number, "--by", "民政局")[0] == 0
    code, text = run(capsys, "--db", db, "applications", "pay", number, "--amount=nan")
    assert code == 1 and "is not an amount of money" in text and "negative" not in text


def _stored(ws: Workspace, *statements: str) -> None:
    """Values a file from elsewhere (or an older version) brings, written past every check."""
    for sql in statements:
        ws.db.execute(sql)
    ws.db.conn.commit()


def test_a_stored_out_of_bounds_value_breaks_no_report(
    db_path: Path, two: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_event(two, title="线上课", form="online", start=MAY, end=None, hours=8,
              attendees=[(A, None), (B, None)])  # fmt: skip
    _stored(two, "UPDATE training_events SET hours = 1e300",
            "UPDATE attendance SET hours = 1e300 WHERE staff_id = 1",
            "UPDATE attendance SET hours = 9e999 WHERE staff_id = 2")  # fmt: skip
    two.close()
    db = str(db_path)
    for command in (
        ["training", "report", "--year", "2025"],
        ["training", "report", "--year", "2025", "--json"],
        ["training", "list", "--year", "2025"],
        ["training", "export", "--year", "2025", "-o", str(tmp_path / "ce.xlsx")],
        ["print", "ce-record", A, "--year", "2025", "-o", str(tmp_path / "r.pdf")],
        ["print", "ce-summary", "--year", "2025", "-o", str(tmp_path / "s.pdf")],
    ):
        code, text = run(capsys, "--db", db, *command)
        assert code == 0, (command, text)
    openpyxl.load_workbook(tmp_path / "ce.xlsx")


# ------------------------------------------------------------------ 4. control characters

HOSTILE_TEXT = ["坏\x00名", "坏\x07名", "坏\x1b[31m名", "\u202e名字", "名\u2066字", "名\x85字"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_control_and_bidi_characters_are_refused_in_every_text_field(
    two: Workspace, text: str
) -> None:
    from swdesk.services.agency import update_agency
    from swdesk.services.staff import update_staff

    cases = [
        ("name", lambda: add_staff(two, name=text, id_number=idnumber.make(
            "452822", dt.date(1990, 1, 1), 5))),
        ("major", lambda: update_staff(two, 1, major=text)),
        ("note", lambda: update_staff(two, 1, note=text)),
        ("title", lambda: add_event(two, title=text, form="online", start=MAY, end=None,
                                    hours=2)),
        ("organiser", lambda: add_event(two, title="课", organiser=text, form="online",
                                        start=MAY, end=None, hours=2)),
        ("certificate_number", lambda: add_credential(
            two, A, level="助理社会工作师", certificate_number=text,
            obtained_on=dt.date(2020, 1, 1))),
        ("issuing_body", lambda: add_credential(
            two, A, level="助理社会工作师", certificate_number="Z1",
            obtained_on=dt.date(2020, 1, 1), issuing_body=text)),
        ("address", lambda: update_agency(two, address=text)),
        ("name", lambda: update_agency(two, name=text)),
    ]  # fmt: skip
    for field, attempt in cases:
        with pytest.raises(ValidationError, match="invisible control character") as exc:
            attempt()
        assert exc.value.field == field
    assert two.db["staff"].count == 2 and two.db["credentials"].count == 0
    assert list_events(two) == []


def test_a_zero_width_space_does_not_make_a_second_event(two: Workspace) -> None:
    add_event(two, title="社会工作伦理", organiser="市社工协会", form="face_to_face", start=MAY,
              end=None, hours=6, attendees=[(A, None)])  # fmt: skip
    with pytest.raises(ValidationError, match="already recorded as event"):
        add_event(two, title="社会工作\u200b伦理", organiser="市社工\ufeff协会",
                  form="face_to_face", start=MAY, end=None, hours=6,
                  attendees=[(B, None)])  # fmt: skip
    assert len(list_events(two)) == 1


def test_text_with_control_characters_stored_elsewhere_breaks_no_output(
    db_path: Path, two: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_credential(two, A, level="助理社会工作师", certificate_number="Z2020001",
                   obtained_on=dt.date(2020, 1, 1))  # fmt: skip
    add_event(two, title="课", form="online", start=MAY, end=None, hours=8, attendees=[(A, None)])
    _stored(two, "UPDATE staff SET name = '坏' || char(7) || '名' || char(27) || '[31m' "
                 "|| char(8238) WHERE id = 1")  # fmt: skip
    two.close()
    db = str(db_path)
    code, text = run(capsys, "--db", db, "staff", "list")
    assert code == 0 and "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "坏\ufffd名" in text
    code, text = run(capsys, "--db", db, "training", "export", "--year", "2025", "-o",
                     str(tmp_path / "ce.xlsx"))  # fmt: skip
    assert code == 0, text
    sheet = openpyxl.load_workbook(tmp_path / "ce.xlsx").active
    assert any("坏\ufffd名" in str(c.value) for row in sheet.iter_rows() for c in row)
    code, text = run(capsys, "--db", db, "print", "ce-summary", "--year", "2025", "-o",
                     str(tmp_path / "s.pdf"))  # fmt: skip
    assert code == 0, text


# ------------------------------------------------------------------ 5. case-only duplicates


def test_a_certificate_number_differing_only_in_case_is_the_same_number(two: Workspace) -> None:
    add_credential(two, A, level="助理社会工作师", certificate_number="G202145000050",
                   obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    for other in ("g202145000050", "ｇ２０２１４５００００５０", "g2021 4500\u200b0050"):
        with pytest.raises(ValidationError, match="already recorded"):
            add_credential(two, B, level="助理社会工作师", certificate_number=other,
                           obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    # The data file itself refuses it too, whoever writes.
    with pytest.raises(sqlite3.IntegrityError):
        two.db.execute(
            "INSERT INTO credentials (staff_id, level, certificate_number, obtained_on) "
            "VALUES (2, 'assistant', 'g202145000050', '2021-06-20')"
        )


def test_a_scan_and_a_registration_find_the_certificate_in_any_case(
    two: Workspace, tmp_path: Path
) -> None:
    from swdesk.services.attachments import attach_certificate_scan
    from swdesk.services.registration import record_registration

    add_credential(two, A, level="助理社会工作师", certificate_number="G202145000050",
                   obtained_on=dt.date(2021, 6, 20))  # fmt: skip
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scan")
    attach_certificate_scan(two, "g202145000050", scan)
    record_registration(two, "ｇ202145000050", dt.date(2021, 9, 1))
    assert two.db["attachments"].count == 1


def test_an_older_file_with_case_only_duplicates_is_upgraded_keeping_both(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from swdesk.storage import migrations as schema

    path = tmp_path / "old.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before="0004_certificate_numbers_in_any_case")
    db.execute("PRAGMA user_version = 3")
    for n, number in ((1, A), (2, B)):
        db["staff"].insert({"id": n, "name": f"人{n}", "sex": "M", "id_number": number,
                            "birth_date": "1990-01-01"})  # fmt: skip
    for n, cert in ((1, "G202145000050"), (2, "g202145000050")):
        db["credentials"].insert({"staff_id": n, "level": "assistant",
                                  "certificate_number": cert, "obtained_on": "2021-06-20"})  # fmt: skip
    db.conn.commit()
    db.close()
    ws = Workspace.open(path)
    numbers = [
        r[0] for r in ws.db.execute("SELECT certificate_number FROM credentials ORDER BY id")
    ]
    assert numbers == ["G202145000050", "g202145000050#2"]
    entry = ws.db.execute("SELECT action, old, staff_id FROM audit_log").fetchone()
    assert entry[0] == "credential.renumber" and "g202145000050" in entry[1] and entry[2] == 2
    ws.close()
