"""The frame every kind of import fills in: one row's cells read field by field with each problem
recorded against its row and column, and a batch that checks rows against each other and the
database before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError
from swdesk.domain.staff import normalize_name
from swdesk.exchange import values
from swdesk.exchange.headers import spec
from swdesk.exchange.report import RowError
from swdesk.exchange.sheets import Column, SourceRow
from swdesk.i18n import _
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit


class RowFields:
    """The cells of one data row by field name; ``ok`` turns False at the first problem."""

    def __init__(
        self, kind: str, row: SourceRow, columns: dict[str, Column], errors: list[RowError]
    ) -> None:
        self.kind = kind
        self.number = row.number
        self._row = row
        self._columns = columns
        self._errors = errors
        self.ok = True

    def raw(self, field: str) -> object:
        column = self._columns.get(field)
        if column is None or column.index >= len(self._row.values):
            return None
        return self._row.values[column.index]

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
        raw = self.raw(field)
        if values.blank(raw):
            if required:
                self.fail(
                    field,
                    _("The cell is empty, but {label} is required.").format(
                        label=spec(self.kind, field).title()
                    ),
                )
            return None
        try:
            return convert(raw)
        except ValidationError as exc:
            self.fail(field, str(exc))
            return None

    def fail(self, field: str | None, message: str) -> None:
        column = self._columns.get(field) if field else None
        self._errors.append(
            RowError(
                self.number,
                column.header if column else "",
                column.letter if column else "",
                field,
                message,
            )
        )
        self.ok = False


class Batch:
    """The rows of one import, checked together; subclasses hold what will be written."""

    kind = ""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.today = ws.today()

    def check_row(self, row: RowFields) -> None:
        raise NotImplementedError

    def to_add(self) -> dict[str, int]:
        raise NotImplementedError

    def write(self, source: str) -> Changes:
        """Store everything checked; the caller holds the transaction."""
        raise NotImplementedError


class StaffLookup:
    """Who is on the staff list, by identity number: rows of credentials, training and awards
    files name people by their number and must point at someone already there."""

    def __init__(self, ws: Workspace) -> None:
        self._people = {
            r["id_number"]: (r["id"], r["name"])
            for r in ws.db.query("SELECT id, id_number, name FROM staff")
        }
        self._numbers = {staff_id: number for number, (staff_id, _n) in self._people.items()}

    def number_of(self, staff_id: int) -> str:
        return self._numbers[staff_id]

    def person(self, row: RowFields) -> int | None:
        """The staff id for the row's identity number (and name, when one is given)."""
        number = row.get("id_number", values.id_number, required=True)
        if number is None:
            return None
        found = self._people.get(number)
        if found is None:
            row.fail(
                "id_number",
                _(
                    "No one with identity number {number} is on the staff list. Import or add "
                    "the person first (swdesk import staff), or correct the number."
                ).format(number=idnumber.mask(number)),
            )
            return None
        staff_id, name = found
        given = row.get("name")
        if given and normalize_name(given) != name:
            row.fail(
                "name",
                _(
                    "Identity number {number} belongs to {name} on the staff list, not {given}. "
                    "Check the number and the name."
                ).format(number=idnumber.mask(number), name=name, given=given),
            )
            return None
        return staff_id


def record_import(ws: Workspace, table: str, source: str, rows: int) -> None:
    """One log line for the import as a whole, beside the line each added row gets."""
    audit.record(
        ws.db,
        user=ws.user,
        action="import",
        table=table,
        row_id=None,
        new={"file": source, "rows": rows},
    )
