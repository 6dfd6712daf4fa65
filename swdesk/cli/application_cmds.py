"""Commands for applications: create (level award, exam costs, agency subsidy, nomination),
submit, approve, reject, pay, withdraw, attach, list, show. Each prints the application's number."""

from __future__ import annotations

import argparse

from swdesk.cli.arguments import date_arg, id_arg, open_to_reveal, open_workspace, year_arg
from swdesk.cli.output import (
    add_workbook_options,
    emit_json,
    print_table,
    workbook_target,
    wrote_workbook,
)
from swdesk.domain.applications import Application, Kind, Status, money_text
from swdesk.domain.errors import ValidationError
from swdesk.domain.idnumber import mask
from swdesk.domain.reasons import Reason
from swdesk.i18n import _, ngettext
from swdesk.i18n.reasons import describe as describe_reason


def _item(text: str) -> tuple[str, str]:
    code, sep, amount = text.partition("=")
    if not sep or not code.strip():
        raise argparse.ArgumentTypeError(_("write an item as CODE=AMOUNT, e.g. travel=86.5"))
    return code.strip(), amount.strip()


def register(sub: argparse._SubParsersAction) -> None:
    apps = sub.add_parser("applications", help=_("applications and their steps"))
    actions = apps.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=_("create an application (a draft)"))
    kinds = create.add_subparsers(dest="kind", metavar="KIND", required=True)

    p = kinds.add_parser("level-award", help=_("the professional-level award due to a person"))
    p.add_argument("id_number")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_create_level_award)

    p = kinds.add_parser("exam", help=_("exam costs of one sitting"))
    p.add_argument("id_number")
    p.add_argument("--year", type=year_arg, required=True, help=_("the exam year"))
    p.add_argument("--level", required=True, help=_("the level sat"))
    p.add_argument("--registration-fee", default=None)
    p.add_argument("--textbook-fee", default=None)
    p.add_argument(
        "--item",
        type=_item,
        action="append",
        default=[],
        metavar="CODE=AMOUNT",
        help=_(
            "an item of the policy, e.g. accommodation=320 (the travel items: "
            "intercity_transport, accommodation, meal_allowance, local_transport)"
        ),
    )
    p.add_argument(
        "--receipt",
        action="append",
        default=[],
        metavar="[CODE=]FILE",
        help=_("a receipt; CODE= names the item it is for, e.g. accommodation=hotel.pdf"),
    )
    p.set_defaults(func=cmd_create_exam)

    p = kinds.add_parser("subsidy", help=_("the agency's subsidy for a recorded honour"))
    p.add_argument("honour_id", type=id_arg)
    p.set_defaults(func=cmd_create_subsidy)

    p = kinds.add_parser("nomination", help=_("a commendation nomination"))
    p.add_argument("id_number")
    p.add_argument("commendation", help=_("the commendation's code in the policy"))
    p.add_argument("--reasons", required=True)
    p.add_argument("--case-title", default="")
    p.set_defaults(func=cmd_create_nomination)

    for k in (kinds.choices["level-award"], kinds.choices["subsidy"], kinds.choices["nomination"]):
        k.add_argument("--document", action="append", default=[], metavar="FILE")
    for k in kinds.choices.values():
        k.add_argument("--date", type=date_arg, help=_("date of the application (default today)"))

    p = actions.add_parser("submit", help=_("mark as submitted"))
    p.add_argument("number")
    p.add_argument("--date", type=date_arg)
    p.set_defaults(func=cmd_step, step="submit")
    p = actions.add_parser("approve", help=_("record the approval"))
    p.add_argument("number")
    p.add_argument("--by", required=True, help=_("who approved"))
    p.add_argument("--reason", default="")
    p.add_argument("--date", type=date_arg)
    p.set_defaults(func=cmd_step, step="approve")
    p = actions.add_parser("reject", help=_("record the rejection"))
    p.add_argument("number")
    p.add_argument("--by", required=True, help=_("who rejected"))
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=date_arg)
    p.set_defaults(func=cmd_step, step="reject")
    p = actions.add_parser("pay", help=_("record the payment"))
    p.add_argument("number")
    p.add_argument("--amount", default=None, help=_("default: the amount asked for"))
    p.add_argument("--date", type=date_arg)
    p.set_defaults(func=cmd_step, step="pay")
    p = actions.add_parser("withdraw", help=_("withdraw a mistaken application"))
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=date_arg)
    p.set_defaults(func=cmd_step, step="withdraw")

    p = actions.add_parser("attach", help=_("attach a file (receipt, scan, case write-up)"))
    p.add_argument("number")
    p.add_argument("file")
    p.add_argument("--kind", default="document")
    p.set_defaults(func=cmd_attach)

    p = actions.add_parser("list", help=_("list applications"))
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--kind", choices=[k.value for k in Kind])
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--show-personal", action="store_true", help=_("whole identity numbers in the workbook")
    )
    add_workbook_options(p)
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("show", help=_("an application with its steps"))
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)


def cmd_create_level_award(args: argparse.Namespace) -> int:
    from swdesk.services.claims import create_level_award

    ws = open_workspace(args)
    print(create_level_award(ws, args.id_number, args.date, args.note, args.document).message)
    return 0


def cmd_create_exam(args: argparse.Namespace) -> int:
    from swdesk.services.claims import create_exam_claim

    items: dict[str, object] = {}
    named = (("registration_fee", args.registration_fee), ("textbook_fee", args.textbook_fee))
    for code, amount in [*((c, a) for c, a in named if a is not None), *args.item]:
        if code in items:
            raise ValidationError(_("The item {item} is given twice.").format(item=code), code)
        items[code] = amount
    ws = open_workspace(args)
    rule = ws.profile.reimbursement
    codes = rule.codes if rule else ()
    receipts: list[object] = []
    for text in args.receipt:
        code, sep, path = text.partition("=")
        receipts.append((code, path) if sep and code in codes else text)
    changes = create_exam_claim(
        ws,
        args.id_number,
        exam_year=args.year,
        level=args.level,
        items=items,
        on=args.date,
        receipts=receipts,  # type: ignore[arg-type]
    )
    print(changes.message)
    return 0


