"""Correcting records from the command line: ``staff edit``, ``credentials edit|void``,
``grades void|history``, ``training edit-event|delete-event|set-hours``, ``awards
payments|void-payment``. Each correction is one step of the undo history (``swdesk undo``).

The groups (staff, credentials, …) are made by their own modules, which hand them here."""

from __future__ import annotations

import argparse
from typing import Any

from swdesk.cli.arguments import date_arg, id_arg, open_workspace
from swdesk.cli.output import emit_changes, emit_json, print_table
from swdesk.domain.idnumber import mask
from swdesk.i18n import _, format_number

# Options not given are left out of the arguments: only what is given is corrected.
_GIVEN = {"default": argparse.SUPPRESS}
_JSON = {"action": "store_true", "help": _("machine-readable output")}


def date_or_none(text: str) -> Any:
    """A date, or ``none`` (or ``-``) to clear one (e.g. a leave date entered by mistake)."""
    return None if text.strip().lower() in ("none", "-", "") else date_arg(text)


def yes_no(text: str) -> bool:
    from swdesk.domain.errors import ValidationError
    from swdesk.domain.staff import parse_yes_no

    try:
        return parse_yes_no(text, "civil_servant")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_staff(staff: argparse._SubParsersAction) -> None:
    p = staff.add_parser("edit", help=_("correct a person's details"))
    p.add_argument("id_number", metavar="ID_NUMBER")
    p.add_argument("--name", **_GIVEN)
    p.add_argument("--id-number", dest="new_id_number", metavar="NUMBER", **_GIVEN)
    p.add_argument("--sex", **_GIVEN)
    for option in ("--phone", "--education", "--major", "--note"):
        p.add_argument(option, **_GIVEN)
    for option in ("--hire-date", "--leave-date", "--social-work-since"):
        p.add_argument(option, type=date_or_none, metavar="DATE|none", **_GIVEN)
    p.add_argument("--civil-servant", type=yes_no, metavar="yes|no", **_GIVEN)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_staff_edit)


def add_credentials(creds: argparse._SubParsersAction) -> None:
    p = creds.add_parser("edit", help=_("correct a certificate"))
    p.add_argument("certificate_number", metavar="CERT_NUMBER")
    p.add_argument("--number", metavar="N", help=_("the right certificate number"), **_GIVEN)
    p.add_argument("--level", metavar="L", **_GIVEN)
    p.add_argument("--obtained", type=date_arg, metavar="DATE", **_GIVEN)
    p.add_argument("--issuer", metavar="BODY", **_GIVEN)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_credential_edit)
    p = creds.add_parser("void", help=_("void a certificate entered by mistake"))
    p.add_argument("certificate_number", metavar="CERT_NUMBER")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_credential_void)


def add_grades(grades: argparse._SubParsersAction) -> None:
    p = grades.add_parser("void", help=_("void an appointment made by mistake"))
    p.add_argument("id_number", metavar="ID_NUMBER")
    p.add_argument("--date", type=date_arg, required=True, help=_("the appointment's date"))
    p.add_argument("--reason", required=True)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_grade_void)
    p = grades.add_parser("history", help=_("a person's appointments, the voided ones too"))
    p.add_argument("id_number", metavar="ID_NUMBER")
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_grade_history)


def add_training(training: argparse._SubParsersAction) -> None:
    p = training.add_parser("edit-event", help=_("correct a training event"))
    p.add_argument("event", type=id_arg, metavar="EVENT_ID")
    for option in ("--title", "--organiser", "--form", "--note", "--hours"):
        p.add_argument(option, **_GIVEN)
    for option in ("--start", "--end"):
        p.add_argument(option, type=date_arg, metavar="DATE", **_GIVEN)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_edit_event)
    p = training.add_parser("delete-event", help=_("delete an event entered by mistake"))
    p.add_argument("event", type=id_arg, metavar="EVENT_ID")
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_delete_event)
    p = training.add_parser("set-hours", help=_("correct one attendee's hours"))
    p.add_argument("event", type=id_arg, metavar="EVENT_ID")
    p.add_argument("id_number", metavar="ID_NUMBER")
    p.add_argument("hours")
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_set_hours)


def add_awards(awards: argparse._SubParsersAction) -> None:
    p = awards.add_parser("payments", help=_("award payments, the voided ones too"))
    p.add_argument("--staff", metavar="ID_NUMBER", help=_("only this person's"))
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_payments)
    p = awards.add_parser("void-payment", help=_("void an imported payment entered by mistake"))
    p.add_argument("payment", type=id_arg, metavar="PAYMENT_ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", **_JSON)
    p.set_defaults(func=cmd_void_payment)


# ---------------------------------------------------------------- commands


