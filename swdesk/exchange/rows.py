"""A sheet read as the rows of one kind of import: the columns matched to fields, each data row's
cells converted field by field, and every problem kept with its row and column (the header as
written and its letter) and what to do.

Nothing here knows the data file. Checking the rows against each other and against what is
stored, and writing them, is the import service's (swdesk.services.imports); its checks record
their problems through the same ``RowFields.fail``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.exchange import values
from swdesk.exchange.headers import FIELDS, KINDS, spec
from swdesk.exchange.sheets import Column, SourceRow, Table, read_table
from swdesk.i18n import _


@dataclass(frozen=True)
class RowError:
    row: int | None  # the spreadsheet's row number; None for the file as a whole
    column: str  # the header as written in the file; "" when no single column is at fault
    letter: str  # the column letter (A, B, …); "" when unknown
    field: str | None  # the field name (English key)
    message: str  # already in the user's language

    def describe(self) -> str:
        if self.row is not None and self.column:
            return _('Row {row}, column "{header}" ({letter}): {message}').format(
                row=self.row, header=self.column, letter=self.letter, message=self.message
            )
        if self.row is not None:
            return _("Row {row}: {message}").format(row=self.row, message=self.message)
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "field": self.field,
            "message": self.message,
            "text": self.describe(),
        }


@dataclass(frozen=True)
class ColumnRead:
    """One column of the file and the field it was read as (None: not imported)."""

    letter: str
    header: str
    field: str | None
    label: str  # the field's label in the user's language, or "" when not imported


class RowFields:
    """The cells of one data row by field name; ``ok`` turns False at the first problem."""

    # One for each row of a sheet: slots make ten thousand of them quicker to build and smaller.
    __slots__ = ("kind", "number", "_row", "_columns", "_errors", "_warnings", "ok", "stored")

    def __init__(
        self,
        kind: str,
        row: SourceRow,
        columns: dict[str, Column],
        errors: list[RowError],
        warnings: list[RowError] | None = None,
    ) -> None:
        self.kind = kind
        self.number = row.number
        self._row = row
        self._columns = columns
        self._errors = errors
        self._warnings = warnings if warnings is not None else []
        self.ok = True
        # What each field will be stored as, for the preview: the converted cell, or what the
        # kind's checks made of it (a name without its spaces, 男 as the sex read from the number).
        self.stored: dict[str, Any] = {}

    def keep(self, field: str, value: Any) -> None:
        """Say what ``field`` is stored as once the row's checks have made it final."""
        if field in self._columns:
            self.stored[field] = value

    def raw(self, field: str) -> object:
        column = self._columns.get(field)
        if column is None or column.index >= len(self._row.values):
            return None
        return self._row.values[column.index]

    def has_column(self, field: str) -> bool:
        """Whether the sheet has a column for ``field`` (a problem with it can be pointed at)."""
        return field in self._columns

    def has(self, field: str) -> bool:
        return not values.blank(self.raw(field))

    def get(
        self,
        field: str,
        convert: Callable[[object], Any] = values.text,
        *,
        required: bool = False,
    ) -> Any:
        """The converted cell, or None when it is empty or wrong (the error is recorded)."""
        column = self._columns.get(field)  # self.raw(field), without a call for each cell
        cells = self._row.values
        raw = None if column is None or column.index >= len(cells) else cells[column.index]
        if raw is None or (isinstance(raw, str) and not raw.strip()):  # values.blank
            if required:
                self.fail(
                    field,
                    _("The cell is empty, but {label} is required.").format(
                        label=spec(self.kind, field).title()
                    ),
                )
            return None
        try:
            converted = convert(raw)
        except ValidationError as exc:
            self.fail(field, str(exc))
            return None
        self.stored[field] = converted
        return converted

    def fail(self, field: str | None, message: str) -> None:
        self._errors.append(self._problem(field, message))
        self.ok = False

    def warn(self, field: str | None, message: str) -> None:
        """Something the user should look at that does not stop the row (an identity number
        whose region is unknown for its birth year)."""
        self._warnings.append(self._problem(field, message))

    def _problem(self, field: str | None, message: str) -> RowError:
        column = self._columns.get(field) if field else None
        return RowError(
            self.number,
            column.header if column else "",
            column.letter if column else "",
            field,
            message,
        )


