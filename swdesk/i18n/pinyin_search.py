"""Search as Chinese users type: 张伟 is found by ``张伟``, ``zhangwei``, ``zhang wei``, ``zw`` and
``zhangw``, as well as by any part of its identity number or phone.

A row's key is made once (``search_key``), when the list is loaded, and every keystroke is then
one substring test per row (``matches``). The pinyin of a character is its readings without
tones (pypinyin); a character with several readings (曾 zeng/ceng, 单 dan/shan) matches by any of
them, since a user typing a name knows its reading and the program does not.
"""

from __future__ import annotations

import functools
import itertools
import re

_MAX_SPELLINGS = 8  # a name of many characters with several readings each: enough variants


def normalise(text: str) -> str:
    """What is compared: no spaces, case-blind, full-width letters and digits as ASCII."""
    if text.isascii() and text.isalnum():
        return text.lower()  # a number or a plain word (every identity number, every phone)
    folded = "".join(text.split()).casefold()
    return folded.translate(_FULL_WIDTH)


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@functools.lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    # pypinyin's tables take a tenth of a second to load: on the worker, when keys are made,
    # not on the window's thread when a page that filters is built.
    from swdesk.i18n.pinyin_reader import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not found or not found[0]:
        return ()
    return tuple(dict.fromkeys(reading.replace("ü", "v") for reading in found[0]))


_HAN = re.compile("[\u3400-\u9fff]")


def _is_han(char: str) -> bool:
    return _HAN.match(char) is not None


@functools.lru_cache(maxsize=65536)
def spellings(text: str) -> tuple[str, ...]:
    """The pinyin of ``text`` in full and by initials, for every mix of its characters' readings
    (at most a few): ``张伟`` → ``("zhangwei", "zw")``. Text without Chinese gives nothing."""
    if _HAN.search(text) is None:
        return ()
    parts = [(_readings(char) if _is_han(char) else ()) or (char,) for char in normalise(text)]
    out: dict[str, None] = {}
    for combo in itertools.islice(itertools.product(*parts), _MAX_SPELLINGS):
        out["".join(combo)] = None
        out["".join(reading[0] for reading in combo)] = None
    return tuple(out)


def search_key(*texts: str) -> str:
    """One string holding every form a row can be found by: each text as written (normalised)
    and, for Chinese text, its pinyin in full and by initials. Made once per row per load."""
    pieces: list[str] = []
    for text in texts:
        if not text:
            continue
        pieces.append(normalise(text))
        pieces.extend(spellings(text))
    # A line break never occurs in a query, so a match never runs across two pieces.
    return "\n".join(pieces)


def matches(query: str, key: str) -> bool:
    """Whether the normalised ``query`` is found in ``key`` (an empty query matches all)."""
    return query in key
