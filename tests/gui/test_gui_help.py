"""The user guide ships with the program in both languages, with a section for every page and
topic, and opens at the section asked for."""

from __future__ import annotations

import re

import pytest

from swdesk.gui.help_viewer import SECTIONS, HelpViewer, guide_path, section_for
from swdesk.gui.pages import PAGES
from swdesk.i18n import set_language


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_guide_has_every_section_and_no_broken_link(language: str) -> None:
    text = guide_path(language).read_text(encoding="utf-8")
    anchors = re.findall(r'<a name="([a-z_]+)"></a>', text)
    assert anchors == list(SECTIONS)
    assert set(re.findall(r'href="#([a-z_]+)"', text)) <= set(anchors)
    assert {spec.key for spec in PAGES} <= set(SECTIONS)


def test_the_chinese_guide_is_chinese_and_the_english_english() -> None:
    zh = guide_path("zh_CN").read_text(encoding="utf-8")
    en = guide_path("en").read_text(encoding="utf-8")
    assert "开始使用" in zh and "备份与换电脑" in zh and "FCG-2023（十二）" in zh
    assert "Getting started" in en and "Moving to a new PC" in en
    assert guide_path("fr") == guide_path("zh_CN")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("section", ["staff", "printing", "backup"])
def test_the_viewer_opens_at_the_section(qtbot, language: str, section: str) -> None:
    set_language(language)
    viewer = HelpViewer()
    qtbot.addWidget(viewer)
    viewer.show_section(section)
    qtbot.waitExposed(viewer)
    top = viewer.anchor_top(section)
    assert top is not None and top > 0
    bar = viewer.browser.verticalScrollBar()
    height = viewer.browser.viewport().height()

    def heading_in_view() -> bool:
        # At the top of the window, or as near it as the end of the guide lets it come.
        return bar.value() <= top <= bar.value() + height and (
            top - bar.value() < 40 or bar.value() == bar.maximum()
        )

    qtbot.waitUntil(heading_in_view, timeout=3000)
    assert bar.value() > 0


def test_a_page_without_a_section_opens_the_beginning() -> None:
    assert section_for("nonesuch") == "start" and section_for(None) == "start"
