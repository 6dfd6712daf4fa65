"""Commands for awards: evaluate, the bureau's summary, the agency's honours."""

from __future__ import annotations

import argparse

from swdesk.cli import correction_cmds
from swdesk.cli.arguments import date_arg, open_workspace
from swdesk.cli.output import emit_json, print_table
from swdesk.domain.applications import Status, money_text
from swdesk.domain.errors import ValidationError
from swdesk.domain.idnumber import mask
from swdesk.i18n import _, ngettext
from swdesk.i18n.reasons import describe


def register(sub: argparse._SubParsersAction) -> None:
    awards = sub.add_parser("awards", help=_("awards and subsidies")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = awards.add_parser("evaluate", help=_("what each person is owed, and why"))
    p.add_argument("--as-of", type=date_arg)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_evaluate)
    p = awards.add_parser("summary", help=_("the bureau's summary workbook of a period"))
    p.add_argument("--from", dest="start", type=date_arg, required=True)
    p.add_argument("--to", dest="end", type=date_arg, required=True)
    p.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help=_("default: named after the table, here")
    )
    p.set_defaults(func=cmd_summary)
    p = awards.add_parser("honour", help=_("record an honour conferred on the agency"))
    p.add_argument("code", help=_("the honour's code in the policy (see `swdesk awards honours`)"))
    p.add_argument("--date", type=date_arg, required=True)
    p.add_argument("--document", default="", help=_("the conferring document"))
    p.set_defaults(func=cmd_honour)
    p = awards.add_parser("honours", help=_("the agency's honours and their subsidies"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_honours)
    correction_cmds.add_awards(awards)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from swdesk.services.awards import evaluate_awards

    ws = open_workspace(args, read_only=True)
    standings = evaluate_awards(ws, args.as_of)
    if args.json:
        emit_json([s.as_dict() for s in standings])
        return 0
    rows = []
    for s in standings:
        failed = [describe(r) for r in s.reasons if not r.held]
        rows.append(
            [
                s.staff.name,
                mask(s.staff.id_number),
                s.award_label,
                s.level.label() if s.level else "",
                _("yes") if s.eligible else _("no"),
                s.eligible_from.isoformat() if s.eligible_from else "",
                s.amount_due,
                s.already_paid,
                s.open_application or "",
                failed[0] if failed else "",
            ]
        )
    print_table(
        [
            _("Name"),
            _("Identity number"),
            _("Award"),
            _("Level"),
            _("Eligible"),
            _("Eligible from"),
            _("Amount due"),
            _("Already paid"),
            _("Application"),
            _("Why not"),
        ],
        rows,
    )
    owed = sum(1 for s in standings if s.amount_due)
    due = sum(s.amount_due for s in standings)
    print(
        ngettext(
            "{n} person owed {amount} CNY in all.", "{n} people owed {amount} CNY in all.", owed
        ).format(n=owed, amount=money_text(due))
    )
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from swdesk.services.exports import export_awards_summary
    from swdesk.services.file_names import print_file_name

    if args.output and not args.output.lower().endswith(".xlsx"):
        raise ValidationError(
            _("The summary is an .xlsx workbook: name the file FILE.xlsx."), "output"
        )
    ws = open_workspace(args, read_only=True)
    output = args.output or print_file_name(
        ws, "awards-summary", "xlsx", start=args.start, end=args.end
    )
    path, summary = export_awards_summary(ws, args.start, args.end, output)
    print(
        ngettext(
            "{n} application; approved or paid {approved} CNY, paid {paid} CNY: written to {path}.",
            "{n} applications; approved or paid {approved} CNY, paid {paid} CNY: written to "
            "{path}.",
            len(summary.lines),
        ).format(
            n=len(summary.lines),
            approved=money_text(summary.approved),
            paid=money_text(summary.paid),
            path=str(path),
        )
    )
    return 0


def cmd_honour(args: argparse.Namespace) -> int:
    from swdesk.services.awards import record_honour

    ws = open_workspace(args)
    changes = record_honour(ws, args.code, args.date, args.document)
    print(changes.message)
    print(_("Honour id: {id}").format(id=changes.created_id))
    return 0


def cmd_honours(args: argparse.Namespace) -> int:
    from swdesk.services.awards import list_honours

    ws = open_workspace(args, read_only=True)
    honours = list_honours(ws)
    if args.json:
        emit_json([h.__dict__ for h in honours])
        return 0
    print_table(
        [_("Id"), _("Honour"), _("Date"), _("Subsidy (CNY)"), _("Application"), _("Status")],
        [
            [
                h.id,
                h.name,
                h.conferred_on.isoformat(),
                h.amount,
                h.application or "",
                Status(h.status).label() if h.status else "",
            ]
            for h in honours
        ],
    )
    subsidies = ws.profile.agency_subsidies
    if subsidies:
        print()
        print(_("Honours of this policy:"))
        for s in subsidies:
            print(f"  {s.code}  {s.name}  {s.amount}  ({s.clause.ref})")
    return 0
