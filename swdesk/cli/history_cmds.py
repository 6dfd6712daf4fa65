"""Undo and redo from the command line: the same history as Edit › Undo in the window."""

from __future__ import annotations

import argparse

from swdesk.cli.arguments import open_workspace
from swdesk.cli.output import emit_changes, emit_json, print_table
from swdesk.i18n import _
from swdesk.i18n.reasons import describe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("undo", help=_("take back the last change (of the last 50)"))
    p.add_argument(
        "--list", action="store_true", help=_("list the changes that can be undone and redone")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_undo)
    p = sub.add_parser("redo", help=_("do again the change undone last"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_redo)


def cmd_undo(args: argparse.Namespace) -> int:
    from swdesk.services.undo import undo, undo_history

    if args.list:
        ws = open_workspace(args, read_only=True)
        items = undo_history(ws)
        if args.json:
            emit_json([item.as_json() for item in items])
            return 0
        print_table(
            [_("Step"), _("When"), _("Who"), _("What"), _("State")],
            [
                [
                    item.id,
                    item.made_at.replace("T", " ")[:16],
                    item.user,
                    describe(item.label),
                    _("undone") if item.undone else _("done"),
                ]
                for item in items
            ],
        )
        return 0
    return _moved(args, undo)


def cmd_redo(args: argparse.Namespace) -> int:
    from swdesk.services.undo import redo

    return _moved(args, redo)


def _moved(args: argparse.Namespace, move) -> int:  # noqa: ANN001 - undo or redo
    return emit_changes(args, move(open_workspace(args)))
