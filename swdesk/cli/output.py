"""How commands print: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from typing import Any

from swdesk.domain.text import printable


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(type(value).__name__)


_LINE_BREAKS = str.maketrans("\r\n\t", "   ")


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """A plain aligned table; CJK characters count double so columns line up in a terminal."""

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    # Stored text from elsewhere may hold escapes; the terminal must not run them.
    cells = [[printable(str(c)).translate(_LINE_BREAKS) for c in r] for r in [headers, *rows]]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        line = "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(row))
        print(line.rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def emit_changes(args: Any, changes: Any) -> int:
    """What a change did: its message, or with ``--json`` the areas, people and the undo step
    it left (``swdesk undo`` takes it back)."""
    from swdesk.i18n.reasons import describe

    if getattr(args, "json", False):
        emit_json(
            {
                "message": changes.message,
                "areas": sorted(a.value for a in changes.areas),
                "staff_ids": sorted(changes.staff_ids),
                "id": changes.created_id,
                "undo": {"step": changes.undo.id, "label": describe(changes.undo.label)}
                if changes.undo
                else None,
            }
        )
    else:
        print(changes.message)
    return 0
