import datetime as dt
from pathlib import Path

import pytest

from swdesk.domain.errors import NotFound, SwdeskError
from swdesk.services import attachments, staff
from swdesk.services.workspace import Workspace

HUANG = "452822198904170429"


def test_a_certificate_scan_is_kept_listed_and_opened(ws: Workspace, tmp_path: Path) -> None:
    person = staff.add_staff(ws, name="黄丽华", id_number=HUANG).created_id
    staff.add_credential(
        ws, HUANG, level="assistant", certificate_number="Z1", obtained_on=dt.date(2020, 6, 20)
    )
    scan = tmp_path / "证书扫描.jpg"
    scan.write_bytes(b"\xff\xd8\xff fake jpeg bytes")
    changes = attachments.attach_certificate_scan(ws, "Z1", scan)
    assert changes.staff_ids == {person}
    [item] = attachments.person_attachments(ws, person)
    assert (item.original_name, item.owner, item.kind) == (
        "证书扫描.jpg",
        "Certificate Z1",
        "certificate_scan",
    )
    stored = attachments.open_attachment(ws, item.id)
    assert stored.read_bytes() == scan.read_bytes() and stored != scan
    # An altered file is refused rather than opened.
    stored.chmod(0o600)
    stored.write_bytes(b"changed")
    with pytest.raises(SwdeskError):
        attachments.open_attachment(ws, item.id)


def test_unknown_certificate_is_refused_and_nothing_is_stored(
    ws: Workspace, tmp_path: Path
) -> None:
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"%PDF-1.4")
    with pytest.raises(NotFound, match="Z9"):
        attachments.attach_certificate_scan(ws, "Z9", scan)
    assert ws.db["attachments"].count == 0
