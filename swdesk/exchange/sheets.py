"""Reading a sheet as offices keep it: .xlsx, the old .xls or .ods (any sheet, title and date
lines above the headers, a total line below) or .csv in UTF-8 (with or without BOM) or GBK, which Chinese Excel writes.

The header row is found by its words; every data row keeps the row number the user sees in Excel.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from swdesk.domain.errors import SwdeskError
from swdesk.domain.text import readable_name
from swdesk.exchange.headers import FieldSpec, field_for
from swdesk.i18n import _

HEADER_SEARCH_ROWS = 15
# Columns looked at when searching for the header row; no import has a tenth as many.
MAX_COLUMNS = 256
# No agency's list comes near these; a file past them is a mistake or an attack on memory.
MAX_FILE_BYTES = 64 << 20
MAX_UNPACKED_BYTES = 512 << 20
# A line under the table that is not data: totals, signatures, notes.
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
_FOOTER = re.compile(
    r"^(合计|总计|小计|共计|填表人|填报人|制表|审核人|负责人|单位负责人|注[:：]|说明[:：])"
)


class SheetError(SwdeskError):
    """The file cannot be read as a table: wrong type, damaged, no header row."""


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    letter: str  # as Excel shows it: A, B, …
    header: str  # as written in the file
    field: FieldSpec | None  # None: the column is not imported (序号, unknown words)


@dataclass(frozen=True)
class SourceRow:
    number: int  # the spreadsheet's own row number (the record number in a CSV)
    values: tuple[object, ...]


@dataclass(frozen=True)
class Table:
    source: str
    sheet: str | None
    encoding: str | None
    header_row: int
    columns: tuple[Column, ...]
    rows: tuple[SourceRow, ...]


def read_table(path: Path | str, kind: str) -> Table:
    """The data rows of ``path`` under the header row that best names the columns of ``kind``."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(_("The file {path} does not exist.").format(path=str(path)))
    suffix = path.suffix.lower()
    if suffix in (".et", ".wps"):
        raise SheetError(
            _("{name} is in an old spreadsheet format: open it and save it as .xlsx.").format(
                name=path.name
            )
        )
    if suffix not in (*_WORKBOOKS, ".csv", ".txt"):
        raise SheetError(
            _("{name} is not a spreadsheet: use an .xlsx or .csv file.").format(name=path.name)
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SheetError(
            _("{name} is larger than {mb} MB: no staff list is that big; split it.").format(
                name=path.name, mb=MAX_FILE_BYTES >> 20
            )
        )
    if suffix in _WORKBOOKS:
        with _open_book(path) as book:
            # Each sheet is parsed once: its head to find the header, then its rows from the same
            # parse (a second get_sheet_by_name would read the sheet's XML again).
            sheets = {name: book.get_sheet_by_name(name) for name in book.sheet_names}
            heads = [
                (name, _sheet_rows(grid, HEADER_SEARCH_ROWS, MAX_COLUMNS))
                for name, grid in sheets.items()
            ]
            sheet, header_index = _header(path, kind, heads)
            width = _width(dict(heads)[sheet][header_index])
            # Only the header's columns: a stray cell in column XFD must not widen every row.
            rows = _sheet_rows(sheets[sheet], None, width)  # type: ignore[index]
        encoding = None
    else:
        rows, encoding = _read_csv(path)
        sheet, header_index = _header(path, kind, [(None, rows[:HEADER_SEARCH_ROWS])])
    columns = tuple(
        Column(i, get_column_letter(i + 1), _text(v), field_for(kind, v))
        for i, v in enumerate(rows[header_index])
        if _text(v)
    )
    return Table(
        source=readable_name(path.name),
        sheet=sheet,
        encoding=encoding,
        header_row=header_index + 1,
        columns=columns,
        rows=tuple(_data_rows(rows, header_index, columns)),
    )


def _header(
    path: Path, kind: str, heads: list[tuple[str | None, list[list[object]]]]
) -> tuple[str | None, int]:
    """The sheet and the index of the row that best names the columns of ``kind``."""
    best: tuple[int, str | None, int] | None = None
    for name, rows in heads:
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            score = len({f.name for c in row if (f := field_for(kind, c)) is not None})
            if score >= 2 and (best is None or score > best[0]):
                best = (score, name, i)
    if best is None:
        raise SheetError(
            _(
                "No header row found in {name}: the first rows should name the columns, "
                "e.g. 姓名 and 身份证号."
            ).format(name=path.name)
        )
    return best[1], best[2]


def _width(header: list[object]) -> int:
    return max((i + 1 for i, v in enumerate(header) if _text(v)), default=1)


def _data_rows(
    rows: list[list[object]], header_index: int, columns: tuple[Column, ...]
) -> list[SourceRow]:
    imported = [c.index for c in columns if c.field is not None]
    out = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        first = next((text for v in row if (text := _text(v))), "")
        # The footer's words are Chinese: a first cell in ASCII (a 序号, a name in pinyin) is
        # none, and most rows skip the normalisation.
        if not first.isascii() and _FOOTER.match(
            unicodedata.normalize("NFKC", first).replace(" ", "")
        ):
            break
        # A row with only a 序号 or a note filled in is an unused line of the form, not data.
        width = len(row)
        for i in imported:
            if i < width and not _blank(row[i]):
                out.append(SourceRow(number, tuple(row)))
                break
    return out


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@contextlib.contextmanager
def _open_book(path: Path) -> Iterator[Any]:
    """The workbook, read by calamine (xlsx, xlsm, the old binary xls, ods): ten times faster
    than openpyxl on a large roster."""
    from python_calamine import CalamineWorkbook

    old_binary = path.suffix.lower() == ".xls"
    try:
        if not old_binary:
            with zipfile.ZipFile(path) as zf:
                unpacked = sum(info.file_size for info in zf.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SheetError(
                    _("{name} unpacks to more than {mb} MB: no staff list is that big.").format(
                        name=path.name, mb=MAX_UNPACKED_BYTES >> 20
                    )
                )
        if _decodable(path):
            book = CalamineWorkbook.from_path(str(path))
        else:
            # A name the system could not decode (GBK on a UTF-8 Linux): calamine, handed the
            # name, would look for another file; Python opens the one meant.
            with path.open("rb") as fh:
                book = CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
    except SheetError:
        raise
    except Exception as exc:  # calamine raises many kinds for a damaged or mislabelled file
        raise _unreadable(path, exc, old_binary) from None
    try:
        yield book
    except SheetError:
        raise
    except Exception as exc:  # damage found only while reading a sheet
        raise _unreadable(path, exc, old_binary) from None
    finally:
        book.close()


def _decodable(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unreadable(path: Path, exc: Exception, old_binary: bool) -> SheetError:
    if old_binary:
        return SheetError(
            _(
                "{name} cannot be read as an old Excel workbook ({error}): open it in Excel or "
                "WPS and save it as .xlsx."
            ).format(name=path.name, error=exc)
        )
    return SheetError(
        _("{name} cannot be read as an Excel workbook: {error}").format(name=path.name, error=exc)
    )


def _sheet_rows(sheet: Any, max_row: int | None, max_col: int) -> list[list[object]]:
    """The rows of a calamine ``sheet`` from A1 (the row numbers the user sees), ``max_col``
    cells each at most, as openpyxl gave them: None for an empty cell, whole numbers as int."""
    grid = sheet.to_python(skip_empty_area=False, nrows=max_row)
    # Text, most cells of a roster, is kept as it is without a call for each.
    return [[v if v.__class__ is str and v else _cell(v) for v in r[:max_col]] for r in grid]


def _cell(value: object) -> object:
    if value == "" or value is None:
        return None
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _read_csv(path: Path) -> tuple[list[list[object]], str]:
    try:
        data = path.read_bytes()
    except OSError as exc:  # e.g. the file is open and locked in another program
        raise SheetError(
            _("{name} cannot be read: {error}").format(name=path.name, error=exc.strerror or exc)
        ) from None
    text, encoding = decode(data, path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    # newline=None reads lines ended by CR alone (old Mac files) as well as LF and CRLF.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        return [list(r) for r in reader], encoding
    except csv.Error as exc:
        problem = (
            _("a cell is longer than {n} characters").format(n=csv.field_size_limit())
            if "field larger" in str(exc)
            else str(exc)
        )
        raise SheetError(
            _("{name} cannot be read as CSV at line {line}: {problem}.").format(
                name=path.name, line=reader.line_num, problem=problem
            )
        ) from None


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Text of a CSV file and the encoding it was in: UTF-8 (BOM or not), UTF-16 or GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "utf-16")]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "utf-8-sig")]
    else:
        # GB18030 is a superset of GBK and GB2312, so it reads what Chinese Excel writes.
        candidates = [("utf-8", "utf-8"), ("gb18030", "gbk")]
    for codec, label in candidates:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise SheetError(
        _("{name} is neither UTF-8 nor GBK text: save it again as CSV (UTF-8) or .xlsx.").format(
            name=name or _("The file")
        )
    )