@dataclass
class SheetRows:
    """What a file holds for one kind of import, read but not yet checked against the data."""

    kind: str
    source: str
    sheet: str | None
    encoding: str | None
    header_row: int
    columns: tuple[ColumnRead, ...]
    rows: list[RowFields]  # the data rows; none when the header row is wrong
    skipped: tuple[int, ...]  # rows left out on purpose: the template's example row
    errors: list[RowError] = field(default_factory=list)  # the checks of the rows add theirs
    warnings: list[RowError] = field(default_factory=list)  # problems that do not block a row

    def sorted_errors(self) -> tuple[RowError, ...]:
        """By row, then column from left to right."""
        return _in_order(self.errors)

    def sorted_warnings(self) -> tuple[RowError, ...]:
        return _in_order(self.warnings)


def _in_order(problems: list[RowError]) -> tuple[RowError, ...]:
    return tuple(sorted(problems, key=lambda e: (e.row or 0, len(e.letter), e.letter)))


def read_rows(kind: str, path: Path | str) -> SheetRows:
    """Read ``path`` as rows of ``kind``. Raises SwdeskError only when the file cannot be read as
    a table at all; every other problem is a RowError."""
    if kind not in KINDS:
        raise SwdeskError(
            _("Unknown kind of import {kind!r}: use one of {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    table = read_table(path, kind)
    errors: list[RowError] = []
    warnings: list[RowError] = []
    columns = _columns_by_field(kind, table, errors)
    rows: list[RowFields] = []
    skipped: list[int] = []
    if not errors:
        example = _example_cells(kind, columns)
        for source_row in table.rows:
            if example and _is_example(source_row, example):
                skipped.append(source_row.number)
            else:
                rows.append(RowFields(kind, source_row, columns, errors, warnings))
        if not rows:
            errors.append(
                RowError(
                    None,
                    "",
                    "",
                    None,
                    _("There are no data rows under the header row (row {row}).").format(
                        row=table.header_row
                    ),
                )
            )
    return SheetRows(
        kind=kind,
        source=table.source,
        sheet=table.sheet,
        encoding=table.encoding,
        header_row=table.header_row,
        columns=tuple(
            ColumnRead(c.letter, c.header, c.field.name if c.field else None, _column_label(c))
            for c in table.columns
        ),
        rows=rows,
        skipped=tuple(skipped),
        errors=errors,
        warnings=warnings,
    )


def _column_label(column: Column) -> str:
    return column.field.title() if column.field else ""


def _columns_by_field(kind: str, table: Table, errors: list[RowError]) -> dict[str, Column]:
    """Each field's column; a field named twice or a required one missing is an error."""
    out: dict[str, Column] = {}
    for column in table.columns:
        if column.field is None:
            continue
        name = column.field.name
        if name in out:
            first = out[name]
            errors.append(
                RowError(
                    table.header_row,
                    column.header,
                    column.letter,
                    name,
                    _(
                        'This column and column "{first}" ({letter}) are both read as {label}; '
                        "delete or rename one of them."
                    ).format(first=first.header, letter=first.letter, label=column.field.title()),
                )
            )
            continue
        out[name] = column
    for spec_ in FIELDS[kind]:
        if spec_.required and spec_.name not in out:
            errors.append(
                RowError(
                    table.header_row,
                    "",
                    "",
                    spec_.name,
                    _(
                        "No column for {label} was found in the header row; add one headed "
                        "{header}."
                    ).format(label=spec_.title(), header=spec_.template_header),
                )
            )
    return out


def _example_cells(kind: str, columns: dict[str, Column]) -> tuple[tuple[int, str], ...]:
    """(column index, the example's text) of each field of ``kind`` the sheet has, made once per
    sheet; empty when fewer than two of them have an example, so that no row can be the
    example row."""
    cells = tuple(
        (columns[s.name].index, values.text(s.example or None), bool(s.example))
        for s in FIELDS[kind]
        if s.name in columns
    )
    if sum(given for _i, _t, given in cells) < 2:
        return ()
    # The longest first: an identity or certificate number tells a real row at its first cell.
    return tuple(sorted(((i, t) for i, t, _given in cells), key=lambda c: -len(c[1])))


def _is_example(row: SourceRow, example: tuple[tuple[int, str], ...]) -> bool:
    """True for the example row of a template that was left as written (it is not a person)."""
    cells = row.values
    width = len(cells)
    for index, text in example:
        if values.text(cells[index] if index < width else None) != text:
            return False
    return True
