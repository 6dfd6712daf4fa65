"""An application keeps the reasons of its decision as data and words them in the language of
whoever reads or prints it; one stored with words (before reasons were data) keeps its words."""

from __future__ import annotations

import datetime as dt
import io
import json

from pypdf import PdfReader

from swdesk.domain import idnumber
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Reason
from swdesk.i18n import set_language
from swdesk.i18n.reasons import describe
from swdesk.services import applications as apps
from swdesk.services.claims import create_level_award
from swdesk.services.printing import print_application
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace

TRANCHE_EN = (
    "Social worker obtained on 2023-06-20: certificates after 2022 are awarded level by level "
    "(2,000 CNY for this level)."
)
TRANCHE_ZH = (
    "2023-06-20 取得社会工作师证书：2022年以后取得的证书按等级分别奖励（本等级 2,000 元）。"
)
NOT_CIVIL_SERVANT = {
    "en": "Not an in-service civil servant on establishment.",
    "zh_CN": "非在职在编公务员。",
}


def _level_award(ws: Workspace) -> str:
    number = idnumber.make("452822", dt.date(1990, 1, 1), 42)
    add_staff(ws, name="黄丽华", id_number=number, social_work_since=dt.date(2015, 3, 1))
    add_credential(
        ws,
        number,
        level=Level.SOCIAL_WORKER,
        certificate_number="S1",
        obtained_on=dt.date(2023, 6, 20),
    )
    create_level_award(ws, number, dt.date(2026, 3, 1))
    return "2026-0001"


def _shown(ws: Workspace, number: str) -> list[str]:
    app = apps.get_application(ws, number)
    return [describe(Reason.from_data(r)) for r in app.details["reasons"]]


def _printed(ws: Workspace, number: str) -> str:
    pages = PdfReader(io.BytesIO(print_application(ws, number))).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def test_an_application_made_in_chinese_shows_english_reasons_in_english(ws: Workspace) -> None:
    set_language("zh_CN")
    number = _level_award(ws)
    assert TRANCHE_ZH in _shown(ws, number)
    set_language("en")
    shown = _shown(ws, number)
    assert TRANCHE_EN in shown and NOT_CIVIL_SERVANT["en"] in shown
    assert not any("证书" in text for text in shown)
    assert NOT_CIVIL_SERVANT["en"] in _printed(ws, number)


def test_an_application_made_in_english_shows_chinese_reasons_in_chinese(ws: Workspace) -> None:
    number = _level_award(ws)
    assert TRANCHE_EN in _shown(ws, number)
    set_language("zh_CN")
    shown = _shown(ws, number)
    assert TRANCHE_ZH in shown and NOT_CIVIL_SERVANT["zh_CN"] in shown
    assert NOT_CIVIL_SERVANT["zh_CN"] in _printed(ws, number)


def test_the_reasons_are_stored_as_keys_and_values_not_words(ws: Workspace) -> None:
    number = _level_award(ws)
    stored = ws.db.execute("SELECT details FROM applications WHERE number = ?", [number]).fetchone()
    tranche = json.loads(stored[0])["reasons"][0]
    assert tranche["key"].startswith("{level} obtained on {date}: certificates after {year}")
    assert tranche["params"]["level"] == {"level": "social_worker"}
    assert tranche["params"]["amount"] == {"number": 2000}
    assert tranche["clause"] == "FCG-2023 (十二)" and tranche["held"] is True


def test_an_application_stored_with_words_keeps_showing_its_words(ws: Workspace) -> None:
    number = _level_award(ws)
    old = {"reasons": [{"clause": "FCG-2023 (十二)", "text": "非在职在编公务员。", "held": True}]}
    ws.db.execute("UPDATE applications SET details = ? WHERE number = ?", [json.dumps(old), number])
    for language in ("en", "zh_CN"):
        set_language(language)
        assert _shown(ws, number) == ["非在职在编公务员。"]
        assert "非在职在编公务员。" in _printed(ws, number)
