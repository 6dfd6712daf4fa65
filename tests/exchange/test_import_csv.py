"""CSV files as Excel and other programs write them: UTF-8 with or without BOM, GBK (Chinese
Excel's "CSV (逗号分隔)"), and UTF-16 tab-separated ("Unicode 文本")."""

from __future__ import annotations

import pytest

from swdesk.exchange.sheets import SheetError, decode
from swdesk.services.imports import run_import
from swdesk.services.staff import list_staff


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk")],
)
def test_csv_encodings(ws, kit, csv_file, encoding, reported):
    rows = [
        ["人员花名册"],
        kit.STAFF_HEADER,
        kit.staff_row(*kit.LI),
        kit.staff_row(*kit.WANG, 在编公务员="是"),
    ]
    result = run_import(ws, "staff", csv_file(rows, encoding))

    assert result.errors == ()
    assert result.encoding == reported
    assert result.header_row == 2 and result.sheet is None
    people = {p.name: p for p in list_staff(ws)}
    assert set(people) == {"李明", "王芳"}
    assert people["王芳"].civil_servant is True


def test_csv_english_headers_and_tabs_in_utf16(ws, kit, tmp_path):
    name, number = kit.LI
    text = "Name\tID number\tHire date\tCivil servant\n" + f"{name}\t{number}\t2021/5/1\tno\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))

    result = run_import(ws, "staff", path)

    assert result.errors == ()
    assert result.encoding == "utf-16"
    [person] = list_staff(ws)
    assert person.name == name and str(person.hire_date) == "2021-05-01"


def test_csv_identity_number_that_excel_turned_into_a_number(ws, kit, csv_file):
    row = kit.staff_row(*kit.LI)
    row[2] = "4.50602E+17"
    result = run_import(ws, "staff", csv_file([kit.STAFF_HEADER, row], "utf-8"))

    [error] = result.errors
    assert (error.row, error.letter) == (2, "C")
    assert "as text" in error.message


def test_text_that_is_neither_utf8_nor_gbk_is_refused():
    assert decode("姓名".encode("gbk")) == ("姓名", "gbk")
    with pytest.raises(SheetError, match="neither UTF-8 nor GBK"):
        decode(b"\xff\xff\xff\x81\x20")
