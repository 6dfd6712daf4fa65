"""Commands for continuing education (training records, the annual report, registrations) and
the reminders list."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from swdesk.cli import correction_cmds, registration_cmds
from swdesk.cli.arguments import date_arg, id_arg, open_to_reveal, open_workspace, year_arg
from swdesk.cli.output import (
    add_workbook_options,
    emit_json,
    print_table,
    workbook_target,
    wrote_workbook,
)
from swdesk.domain.idnumber import mask
from swdesk.i18n import _
from swdesk.i18n.reasons import describe


def _attendee(text: str) -> tuple[str, str | None]:
    """ID_NUMBER or ID_NUMBER:HOURS (part attendance)."""
    number, sep, hours = text.replace("：", ":").rpartition(":")
    return (number, hours) if sep else (text, None)


def _event_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", required=True, help=_("what the training was called"))
    p.add_argument("--start", type=date_arg, required=True, help=_("first day"))
    p.add_argument("--end", type=date_arg, help=_("last day (default: the first day)"))
    p.add_argument("--hours", required=True, help=_("study hours (学时) of the whole training"))
    p.add_argument(
        "--form",
        required=True,
        help=_("面授/线上/督导/会议/其他 (face_to_face, online, supervision, conference, other)"),
    )
    p.add_argument("--organiser", default="", help=_("who held it"))
    p.add_argument("--note", default="")
    p.add_argument(
        "--subject",
        default=None,
        help=_("公需科目 or 专业科目 (general, professional); leave out if not said"),
    )


def register(sub: argparse._SubParsersAction) -> None:
    training = sub.add_parser("training", help=_("continuing education")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = training.add_parser("report", help=_("each person's hours against the requirement"))
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument(
        "--as-of", type=date_arg, help=_("the day to judge on (default: today, or 31 December)")
    )
    p.add_argument("--requirement", metavar="ID", help=_("requirement id of the profile"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_report)

    p = training.add_parser("list", help=_("training events"))
    p.add_argument("--year", type=year_arg, help=_("events ending in this year"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument(
        "--show-personal", action="store_true", help=_("whole identity numbers in the workbook")
    )
    add_workbook_options(p)
    p.set_defaults(func=cmd_list)

    p = training.add_parser("add-event", help=_("record a training event with its attendees"))
    _event_fields(p)
    p.add_argument(
        "--attendee",
        action="append",
        default=[],
        metavar="ID_NUMBER[:HOURS]",
        help=_("an attendee; add :HOURS for someone who attended part of it (repeat)"),
    )
    p.set_defaults(func=cmd_add_event)

    p = training.add_parser("add-attendees", help=_("add attendees to a recorded event"))
    p.add_argument("event_id", type=id_arg)
    p.add_argument("attendee", nargs="+", metavar="ID_NUMBER[:HOURS]")
    p.set_defaults(func=cmd_add_attendees)

    p = training.add_parser("add-individual", help=_("record a course one person took alone"))
    p.add_argument("id_number")
    _event_fields(p)
    p.set_defaults(func=cmd_add_individual)

    p = training.add_parser(
        "add-degree", help=_("a social-work degree a person completed (counts its hours at once)")
    )
    p.add_argument("id_number")
    p.add_argument("--degree", required=True, help=_("e.g. 社会工作硕士 (MSW)"))
    p.add_argument("--school", default="", help=_("the university or college"))
    p.add_argument("--date", type=date_arg, required=True, help=_("the day it was completed"))
    p.set_defaults(func=cmd_add_degree)

    p = training.add_parser("remove-attendee", help=_("take a person off an event"))
    p.add_argument("event_id", type=id_arg)
    p.add_argument("id_number")
    p.set_defaults(func=cmd_remove_attendee)

    p = training.add_parser("export", help=_("the annual table for the bureau (.xlsx)"))
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument(
        "--as-of", type=date_arg, help=_("the day to judge on (default: today, or 31 December)")
    )
    p.add_argument("--requirement", metavar="ID", help=_("requirement id of the profile"))
    p.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help=_("default: named after the table, here")
    )
    p.set_defaults(func=cmd_export)

    registration_cmds.register(training)

    p = sub.add_parser("reminders", help=_("everything to act on, most urgent first"))
    p.add_argument("--as-of", type=date_arg, help=_("the day to judge on (default: today)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument(
        "--show-personal", action="store_true", help=_("whole identity numbers in the workbook")
    )
    add_workbook_options(p)
    p.set_defaults(func=cmd_reminders)
    correction_cmds.add_training(training)


def _event_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "title": args.title,
        "form": args.form,
        "start": args.start,
        "end": args.end,
        "hours": args.hours,
        "organiser": args.organiser,
        "note": args.note,
        "subject": args.subject,
    }


def report_row_json(row: Any) -> dict[str, Any]:
    c = row.result
    return {
        "id_number": row.staff.id_number,
        "name": row.staff.name,
        "hours": c.hours.total,
        "required": c.required,
        "shortfall": c.shortfall,
        "expected_by_now": c.expected_by_now,
        "status": c.status.value,
        "clause": c.clause.ref,
        "reason": describe(c.reason),
        "level": c.level.value if c.level else None,
        "requirement": c.requirement_id,
        "period_start": c.period.start if c.period else None,
        "period_end": c.period.end if c.period else None,
        "hours_by_form": dict(c.hours.raw),
        "counted_by_form": dict(c.hours.counted),
        "carried_over": c.hours.carried_over,
    }


def cmd_report(args: argparse.Namespace) -> int:
    from swdesk.domain.ce_compliance import status_tally
    from swdesk.domain.training import hours_text
    from swdesk.services.ce_report import ce_report

    ws = open_workspace(args, read_only=True)
    report = ce_report(ws, args.year, args.as_of, args.requirement)
    if args.json:
        emit_json([report_row_json(row) for row in report.rows])
        return 0
    rows = [
        [
            r.staff.name,
            mask(r.staff.id_number),
            hours_text(r.result.hours.total),
            hours_text(r.result.required),
            hours_text(r.result.expected_by_now),
            hours_text(r.result.shortfall),
            r.result.status.label(),
        ]
        for r in report.rows
    ]
    print_table(
        [
            _("Name"),
            _("Identity number"),
            _("Hours"),
            _("Required"),
            _("Expected by now"),
            _("Shortfall"),
            _("Status"),
        ],
        rows,
    )
    print(
        _("As of {date}: {tally}.").format(
            date=report.as_of.isoformat(), tally=status_tally(report.counts())
        )
    )
    print(_("Clause: {clause}").format(clause=report.requirement.clause.ref))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from swdesk.domain.training import form_label, hours_text
    from swdesk.services.training import list_events

    target = workbook_target(args, "training_events", args.year)
    if target is not None:
        from swdesk.services.exports import export_training_events

        ws = open_to_reveal(args, args.show_personal)
        path, rows = export_training_events(
            ws, target, year=args.year, show_personal=args.show_personal
        )
        return wrote_workbook(path, rows)
    ws = open_workspace(args, read_only=True)
    events = list_events(ws, args.year)
    if args.json:
        emit_json(
            [
                {
                    "id": s.event.id,
                    "title": s.event.title,
                    "organiser": s.event.organiser,
                    "form": s.event.form,
                    "kind": s.event.kind,
                    "start": s.event.start,
                    "end": s.event.end,
                    "hours": s.event.hours,
                    "attendees": s.attendees,
                    "attendee_hours": s.attendee_hours,
                }
                for s in events
            ]
        )
        return 0
    print_table(
        [_("Id"), _("Title"), _("Form"), _("Start"), _("End"), _("Hours"), _("Attendees")],
        [
            [
                s.event.id,
                s.event.title,
                form_label(s.event.form),
                s.event.start.isoformat(),
                s.event.end.isoformat(),
                hours_text(s.event.hours),
                s.attendees,
            ]
            for s in events
        ],
    )
    return 0


def cmd_add_event(args: argparse.Namespace) -> int:
    from swdesk.services.training import add_event

    ws = open_workspace(args)
    changes = add_event(ws, attendees=[_attendee(a) for a in args.attendee], **_event_kwargs(args))
    print(changes.message)
    print(changes.created_id)
    return 0


def cmd_add_attendees(args: argparse.Namespace) -> int:
    from swdesk.services.training import add_attendees

    ws = open_workspace(args)
    print(add_attendees(ws, args.event_id, [_attendee(a) for a in args.attendee]).message)
    return 0


def cmd_add_individual(args: argparse.Namespace) -> int:
    from swdesk.services.training import add_individual_record

    ws = open_workspace(args)
    changes = add_individual_record(ws, args.id_number, **_event_kwargs(args))
    print(changes.message)
    print(changes.created_id)
    return 0


def cmd_add_degree(args: argparse.Namespace) -> int:
    from swdesk.services.training import add_degree

    ws = open_workspace(args)
    changes = add_degree(
        ws, args.id_number, degree=args.degree, school=args.school, completed_on=args.date
    )
    print(changes.message)
    print(changes.created_id)
    return 0


def cmd_remove_attendee(args: argparse.Namespace) -> int:
    from swdesk.services.training import remove_attendee

    ws = open_workspace(args)
    print(remove_attendee(ws, args.event_id, args.id_number).message)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from swdesk.services.exports import export_ce_table
    from swdesk.services.file_names import print_file_name

    ws = open_workspace(args, read_only=True)
    output = args.output or print_file_name(ws, "ce-summary", "xlsx", year=args.year)
    path, report = export_ce_table(
        ws, args.year, output, as_of=args.as_of, requirement_id=args.requirement
    )
    print(_("Wrote {path} ({n} people).").format(path=str(path), n=len(report.rows)))
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    from swdesk.domain.reminders import kind_label
    from swdesk.services.reminders import collect_reminders

    target = workbook_target(args, "reminders_list", (args.as_of or dt.date.today()).isoformat())
    if target is not None:
        from swdesk.services.exports import export_reminders

        ws = open_to_reveal(args, args.show_personal)
        path, rows = export_reminders(
            ws, target, as_of=args.as_of, show_personal=args.show_personal
        )
        return wrote_workbook(path, rows)
    ws = open_workspace(args, read_only=True)
    found = collect_reminders(ws, args.as_of)
    if args.json:
        emit_json(
            [
                {
                    "kind": r.kind,
                    "id_number": r.id_number,
                    "name": r.name,
                    "due": r.due,
                    "severity": r.severity.value,
                    "message": describe(r.message),
                    "clause": r.clause,
                }
                for r in found
            ]
        )
        return 0
    print_table(
        [_("Severity"), _("Due"), _("What"), _("Name"), _("Message")],
        [
            [r.severity.label(), r.due.isoformat(), kind_label(r.kind), r.name, describe(r.message)]
            for r in found
        ],
    )
    print(_("{n} reminders").format(n=len(found)))
    return 0
