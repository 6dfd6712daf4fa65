"""Import a sheet of staff, certificates, training hours or award payments: all or nothing.

Every row is read and checked (against the others and against the data file) before anything is
written; one bad row and nothing is written, and every problem is reported with its row and column.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.exchange import values
from swdesk.exchange.batch import Batch, RowFields
from swdesk.exchange.headers import FIELDS, KINDS
from swdesk.exchange.payments import AwardBatch
from swdesk.exchange.people import CredentialBatch, StaffBatch
from swdesk.exchange.report import ColumnRead, ImportResult, RowError
from swdesk.exchange.sheets import Column, SourceRow, Table, read_table
from swdesk.exchange.training import TrainingBatch
from swdesk.i18n import _
from swdesk.services.workspace import Changes, Workspace

BATCHES: dict[str, type[Batch]] = {
    "staff": StaffBatch,
    "credentials": CredentialBatch,
    "training": TrainingBatch,
    "awards": AwardBatch,
}


def run_import(
    ws: Workspace, kind: str, path: Path | str, *, dry_run: bool = False
) -> ImportResult:
    """Read ``path`` as ``kind`` and, unless ``dry_run`` or a row is wrong, add it in one
    transaction. Raises SwdeskError only when the file cannot be read as a table at all."""
    if kind not in KINDS:
        raise SwdeskError(
            _("Unknown kind of import {kind!r}: use one of {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    table = read_table(path, kind)
    errors: list[RowError] = []
    columns = _columns_by_field(kind, table, errors)
    batch = BATCHES[kind](ws)
    skipped: list[int] = []
    rows_ok = 0
    rows_read = 0
    if not errors:
        for source_row in table.rows:
            if is_example_row(kind, source_row, columns):
                skipped.append(source_row.number)
                continue
            rows_read += 1
            row = RowFields(kind, source_row, columns, errors)
            batch.check_row(row)
            rows_ok += row.ok
        if rows_read == 0:
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
    errors.sort(key=lambda e: (e.row or 0, len(e.letter), e.letter))
    changes = None
    if not errors and not dry_run:
        changes = _write(ws, batch, table.source)
    return ImportResult(
        kind=kind,
        source=table.source,
        sheet=table.sheet,
        encoding=table.encoding,
        header_row=table.header_row,
        columns=tuple(
            ColumnRead(c.letter, c.header, c.field.name if c.field else None, _column_label(c))
            for c in table.columns
        ),
        rows_read=rows_read,
        rows_ok=rows_ok,
        to_add=batch.to_add() if not errors else {t: 0 for t in batch.to_add()},
        errors=tuple(errors),
        dry_run=dry_run,
        skipped=tuple(skipped),
        changes=changes,
    )


def _write(ws: Workspace, batch: Batch, source: str) -> Changes:
    try:
        with ws.db.atomic():
            return batch.write(source)
    except sqlite3.Error as exc:
        # Everything was checked first, so this means the file changed under us or is damaged;
        # the transaction is rolled back either way.
        raise SwdeskError(
            _("The data file refused the import ({error}); nothing was imported.").format(error=exc)
        ) from exc


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
    for field in FIELDS[kind]:
        if field.required and field.name not in out:
            errors.append(
                RowError(
                    table.header_row,
                    "",
                    "",
                    field.name,
                    _(
                        "No column for {label} was found in the header row; add one headed "
                        "{header}."
                    ).format(label=field.title(), header=field.template_header),
                )
            )
    return out


def is_example_row(kind: str, row: SourceRow, columns: dict[str, Column]) -> bool:
    """True for the example row of a template that was left as written (it is not a person)."""
    matched = 0
    for field in FIELDS[kind]:
        column = columns.get(field.name)
        if column is None:
            continue
        cell = row.values[column.index] if column.index < len(row.values) else None
        if values.text(cell) != values.text(field.example or None):
            return False
        matched += bool(field.example)
    return matched >= 2
