"""Commands for spreadsheets: import a sheet (or try it with --dry-run), write an import template."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from swdesk.cli.arguments import open_workspace
from swdesk.cli.output import emit_json, print_table
from swdesk.exchange.headers import KINDS
from swdesk.i18n import _

if TYPE_CHECKING:  # the import service is loaded when an import runs
    from swdesk.services.imports import ImportResult


def register(sub: argparse._SubParsersAction) -> None:
    kinds = ", ".join(KINDS)
    p = sub.add_parser(
        "import",
        help=_(
            "import staff, certificates, training hours, award payments or post grade "
            "appointments from .xlsx or .csv"
        ),
    )
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=kinds)
    p.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file"))
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check and show what would be imported; write nothing"),
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("template", help=_("write an import template (.xlsx)"))
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=kinds)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_template)


def cmd_import(args: argparse.Namespace) -> int:
    from swdesk.services.imports import run_import

    ws = open_workspace(args, read_only=args.dry_run)
    try:
        result = run_import(ws, args.kind, args.file, dry_run=args.dry_run)
    finally:
        ws.close()
    if args.json:
        emit_json(result.as_dict())
    else:
        print_result(result)
    return 0 if result.ok else 1


def print_result(result: ImportResult) -> None:
    where = (
        _("Read {file}, sheet {sheet}, headers in row {row}.").format(
            file=result.source, sheet=result.sheet, row=result.header_row
        )
        if result.sheet
        else _("Read {file} ({encoding}), headers in row {row}.").format(
            file=result.source, encoding=result.encoding, row=result.header_row
        )
    )
    print(where)
    print_table(
        [_("Column"), _("Header in the file"), _("Read as")],
        [[c.letter, c.header, c.label or _("(not imported)")] for c in result.columns],
    )
    if result.skipped:
        print(
            _("Skipped the template's example row: {rows}.").format(
                rows=", ".join(str(n) for n in result.skipped)
            )
        )
    print()
    for warning in result.warnings:
        print(_("Warning: {problem}").format(problem=warning.describe()), file=sys.stderr)
    if result.errors:
        for error in result.errors:
            print(error.describe(), file=sys.stderr)
        print(result.summary(), file=sys.stderr)
        return
    print(result.summary())


def cmd_template(args: argparse.Namespace) -> int:
    from swdesk.exchange.templates import write_template

    path = write_template(args.kind, args.output)
    print(_("Template written to {path}.").format(path=str(path)))
    return 0
