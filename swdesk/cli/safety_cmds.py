"""Commands that keep the data safe: backup, restore, check, audit, password."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from swdesk.cli.arguments import database_path, date_arg, open_to_reveal, open_workspace
from swdesk.cli.output import (
    add_workbook_options,
    emit_json,
    print_table,
    workbook_target,
    wrote_workbook,
)
from swdesk.domain.errors import ValidationError
from swdesk.i18n import _
from swdesk.services.audit_wording import KINDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help=_("back up the data file and its attachments"))
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=_("a folder (e.g. a USB stick) or a .zip file; default: the backups folder"),
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=_("check a backup and put it in place of the data"))
    p.add_argument("backup", metavar="PATH", help=_("the backup file (.zip)"))
    p.add_argument(
        "--check-only", action="store_true", help=_("only check the backup, change nothing")
    )
    p.add_argument(
        "--allow-missing-attachments",
        action="store_true",
        help=_("restore even if attached files are missing from the backup"),
    )
    p.add_argument(
        "--without-password",
        action="store_true",
        help=_(
            "restore a backup made before the program password was set (the password is then gone)"
        ),
    )
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", help=_("check the data file, its attachments and backups"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument(
        "--repair",
        action="store_true",
        help=_("make the training hours kept by year again from the attendance, if they differ"),
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("audit", help=_("who changed what, and when"))
    p.add_argument("--since", type=date_arg, metavar="DATE", help=_("from this day on"))
    p.add_argument("--until", type=date_arg, metavar="DATE", help=_("up to this day"))
    p.add_argument("--staff", metavar="ID_NUMBER", help=_("only changes about this person"))
    p.add_argument("--user", metavar="NAME", help=_("only changes made by this user"))
    p.add_argument(
        "--kind",
        choices=sorted(KINDS),
        help=_("only changes of one kind (people, certificates, grades, …)"),
    )
    p.add_argument(
        "--show-personal", action="store_true", help=_("show identity and phone numbers whole")
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_workbook_options(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("password", help=_("the optional program password"))
    p.add_argument("action", choices=["set", "remove", "status"])
    p.add_argument(
        "--idle",
        type=int,
        metavar="MINUTES",
        help=_("ask again after this many idle minutes (0: never)"),
    )
    p.set_defaults(func=cmd_password)


def cmd_backup(args: argparse.Namespace) -> int:
    from swdesk.services.backup import backup_now

    info = backup_now(database_path(args), Path(args.output) if args.output else None)
    print(_("Backup written: {path}").format(path=str(info.path)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from swdesk.services.backup import check_backup, restore

    db = database_path(args)
    if args.check_only:
        checked = check_backup(Path(args.backup), db)
        print(
            _(
                "The backup {path} is good: made {made}, {staff} staff, {files} attached files."
            ).format(
                path=str(checked.path),
                made=checked.made,
                staff=checked.staff,
                files=checked.attachments,
            )
        )
        return 0
    result = restore(
        db,
        Path(args.backup),
        allow_missing=args.allow_missing_attachments,
        drop_password=args.without_password,
    )
    print(
        _("Restored the backup made {made} ({staff} staff, {files} attached files).").format(
            made=result.restored.made,
            staff=result.restored.staff,
            files=result.restored.attachments,
        )
    )
    if result.safety_backup:
        print(
            _(
                "The data as it was before is saved in {path}; to undo, run: "
                "swdesk --db {db} restore {path}"
            ).format(path=str(result.safety_backup), db=str(db))
        )
    if result.set_aside:
        print(_("The damaged file was kept as {path}.").format(path=str(result.set_aside)))
    if args.without_password and not result.restored.has_password:
        print(_("The restored data has no program password: set one with `swdesk password set`."))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import datetime as dt

    from swdesk.services.backup import check_data, check_lines

    report = check_data(database_path(args))
    if args.repair and report.hours_off:
        from swdesk.services.training import rebuild_hours_by_year

        ws = open_workspace(args)
        try:
            print(rebuild_hours_by_year(ws).message)
        finally:
            ws.close()
        report = check_data(database_path(args))
    if args.json:
        emit_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "attachments": [
                    {
                        "id": p.attachment_id,
                        "name": p.original_name,
                        "owner_table": p.owner_table,
                        "owner_id": p.owner_id,
                        "problem": p.problem,
                    }
                    for p in report.attachments
                ],
                "orphan_files": report.orphans,
                "schema": report.schema,
                "needs_upgrade": report.needs_upgrade,
                "training_hours_off": report.hours_off,
                "leftovers": [str(p) for p in report.leftovers],
                "backups": report.backups,
                "latest_backup": str(report.latest_backup.path) if report.latest_backup else None,
            }
        )
        return 0 if report.ok else 1
    for line in check_lines(report, dt.date.today()):
        print(line)
    return 0 if report.ok else 1


def cmd_audit(args: argparse.Namespace) -> int:
    from swdesk.services.audit_trail import change_log

    ws = open_to_reveal(args, args.show_personal)
    target = workbook_target(args, "audit_log", ws.today().isoformat())
    if target is not None:
        from swdesk.services.exports import export_audit

        path, rows = export_audit(
            ws, target, since=args.since, until=args.until, staff_id_number=args.staff,
            user=args.user, kind=args.kind, show_personal=args.show_personal,
        )  # fmt: skip
        return wrote_workbook(path, rows)
    filters = {
        "since": args.since,
        "until": args.until,
        "staff_id_number": args.staff,
        "user": args.user,
        "kind": args.kind,
    }
    worded = change_log(ws, show_personal=args.show_personal, **filters)
    if args.json:
        emit_json([w.entry.as_json() for w in worded])
        return 0
    rows = [
        [w.entry.at.replace("T", " ")[:16], w.entry.user, w.what, w.entry.staff_name,
         "; ".join(w.changes)[:120]]
        for w in worded
    ]  # fmt: skip
    print_table([_("When"), _("Who"), _("What"), _("Person"), _("Changes")], rows)
    print(_("{n} entries").format(n=len(worded)))
    return 0


def _ask(prompt: str) -> str:
    # Scripts and tests feed the answers on standard input, one per line.
    answer = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    try:
        # Bytes that are not UTF-8 arrive as lone surrogates, which no password hash takes.
        answer.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            _("The password could not be read as text (it is not UTF-8); nothing was changed."),
            "password",
        ) from None
    return answer


def cmd_password(args: argparse.Namespace) -> int:
    from swdesk.services.security import (
        idle_minutes,
        password_is_set,
        remove_password,
        set_idle_minutes,
        set_password,
    )

    ws = open_workspace(args, read_only=args.action == "status" and args.idle is None)
    if args.action == "status":
        print(_("A program password is set.") if password_is_set(ws) else _("No program password."))
    elif args.action == "set":
        current = _ask(_("Current password: ")) if password_is_set(ws) else None
        new = _ask(_("New password: "))
        if _ask(_("New password again: ")) != new:
            raise ValidationError(_("The two passwords differ; nothing was changed."), "password")
        print(set_password(ws, new, current=current).message)
    else:
        print(remove_password(ws, _ask(_("Current password: "))).message)
    if args.idle is not None:
        print(set_idle_minutes(ws, args.idle or None).message)
    minutes = idle_minutes(ws)
    if minutes:
        print(_("Asked again after {n} idle minutes.").format(n=minutes))
    return 0
