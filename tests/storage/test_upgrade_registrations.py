"""A data file made by the program before the registration history upgrades with its
registrations intact: the current one of each certificate and the earlier ones its audit log
kept, its training events and imported exam reimbursement; and the upgraded file works. Both
v4_registrations.db (schema 0001–0004, commit e5692bf, fixtures/make_v4_registrations.py) and
v5.db (0001–0005 with a staff photo, commit 6e86fc5, fixtures/make_v5.py) are upgraded, through
0006 (corrections and undo) to 0008."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from swdesk.domain.errors import RuleRefused
from swdesk.domain.registration_history import RegKind
from swdesk.services.photos import photo_file
from swdesk.services.registration import record_registration
from swdesk.services.registration_history import registration_history, registrations_of
from swdesk.services.workspace import Workspace
from swdesk.storage import migrations as schema
from swdesk.storage.schema_check import applied_migrations

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(params=["v4_registrations", "v5"])
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Workspace:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"{request.param}.db", path)
    if (FIXTURES / f"{request.param}.files").is_dir():
        shutil.copytree(FIXTURES / f"{request.param}.files", tmp_path / "old.files")
    ws = Workspace.open(path, clock=lambda: TODAY, user="tester")
    yield ws
    ws.close()


def test_the_registrations_come_through_with_the_earlier_dates_from_the_audit_log(
    upgraded: Workspace,
) -> None:
    ws = upgraded
    assert ws.db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
    assert "0008_registrations_exam_years_subjects_interns" in applied_migrations(ws.db.conn)
    history = registration_history(ws, 1)
    assert [(p.credential.certificate_number, p.period.start, p.period.kind) for p in history] == [
        ("S2020001", dt.date(2020, 9, 1), RegKind.FIRST),
        ("S2020001", dt.date(2023, 8, 1), RegKind.RENEWAL),
    ]
    assert all(p.period.record.source == "upgrade" for p in history)
    # The 24 hours of 2023-05 count in the first period.
    assert history[0].hours.hours.total == 24
    assert [r.registered_on for r in registrations_of(ws, "Z2022002")] == [dt.date(2022, 10, 9)]
    assert registrations_of(ws, "Z2024003") == []
    current = {c["certificate_number"]: c["registered_on"] for c in ws.db["credentials"].rows}
    assert current == {"S2020001": "2023-08-01", "Z2022002": "2022-10-09", "Z2024003": None}


def test_the_other_tables_keep_their_rows(upgraded: Workspace) -> None:
    ws = upgraded
    [event] = ws.db["training_events"].rows
    assert (event["title"], event["hours"], event["form"], event["subject"]) == (
        "社会工作伦理", 24, "face_to_face", None
    )  # fmt: skip
    assert ws.db["attendance"].count == 1
    [paid] = ws.db["award_payments"].rows
    assert (paid["award"], paid["amount"], paid["exam_year"]) == ("exam_reimbursement", 380, None)
    assert ws.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_upgraded_file_records_registrations_by_the_new_rules(upgraded: Workspace) -> None:
    ws = upgraded
    # Registered 2022-10-09, valid to 2025-10-09; no hours recorded: refused without a reason.
    with pytest.raises(RuleRefused, match="0 of 72 hours"):
        record_registration(ws, "Z2022002", dt.date(2025, 9, 1))
    record_registration(ws, "Z2022002", dt.date(2025, 9, 1), hours_short_reason="学时在外单位完成")
    assert [r.registered_on for r in registrations_of(ws, "Z2022002")] == [
        dt.date(2022, 10, 9),
        dt.date(2025, 9, 1),
    ]


def test_the_photo_of_a_v5_file_comes_through(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "v5.db", path)
    shutil.copytree(FIXTURES / "v5.files", tmp_path / "old.files")
    ws = Workspace.open(path, clock=lambda: TODAY, user="tester")
    try:
        [photo] = ws.db["staff_photos"].rows
        found = photo_file(ws, 1)
        assert photo["staff_id"] == 1 and found is not None and found[0].stat().st_size == 1009
        assert len(registrations_of(ws, "S2020001")) == 2
    finally:
        ws.close()


def test_the_training_hours_by_year_are_made_from_the_old_attendance(upgraded: Workspace) -> None:
    from swdesk.storage import hours_by_year

    ws = upgraded
    assert "0009_ce_hours_by_year" in applied_migrations(ws.db.conn)
    attended = ws.db.execute("SELECT COUNT(*) FROM attendance").fetchone()[0]
    assert attended > 0
    assert ws.db.execute("SELECT COUNT(*) FROM ce_hours_by_year").fetchone()[0] > 0
    assert hours_by_year.disagreeing(ws.db) == 0
