"""Values become Paragraph markup only through para_markup."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from swdesk.printing.fonts import MissingGlyphError, current_fonts
from swdesk.printing.markup import para_markup, paragraph
from swdesk.printing.styles import form_styles


def test_markup_characters_are_escaped() -> None:
    assert para_markup("A<b>&C</b>") == "A&lt;b&gt;&amp;C&lt;/b&gt;"


def test_characters_of_the_fallback_fonts_are_wrapped_in_font_tags() -> None:
    assert para_markup("王䶮<𠮷") == (
        '王<font name="HanaMinA-subset">䶮</font>&lt;<font name="HanaMinB-subset">𠮷</font>'
    )


def test_runs_of_spaces_are_kept_and_single_spaces_can_still_break_a_line() -> None:
    assert para_markup("梁  伟 x") == "梁\u00a0\u00a0伟 x"


def test_newlines_become_line_breaks_and_none_prints_nothing() -> None:
    assert para_markup("一\r\n二\n三") == "一<br/>二<br/>三"
    assert para_markup(None) == ""
    assert para_markup(12.5) == "12.5"


def test_a_value_that_looks_like_markup_still_parses() -> None:
    style = form_styles(current_fonts()).body
    para = paragraph('<font name="Nope">x</font> & <br/>', style)
    assert isinstance(para, Paragraph)
    para.wrap(200, 200)  # reportlab would raise on the raw text: unknown font, bad entity


def test_the_error_carries_the_context_given() -> None:
    with pytest.raises(MissingGlyphError) as info:
        para_markup("李\ue000", context="李某 / 姓名")
    assert info.value.context == "李某 / 姓名"
