"""A packet carries the scans of the applicant's certificates before the application's own files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from form_samples import TODAY, photo
from pypdf import PdfReader

from swdesk.services import printing
from swdesk.services.agency import init_agency
from swdesk.services.attachments import attach_certificate_scan
from swdesk.services.claims import create_level_award
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace

pytestmark = pytest.mark.usefixtures("zh")


def test_certificate_scan_is_in_the_packet(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "agency.db", clock=lambda: TODAY, user="tester")
    init_agency(ws, name="阳光社工", profile_id="fangchenggang-2023")
    number = "452822198904170429"
    add_staff(ws, name="黄丽华", id_number=number, social_work_since=dt.date(2019, 3, 1))
    add_credential(ws, number, level="助理社会工作师", certificate_number="Z2020450001",
                   obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    attach_certificate_scan(ws, "Z2020450001", photo(tmp_path / "助理证扫描.png"))
    create_level_award(ws, number, on=TODAY)
    app_number = next(row["number"] for row in ws.db["applications"].rows)
    pages = [
        p.extract_text() for p in PdfReader(io.BytesIO(printing.print_packet(ws, app_number))).pages
    ]
    assert any("助理证扫描.png" in text for text in pages)
    assert "助理证扫描.png" in pages[0]  # listed in the cover's index
    ws.close()
