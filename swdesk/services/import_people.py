"""Importing the staff list and the certificates people hold."""

from __future__ import annotations

from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import parse_level
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import (
    Credential,
    Staff,
    make_credential,
    make_staff,
    parse_yes_no,
)
from swdesk.domain.text import code_key
from swdesk.exchange import values
from swdesk.exchange.rows import RowFields
from swdesk.i18n import N_, _
from swdesk.services.import_batch import Batch, StaffLookup, counted, record_import
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import staff as staff_store


def _civil_servant(value: object) -> bool:
    return parse_yes_no(value, "civil_servant")


class StaffBatch(Batch):
    """New people only: someone already on the list is an error, so that a second import of the
    same roster cannot silently overwrite what was corrected since."""

    kind = "staff"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._on_file = {
            number: name for number, (_id, name) in staff_store.staff_by_number(ws.db).items()
        }
        self._rows_by_number: dict[str, int] = {}
        self.people: list[Staff] = []

    def check_row(self, row: RowFields) -> None:
        name = row.get("name", required=True)
        number = row.get("id_number", values.id_number, required=True)
        sex = row.get("sex")
        birth_date = row.get("birth_date", values.date)
        details = {
            "hire_date": row.get("hire_date", values.date),
            "social_work_since": row.get("social_work_since", values.date),
            "leave_date": row.get("leave_date", values.date),
            "civil_servant": bool(row.get("civil_servant", _civil_servant)),
            "phone": row.get("phone") or "",
            "education": row.get("education") or "",
            "major": row.get("major") or "",
            "note": row.get("note") or "",
        }
        if not row.ok:
            return
        try:
            person = make_staff(
                name=name,
                id_number=number,
                sex=sex,
                birth_date=birth_date,
                today=self.today,
                **details,
            )
        except ValidationError as exc:
            row.fail(exc.field, str(exc))
            return
        for field in ("name", "id_number", "sex", "birth_date"):
            row.keep(field, getattr(person, field))
        if person.id_number in self._on_file:
            row.fail(
                "id_number",
                _(
                    "{number} is already on the staff list (as {name}). This import adds new "
                    "people only: delete this row, or change the person in the staff list."
                ).format(
                    number=idnumber.mask(person.id_number), name=self._on_file[person.id_number]
                ),
            )
            return
        first = self._rows_by_number.setdefault(person.id_number, row.number)
        if first != row.number:
            row.fail(
                "id_number",
                _("The same identity number is already in row {other}.").format(other=first),
            )
            return
        self.people.append(person)

    def to_add(self) -> dict[str, int]:
        return {"staff": len(self.people)}

    def label(self) -> Reason:
        return counted(N_("Import 1 person"), N_("Import {n} people"), len(self.people))

    def write(self, source: str) -> Changes:
        # Checked above against the file and each other: one write per table, audit included.
        ids = staff_store.insert_staff_many(self.ws.db, self.people)
        audit.record_added(
            self.ws.db,
            user=self.ws.user,
            action="staff.add",
            table="staff",
            added=[
                (i, staff_store.staff_to_row(p), i) for i, p in zip(ids, self.people, strict=True)
            ],
        )
        record_import(self.ws, "staff", source, len(ids))
        return Changes.of({Area.STAFF}, ids, _("Imported {n} staff members.").format(n=len(ids)))


class CredentialBatch(Batch):
    kind = "credentials"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._staff = StaffLookup(ws)
        held = staff_store.credentials_in_order(ws.db)
        # By code_key: g202145000050 and G202145000050 are one certificate.
        self._numbers: dict[str, int | None] = {code_key(c.certificate_number): None for c in held}
        self._levels: dict[tuple[int, str], int | None] = {
            (c.staff_id, c.level.value): None  # type: ignore[misc]
            for c in held
        }
        self.credentials: list[tuple[int, Credential]] = []

    def check_row(self, row: RowFields) -> None:
        staff_id = self._staff.person(row)
        level = row.get("level", parse_level, required=True)
        number = row.get(
            "certificate_number", lambda v: values.code(v, _("certificate number")), required=True
        )
        obtained = row.get("obtained_on", values.date, required=True)
        registered = row.get("registered_on", values.date)
        issuing_body = row.get("issuing_body") or ""
        if not row.ok or staff_id is None:
            return
        try:
            cred = make_credential(
                level=level,
                certificate_number=number,
                obtained_on=obtained,
                registered_on=registered,
                issuing_body=issuing_body,
                today=self.today,
            )
        except ValidationError as exc:
            row.fail(exc.field, str(exc))
            return
        key = code_key(cred.certificate_number)
        if key in self._numbers:
            first = self._numbers[key]
            row.fail(
                "certificate_number",
                _("Certificate number {number} is already in row {other}.").format(
                    number=cred.certificate_number, other=first
                )
                if first
                else _(
                    "Certificate number {number} is already recorded; certificate numbers are "
                    "unique."
                ).format(number=cred.certificate_number),
            )
            return
        held = (staff_id, cred.level.value)
        if held in self._levels:
            first = self._levels[held]
            message = (
                _("This person's {level} certificate is already in row {other}.")
                if first
                else _("This person already has a {level} certificate on file.")
            )
            row.fail("level", message.format(level=cred.level.label(), other=first))
            return
        self._numbers[key] = row.number
        self._levels[held] = row.number
        self.credentials.append((staff_id, cred))

    def to_add(self) -> dict[str, int]:
        return {"credentials": len(self.credentials)}

    def label(self) -> Reason:
        return counted(
            N_("Import 1 certificate"), N_("Import {n} certificates"), len(self.credentials)
        )

    def write(self, source: str) -> Changes:
        ids = staff_store.insert_credentials_many(self.ws.db, self.credentials)
        audit.record_added(
            self.ws.db,
            user=self.ws.user,
            action="credential.add",
            table="credentials",
            added=[
                (i, staff_store.credential_to_row(cred, staff_id), staff_id)
                for i, (staff_id, cred) in zip(ids, self.credentials, strict=True)
            ],
        )
        record_import(self.ws, "credentials", source, len(self.credentials))
        return Changes.of(
            {Area.CREDENTIALS},
            {staff_id for staff_id, _cred in self.credentials},
            _("Imported {n} certificates.").format(n=len(self.credentials)),
        )