def cmd_create_subsidy(args: argparse.Namespace) -> int:
    from swdesk.services.claims import create_subsidy

    ws = open_workspace(args)
    print(create_subsidy(ws, args.honour_id, args.date, args.document).message)
    return 0


def cmd_create_nomination(args: argparse.Namespace) -> int:
    from swdesk.services.claims import create_nomination

    ws = open_workspace(args)
    changes = create_nomination(
        ws,
        args.id_number,
        args.commendation,
        args.reasons,
        case_title=args.case_title,
        on=args.date,
        documents=args.document,
    )
    print(changes.message)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    from swdesk.services import applications as svc

    ws = open_workspace(args)
    if args.step == "submit":
        changes = svc.submit(ws, args.number, args.date)
    elif args.step == "approve":
        changes = svc.approve(ws, args.number, args.by, args.date, args.reason)
    elif args.step == "reject":
        changes = svc.reject(ws, args.number, args.by, args.reason, args.date)
    elif args.step == "pay":
        changes = svc.pay(ws, args.number, args.amount, args.date)
    else:
        changes = svc.withdraw(ws, args.number, args.reason, args.date)
    print(changes.message)
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from swdesk.services.applications import attach

    ws = open_workspace(args)
    print(attach(ws, args.number, args.file, args.kind).message)
    return 0


def _as_dict(app: Application, award: str, clause: str) -> dict[str, object]:
    return {
        "number": app.number,
        "kind": app.kind.value,
        "award": app.award,
        "award_label": award,
        "clause": clause,
        "id_number": app.id_number or None,
        "name": app.person,
        "level": app.level.value if app.level else None,
        "amount": str(app.amount),
        "status": app.status.value,
        "created_on": app.created_on,
        "paid_amount": None if app.paid_amount is None else str(app.paid_amount),
        "details": app.details,
        "steps": [
            {
                "status": s.status.value,
                "on": s.on,
                "by": s.by,
                "reason": s.reason,
                "amount": None if s.amount is None else str(s.amount),
                "recorded_by": s.recorded_by,
            }
            for s in app.steps
        ],
    }


def cmd_list(args: argparse.Namespace) -> int:
    from swdesk.domain.claims import describe
    from swdesk.services.applications import list_applications

    status = Status(args.status) if args.status else None
    kind = Kind(args.kind) if args.kind else None
    target = workbook_target(args, "applications_list", status.label() if status else None)
    if target is not None:
        from swdesk.services.exports import export_applications

        ws = open_to_reveal(args, args.show_personal)
        path, rows = export_applications(
            ws, target, status=status, kind=kind, show_personal=args.show_personal
        )
        return wrote_workbook(path, rows)
    ws = open_workspace(args, read_only=True)
    apps = list_applications(ws, status=status, kind=kind)
    described = [(a, *describe(ws.profile, a.kind.value, a.award, a.details)) for a in apps]
    if args.json:
        emit_json([_as_dict(a, award, clause) for a, award, clause in described])
        return 0
    print_table(
        [
            _("Number"),
            _("Name"),
            _("Identity number"),
            _("Award"),
            _("Level"),
            _("Amount"),
            _("Status"),
            _("Date"),
        ],
        [
            [
                a.number,
                a.person,
                mask(a.id_number) if a.id_number else "",
                award,
                a.level.label() if a.level else "",
                money_text(a.amount),
                a.status.label(),
                a.last_date.isoformat(),
            ]
            for a, award, _clause in described
        ],
    )
    print(ngettext("{n} application", "{n} applications", len(apps)).format(n=len(apps)))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from swdesk.domain.claims import describe
    from swdesk.services.applications import attachments_of, get_application

    ws = open_workspace(args, read_only=True)
    app = get_application(ws, args.number)
    award, clause = describe(ws.profile, app.kind.value, app.award, app.details)
    files = attachments_of(ws, app)
    if args.json:
        data = _as_dict(app, award, clause)
        data["attachments"] = [
            {"name": f["original_name"], "kind": f["kind"], "sha256": f["sha256"]} for f in files
        ]
        emit_json(data)
        return 0
    print(
        _("Application {number}: {award} ({clause})").format(
            number=app.number, award=award, clause=clause
        )
    )
    print(
        _("Applicant: {name} {id}").format(
            name=app.person, id=mask(app.id_number) if app.id_number else ""
        )
    )
    if app.level:
        print(_("Level: {level}").format(level=app.level.label()))
    print(_("Amount asked: {amount} CNY").format(amount=money_text(app.amount)))
    print(_("Status: {status}").format(status=app.status.label()))
    reasons = app.details.get("reasons")  # a nomination keeps its reasons as its own words
    for data in reasons if isinstance(reasons, list) else ():
        reason = Reason.from_data(data)
        mark = "✓" if reason.held else "✗"
        print(f"{mark} {describe_reason(reason)} ({reason.clause})")
    print_table(
        [_("Step"), _("Date"), _("By"), _("Reason"), _("Amount")],
        [
            [
                s.status.label(),
                s.on.isoformat(),
                s.by,
                s.reason,
                "" if s.amount is None else money_text(s.amount),
            ]
            for s in app.steps
        ],
    )
    for f in files:
        print(_("Attachment: {name} ({kind})").format(name=f["original_name"], kind=f["kind"]))
    return 0
