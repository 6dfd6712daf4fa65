"""One title per table, and file names that say what a file holds."""

from __future__ import annotations

import pytest

import swdesk.i18n as i18n
from swdesk.domain.titles import TITLES, suggested_file_name, title


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("zh")
def test_file_names_say_what_the_file_holds() -> None:
    assert (
        suggested_file_name("packet", "pdf", "2026-0001", "黄丽华")
        == "申请材料-2026-0001-黄丽华.pdf"
    )
    assert (
        suggested_file_name("ce_summary", ".XLSX", year=2026)
        == "2026年度社会工作者继续教育学时汇总表.xlsx"
    )
    assert title("awards_summary") == "社会工作人才激励及补助申请汇总表"


def test_a_file_name_holds_no_character_a_disk_refuses() -> None:
    name = suggested_file_name("packet", "pdf", "2026-0002", 'A/B\\C:D*E?"F<G>H|\x07')
    assert name == "Application Materials-2026-0002-A_B_C_D_E_F_G_H_.pdf"
    assert len(suggested_file_name("holders", "pdf", "名" * 500)) <= 124
    assert suggested_file_name("holders", "pdf", None, " ") == (
        "Register of Social Work Certificate Holders.pdf"
    )


def test_every_title_is_translated() -> None:
    i18n.set_language("zh_CN")
    try:
        assert all(i18n._(text) != text for text in TITLES.values())
    finally:
        i18n.set_language("en")
