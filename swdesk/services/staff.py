"""Staff and their credentials: add, change, look up, list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.grades import outside_employment
from swdesk.domain.reasons import Reason
from swdesk.domain.registration_history import RegistrationRecord
from swdesk.domain.staff import Credential, Staff, check_staff_details, make_staff
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe
from swdesk.services.reading import kept
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit, registrations
from swdesk.storage import grades as grades_store
from swdesk.storage import staff as store


def find_staff(ws: Workspace, id_number: str) -> Staff:
    number = idnumber.normalize(id_number)
    found = store.staff_with_number(ws.db, number)
    if found is None:
        raise NotFound(
            _("No staff member has identity number {number}.").format(number=idnumber.mask(number))
        )
    return found


def get_staff(ws: Workspace, staff_id: int) -> Staff:
    found = store.staff_by_id(ws.db, staff_id)
    if found is None:
        raise NotFound(_("No staff member with id {id}.").format(id=staff_id))
    return found


def list_staff(ws: Workspace, search: str = "", include_left: bool = True) -> list[Staff]:
    if search:
        return store.list_staff(ws.db, search, working_after=None if include_left else ws.today())
    everyone = kept(ws, "staff", lambda: store.list_staff(ws.db), ("staff",))
    if include_left:
        return list(everyone)
    today = ws.today()
    return [p for p in everyone if p.leave_date is None or p.leave_date > today]


def insert_staff(ws: Workspace, staff: Staff) -> int:
    """Store a checked Staff inside the caller's transaction; returns the new id."""
    if store.number_taken(ws.db, staff.id_number):
        raise ValidationError(
            _("Identity number {number} is already on the staff list.").format(
                number=idnumber.mask(staff.id_number)
            ),
            "id_number",
        )
    new_id = store.insert_staff(ws.db, staff)
    audit.record(
        ws.db,
        user=ws.user,
        action="staff.add",
        table="staff",
        row_id=new_id,
        new=store.staff_to_row(staff),
        staff_id=new_id,
    )
    return new_id


def add_staff(ws: Workspace, **fields: Any) -> Changes:
    """Add a person; a number whose region is unknown for its birth year is refused (UnknownRegion)
    unless ``accept_unknown_region=True`` says the user accepted it."""
    staff = make_staff(today=ws.today(), **fields)
    with recorded(ws, Reason(N_("Add {name}"), {"name": staff.name})) as step:
        new_id = insert_staff(ws, staff)
    return Changes.of(
        {Area.STAFF}, {new_id}, _("Added {name}.").format(name=staff.name), new_id, step.entry
    )


# What a correction may change: everything but the id (the birth date and sex follow the number).
EDITABLE = frozenset(f.name for f in dataclasses.fields(Staff)) - {"id", "birth_date"}


def update_staff(ws: Workspace, staff_id: int, **fields: Any) -> Changes:
    """Correct a person's details (the fields given; the rest stay). Refused when corrected
    employment dates would leave one of their appointments outside their time at the agency."""
    unknown = set(fields) - EDITABLE - {"accept_unknown_region"}
    if unknown:
        raise ValidationError(
            _("A person has no field {field}.").format(field=", ".join(sorted(unknown))), "field"
        )
    old = get_staff(ws, staff_id)
    accept = bool(fields.pop("accept_unknown_region", False))
    if "id_number" in fields or "name" in fields or "sex" in fields:
        number = fields.pop("id_number", old.id_number)
        base = make_staff(
            name=fields.pop("name", old.name),
            id_number=number,
            sex=fields.pop("sex", None),
            today=ws.today(),
            # A number kept as it was was accepted when it was entered.
            accept_unknown_region=accept or idnumber.normalize(number) == old.id_number,
        )
        new = dataclasses.replace(
            old, name=base.name, id_number=base.id_number, sex=base.sex, birth_date=base.birth_date
        )
    else:
        new = old
    new = check_staff_details(dataclasses.replace(new, **fields), ws.today())
    if store.number_taken(ws.db, new.id_number, other_than=staff_id):
        raise ValidationError(
            _("Identity number {number} is already on the staff list.").format(
                number=idnumber.mask(new.id_number)
            ),
            "id_number",
        )
    message = _("Saved {name}.").format(name=new.name)
    if new == old:
        return Changes.of({Area.STAFF}, {staff_id}, message)
    with recorded(ws, Reason(N_("Edit the details of {name}"), {"name": new.name})) as step:
        if (new.hire_date, new.leave_date) != (old.hire_date, old.leave_date):
            refusal = outside_employment(ws.profile, new, grades_store.history(ws.db, staff_id))
            if refusal is not None:
                raise RuleRefused(describe(refusal), refusal.clause)
        store.update_staff(ws.db, staff_id, new)
        audit.record(
            ws.db,
            user=ws.user,
            action="staff.update",
            table="staff",
            row_id=staff_id,
            old=store.staff_to_row(old),
            new=store.staff_to_row(new),
            staff_id=staff_id,
        )
    return Changes.of({Area.STAFF}, {staff_id}, message, undo=step.entry)


