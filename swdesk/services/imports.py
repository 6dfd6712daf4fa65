"""Importing a sheet of staff, certificates, training hours or award payments: all or nothing.

The file is read into rows (swdesk.exchange.rows); every row is checked, against the others and
against the data file, before anything is written; one bad row and nothing is written, and every
problem is reported with its row and column. A dry run checks and writes nothing. What the import
tells the user — how the columns were read, what would be or was added, every error — is the
``ImportResult``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from swdesk.domain.errors import SwdeskError
from swdesk.exchange.rows import ColumnRead, RowError, read_rows
from swdesk.exchange.sheets import Table, read_table
from swdesk.i18n import N_, _, join_sentences, ngettext
from swdesk.services.import_batch import Batch
from swdesk.services.import_grades import GradeBatch
from swdesk.services.import_payments import AwardBatch
from swdesk.services.import_people import CredentialBatch, StaffBatch
from swdesk.services.import_training import TrainingBatch
from swdesk.services.reading import whole_agency
from swdesk.services.undo import recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage.errors import SQLiteError

BATCHES: dict[str, type[Batch]] = {
    "staff": StaffBatch,
    "credentials": CredentialBatch,
    "training": TrainingBatch,
    "awards": AwardBatch,
    "grades": GradeBatch,
}

TABLE_LABELS = {
    "staff": N_("Staff members"),
    "credentials": N_("Certificates"),
    "registrations": N_("Registrations"),
    "training_events": N_("Training events"),
    "attendance": N_("Attendance records"),
    "award_payments": N_("Award payments"),
    "grade_appointments": N_("Grade appointments"),
}


@dataclass(frozen=True)
class ImportResult:
    kind: str
    source: str
    sheet: str | None
    encoding: str | None
    header_row: int
    columns: tuple[ColumnRead, ...]
    rows_read: int
    rows_ok: int
    to_add: dict[str, int]  # table → rows added (or that would be added in a dry run)
    errors: tuple[RowError, ...]
    dry_run: bool
    skipped: tuple[int, ...] = ()  # rows left out on purpose: the template's example row
    changes: Changes | None = None
    warnings: tuple[RowError, ...] = ()  # to look at; they do not stop the import
    # The first rows as they will be stored: (row number, {field: value}), for the preview.
    stored: tuple[tuple[int, dict[str, Any]], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        """One line for the user: added, would be added, or refused."""
        counts = "; ".join(
            _("{table}: {n}").format(table=_(TABLE_LABELS[t]), n=n) for t, n in self.to_add.items()
        )
        if not self.ok:
            return _(
                "Nothing was imported from {file}. Errors found: {n}; correct them and import again."
            ).format(n=len(self.errors), file=self.source)
        if self.dry_run:
            text = _("Dry run, nothing written. Would add: {counts}.").format(counts=counts)
        else:
            text = _("Imported from {file}. Added: {counts}.").format(
                file=self.source, counts=counts
            )
        if self.warnings:
            text = join_sentences(
                text,
                ngettext(
                    "{n} warning: look at it with its row.",
                    "{n} warnings: look at them with their rows.",
                    len(self.warnings),
                ).format(n=len(self.warnings)),
            )
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "sheet": self.sheet,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "columns": [
                {"letter": c.letter, "header": c.header, "field": c.field, "label": c.label}
                for c in self.columns
            ],
            "rows_read": self.rows_read,
            "rows_ok": self.rows_ok,
            "skipped_rows": list(self.skipped),
            "to_add": dict(self.to_add),
            "dry_run": self.dry_run,
            "ok": self.ok,
            "written": self.written,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
            "summary": self.summary(),
        }


PREVIEW_ROWS = 1000  # rows whose stored values the preview shows; the import takes them all


def run_import(
    ws: Workspace, kind: str, path: Path | str, *, dry_run: bool = False
) -> ImportResult:
    """Read ``path`` as ``kind`` and, unless ``dry_run`` or a row is wrong, add it in one
    transaction. Raises SwdeskError only when the file cannot be read as a table at all."""
    with whole_agency():  # thousands of rows, each a few objects and no cycles
        sheet = read_rows(kind, path)
        batch = BATCHES[kind](ws)
        rows_ok = 0
        for row in sheet.rows:
            batch.check_row(row)
            rows_ok += row.ok
    errors = sheet.sorted_errors()
    changes = None
    if not errors and not dry_run:
        changes = _write(ws, batch, sheet.source)
    return ImportResult(
        kind=kind,
        source=sheet.source,
        sheet=sheet.sheet,
        encoding=sheet.encoding,
        header_row=sheet.header_row,
        columns=sheet.columns,
        rows_read=len(sheet.rows),
        rows_ok=rows_ok,
        to_add=batch.to_add() if not errors else {t: 0 for t in batch.to_add()},
        errors=errors,
        dry_run=dry_run,
        skipped=sheet.skipped,
        changes=changes,
        warnings=sheet.sorted_warnings(),
        stored=tuple((row.number, dict(row.stored)) for row in sheet.rows[:PREVIEW_ROWS]),
    )


def _write(ws: Workspace, batch: Batch, source: str) -> Changes:
    try:
        with recorded(ws, batch.label()) as step:
            changes = batch.write(source)
    except SQLiteError as exc:
        # Everything was checked first, so this means the file changed under us or is damaged;
        # the transaction is rolled back either way.
        raise SwdeskError(
            _("The data file refused the import ({error}); nothing was imported.").format(error=exc)
        ) from exc
    # A whole import is one step of the undo history.
    return replace(changes, undo=step.entry)


@dataclass(frozen=True)
class ImportPreview:
    """A file read and checked, nothing written: its rows as read, and what importing would do."""

    table: Table
    result: ImportResult


def preview_import(ws: Workspace, kind: str, path: Path | str) -> ImportPreview:
    return ImportPreview(read_table(path, kind), run_import(ws, kind, path, dry_run=True))
