"""Helpers for the import tests (as fixtures, since test modules cannot import a conftest): sheets
written on the fly, a dump of every table, people on the staff list."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from rows_kit import table_rows

from swdesk.domain import idnumber
from swdesk.services.workspace import Workspace

# The same folder as tests/conftest.py SAMPLES: copies of the real-world rosters.
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"

# Three people with valid numbers; the tests put them on the staff list when they need them.
LI = ("李明", idnumber.make("452822", dt.date(1988, 3, 14), 211))
WANG = ("王芳", idnumber.make("452822", dt.date(1992, 11, 2), 322))
ZHAO = ("赵静", idnumber.make("450603", dt.date(1995, 6, 30), 144))

STAFF_HEADER = [
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "入职日期",
    "本市社会工作起始日期",
    "在编公务员",
]


def staff_row(name: str, number: str, **over: object) -> list[object]:
    sex = "男" if int(number[16]) % 2 else "女"
    row = {
        "姓名": name,
        "性别": sex,
        "身份证号": number,
        "手机号": "13800000001",
        "入职日期": "2020-03-01",
        "本市社会工作起始日期": "2020-03-01",
        "在编公务员": "否",
    }
    row.update(over)
    return [row[h] for h in STAFF_HEADER]


def dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: equal dumps mean nothing changed."""
    tables = [
        r[0]
        for r in ws.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    return {t: table_rows(ws.db.conn, t) for t in tables}


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (lists of cell values, row 1 first) to an .xlsx file and return its path."""
    count = 0

    def make(rows: Sequence[Sequence[object]], name: str | None = None) -> Path:
        nonlocal count
        count += 1
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / (name or f"sheet{count}.xlsx")
        book.save(path)
        return path

    return make


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Sequence[Sequence[object]], encoding: str, name: str = "data.csv") -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as fh:
            csv.writer(fh).writerows(rows)
        return path

    return make


@pytest.fixture
def on_staff(ws: Workspace) -> Workspace:
    """The Fangchenggang workspace with 李明, 王芳 and 赵静 on the staff list."""
    from swdesk.services.staff import add_staff

    for name, number in (LI, WANG, ZHAO):
        add_staff(ws, name=name, id_number=number, social_work_since=dt.date(2018, 1, 1))
    return ws


class Kit:
    """What the tests share: the people, the staff header and rows, the table dump."""

    LI = LI
    WANG = WANG
    ZHAO = ZHAO
    STAFF_HEADER = STAFF_HEADER
    SAMPLES = SAMPLES
    staff_row = staticmethod(staff_row)
    dump = staticmethod(dump)


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
