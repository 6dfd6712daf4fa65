"""Search keys as Chinese users type: characters, pinyin in full or by initials, any reading of a
character with several, full-width digits, spaces between the characters of a name."""

from __future__ import annotations

import pytest

from swdesk.i18n.pinyin_search import matches, normalise, search_key, spellings


def found(query: str, *texts: str) -> bool:
    return matches(normalise(query), search_key(*texts))


@pytest.mark.parametrize(
    "query", ["张伟", "张", "zhangwei", "zhang wei", "ZW", "zw", "zhangw", "wei"]
)
def test_a_name_is_found_by_its_characters_pinyin_and_initials(query: str) -> None:
    assert found(query, "张伟", "110101199001011234", "13800000000")


@pytest.mark.parametrize("query", ["zz", "wangwei", "王", "zhangweii"])
def test_other_names_are_not(query: str) -> None:
    assert not found(query, "张伟")


def test_a_query_never_runs_across_two_texts() -> None:
    # "伟" ends the name and "1" begins the number: "伟1" is in neither.
    assert not found("伟1", "张伟", "110101199001011234")
    assert not found("w1", "张伟", "110101199001011234")


def test_numbers_and_full_width_text_are_found() -> None:
    assert found("1234", "张伟", "110101199001011234")
    assert found("１３８", "张伟", "13800000000")  # typed with a full-width input method
    assert found("x", "李娜", "11010119900101123X")


def test_any_reading_of_a_character_with_several() -> None:
    assert found("zengguofan", "曾国藩") and found("cgf", "曾国藩")
    assert found("shanxiong", "单雄") and found("danxiong", "单雄")
    assert found("lv", "吕方")  # ü typed as v, as pinyin input methods take it


def test_spaces_inside_a_name_and_text_without_chinese() -> None:
    assert spellings("梁  伟") == ("liangwei", "lw")
    assert spellings("Anne Smith") == ()
    assert found("annes", "Anne Smith")
