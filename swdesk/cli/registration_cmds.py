"""Commands for certificate registrations (under ``swdesk training``): where each stands, recording
a (re-)registration, a person's history with the hours of each period, and correcting it."""

from __future__ import annotations

import argparse
from typing import Any

from swdesk.cli.arguments import date_arg, id_arg, open_workspace
from swdesk.cli.output import emit_json, print_table
from swdesk.i18n import _
from swdesk.i18n.reasons import describe, describe_all


def register(training: argparse._SubParsersAction) -> None:
    p = training.add_parser("registrations", help=_("certificate registrations and their hours"))
    p.add_argument("--as-of", type=date_arg)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_registrations)

    p = training.add_parser("register", help=_("record a (re-)registration of a certificate"))
    p.add_argument("certificate_number")
    p.add_argument("--date", type=date_arg, required=True)
    p.add_argument(
        "--hours-short-reason",
        default="",
        metavar="TEXT",
        help=_(
            "why a re-registration was made with the period's continuing education short "
            "(recorded with the shortfall; without it such a re-registration is refused)"
        ),
    )
    p.set_defaults(func=cmd_register)

    p = training.add_parser(
        "registration-history", help=_("a person's registrations with the hours of each period")
    )
    p.add_argument("id_number")
    p.add_argument("--all", action="store_true", help=_("also the registrations voided"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_registration_history)

    p = training.add_parser("correct-registration", help=_("move a registration to its real date"))
    p.add_argument("registration_id", type=id_arg, help=_("its id in registration-history"))
    p.add_argument("--date", type=date_arg, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_correct_registration)

    p = training.add_parser("void-registration", help=_("void a registration entered by mistake"))
    p.add_argument("registration_id", type=id_arg, help=_("its id in registration-history"))
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_void_registration)


def cmd_registrations(args: argparse.Namespace) -> int:
    from swdesk.domain.training import hours_text
    from swdesk.services.registration import registration_overview

    ws = open_workspace(args, read_only=True)
    items = registration_overview(ws, args.as_of)
    if args.json:
        emit_json(
            [
                {
                    "id_number": i.staff.id_number,
                    "name": i.staff.name,
                    "level": i.status.credential.level.value,
                    "certificate_number": i.status.credential.certificate_number,
                    "registered_on": i.status.credential.registered_on,
                    "state": i.status.state.value,
                    "due": i.status.due,
                    "window_opens": i.status.window_opens,
                    "hours": i.hours.hours.total if i.hours else None,
                    "hours_required": i.hours.required if i.hours else None,
                    "hours_done": i.hours_done,
                    "clause": i.status.clause.ref,
                    "lapse": _lapse_json(i.current.lapse if i.current else None),
                }
                for i in items
            ]
        )
        return 0
    yes_no = {True: _("yes"), False: _("no"), None: ""}
    print_table(
        [
            _("Name"),
            _("Certificate"),
            _("State"),
            _("Date"),
            _("Hours"),
            _("Hours done"),
            _("Lapse"),
        ],  # fmt: skip
        [
            [
                i.staff.name,
                i.status.credential.certificate_number,
                i.status.state.label(),
                i.status.due.isoformat(),
                f"{hours_text(i.hours.hours.total)}/{hours_text(i.hours.required)}"
                if i.hours and i.hours.required is not None
                else "",
                yes_no[i.hours_done],
                describe(i.lapse()),
            ]
            for i in items
        ],
    )
    return 0


def _lapse_json(lapse: tuple[Any, Any] | None) -> dict[str, Any] | None:
    return {"from": lapse[0], "to": lapse[1]} if lapse else None


def cmd_register(args: argparse.Namespace) -> int:
    from swdesk.domain.errors import RuleRefused
    from swdesk.i18n import join_sentences
    from swdesk.services.registration import HoursShort, record_registration

    ws = open_workspace(args)
    try:
        changes = record_registration(
            ws, args.certificate_number, args.date, hours_short_reason=args.hours_short_reason
        )
    except HoursShort as exc:
        hint = _("To record it with the shortfall, run it again with --hours-short-reason TEXT.")
        raise RuleRefused(join_sentences(str(exc), hint), exc.clause) from None
    print(changes.message)
    return 0


def cmd_registration_history(args: argparse.Namespace) -> int:
    from swdesk.domain.training import hours_text
    from swdesk.services.registration_history import registration_history, registrations_of
    from swdesk.services.staff import find_staff

    ws = open_workspace(args, read_only=True)
    person = find_staff(ws, args.id_number)
    periods = registration_history(ws, person.id)  # type: ignore[arg-type]
    clause = ws.profile.registration.clause.ref if ws.profile.registration else ""
    voided = [
        r
        for number in dict.fromkeys(p.credential.certificate_number for p in periods)
        for r in registrations_of(ws, number)
        if r.voided
    ] if args.all else []  # fmt: skip
    if args.json:
        emit_json(
            [
                {
                    "id": p.period.record.id,
                    "certificate_number": p.credential.certificate_number,
                    "level": p.credential.level.value,
                    "kind": p.period.kind.value,
                    "registered_on": p.period.start,
                    "valid_until": p.period.valid_until,
                    "ends": p.period.ends,
                    "lapse": _lapse_json(p.period.lapse),
                    "hours": p.hours.hours.total if p.hours else None,
                    "hours_required": p.hours.required if p.hours else None,
                    "hours_done": p.hours.complete if p.hours else None,
                    "short_reason": p.period.record.short_reason,
                    "source": p.period.record.source,
                    "voided": False,
                }
                for p in periods
            ]
            + [
                {
                    "id": r.id,
                    "registered_on": r.registered_on,
                    "voided": True,
                    "void_reason": r.void_reason,
                }
                for r in voided
            ]  # fmt: skip
        )
        return 0
    rows = []
    for p in periods:
        rows.append(
            [
                p.period.record.id,
                p.credential.certificate_number,
                p.period.kind.label(),
                p.period.start.isoformat(),
                p.period.ends.isoformat(),
                f"{hours_text(p.hours.hours.total)}/{hours_text(p.hours.required)}"
                if p.hours and p.hours.required is not None
                else "",
                describe_all(p.period.notes(clause)),
            ]
        )
    for r in voided:
        rows.append([r.id, "", _("Voided"), r.registered_on.isoformat(), "", "", r.void_reason])
    print_table(
        [
            _("Id"),
            _("Certificate"),
            _("Registration"),
            _("From"),
            _("To"),
            _("Hours"),
            _("Note"),
        ],  # fmt: skip
        rows,
    )
    print(_("Clause: {clause}").format(clause=clause))
    return 0


def cmd_correct_registration(args: argparse.Namespace) -> int:
    from swdesk.services.registration_history import correct_registration

    ws = open_workspace(args)
    print(correct_registration(ws, args.registration_id, args.date, args.reason).message)
    return 0


def cmd_void_registration(args: argparse.Namespace) -> int:
    from swdesk.services.registration_history import void_registration

    ws = open_workspace(args)
    print(void_registration(ws, args.registration_id, args.reason).message)
    return 0
