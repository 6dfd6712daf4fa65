"""Files that belong to a person: certificate scans and the papers of their applications.

The files themselves live in the content-addressed store beside the data file
(``swdesk.storage.attachments``); these are the use cases the program and the command line call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.errors import NotFound
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import certificate_text
from swdesk.i18n import N_, _
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import attachments as store
from swdesk.storage import staff as staff_store

CERTIFICATE_SCAN = "certificate_scan"


@dataclass(frozen=True)
class PersonAttachment:
    id: int
    original_name: str
    owner: str  # what it belongs to, in words: "证书 Z2020…" / "申请 2026-0001"
    kind: str
    added_at: str


def attach_certificate_scan(ws: Workspace, certificate_number: str, path: Path | str) -> Changes:
    """Keep a scan of a certificate (DOMAIN: a credential record has its certificate's scan)."""
    number = certificate_text(certificate_number)
    credential = staff_store.credential_with_number(ws.db, number)
    if credential is None:
        raise NotFound(_("No certificate has number {number}.").format(number=number))
    label = Reason(
        N_("Attach {file} to certificate {number}"), {"file": Path(path).name, "number": number}
    )
    with recorded(ws, label) as step:
        new_id = store.attach(
            ws.db,
            ws.path,
            Path(path),
            owner_table="credentials",
            owner_id=credential.id,  # type: ignore[arg-type]
            user=ws.user,
            kind=CERTIFICATE_SCAN,
            staff_id=credential.staff_id,
        )
    return Changes.of(
        {Area.ATTACHMENTS},
        {credential.staff_id},  # type: ignore[arg-type]
        _("Scan {file} kept with certificate {number}.").format(
            file=Path(path).name, number=number
        ),
        new_id,
        step.entry,
    )


def person_attachments(ws: Workspace, staff_id: int) -> list[PersonAttachment]:
    """Every file of a person: scans of their certificates and files of their applications."""
    out = []
    for row in store.attachments_of_person(ws.db, staff_id):
        if row["certificate_number"]:
            owner = _("Certificate {number}").format(number=row["certificate_number"])
        elif row["application_number"]:
            owner = _("Application {number}").format(number=row["application_number"])
        else:
            owner = _("The person")  # their photo
        out.append(
            PersonAttachment(row["id"], row["original_name"], owner, row["kind"], row["added_at"])
        )
    return out


def open_attachment(ws: Workspace, attachment_id: int) -> Path:
    """The stored file, after checking it is there and unaltered (a clear error otherwise)."""
    return store.file_for(ws.db, ws.path, attachment_id)
