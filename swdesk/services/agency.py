"""The agency: its identity (heads every form) and its policy profile."""

from __future__ import annotations

from swdesk.domain.agency import Agency, check_credit_code
from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.policies import find_profile
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import agency as store
from swdesk.storage import audit


def get_agency(ws: Workspace) -> Agency:
    row = ws.agency_row()
    if row is None:
        bureau = ws.bureau_row()
        if bureau is not None:
            raise SwdeskError(
                _(
                    "This is the data file of {bureau}, a civil-affairs bureau: it has no agency."
                ).format(bureau=bureau["name"])
            )
        raise SwdeskError(_("This data file has no agency yet."))
    return Agency(**{k: row[k] for k in Agency.__dataclass_fields__})


def init_agency(
    ws: Workspace,
    *,
    name: str,
    profile_id: str,
    credit_code: str = "",
    address: str = "",
    contact_person: str = "",
    phone: str = "",
) -> Changes:
    if ws.agency_row() is not None:
        raise SwdeskError(
            _("This data file already has an agency: {name}.").format(name=ws.agency_row()["name"])
        )
    if ws.bureau_row() is not None:
        raise SwdeskError(
            _(
                "This data file is the bureau {name}'s: an agency needs a data file of its own "
                "(start with another --db)."
            ).format(name=ws.bureau_row()["name"])
        )
    return _save(ws, "create", None, name, profile_id, credit_code, address, contact_person, phone)


def update_agency(ws: Workspace, **fields: str) -> Changes:
    old = get_agency(ws)
    merged = {**old.__dict__, **fields}
    return _save(ws, "update", old, **merged)


def _save(
    ws: Workspace,
    action: str,
    old: Agency | None,
    name: str,
    profile_id: str,
    credit_code: str,
    address: str,
    contact_person: str,
    phone: str,
) -> Changes:
    name = " ".join(clean_text(name, "name", _("The agency name")).split())
    if not name:
        raise ValidationError(_("The agency name is empty."), "name")
    find_profile(profile_id)  # refuses an unknown profile with the list of known ones
    row = {
        "name": name,
        "profile_id": profile_id,
        "credit_code": check_credit_code(credit_code),
        "address": clean_text(address, "address", _("The address")).strip(),
        "contact_person": clean_text(contact_person, "contact_person", _("The contact")).strip(),
        "phone": clean_text(phone, "phone", _("The phone number")).strip(),
    }
    # Creating the agency makes the file; changing it is a step the user may take back.
    change = recorded(ws, Reason(N_("Change the agency's details"))) if old else ws.db.atomic()
    with change as step:
        store.save_agency(ws.db, row)
        audit.record(
            ws.db,
            user=ws.user,
            action=f"agency.{action}",
            table="agency",
            row_id=1,
            old=old.__dict__ if old else None,
            new={"id": 1, **row},
        )
    ws.forget_profile()
    return Changes.of(
        {Area.SETTINGS},
        message=_("Agency saved: {name}").format(name=name),
        undo=step.entry if old else None,
    )
