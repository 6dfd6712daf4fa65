"""Staff and their credentials: add, change, look up, list."""

from __future__ import annotations

import dataclasses
from typing import Any

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.staff import Credential, Staff, check_staff_details, make_staff
from swdesk.i18n import _
from swdesk.services.reading import once
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
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
    everyone = once(ws, "staff", lambda: store.list_staff(ws.db))
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
    staff = make_staff(today=ws.today(), **fields)
    with ws.db.atomic():
        new_id = insert_staff(ws, staff)
    return Changes.of({"staff"}, {new_id}, _("Added {name}.").format(name=staff.name), new_id)


def update_staff(ws: Workspace, staff_id: int, **fields: Any) -> Changes:
    old = get_staff(ws, staff_id)
    if "id_number" in fields or "name" in fields or "sex" in fields:
        base = make_staff(
            name=fields.pop("name", old.name),
            id_number=fields.pop("id_number", old.id_number),
            sex=fields.pop("sex", None),
            today=ws.today(),
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
    with ws.db.atomic():
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
    return Changes.of({"staff"}, {staff_id}, _("Saved {name}.").format(name=new.name))


def insert_credential(ws: Workspace, staff_id: int, cred: Credential) -> int:
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
    return new_id


def add_credential(ws: Workspace, id_number: str, **fields: Any) -> Changes:
    from swdesk.domain.staff import make_credential

    person = find_staff(ws, id_number)
    cred = make_credential(today=ws.today(), **fields)
    with ws.db.atomic():
        new_id = insert_credential(ws, person.id, cred)
    return Changes.of(
        {"credentials"},
        {person.id},
        _("Recorded {level} for {name}.").format(level=cred.level.label(), name=person.name),
        new_id,
    )


def credentials_of(ws: Workspace, staff_id: int) -> list[Credential]:
    return store.credentials_of(ws.db, staff_id)


def all_credentials(ws: Workspace) -> dict[int, list[Credential]]:
    """Every credential, by staff id: one query for a whole report (shared inside one reading:
    do not change it)."""
    return once(ws, "credentials", lambda: store.all_credentials(ws.db))
