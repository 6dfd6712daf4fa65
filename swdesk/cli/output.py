"""How commands print: JSON for scripts, aligned tables for people, workbooks for offices."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from swdesk.domain.text import printable
from swdesk.i18n import _, ngettext


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


def add_workbook_options(parser: argparse.ArgumentParser) -> None:
    """``-o FILE.xlsx`` / ``--format xlsx``: the listing as a workbook instead of text."""
    parser.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help=_("write the list to this Excel workbook")
    )
    parser.add_argument(
        "--format",
        choices=["text", "xlsx"],
        default="text",
        help=_("xlsx: write the list to a workbook named after it, in this folder"),
    )


def workbook_target(args: argparse.Namespace, key: str, *parts: object) -> Path | None:
    """Where to write the listing's workbook, or None to print it: ``-o FILE.xlsx``, or with
    ``--format xlsx`` a file named after the list (`swdesk.domain.titles`) in this folder."""
    from swdesk.domain.errors import ValidationError
    from swdesk.domain.titles import suggested_file_name

    if args.output:
        if not args.output.lower().endswith(".xlsx"):
            raise ValidationError(
                _("A list is written as an .xlsx workbook: name the file FILE.xlsx."), "output"
            )
        return Path(args.output)
    if args.format == "xlsx":
        return Path.cwd() / suggested_file_name(key, "xlsx", *parts)
    return None


def wrote_workbook(path: Path, rows: int) -> int:
    print(
        ngettext("Wrote {file} ({n} row).", "Wrote {file} ({n} rows).", rows).format(
            file=path, n=rows
        )
    )
    return 0
