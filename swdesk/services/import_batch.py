"""The frame every kind of import fills in: a batch checks the rows a sheet was read into
(swdesk.exchange.rows) against each other and against the data file before anything is
written, and writes them when every row is right."""

from __future__ import annotations

from swdesk.domain import idnumber
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import normalize_name
from swdesk.exchange import values
from swdesk.exchange.rows import RowFields
from swdesk.i18n import _
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import staff as staff_store


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

    def label(self) -> Reason:
        """What the undo history calls the import ("Import 6 people")."""
        raise NotImplementedError


def counted(one: str, many: str, n: int) -> Reason:
    """A label with a count, its key chosen for one or many (the undo menu words it later)."""
    return Reason(one if n == 1 else many, {"n": n})


class StaffLookup:
    """Who is on the staff list, by identity number: rows of credentials, training and awards
    files name people by their number and must point at someone already there."""

    def __init__(self, ws: Workspace) -> None:
        self._people = staff_store.staff_by_number(ws.db)
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
