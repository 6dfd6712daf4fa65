"""The importers against anything: random bytes, CSV in random dialects and encodings, random
cell values under real headers. No input ends in a traceback: a file that is no table is refused
with a message naming it, every other problem is named by row (and column), and a refused import
changes nothing in the data file.

SWDESK_FUZZ_EXAMPLES=2000 searches longer (60 examples a test by default)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rows_kit import table_rows

from swdesk.domain import idnumber
from swdesk.domain.errors import SwdeskError
from swdesk.services.imports import run_import
from swdesk.services.workspace import Workspace
from swdesk.storage.database import open_database

TODAY = dt.date(2026, 11, 21)
PEOPLE = [idnumber.make("452822", dt.date(1988, 3, 14), n) for n in (211, 322, 144)]
HEADERS = {
    "staff": ["姓名", "性别", "身份证号", "手机号", "入职日期", "本市社会工作起始日期", "在编公务员"],
    "credentials": ["身份证号", "姓名", "证书等级", "证书编号", "取得日期", "登记日期"],
    "training": ["身份证号", "培训名称", "开始日期", "结束日期", "学时", "形式", "主办单位"],
    "awards": ["身份证号", "奖励类型", "证书等级", "金额", "发放日期"],
}  # fmt: skip
KINDS = list(HEADERS)
FUZZ = settings(
    max_examples=int(os.environ.get("SWDESK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def base_file() -> Iterator[Path]:
    """An agency with three people, a certificate, a training and a payment on file."""
    from swdesk.services.agency import init_agency
    from swdesk.services.staff import add_credential, add_staff
    from swdesk.services.training import add_event

    folder = Path(tempfile.mkdtemp(prefix="swdesk-fuzz-"))
    ws = Workspace.open(folder / "base.db", clock=lambda: TODAY, user="fuzz")
    init_agency(ws, name="测试社会工作服务中心", profile_id="fangchenggang-2023")
    for n, number in enumerate(PEOPLE):
        add_staff(ws, name=f"人员{n}", id_number=number, social_work_since=dt.date(2018, 1, 1))
    add_credential(ws, PEOPLE[0], level="助理社会工作师", certificate_number="Z2020001",
                   obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    add_event(ws, title="伦理培训", form="face_to_face", start=dt.date(2025, 5, 10), end=None,
              hours=6, attendees=[(PEOPLE[1], None)])  # fmt: skip
    ws.close()
    yield folder / "base.db"
    shutil.rmtree(folder, ignore_errors=True)


class Fresh:
    """A copy of the base file per example (opened without the daily backup, to stay quick)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.folder = Path(tempfile.mkdtemp(prefix="swdesk-fuzz-case-"))

    def open(self) -> Workspace:
        path = self.folder / "agency.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.base, path)
        db = open_database(path, auto_backup=False, today=TODAY)
        return Workspace(db, path, user="fuzz", clock=lambda: TODAY)


@pytest.fixture
def fresh(base_file: Path) -> Iterator[Fresh]:
    kit = Fresh(base_file)
    yield kit
    shutil.rmtree(kit.folder, ignore_errors=True)


def _dump(ws: Workspace) -> dict[str, list[tuple]]:
    tables = [r[0] for r in ws.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: table_rows(ws.db.conn, t) for t in tables}


def check_import(fresh: Fresh, kind: str, path: Path) -> None:
    """What every input must come to: a refusal naming the file, or a result whose every problem
    has its row, with nothing written unless nothing was wrong."""
    ws = fresh.open()
    try:
        before = _dump(ws)
        try:
            result = run_import(ws, kind, path)
        except SwdeskError as exc:
            event("refused as a file")
            assert path.name in str(exc) or "file" in str(exc).lower(), str(exc)
            assert _dump(ws) == before
            return
        event("row errors" if result.errors else "imported" if result.changes else "nothing")
        for error in result.errors:
            assert error.message and "Traceback" not in error.message
            assert error.row is not None or "no data rows" in error.message, error
            if error.field is not None and error.row != result.header_row:
                assert error.letter, error
        if result.errors:
            assert _dump(ws) == before
        else:
            assert result.changes is not None or result.rows_read == 0
    finally:
        ws.close()


# ----------------------------------------------------------------- random bytes


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(KINDS), suffix=st.sampled_from(
    [".csv", ".xlsx", ".txt"]))  # fmt: skip
def test_random_bytes(fresh: Fresh, data: bytes, kind: str, suffix: str) -> None:
    path = fresh.folder / f"random{suffix}"
    path.write_bytes(data)
    check_import(fresh, kind, path)


