"""Importing the staff list and the certificates people hold."""

from __future__ import annotations

import datetime as dt
import functools

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
from swdesk.i18n.reasons import describe
from swdesk.services.import_batch import Batch, StaffLookup, counted, record_import
from swdesk.services.staff import new_registration
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import registrations as registration_store
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
                accept_unknown_region=True,  # a warning with the row, below
                **details,
            )
        except ValidationError as exc:
            row.fail(exc.field, str(exc))
            return
        region_problem = idnumber.parse(person.id_number).region_problem
        if region_problem is not None:
            row.warn(
                "id_number",
                _(
                    "{problem} It is imported as written: check it against the identity card."
                ).format(problem=describe(region_problem)),
            )
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
        audit.record_added_rows(
            self.ws.db,
            user=self.ws.user,
            action="staff.add",
            table="staff",
            columns=staff_store.STAFF_COLUMNS,
            ids=ids,
            staff_column="id",
        )
        record_import(self.ws, "staff", source, len(ids))
        return Changes.of({Area.STAFF}, ids, _("Imported {n} staff members.").format(n=len(ids)))


class CredentialBatch(Batch):
    """New certificates, and registrations of certificates already known: a row whose
    certificate number is on file (or in an earlier row) with a registration date (登记日期)
    adds that registration to its history, so a sheet may list one row per registration."""

    kind = "credentials"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._staff = StaffLookup(ws)
        held = staff_store.credentials_in_order(ws.db)
        # By code_key: g202145000050 and G202145000050 are one certificate.
        self._known: dict[str, tuple[Credential, int | None]] = {
            code_key(c.certificate_number): (c, None) for c in held
        }
        self._levels: dict[tuple[int, str], int | None] = {
            (c.staff_id, c.level.value): None  # type: ignore[misc]
            for c in held
        }
        live = registration_store.all_live_registrations(ws.db)
        self._registered: dict[tuple[str, dt.date], int | None] = {
            (code_key(c.certificate_number), r.registered_on): None
            for c in held
            for r in live.get(c.id, [])  # type: ignore[arg-type]
        }
        self.credentials: list[tuple[int, Credential]] = []
        self.registrations: list[tuple[str, dt.date]] = []  # (code key, date) of known ones
        # The cell's converter, with its words for an error, made once for the whole file.
        self._certificate_number = functools.partial(values.code, what=_("certificate number"))

    def check_row(self, row: RowFields) -> None:
        staff_id = self._staff.person(row)
        level = row.get("level", parse_level, required=True)
        number = row.get("certificate_number", self._certificate_number, required=True)
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
        if key in self._known:
            self._another_registration(row, staff_id, cred, key)
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
        self._known[key] = (cred, row.number)
        self._levels[held] = row.number
        if cred.registered_on is not None:
            self._registered[(key, cred.registered_on)] = row.number
        self.credentials.append((staff_id, cred))

    def _another_registration(
        self, row: RowFields, staff_id: int, cred: Credential, key: str
    ) -> None:
        """A row of a certificate already known: one more registration of it, or an error."""
        known, first = self._known[key]
        if cred.registered_on is None:
            row.fail(
                "certificate_number",
                _("Certificate number {number} is already in row {other}.").format(
                    number=cred.certificate_number, other=first
                )
                if first
                else _(
                    "Certificate number {number} is already recorded; certificate numbers are "
                    "unique. A row of a recorded certificate adds a registration: give its "
                    "registration date."
                ).format(number=cred.certificate_number),
            )
            return
        same = (known.staff_id or staff_id, known.level, known.obtained_on)
        if same != (staff_id, cred.level, cred.obtained_on):
            row.fail(
                "certificate_number",
                _(
                    "Certificate number {number} is recorded with another person, level or date "
                    "obtained ({level}, {date}); the rows of one certificate must agree."
                ).format(
                    number=cred.certificate_number,
                    level=known.level.label(),
                    date=known.obtained_on.isoformat(),
                ),
            )
            return
        day = (key, cred.registered_on)
        if day in self._registered:
            other = self._registered[day]
            row.fail(
                "registered_on",
                _("This registration is already in row {other}.").format(other=other)
                if other
                else _("This registration of {date} is already recorded.").format(
                    date=cred.registered_on.isoformat()
                ),
            )
            return
        self._registered[day] = row.number
        self.registrations.append(day)

    def to_add(self) -> dict[str, int]:
        dated = sum(c.registered_on is not None for _s, c in self.credentials)
        added = {"credentials": len(self.credentials)}
        if self.registrations or dated:
            added["registrations"] = dated + len(self.registrations)
        return added

    def label(self) -> Reason:
        if not self.credentials and self.registrations:  # a file of 登记日期 rows only
            return counted(
                N_("Import 1 registration"),
                N_("Import {n} registrations"),
                len(self.registrations),
            )
        return counted(
            N_("Import 1 certificate"), N_("Import {n} certificates"), len(self.credentials)
        )

    def write(self, source: str) -> Changes:
        ids = staff_store.insert_credentials_many(self.ws.db, self.credentials)
        audit.record_added_rows(
            self.ws.db,
            user=self.ws.user,
            action="credential.add",
            table="credentials",
            columns=staff_store.CREDENTIAL_COLUMNS,
            ids=ids,
            staff_column="staff_id",
        )
        # A certificate's own registration date is the first of its history (as insert_credential
        # does one by one), then the rows that add registrations to certificates already known.
        new_ids: dict[str, int] = {}
        records, owners = [], []
        for credential_id, (staff_id, cred) in zip(ids, self.credentials, strict=True):
            new_ids[code_key(cred.certificate_number)] = credential_id
            if cred.registered_on is not None:
                records.append(
                    new_registration(self.ws, credential_id, cred.registered_on, "import")
                )
                owners.append(staff_id)
        touched = {staff_id for staff_id, _cred in self.credentials}
        for key, day in self.registrations:
            known, _first = self._known[key]
            credential_id = known.id if known.id is not None else new_ids[key]
            staff_id = known.staff_id if known.staff_id is not None else self._staff_of(key)
            records.append(new_registration(self.ws, credential_id, day, "import"))
            owners.append(staff_id)
            touched.add(staff_id)
        registration_ids = registration_store.insert_registrations_many(self.ws.db, records)
        audit.record_added(
            self.ws.db,
            user=self.ws.user,
            action="registration.add",
            table="registrations",
            added=[
                (i, registration_store.record_to_row(r), staff_id)
                for i, r, staff_id in zip(registration_ids, records, owners, strict=True)
            ],
        )
        record_import(self.ws, "credentials", source, len(self.credentials))
        return Changes.of(
            {Area.CREDENTIALS},
            touched,
            _("Imported {n} certificates and {m} registrations.").format(
                n=len(self.credentials), m=len(self.registrations)
            ),
        )

    def _staff_of(self, key: str) -> int:
        return next(s for s, c in self.credentials if code_key(c.certificate_number) == key)