def insert_credential(
    ws: Workspace, staff_id: int, cred: Credential, *, source: str = "entry"
) -> int:
    """Store a checked credential inside the caller's transaction; a registration date given
    with it is the first entry of its registration history."""
    if store.credential_with_number(ws.db, cred.certificate_number) is not None:
        raise ValidationError(
            _(
                "Certificate number {number} is already recorded; certificate numbers are unique."
            ).format(number=cred.certificate_number),
            "certificate_number",
        )
    new_id = store.insert_credential(ws.db, staff_id, cred)
    audit.record(
        ws.db,
        user=ws.user,
        action="credential.add",
        table="credentials",
        row_id=new_id,
        new=store.credential_to_row(cred, staff_id),
        staff_id=staff_id,
    )
    if cred.registered_on is not None:
        insert_registration(ws, new_registration(ws, new_id, cred.registered_on, source), staff_id)
    return new_id


def new_registration(
    ws: Workspace, credential_id: int, on: dt.date, source: str = "entry", **more: Any
) -> RegistrationRecord:
    """A registration recorded now by the workspace's user."""
    return RegistrationRecord(
        credential_id,
        on,
        source=source,
        recorded_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        recorded_by=ws.user,
        **more,
    )


def insert_registration(
    ws: Workspace, record: RegistrationRecord, staff_id: int, *, old: dt.date | None = None
) -> int:
    """Add a registration to a certificate's history (inside the caller's transaction), audited;
    the credential's current registration follows. ``old`` is the one it replaces as current."""
    new_id = registrations.insert_registration(ws.db, record)
    if new_id is None:
        raise ValidationError(
            _("This certificate's registration of {date} is already recorded.").format(
                date=record.registered_on.isoformat()
            ),
            "registered_on",
        )
    audit.record(
        ws.db,
        user=ws.user,
        action="registration.add",
        table="registrations",
        row_id=new_id,
        old={"registered_on": old} if old else None,
        new=registrations.record_to_row(record),
        staff_id=staff_id,
    )
    return new_id


def add_credential(ws: Workspace, id_number: str, **fields: Any) -> Changes:
    from swdesk.domain.staff import make_credential

    person = find_staff(ws, id_number)
    cred = make_credential(today=ws.today(), **fields)
    label = Reason(N_("Record a certificate for {name}"), {"name": person.name})
    with recorded(ws, label) as step:
        new_id = insert_credential(ws, person.id, cred)
    return Changes.of(
        {Area.CREDENTIALS},
        {person.id},
        _("Recorded {level} for {name}.").format(level=cred.level.label(), name=person.name),
        new_id,
        step.entry,
    )


def credentials_of(ws: Workspace, staff_id: int) -> list[Credential]:
    return store.credentials_of(ws.db, staff_id)


def all_credentials(ws: Workspace) -> dict[int, list[Credential]]:
    """Every credential, by staff id: one query for a whole report (shared inside one reading:
    do not change it)."""
    return kept(ws, "credentials", lambda: store.all_credentials(ws.db), ("credentials",))
