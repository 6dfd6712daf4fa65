"""The printed CE record lists each registration period with its hours, a lapse before one and a
re-registration made with the hours short, with the reason."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from form_samples import TODAY, number
from pypdf import PdfReader

from swdesk.services import printing, staff, training
from swdesk.services.agency import init_agency
from swdesk.services.registration import record_registration
from swdesk.services.workspace import Workspace

pytestmark = pytest.mark.usefixtures("zh")


def test_the_record_prints_every_registration_period(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "a.db", clock=lambda: TODAY, user="tester")
    init_agency(ws, name="测试中心", profile_id="fangchenggang-2023")
    who = number(7)
    staff.add_staff(ws, name="黄丽华", id_number=who, hire_date=dt.date(2016, 1, 1))
    staff.add_credential(ws, who, level="social_worker", certificate_number="S1",
                         obtained_on=dt.date(2017, 6, 20), registered_on=dt.date(2020, 9, 1))  # fmt: skip
    training.add_individual_record(ws, who, title="线上课程", form="线上", start=dt.date(2021, 3, 1),
                                   end=None, hours=30)  # fmt: skip
    record_registration(ws, "S1", dt.date(2023, 11, 1), hours_short_reason="补修中")
    training.add_individual_record(ws, who, title="督导", form="督导", start=dt.date(2026, 3, 1),
                                   end=None, hours=8)  # fmt: skip
    pages = PdfReader(io.BytesIO(printing.print_ce_record(ws, who, 2026))).pages
    text = "\n".join(page.extract_text() for page in pages)
    flat = text.replace("\n", "")
    assert "登记有效期" in text
    assert "首次登记" in flat and "逾期后再登记" in flat
    assert "2020年9月1日至2023年9月1日" in flat and "30/90" in flat
    assert "2023年11月1日至2026年11月1日" in flat and "8/90" in flat
    assert "2023年9月2日至2023年10月31日未登记" in flat
    assert "学时不足时办理登记（30/90）：补修中" in flat
    ws.close()
