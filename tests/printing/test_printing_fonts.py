"""Font chain: which font draws which character, and the error when none can."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.dates import format_time

from swdesk.domain.errors import SwdeskError
from swdesk.paths import fonts_dir
from swdesk.printing import fonts
from swdesk.printing.fonts import (
    PRIMARY_FONT,
    FontSetupError,
    MissingGlyphError,
    current_fonts,
    font_for,
    normalise_text,
    register_fonts,
    split_runs,
)


@pytest.fixture
def bundled() -> Iterator[None]:
    """Leave the bundled chain current after a test that registers a system font."""
    yield
    register_fonts()


def test_bundled_fonts_are_all_present_and_embeddable() -> None:
    chain = register_fonts()
    assert chain.names == (PRIMARY_FONT, "HanaMinA-subset", "HanaMinB-subset")
    total = sum(p.stat().st_size for p in fonts_dir().glob("*.tt[cf]"))
    assert total < 40 * 1024 * 1024  # keep the repository small


def test_registration_is_idempotent() -> None:
    assert register_fonts() is register_fonts()
    assert current_fonts() is register_fonts()


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("王", PRIMARY_FONT),
        ("A", PRIMARY_FONT),
        ("7", PRIMARY_FONT),
        ("·", PRIMARY_FONT),
        ("䶮", "HanaMinA-subset"),  # CJK Extension A
        ("ǎ", "HanaMinA-subset"),  # WQY maps it to an empty outline: it would print as nothing
        ("𠮷", "HanaMinB-subset"),  # CJK Extension B, beyond U+FFFF
    ],
)
def test_each_character_goes_to_the_first_font_that_draws_it(char: str, font: str) -> None:
    assert font_for(char) == font


def test_a_name_is_split_into_runs_so_only_the_rare_character_uses_the_fallback() -> None:
    assert split_runs("王䶮 𠮷野家") == [
        (PRIMARY_FONT, "王"),
        ("HanaMinA-subset", "䶮"),
        (PRIMARY_FONT, " "),
        ("HanaMinB-subset", "𠮷"),
        (PRIMARY_FONT, "野家"),
    ]


@pytest.mark.parametrize(
    "char",
    [
        "\ue000",  # private use: no meaning a font could be trusted with
        "\U0002fff0",  # unassigned in plane 2
        "\U0002a700",  # CJK Extension C: assigned, but in none of the bundled fonts
    ],
)
def test_a_character_no_font_has_raises_an_error_naming_it_and_its_record(char: str) -> None:
    with pytest.raises(MissingGlyphError) as info:
        split_runs(f"张{char}三", context="张三 / 姓名")
    error = info.value
    assert isinstance(error, SwdeskError)
    code = f"U+{ord(char):04X}"
    assert (error.char, error.code, error.context) == (char, code, "张三 / 姓名")
    assert code in str(error) and char in str(error) and "张三 / 姓名" in str(error)


def test_a_control_character_a_stored_name_still_holds_prints_as_a_question_mark() -> None:
    # New text with one is refused at entry; one from an older or foreign file must not stop
    # the agency's whole CE table from printing.
    assert normalise_text("张\x07三\x1b[31m\u202e") == "张?三?[31m?"
    assert "".join(part for _font, part in split_runs("张\x07三")) == "张?三"


@pytest.mark.usefixtures("zh")
def test_the_missing_glyph_message_is_chinese_in_chinese() -> None:
    with pytest.raises(MissingGlyphError, match=r"无法打印张三中的字符“\ue000”（U\+E000）"):
        font_for("\ue000", context="张三")


def test_babel_narrow_spaces_become_plain_spaces() -> None:
    time_text = format_time(dt.time(15, 0), format="short", locale="en_US")
    assert "\u202f" in time_text  # the reason for the normalisation
    assert normalise_text(time_text) == "3:00 PM"
    assert normalise_text("a\u00a0b\tc\u200bd\ufeff") == "a b cd"
    assert split_runs(time_text) == [(PRIMARY_FONT, "3:00 PM")]


@pytest.mark.usefixtures("bundled")
def test_a_configured_system_font_comes_first_and_the_bundled_fonts_fill_its_gaps() -> None:
    # Stand-in for a system font such as simsun.ttc: the other face of the WQY collection.
    chain = register_fonts(fonts_dir() / "wqy-microhei.ttc", subfont_index=1)
    user = chain.names[0]
    assert user.startswith("SwdeskUser-")
    assert chain.names[1:] == (PRIMARY_FONT, "HanaMinA-subset", "HanaMinB-subset")
    assert current_fonts() is chain
    assert font_for("王") == user
    assert font_for("𠮷") == "HanaMinB-subset"
    assert register_fonts(fonts_dir() / "wqy-microhei.ttc", subfont_index=1) is chain


@pytest.mark.usefixtures("bundled")
def test_an_unusable_system_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontSetupError, match="not found"):
        register_fonts(tmp_path / "simsun.ttc")
    bogus = tmp_path / "broken.ttf"
    bogus.write_bytes(b"OTTO" + bytes(200))  # looks like a CFF OpenType font
    with pytest.raises(FontSetupError, match="broken.ttf"):
        register_fonts(bogus)
    assert fonts.current_fonts().primary == PRIMARY_FONT
