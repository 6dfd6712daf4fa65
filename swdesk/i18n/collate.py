"""Names in the order a Chinese office keeps them: by pinyin (拼音), as a roster or an index is.

The windows sort with Qt's QCollator in the zh_CN locale (swdesk.gui.collation). Printouts and
exports, made without Qt, sort with ``name_key``, which puts Chinese names in the same order:
character by character, by pinyin, then tone, then the character itself; names in other scripts
come after them, case-blind, as QCollator's Chinese order has them. A run of digits counts as the
number it writes and comes before any character (QCollator's numeric mode), so that 第2中心
comes before 第10中心, as an office numbers its agencies.
"""

from __future__ import annotations

import functools
import re

from swdesk.i18n.pinyin_reader import Style, pinyin

CharKey = tuple[int, str, int, str]
_PIECES = re.compile(r"\d+|.", re.DOTALL)


def name_key(text: str) -> tuple[CharKey, ...]:
    return tuple(
        (-1, "", int(piece), piece) if piece[0].isdigit() else _char_key(piece)
        for piece in _PIECES.findall(text)
    )


@functools.lru_cache(maxsize=8192)
def _char_key(char: str) -> CharKey:
    # One reading per character (its most common one), as the collation does: no guessing of
    # a surname's own reading.
    syllable = pinyin(char, style=Style.TONE3, neutral_tone_with_five=True)[0][0]
    if syllable == char or not syllable[-1:].isdigit():
        return (1, char.casefold(), 0, char)
    return (0, syllable[:-1], int(syllable[-1]), char)
