"""What an import tells the user: how the columns were read, what would be or was added, and every
error with the row, the column (header as written and its letter) and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from swdesk.i18n import N_, _
from swdesk.services.workspace import Changes

TABLE_LABELS = {
    "staff": N_("Staff members"),
    "credentials": N_("Certificates"),
    "training_events": N_("Training events"),
    "attendance": N_("Attendance records"),
    "award_payments": N_("Award payments"),
}


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
            return _("Dry run, nothing written. Would add: {counts}.").format(counts=counts)
        return _("Imported from {file}. Added: {counts}.").format(file=self.source, counts=counts)

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
            "summary": self.summary(),
        }
