"""Search keys as Chinese users type: characters, pinyin in full or by initials, any reading of a
character with several, full-width digits, spaces between the characters of a name."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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


_READINGS = """
import json, sys
from swdesk.i18n.pinyin_reader import Style, pinyin
chars = [chr(cp) for cp in range(0x3400, 0xA000, 7)] + list("曾单解仇朴查区乐覃盖缪尉翟")
print(json.dumps({
    "loaded_phrases": "pypinyin.phrases_dict" in sys.modules,
    "readings": [
        [pinyin(c, style=Style.NORMAL, heteronym=True, errors="ignore"),
         pinyin(c, style=Style.TONE3, neutral_tone_with_five=True)]
        for c in chars
    ],
}))
"""


def test_pinyin_loads_without_its_phrase_dictionary_and_reads_characters_the_same() -> None:
    # The phrase dictionary cost a third of a second and 45 MB of the staff page's load; a
    # character alone reads the same without it (the polyphonic surnames too).
    def run(**env: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _READINGS],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        return json.loads(done.stdout)

    ours = run()
    with_phrases = run(PYPINYIN_NO_PHRASES="", PYPINYIN_NO_DICT_COPY="")
    assert ours["loaded_phrases"] is False
    assert with_phrases["loaded_phrases"] is True
    assert ours["readings"] == with_phrases["readings"]
