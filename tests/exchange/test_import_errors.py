"""One test per kind of import error: each names the row, the column and what is wrong, and the
data file is left exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.domain import idnumber
from swdesk.domain.errors import SwdeskError
from swdesk.services.imports import run_import

CRED_HEADER = ["身份证号", "证书等级", "证书编号", "取得日期", "登记日期"]
TRAIN_HEADER = ["身份证号", "培训名称", "开始日期", "结束日期", "学时", "形式", "主办单位"]
AWARD_HEADER = ["身份证号", "奖励类型", "证书等级", "金额", "发放日期"]


def refused(ws, kit, kind, path):
    """Import, check that nothing changed, and return (row, letter, message) of each error."""
    before = kit.dump(ws)
    result = run_import(ws, kind, path)
    assert not result.ok
    assert not result.written
    assert kit.dump(ws) == before
    for error in result.errors:
        # Every error is shown with its row and column as the user sees them in Excel.
        if error.row is not None and error.column:
            assert error.describe().startswith(
                f'Row {error.row}, column "{error.column}" ({error.letter}): '
            )
    return [(e.row, e.letter, e.message) for e in result.errors]


# --- staff -------------------------------------------------------------------------------------


def test_staff_wrong_check_character(ws, kit, xlsx):
    name, number = kit.LI
    bad = number[:17] + ("0" if number[17] != "0" else "1")
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*kit.WANG), kit.staff_row(name, bad)])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (3, "C")
    # Masked: a whole identity number never appears in a message.
    assert "check character" in message and idnumber.mask(bad) in message and bad not in message


def test_staff_identity_number_stored_as_number(ws, kit, xlsx):
    name, number = kit.LI
    row = kit.staff_row(name, number)
    row[2] = float(number)  # what Excel keeps when the column is not text
    path = xlsx([kit.STAFF_HEADER, row])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (2, "C")
    assert "as text" in message and "type the number again" in message


def test_staff_identity_number_twice_in_file(ws, kit, xlsx):
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*kit.LI), kit.staff_row(*kit.WANG)]
                + [kit.staff_row(*kit.LI)])  # fmt: skip
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (4, "C")
    assert "row 2" in message


def test_staff_already_on_file(on_staff, kit, xlsx):
    new = ("孙磊", idnumber.make("452822", dt.date(1990, 1, 1), 15))
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*new), kit.staff_row(*kit.WANG)])
    [(row, letter, message)] = refused(on_staff, kit, "staff", path)
    assert (row, letter) == (3, "C")
    assert "already on the staff list" in message and "王芳" in message


def test_staff_sex_contradicts_identity_number(ws, kit, xlsx):
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*kit.LI, 性别="女")])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (2, "B")
    assert "does not match" in message


def test_staff_bad_date_and_bad_yes_no_both_reported(ws, kit, xlsx):
    path = xlsx(
        [kit.STAFF_HEADER, kit.staff_row(*kit.LI, 入职日期="2020年13月1日", 在编公务员="也许")]
    )
    errors = refused(ws, kit, "staff", path)
    assert [(r, letter) for r, letter, _m in errors] == [(2, "E"), (2, "G")]
    assert "is not a date" in errors[0][2]
    assert "是 or 否" in errors[1][2]


def test_staff_social_work_since_in_future(ws, kit, xlsx):
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*kit.LI, 本市社会工作起始日期="2027-01-01")])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (2, "F")
    assert "future" in message


def test_staff_required_cell_empty(ws, kit, xlsx):
    path = xlsx([kit.STAFF_HEADER, kit.staff_row(*kit.WANG), kit.staff_row("", kit.LI[1])])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (3, "A")
    assert "empty" in message and "Name" in message


def test_missing_required_column_is_named(ws, kit, xlsx):
    path = xlsx([["姓名", "性别", "手机号"], ["李明", "男", "13800000000"]])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert row == 1 and letter == ""
    assert "Identity number" in message and "身份证号" in message


def test_two_columns_for_one_field(ws, kit, xlsx):
    path = xlsx([["姓名", "身份证号", "身份证号码"], ["李明", kit.LI[1], kit.LI[1]]])
    [(row, letter, message)] = refused(ws, kit, "staff", path)
    assert (row, letter) == (1, "C")
    assert '"身份证号" (B)' in message


def test_no_data_rows(ws, kit, xlsx):
    path = xlsx([["人员花名册"], kit.STAFF_HEADER, [], ["合计：0人"]])
    [(row, _letter, message)] = refused(ws, kit, "staff", path)
    assert row is None and "no data rows" in message


def test_unreadable_files_are_refused_before_anything(ws, kit, tmp_path, xlsx):
    before = kit.dump(ws)
    old = tmp_path / "roster.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(SwdeskError, match=r"save it as \.xlsx"):
        run_import(ws, "staff", old)
    with pytest.raises(SwdeskError, match="No header row"):
        run_import(ws, "staff", xlsx([["a", "b"], [1, 2]]))
    with pytest.raises(SwdeskError, match="does not exist"):
        run_import(ws, "staff", tmp_path / "missing.xlsx")
    assert kit.dump(ws) == before


# --- credentials -------------------------------------------------------------------------------


def cred(number, level="助理社会工作师", cert="2021045060001", obtained="2021-10-15", reg=""):
    return [number, level, cert, obtained, reg]


def test_credential_unknown_level(on_staff, kit, xlsx):
    path = xlsx([CRED_HEADER, cred(kit.LI[1], level="初级社工证书甲")])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (2, "B")
    assert "Unknown certificate level" in message


def test_credential_number_twice_in_file(on_staff, kit, xlsx):
    path = xlsx([CRED_HEADER, cred(kit.LI[1]), cred(kit.WANG[1])])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (3, "C")
    assert "row 2" in message


def test_credential_number_already_recorded(on_staff, kit, xlsx):
    from swdesk.services.staff import add_credential

    add_credential(on_staff, kit.ZHAO[1], level="助理社会工作师",
                   certificate_number="2021045060001", obtained_on=dt.date(2021, 10, 15))  # fmt: skip
    path = xlsx([CRED_HEADER, cred(kit.LI[1])])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (2, "C")
    assert "already recorded" in message


def test_credential_for_unknown_person(on_staff, kit, xlsx):
    stranger = idnumber.make("452822", dt.date(1991, 1, 1), 77)
    path = xlsx([CRED_HEADER, cred(kit.LI[1]), cred(stranger, cert="X2")])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (3, "A")
    assert "No one with identity number" in message and idnumber.mask(stranger) in message


def test_credential_name_does_not_match_the_number(on_staff, kit, xlsx):
    path = xlsx([["身份证号", "姓名", "证书等级", "证书编号", "取得日期"],
                 [kit.LI[1], "王芳", "社会工作师", "C1", "2022-11-01"]])  # fmt: skip
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (2, "B")
    assert "李明" in message and "王芳" in message


def test_credential_obtained_in_future_and_registered_before_obtained(on_staff, kit, xlsx):
    path = xlsx([CRED_HEADER, cred(kit.LI[1], obtained="2027-01-01"),
                 cred(kit.WANG[1], cert="C2", obtained="2022-01-01", reg="2021-06-01")])  # fmt: skip
    errors = refused(on_staff, kit, "credentials", path)
    assert [(r, letter) for r, letter, _m in errors] == [(2, "D"), (3, "E")]
    assert "future" in errors[0][2]
    assert "before the date obtained" in errors[1][2]


def test_credential_same_level_twice_for_one_person(on_staff, kit, xlsx):
    path = xlsx([CRED_HEADER, cred(kit.LI[1], cert="A1"), cred(kit.LI[1], cert="A2")])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (3, "B")
    assert "certificate is already in row 2" in message


def test_credential_number_kept_as_a_long_number(on_staff, kit, xlsx):
    path = xlsx([CRED_HEADER, cred(kit.LI[1], cert=2.02104506000123e17)])
    [(row, letter, message)] = refused(on_staff, kit, "credentials", path)
    assert (row, letter) == (2, "C")
    assert "as text" in message


# --- training ----------------------------------------------------------------------------------


def training(number, title="伦理培训", start="2025-05-10", end="2025-05-11", hours=12,
             form="面授", organiser="市社工协会"):  # fmt: skip
    return [number, title, start, end, hours, form, organiser]


@pytest.mark.parametrize(
    ("override", "letter", "words"),
    [
        ({"hours": -3}, "E", "at least 0.01"),
        ({"hours": 0}, "E", "at least 0.01"),
        ({"hours": 0.0001}, "E", "at least 0.01"),  # kept to the hundredth: 0
        ({"hours": 60}, "E", "60"),  # more than two days can hold
        ({"hours": "十二"}, "E", "not a number"),
        ({"end": "2025-05-01"}, "D", "ends"),
        ({"start": "2026-11-20", "end": "2026-12-01"}, "D", "not ended yet"),
        ({"end": "", "start": "2026-12-01"}, "C", "not ended yet"),
        ({"form": "自学"}, "F", "Unknown training form"),
        ({"title": ""}, "B", "empty"),
    ],
)
def test_training_bad_cell(on_staff, kit, xlsx, override, letter, words):
    path = xlsx([TRAIN_HEADER, training(kit.WANG[1]), training(kit.LI[1], **override)])
    [(row, got_letter, message)] = refused(on_staff, kit, "training", path)
    assert (row, got_letter) == (3, letter)
    assert words in message


def test_training_same_person_twice_for_one_event(on_staff, kit, xlsx):
    path = xlsx([TRAIN_HEADER, training(kit.LI[1]), training(kit.WANG[1]), training(kit.LI[1])])
    [(row, letter, message)] = refused(on_staff, kit, "training", path)
    assert (row, letter) == (4, "A")
    assert "row 2" in message


def test_training_same_event_with_two_forms(on_staff, kit, xlsx):
    path = xlsx([TRAIN_HEADER, training(kit.LI[1]), training(kit.WANG[1], form="线上")])
    [(row, letter, message)] = refused(on_staff, kit, "training", path)
    assert (row, letter) == (3, "F")
    assert "row 2" in message


def test_training_attendance_already_recorded_and_hours_above_the_event(on_staff, kit, xlsx):
    first = xlsx([TRAIN_HEADER, training(kit.LI[1], hours=8)])
    assert run_import(on_staff, "training", first).written
    again = xlsx([TRAIN_HEADER, training(kit.LI[1], hours=8), training(kit.WANG[1], hours=10)])
    errors = refused(on_staff, kit, "training", again)
    assert [(r, letter) for r, letter, _m in errors] == [(2, "A"), (3, "E")]
    assert "already recorded as attending" in errors[0][2]
    assert "on file with 8 hours" in errors[1][2]


# --- awards ------------------------------------------------------------------------------------


def award(number, kind="专业水平提升奖励", level="助理社会工作师", amount=1000,
          paid="2024-09-15"):  # fmt: skip
    return [number, kind, level, amount, paid]


@pytest.mark.parametrize(
    ("override", "letter", "words"),
    [
        ({"kind": "年终奖"}, "B", "Unknown award"),
        ({"level": ""}, "C", "needs the certificate level"),
        ({"amount": -1000}, "D", "more than 0"),
        ({"amount": 999.5}, "D", "whole number"),
        ({"amount": 10000}, "D", "more than the policy's award"),
        ({"paid": "2027-03-01"}, "E", "future"),
        ({"paid": "2024年9月"}, "E", "not a date"),
    ],
)
def test_award_bad_cell(on_staff, kit, xlsx, override, letter, words):
    path = xlsx([AWARD_HEADER, award(kit.WANG[1]), award(kit.LI[1], **override)])
    [(row, got_letter, message)] = refused(on_staff, kit, "awards", path)
    assert (row, got_letter) == (3, letter)
    assert words in message


def test_award_level_paid_twice(on_staff, kit, xlsx):
    path = xlsx([AWARD_HEADER, award(kit.LI[1]), award(kit.LI[1], paid="2025-01-10")])
    [(row, letter, message)] = refused(on_staff, kit, "awards", path)
    assert (row, letter) == (3, "C")
    assert "row 2" in message and "once per level" in message

    assert run_import(on_staff, "awards", xlsx([AWARD_HEADER, award(kit.LI[1])])).written
    [(row, letter, message)] = refused(
        on_staff, kit, "awards", xlsx([AWARD_HEADER, award(kit.LI[1], amount=500)])
    )
    assert (row, letter) == (2, "C")
    assert "already recorded" in message


def test_award_payments_beyond_the_highest_level_paid_are_refused(on_staff, kit, xlsx):
    # FCG-2023 (十二): a later level pays only the difference, so everything paid to one person
    # never exceeds the award of the highest level paid (2,000 for a social worker).
    both = xlsx([AWARD_HEADER, award(kit.LI[1]), award(kit.LI[1], level="社会工作师", amount=2000)])
    [(row, letter, message)] = refused(on_staff, kit, "awards", both)
    assert (row, letter) == (3, "D")
    assert "would total 3,000 yuan" in message and "Social worker (2,000 yuan)" in message

    # The same limit counts what is already on file.
    assert run_import(on_staff, "awards", xlsx([AWARD_HEADER, award(kit.LI[1])])).written
    over = xlsx([AWARD_HEADER, award(kit.LI[1], level="社会工作师", amount=1500)])
    [(row, letter, message)] = refused(on_staff, kit, "awards", over)
    assert (row, letter) == (2, "D") and "would total 2,500 yuan" in message
    # The difference itself is accepted.
    fine = xlsx([AWARD_HEADER, award(kit.LI[1], level="社会工作师", amount=1000)])
    assert run_import(on_staff, "awards", fine).written
