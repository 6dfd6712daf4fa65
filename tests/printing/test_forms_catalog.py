"""Every label that printing translates is in the zh_CN catalog, with the same {fields}: a
Chinese form never shows an English label, and `.format()` never loses a value."""

from __future__ import annotations

import string
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The source tree, not the installed package: the catalog sources live beside it.
ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "swdesk"
CATALOG = ROOT / "i18n" / "zh_CN" / "LC_MESSAGES" / "swdesk.po"


def printing_msgids() -> set[str | tuple[str, ...]]:
    found = {
        message
        for *_where, message, _comments, _context in extract_from_dir(
            str(PACKAGE / "printing"), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    for module in ("services/printing.py", "cli/print_cmds.py"):
        found |= {
            message
            for _line, message, _comments, _context in extract_from_file(
                "python", str(PACKAGE / module), keywords=KEYWORDS
            )
        }
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_printing_msgid_has_a_chinese_translation_with_the_same_fields() -> None:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    used = printing_msgids()
    assert len(used) > 100, "extraction found too little: the test would pass vacuously"
    problems = []
    for message in used:
        ids = message if isinstance(message, tuple) else (message,)
        entry = catalog.get(ids[0])
        strings = (
            entry.string if entry and isinstance(entry.string, tuple) else (entry and entry.string,)
        )
        if entry is None or entry.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        elif any(fields(s) != fields(ids[-1]) for s in strings):
            problems.append(f"fields differ: {ids[0]!r}")
    assert problems == []
