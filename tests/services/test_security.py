"""The program password (scrypt, salted, never stored) and personal data masked on screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.services import security
from swdesk.services.exports import export_staff
from swdesk.services.security import (
    check_password,
    hash_password,
    idle_minutes,
    mask_phone,
    password_is_set,
    password_matches,
    remove_password,
    reveal,
    set_idle_minutes,
    set_password,
)
from swdesk.services.staff import add_staff
from swdesk.services.workspace import Workspace

# Fast parameters for the property test only; the program uses security.SCRYPT_N.
FAST = {"n": 2**4, "r": 8, "p": 1}


def test_the_password_is_stored_as_a_salted_slow_hash_only(ws: Workspace) -> None:
    set_password(ws, "社工站2026")
    stored = ws.db.execute("SELECT value FROM settings WHERE key = ?", [security.PASSWORD_KEY])
    value = stored.fetchone()[0]
    assert value.startswith(f"scrypt${security.SCRYPT_N}$8$1$")
    assert "社工站2026" not in value
    ws.close()
    assert "社工站2026".encode() not in Path(ws.path).read_bytes()
    again = Workspace.open(ws.path)
    assert check_password(again, "社工站2026")
    assert not check_password(again, "社工站2025")
    again.close()


def test_same_password_twice_gives_different_hashes() -> None:
    assert hash_password("secret1", **FAST) != hash_password("secret1", **FAST)


@settings(max_examples=40)
@given(password=st.text(min_size=1, max_size=30), other=st.text(min_size=1, max_size=30))
def test_a_hash_accepts_its_password_and_nothing_else(password: str, other: str) -> None:
    stored = hash_password(password, salt=b"0123456789abcdef", **FAST)
    assert password_matches(stored, password)
    assert password_matches(stored, other) == (other == password)


def test_no_password_lets_everyone_in(ws: Workspace) -> None:
    assert not password_is_set(ws) and check_password(ws, "")


def test_changing_or_removing_needs_the_current_password(ws: Workspace) -> None:
    set_password(ws, "first-pass")
    with pytest.raises(ValidationError, match="current program password is not right"):
        set_password(ws, "second-pass")
    with pytest.raises(ValidationError, match="current program password is not right"):
        set_password(ws, "second-pass", current="wrong-pass")
    set_password(ws, "second-pass", current="first-pass")
    assert check_password(ws, "second-pass") and not check_password(ws, "first-pass")
    with pytest.raises(ValidationError):
        remove_password(ws, "first-pass")
    remove_password(ws, "second-pass")
    assert not password_is_set(ws)
    actions = [r[0] for r in ws.db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-3:] == ["password.set", "password.set", "password.remove"]


def test_a_too_short_password_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="at least 6 characters"):
        set_password(ws, "12345")
    assert not password_is_set(ws)


def test_idle_time(ws: Workspace) -> None:
    assert idle_minutes(ws) is None
    set_idle_minutes(ws, 15)
    assert idle_minutes(ws) == 15
    with pytest.raises(ValidationError):
        set_idle_minutes(ws, 0)
    set_idle_minutes(ws, None)
    assert idle_minutes(ws) is None


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13912345678", "139****5678"),
        ("139-1234-5678", "139-****-5678"),
        ("0770-2812345", "077*-***2345"),
        ("+86 139 1234 5678", "+86 1** **** 5678"),
        ("2812345", "*****45"),
        ("110", "***"),
        ("", ""),
        ("无", "无"),
    ],
)
def test_phone_masking(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(st.text(alphabet="0123456789 -+", max_size=20))
def test_a_masked_phone_shows_at_most_seven_digits_and_keeps_its_shape(phone: str) -> None:
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    shown = sum(c.isdigit() for c in masked)
    digits = sum(c.isdigit() for c in phone)
    assert shown == (0 if digits <= 4 else 2 if digits < 10 else 7)
    assert [c for c in masked if not c.isdigit() and c != "*"] == [
        c for c in phone if not c.isdigit()
    ]


def test_revealing_a_number_is_written_in_the_audit_log(ws: Workspace) -> None:
    number = idnumber.make("452822", dt.date(1988, 3, 4), 231)
    staff_id = add_staff(ws, name="韦秀英", id_number=number, phone="13800001111").created_id
    assert reveal(ws, staff_id, "id_number") == number
    assert reveal(ws, staff_id, "phone") == "13800001111"
    rows = ws.db.execute(
        "SELECT user, action, new FROM audit_log WHERE action = 'personal.reveal' ORDER BY id"
    ).fetchall()
    assert [(u, a) for u, a, _ in rows] == [("tester", "personal.reveal")] * 2
    assert '"phone"' in rows[1][2]
    with pytest.raises(ValidationError):
        reveal(ws, staff_id, "name")


def test_a_list_with_whole_numbers_from_a_read_only_file_is_refused_clearly(
    ws: Workspace, tmp_path
) -> None:
    # Who saw the numbers goes into the audit log, which a file open read-only cannot take: a
    # sentence saying what to do, not SQLite's "attempt to write a readonly database".
    add_staff(ws, name="韦秀英", id_number=idnumber.make("452822", dt.date(1988, 3, 4), 231))
    path = ws.path
    ws.close()
    before = path.read_bytes()
    looking = Workspace.open(path, read_only=True)
    try:
        with pytest.raises(SwdeskError, match="read-only") as refused:
            export_staff(looking, tmp_path / "staff.xlsx", show_personal=True)
        assert "readonly database" not in str(refused.value)
        masked, rows = export_staff(looking, tmp_path / "masked.xlsx")
        assert rows == 1 and masked.is_file()
    finally:
        looking.close()
    assert path.read_bytes() == before
    assert not (tmp_path / "staff.xlsx").exists()
