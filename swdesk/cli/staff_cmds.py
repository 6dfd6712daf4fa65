"""Commands for staff, credentials and grades."""

from __future__ import annotations

import argparse

from swdesk.cli import correction_cmds
from swdesk.cli.arguments import (
    add_accept_unknown_region,
    date_arg,
    id_arg,
    open_to_reveal,
    open_workspace,
    unknown_region_hint,
)
from swdesk.cli.output import (
    add_workbook_options,
    emit_json,
    print_table,
    workbook_target,
    wrote_workbook,
)
from swdesk.domain.idnumber import mask
from swdesk.domain.text import readable_name
from swdesk.i18n import _, current_language
from swdesk.services.security import mask_phone, record_reveal


def register(sub: argparse._SubParsersAction) -> None:
    staff = sub.add_parser("staff", help=_("staff members")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = staff.add_parser("list", help=_("list the staff"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--search", default="", help=_("part of a name, identity number or phone"))
    p.add_argument(
        "--show-personal",
        "--show-ids",
        dest="show_personal",
        action="store_true",
        help=_("show identity and phone numbers unmasked"),
    )
    add_workbook_options(p)
    p.set_defaults(func=cmd_staff_list)

    p = staff.add_parser("add", help=_("add a staff member"))
    p.add_argument("name")
    p.add_argument("id_number")
    p.add_argument("--sex", default=None)
    p.add_argument("--phone", default="")
    p.add_argument("--education", default="")
    p.add_argument("--major", default="")
    p.add_argument("--hire-date", type=date_arg)
    p.add_argument("--social-work-since", type=date_arg)
    p.add_argument("--civil-servant", action="store_true")
    add_accept_unknown_region(p)
    p.set_defaults(func=cmd_staff_add)

    p = staff.add_parser("photo", help=_("the photo (1 inch) printed on the application forms"))
    p.add_argument("id_number")
    p.add_argument("file", nargs="?", help=_("an image: JPEG, PNG, …"))
    p.add_argument(
        "--attachment", type=id_arg, help=_("take one of the person's attached images, by its id")
    )
    p.add_argument(
        "--crop",
        metavar="X,Y,W,H",
        help=_("the rectangle to cut, in pixels (brought to 25:35); default: the middle"),
    )
    p.set_defaults(func=cmd_staff_photo)

    creds = sub.add_parser("credentials", help=_("certificates")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = creds.add_parser("add", help=_("record a certificate"))
    p.add_argument("id_number")
    p.add_argument("level", help=_("助理社会工作师 / 社会工作师 / 高级社会工作师"))
    p.add_argument("certificate_number")
    p.add_argument("--obtained", type=date_arg, required=True)
    p.add_argument("--registered", type=date_arg)
    p.set_defaults(func=cmd_credential_add)
    p = creds.add_parser("attach", help=_("keep a scan of a certificate"))
    p.add_argument("certificate_number")
    p.add_argument("file", help=_("the scan (image or PDF)"))
    p.set_defaults(func=cmd_credential_attach)

    grades = sub.add_parser("grades", help=_("post grades")).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = grades.add_parser("appoint", help=_("appoint a person to a grade"))
    p.add_argument("id_number")
    p.add_argument(
        "grade",
        help=_(
            "the grade: its code (ASW2), its name as printed (助理社会工作师二级岗位) or the name "
            "without 岗位 (see `swdesk grades ladder`)"
        ),
    )
    p.add_argument("--date", type=date_arg, required=True)
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_appoint)
    p = grades.add_parser("ladder", help=_("the grades of the agency's profile"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ladder)
    p = grades.add_parser("promotable", help=_("people whose certificates allow a higher grade"))
    p.add_argument("--as-of", type=date_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_promotable)
    correction_cmds.add_staff(staff)
    correction_cmds.add_credentials(creds)
    correction_cmds.add_grades(grades)


def cmd_staff_list(args: argparse.Namespace) -> int:
    from swdesk.services.grades import current_grades
    from swdesk.services.staff import all_credentials, list_staff

    ws = open_to_reveal(args, args.show_personal)
    # Typed in a terminal whose encoding is not the system's: the bytes it could not decode.
    args.search = readable_name(args.search)
    target = workbook_target(args, "staff_list")
    if target is not None:
        from swdesk.services.exports import export_staff

        path, rows = export_staff(ws, target, search=args.search, show_personal=args.show_personal)
        return wrote_workbook(path, rows)
    people = list_staff(ws, args.search)
    creds = all_credentials(ws)
    grades = current_grades(ws)
    if args.show_personal:
        record_reveal(ws, [p.id for p in people], ("id_number", "phone"), "staff list")
    whole = args.show_personal
    if args.json:
        emit_json(
            [
                {
                    "name": p.name,
                    "sex": p.sex,
                    "id_number": p.id_number if whole else mask(p.id_number),
                    # The birth date is the middle of the identity number: shown with it.
                    "birth_date": p.birth_date if whole else None,
                    "phone": p.phone if whole else mask_phone(p.phone),
                    "education": p.education,
                    "major": p.major,
                    "hire_date": p.hire_date,
                    "leave_date": p.leave_date,
                    "social_work_since": p.social_work_since,
                    "civil_servant": p.civil_servant,
                    "grade": grades[p.id].grade_code if p.id in grades else None,
                    "credentials": [
                        {
                            "level": c.level.value,
                            "certificate_number": c.certificate_number,
                            "obtained_on": c.obtained_on,
                            "registered_on": c.registered_on,
                        }
                        for c in creds.get(p.id, [])
                    ],
                }
                for p in people
            ]
        )
        return 0
    profile = ws.profile
    lang = current_language()
    rows = []
    for p in people:
        levels = [c.level for c in creds.get(p.id, [])]
        best = max(levels, key=lambda lv: lv.rank).label() if levels else ""
        grade = profile.grade(grades[p.id].grade_code).label(lang) if p.id in grades else ""
        rows.append(
            [
                p.name,
                _("male") if p.sex == "M" else _("female"),
                p.id_number if whole else mask(p.id_number),
                p.phone if whole else mask_phone(p.phone),
                best,
                grade,
            ]
        )
    print_table(
        [_("Name"), _("Sex"), _("Identity number"), _("Phone"), _("Certificate"), _("Grade")], rows
    )
    print(_("{n} people").format(n=len(people)))
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    from swdesk.services.staff import add_staff

    ws = open_workspace(args)
    with unknown_region_hint():
        changes = add_staff(
            ws,
            name=args.name,
            id_number=args.id_number,
            sex=args.sex,
            phone=args.phone,
            education=args.education,
            major=args.major,
            hire_date=args.hire_date,
            social_work_since=args.social_work_since,
            civil_servant=args.civil_servant,
            accept_unknown_region=args.accept_unknown_region,
        )
    print(changes.message)
    return 0


def cmd_credential_add(args: argparse.Namespace) -> int:
    from swdesk.services.staff import add_credential

    ws = open_workspace(args)
    changes = add_credential(
        ws,
        args.id_number,
        level=args.level,
        certificate_number=args.certificate_number,
        obtained_on=args.obtained,
        registered_on=args.registered,
    )
    print(changes.message)
    return 0


def cmd_credential_attach(args: argparse.Namespace) -> int:
    from swdesk.services.attachments import attach_certificate_scan

    ws = open_workspace(args)
    print(attach_certificate_scan(ws, args.certificate_number, args.file).message)
    return 0


def cmd_staff_photo(args: argparse.Namespace) -> int:
    from swdesk.domain.errors import ValidationError
    from swdesk.domain.photos import parse_crop
    from swdesk.services.photos import photo_from_attachment, set_photo

    if (args.file is None) == (args.attachment is None):
        raise ValidationError(_("Give either an image FILE or --attachment ID."), "file")
    crop = parse_crop(args.crop) if args.crop else None
    ws = open_workspace(args)
    if args.file is not None:
        changes = set_photo(ws, args.id_number, args.file, crop)
    else:
        changes = photo_from_attachment(ws, args.id_number, args.attachment, crop)
    print(changes.message)
    return 0


def cmd_appoint(args: argparse.Namespace) -> int:
    from swdesk.services.grades import appoint

    ws = open_workspace(args)
    changes = appoint(ws, args.id_number, args.grade, args.date, args.note)
    print(changes.message)
    print(_("Clause: {clause}").format(clause=ws.profile.appointment_clause.ref))
    return 0


def cmd_ladder(args: argparse.Namespace) -> int:
    ws = open_workspace(args, read_only=True)
    profile = ws.profile
    if args.json:
        emit_json(
            [
                {
                    "code": g.code,
                    "name": g.name,
                    "name_en": g.name_en,
                    "post_level": g.post_level,
                    "band": g.band.value,
                }
                for g in profile.grades
            ]
        )
        return 0
    lang = current_language()
    print_table(
        [_("Code"), _("Grade"), _("Post level"), _("Band")],
        [[g.code, g.label(lang), g.post_level, g.band.label()] for g in profile.grades],
    )
    return 0


def cmd_promotable(args: argparse.Namespace) -> int:
    from swdesk.services.grades import promotable

    ws = open_workspace(args, read_only=True)
    found = promotable(ws, args.as_of)
    lang = current_language()
    if args.json:
        emit_json(
            [
                {
                    "id_number": p.staff.id_number,
                    "name": p.staff.name,
                    "grade": p.current.code if p.current else None,
                    "allowed_band": p.allowed_band.value,
                    "clause": p.clause,
                }
                for p in found
            ]
        )
        return 0
    print_table(
        [_("Name"), _("Identity number"), _("Current grade"), _("Certificates allow")],
        [
            [
                p.staff.name,
                mask(p.staff.id_number),
                p.current.label(lang) if p.current else _("none"),
                p.allowed_band.label(),
            ]
            for p in found
        ],
    )
    return 0