@FUZZ
@given(data=st.binary(max_size=400), kind=st.sampled_from(KINDS))
def test_random_bytes_behind_a_real_header(fresh: Fresh, data: bytes, kind: str) -> None:
    path = fresh.folder / "header-then-noise.csv"
    path.write_bytes(",".join(HEADERS[kind]).encode("utf-8") + b"\r\n" + data)
    check_import(fresh, kind, path)


# ----------------------------------------------------------------- random cell values

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
) | st.sampled_from(["", " ", "\x00", "\u202e名", "名\u200b字", "=1+1", "是", "否", "男", "女",
                     "面授", "线上", "督导", "助理社会工作师", "社会工作师", "专业水平提升奖励",
                     "考试费用报销", "6学时", "1,000元", "nan", "inf", "-0", "1e300", "9" * 400,
                     "2025-05-10", "2025/5/10", "2025年5月10日", "20250510", "0000-00-00"])  # fmt: skip
_NUMBER = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 6, 8.5, 1000, 1e19, 1e300, 45000, 20250510]),
)
_CELL = st.one_of(
    _TEXT,
    _NUMBER,
    st.sampled_from(PEOPLE + ["450602198803142111", "4506021988031421"]),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 1, 1)),
    st.none(),
)


def _good_row(kind: str, draw: st.DrawFn) -> list[object]:
    """A row that imports, for ``kind``: the fuzz then changes some of its cells."""
    person = draw(st.sampled_from(PEOPLE))
    if kind == "staff":
        birth = draw(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2000, 1, 1)))
        number = idnumber.make("450603", birth, draw(st.integers(min_value=0, max_value=999)))
        sex = "男" if int(number[16]) % 2 else "女"
        return ["新同事", sex, number, "13800000001", "2020-03-01", "2020-03-01", "否"]
    if kind == "credentials":
        number = draw(st.from_regex(r"[A-Z]?20[12][0-9]{7}", fullmatch=True))
        return [person, "", draw(st.sampled_from(["助理社会工作师", "社会工作师"])), number,
                "2021-06-20", ""]  # fmt: skip
    if kind == "training":
        return [person, draw(st.sampled_from(["伦理培训", "个案管理", "督导会"])), "2025-05-10",
                "", draw(st.sampled_from([2, 6, 8.5, "6学时"])), "面授", ""]  # fmt: skip
    return [person, "考试费用报销", "", draw(st.sampled_from([320, "1,000元", 45.5])), "2024-08-01"]


def _rows(kind: str, draw: st.DrawFn) -> list[list[object]]:
    header = HEADERS[kind]
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        if draw(st.integers(min_value=0, max_value=3)):  # mostly rows that nearly import
            row = _good_row(kind, draw)
            for _change in range(draw(st.integers(min_value=0, max_value=2))):
                row[draw(st.integers(min_value=0, max_value=len(row) - 1))] = draw(_CELL)
        else:
            row = [draw(_CELL) for _ in header]
        rows.append(row)
    return [header, *rows]


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[list[object]]]:
    kind = draw(st.sampled_from(KINDS))
    return kind, _rows(kind, draw)


@st.composite
def dialects(draw: st.DrawFn) -> dict[str, object]:
    return {
        "delimiter": draw(st.sampled_from([",", ";", "\t"])),
        "quoting": draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
        "lineterminator": draw(st.sampled_from(["\r\n", "\n", "\r"])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])),
    }


@FUZZ
@given(table=tables(), dialect=dialects())
def test_random_cells_in_random_csv_dialects(
    fresh: Fresh, table: tuple[str, list[list[object]]], dialect: dict[str, object]
) -> None:
    kind, rows = table
    encoding = str(dialect.pop("encoding"))
    buffer = io.StringIO()
    csv.writer(buffer, **dialect).writerows(rows)  # type: ignore[arg-type]
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = fresh.folder / "sheet.csv"
    path.write_bytes(data)
    check_import(fresh, kind, path)


@FUZZ
@given(table=tables(), title_rows=st.integers(min_value=0, max_value=3))
def test_random_cells_in_a_workbook(
    fresh: Fresh, table: tuple[str, list[list[object]]], title_rows: int
) -> None:
    kind, rows = table
    book = Workbook()
    sheet = book.active
    for n in range(title_rows):
        sheet.append([f"表{n}"])
    for row in rows:
        # What a workbook cannot hold (control characters, infinity) cannot come in one.
        sheet.append([_storable(v) for v in row])
    path = fresh.folder / "sheet.xlsx"
    book.save(path)
    check_import(fresh, kind, path)


def _storable(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, int) and abs(value) > 2**53:
        return str(value)
    return value
