"""Commands that set up a data file: init, demo, profiles."""

from __future__ import annotations

import argparse

from swdesk.cli.arguments import open_workspace
from swdesk.cli.output import emit_json, print_table
from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _, current_language
from swdesk.policies import available_profiles


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help=_("create the agency (or a bureau) in a new data file"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--agency", metavar="NAME", help=_("the agency's name"))
    who.add_argument(
        "--bureau", metavar="NAME", help=_("a civil-affairs bureau's name (a bureau's data file)")
    )
    p.add_argument(
        "--level",
        choices=("district", "city", "province"),
        help=_("the bureau's level (with --bureau)"),
    )
    p.add_argument(
        "--profile",
        required=True,
        metavar="ID",
        help=_("policy profile id (see `swdesk profiles`)"),
    )
    p.add_argument("--credit-code", default="", metavar="CODE", help=_("统一社会信用代码"))
    p.add_argument("--address", default="")
    p.add_argument("--contact", default="", help=_("contact person"))
    p.add_argument("--phone", default="")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help=_("fill a new data file with realistic demo data"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("profiles", help=_("list the policy profiles"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_profiles)


def cmd_init(args: argparse.Namespace) -> int:
    from swdesk.services.agency import init_agency

    if args.bureau is not None:
        return _init_bureau(args)
    if args.level:
        raise SwdeskError(_("--level goes with --bureau: an agency has no level."))
    ws = open_workspace(args, new_file=True)
    changes = init_agency(
        ws,
        name=args.agency,
        profile_id=args.profile,
        credit_code=args.credit_code,
        address=args.address,
        contact_person=args.contact,
        phone=args.phone,
    )
    print(changes.message)
    return 0


def _init_bureau(args: argparse.Namespace) -> int:
    from swdesk.services.bureau import init_bureau

    if not args.level:
        raise SwdeskError(_("Give the bureau's level: --level district, city or province."))
    ws = open_workspace(args, new_file=True)
    changes = init_bureau(
        ws,
        name=args.bureau,
        level=args.level,
        profile_id=args.profile,
        credit_code=args.credit_code,
        address=args.address,
        contact_person=args.contact,
        phone=args.phone,
    )
    print(changes.message)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from swdesk.services.demo import fill_demo

    ws = open_workspace(args, new_file=True)
    print(fill_demo(ws).message)
    return 0


def cmd_profiles(args: argparse.Namespace) -> int:
    lang = current_language()
    profiles = available_profiles()
    if args.json:
        emit_json(
            [
                {"id": p.id, "name": p.label(lang), "document": p.document, "title": p.title}
                for p in profiles
            ]
        )
        return 0
    print_table(
        [_("ID"), _("Name"), _("Document")], [[p.id, p.label(lang), p.document] for p in profiles]
    )
    return 0
