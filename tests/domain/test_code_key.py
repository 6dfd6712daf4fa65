"""Certificate numbers as they are compared: full-width forms as ASCII, no spaces or zero-width
characters, one case; plain ASCII numbers (nearly all of them) the same as any other."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain.text import _ZERO_WIDTH, code_key


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH)).split()).upper()


def test_numbers_written_differently_compare_alike() -> None:
    assert code_key("gx 2023\u200b0001a") == code_key("ＧＸ２０２３０００１Ａ") == "GX20230001A"


def test_every_ascii_character_folds_as_nfkc_folds_it() -> None:
    for a in map(chr, range(128)):
        for b in string.printable:
            assert code_key(a + b + "gx1") == _folded(a + b + "gx1")


@given(st.text(max_size=30))
def test_any_text_folds_as_nfkc_folds_it(text: str) -> None:
    assert code_key(text) == _folded(text)