def _given(args: argparse.Namespace, names: dict[str, str]) -> dict[str, Any]:
    """The options given, by the service's field names."""
    return {
        field: getattr(args, option) for option, field in names.items() if hasattr(args, option)
    }


def cmd_staff_edit(args: argparse.Namespace) -> int:
    from swdesk.services.staff import find_staff, update_staff

    fields = _given(args, {
        "name": "name", "new_id_number": "id_number", "sex": "sex", "phone": "phone",
        "education": "education", "major": "major", "note": "note", "hire_date": "hire_date",
        "leave_date": "leave_date", "social_work_since": "social_work_since",
        "civil_servant": "civil_servant",
    })  # fmt: skip
    ws = open_workspace(args)
    person = find_staff(ws, args.id_number)
    return emit_changes(args, update_staff(ws, person.id, **fields))  # type: ignore[arg-type]


def cmd_credential_edit(args: argparse.Namespace) -> int:
    from swdesk.services.credentials import edit_credential

    fields = _given(args, {"number": "certificate_number", "level": "level",
                           "obtained": "obtained_on", "issuer": "issuing_body"})  # fmt: skip
    ws = open_workspace(args)
    return emit_changes(args, edit_credential(ws, args.certificate_number, **fields))


def cmd_credential_void(args: argparse.Namespace) -> int:
    from swdesk.services.credentials import void_credential

    ws = open_workspace(args)
    return emit_changes(args, void_credential(ws, args.certificate_number, args.reason))


def cmd_grade_void(args: argparse.Namespace) -> int:
    from swdesk.services.grades import void_appointment

    ws = open_workspace(args)
    return emit_changes(args, void_appointment(ws, args.id_number, args.date, args.reason))


def cmd_grade_history(args: argparse.Namespace) -> int:
    from swdesk.domain.grades import grade_named
    from swdesk.services.grades import history
    from swdesk.services.staff import find_staff

    ws = open_workspace(args, read_only=True)
    person = find_staff(ws, args.id_number)
    found = history(ws, person.id, voided=True)  # type: ignore[arg-type]
    if args.json:
        emit_json([
            {"grade": a.grade_code, "appointed_on": a.appointed_on, "note": a.note,
             "voided_on": a.voided_on, "void_reason": a.void_reason}
            for a in found
        ])  # fmt: skip
        return 0
    print_table(
        [_("Post grade"), _("From"), _("Note"), _("Voided")],
        [
            [grade_named(ws.profile, a.grade_code).label(), a.appointed_on.isoformat(), a.note,
             _("{date}: {reason}").format(date=a.voided_on.isoformat(), reason=a.void_reason)
             if a.voided_on else ""]
            for a in found
        ],
    )  # fmt: skip
    print(_("{name} ({number})").format(name=person.name, number=mask(person.id_number)))
    return 0


def cmd_edit_event(args: argparse.Namespace) -> int:
    from swdesk.services.training_corrections import edit_event

    fields = _given(args, {k: k for k in ("title", "organiser", "form", "note", "hours",
                                          "start", "end")})  # fmt: skip
    ws = open_workspace(args)
    return emit_changes(args, edit_event(ws, args.event, **fields))


def cmd_delete_event(args: argparse.Namespace) -> int:
    from swdesk.services.training_corrections import delete_event

    ws = open_workspace(args)
    return emit_changes(args, delete_event(ws, args.event))


def cmd_set_hours(args: argparse.Namespace) -> int:
    from swdesk.services.training_corrections import set_attendee_hours

    ws = open_workspace(args)
    return emit_changes(args, set_attendee_hours(ws, args.event, args.id_number, args.hours))


def cmd_payments(args: argparse.Namespace) -> int:
    from swdesk.services.payments import award_label, list_payments
    from swdesk.services.staff import find_staff

    ws = open_workspace(args, read_only=True)
    staff_id = find_staff(ws, args.staff).id if args.staff else None
    found = list_payments(ws, staff_id)
    if args.json:
        emit_json([p.as_json() for p in found])
        return 0
    print_table(
        [_("Id"), _("Name"), _("Award"), _("Level"), _("Amount (CNY)"), _("Paid on"),
         _("Source"), _("Voided")],
        [
            [p.id, p.name, award_label(p.award), p.level.label() if p.level else "",
             format_number(p.amount), p.paid_on.isoformat(),
             p.application or _("imported"),
             (p.void_reason or _("undone")) if p.voided else ""]
            for p in found
        ],
    )  # fmt: skip
    return 0


def cmd_void_payment(args: argparse.Namespace) -> int:
    from swdesk.services.payments import void_payment

    ws = open_workspace(args)
    return emit_changes(args, void_payment(ws, args.payment, args.reason))
