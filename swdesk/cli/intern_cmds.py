"""Interns of an employment-practice base (就业见习基地, FCG-2023 (十六)): swdesk interns base,
add, list, remove; the claim list is `swdesk print interns`."""

from __future__ import annotations

import argparse

from swdesk.cli.arguments import (
    add_accept_unknown_region,
    date_arg,
    id_arg,
    open_workspace,
    unknown_region_hint,
)
from swdesk.cli.output import emit_json, print_table
from swdesk.domain.idnumber import mask
from swdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    interns = sub.add_parser(
        "interns", help=_("interns of an employment-practice base (就业见习基地)")
    ).add_subparsers(dest="action", metavar="ACTION", required=True)

    p = interns.add_parser("base", help=_("record the recognition as an employment-practice base"))
    p.add_argument("recognised_by", help=_("the human-resources bureau that recognised it"))
    p.add_argument("--date", type=date_arg, required=True, help=_("the day of recognition"))
    p.set_defaults(func=cmd_base)

    p = interns.add_parser("add", help=_("record an intern and the months of practice"))
    p.add_argument("name")
    p.add_argument("id_number")
    p.add_argument("--school", default="", help=_("the school graduated from"))
    p.add_argument("--graduated", type=date_arg, required=True, help=_("the graduation date"))
    p.add_argument("--start", type=date_arg, required=True, help=_("the first day of practice"))
    p.add_argument("--months", type=int, required=True, help=_("the months of practice"))
    p.add_argument(
        "--work-injury-insurance",
        action="store_true",
        help=_("joined work-injury insurance with approval (instead of accident insurance)"),
    )
    p.add_argument("--phone", default="")
    p.add_argument("--note", default="")
    add_accept_unknown_region(p)
    p.set_defaults(func=cmd_add)

    p = interns.add_parser("list", help=_("the interns recorded"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_list)

    p = interns.add_parser("remove", help=_("remove a mistaken intern record"))
    p.add_argument("intern_id", type=id_arg)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_remove)


def cmd_base(args: argparse.Namespace) -> int:
    from swdesk.services.interns import recognise_base

    print(recognise_base(open_workspace(args), args.recognised_by, args.date).message)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from swdesk.services.interns import add_intern

    ws = open_workspace(args)
    with unknown_region_hint():
        changes = add_intern(
            ws, name=args.name, id_number=args.id_number, school=args.school,
            graduated_on=args.graduated, started_on=args.start, months=args.months,
            work_injury_insurance=args.work_injury_insurance, phone=args.phone, note=args.note,
            accept_unknown_region=args.accept_unknown_region,
        )  # fmt: skip
    print(changes.message)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from swdesk.services.interns import list_interns

    found = list_interns(open_workspace(args, read_only=True))
    if args.json:
        emit_json(
            [
                {
                    "id": i.id,
                    "name": i.name,
                    "id_number": mask(i.id_number),
                    "school": i.school,
                    "graduated_on": i.graduated_on,
                    "started_on": i.started_on,
                    "ends_on": i.ends_on,
                    "months": i.months,
                    "work_injury_insurance": i.work_injury_insurance,
                }
                for i in found
            ]  # fmt: skip
        )
        return 0
    print_table(
        [_("Id"), _("Name"), _("Identity number"), _("School"), _("Graduated on"),
         _("Practice"), _("Months")],
        [[i.id, i.name, mask(i.id_number), i.school, i.graduated_on.isoformat(),
          f"{i.started_on.isoformat()} – {i.ends_on.isoformat()}", i.months] for i in found],
    )  # fmt: skip
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from swdesk.services.interns import remove_intern

    print(remove_intern(open_workspace(args), args.intern_id, args.reason).message)
    return 0
