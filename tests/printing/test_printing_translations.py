"""Every label the printing package translates is listed for the catalog owner."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

import swdesk.printing

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def test_translations_todo_lists_every_msgid(pending: dict[str, str]) -> None:
    folder = Path(swdesk.printing.__file__).parent
    used = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    listed = pending
    assert used, "extraction found nothing: the test would pass vacuously"
    assert sorted(used - set(listed)) == []
    assert sorted(set(listed) - used) == []  # no stale entries either


def test_translations_keep_their_fields(pending: dict[str, str]) -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert pending
    for msgid, msgstr in pending.items():
        assert fields(msgid) == fields(msgstr), msgid
