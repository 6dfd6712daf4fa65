"""The agency's side of reporting: `swdesk submit` (the submission file for the bureau) and
`swdesk import-return` (the bureau's return file: its 不予批准 decisions become steps)."""

from __future__ import annotations

import argparse

from swdesk.cli.arguments import open_workspace, year_arg
from swdesk.cli.output import emit_json
from swdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "submit", help=_("make the submission file for the civil-affairs bureau (报送)")
    )
    p.add_argument("--period", type=year_arg, required=True, help=_("the year, e.g. 2026"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser(
        "import-return", help=_("import the bureau's return file (claims not approved)")
    )
    p.add_argument("file", metavar="FILE.zip")
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_import_return)


def cmd_submit(args: argparse.Namespace) -> int:
    from swdesk.services.submission import make_submission

    ws = open_workspace(args)
    try:
        made = make_submission(ws, args.period, args.output)
    finally:
        ws.close()
    if args.json:
        emit_json(
            {
                "file": str(made.path),
                "submission_id": made.record.submission_id,
                "period": made.record.period,
                "people": len(made.record.people),
                "ce_results": len(made.record.ce_results),
                "claims": len(made.record.claims),
            }
        )
    else:
        print(made.changes.message)
    return 0


def cmd_import_return(args: argparse.Namespace) -> int:
    from swdesk.services.returns import import_return

    ws = open_workspace(args)
    try:
        done = import_return(ws, args.file)
    finally:
        ws.close()
    if args.json:
        emit_json({"rejected": list(done.rejected), "already": list(done.already)})
    else:
        print(done.changes.message)
    return 0
