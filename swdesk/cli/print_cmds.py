"""`swdesk print KIND … -o FILE.pdf`: every printed form from the shell; ``-o FILE.docx`` writes
the same form as an editable Word copy.

print packet NUMBER                 one application's packet (cover, form, records, scans)
print packets [--status submitted]  every packet of applications in a status, in one PDF
print application NUMBER            the application form alone
print ce-record ID_NUMBER --year Y  a person's continuing-education record
print ce-summary --year Y           the annual CE table of all staff
print reminders [--as-of D]         one notice per person with something due
print awards-summary --from D --to D  applications submitted in a period
print holders [--as-of D]           certificate holders by level
print interns --from D --to D       the interns' claim list (就业见习补贴, FCG-2023 (十六))
print bureau-summary --period P     a bureau's tables of a period (holders, CE, claims, budget)
print bureau-missing --period P     the units that have not submitted for a period
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from swdesk.cli.arguments import date_arg, open_workspace, year_arg
from swdesk.domain.applications import Kind, Status
from swdesk.i18n import _, ngettext
from swdesk.services.workspace import Workspace

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _status(text: str) -> Status:
    try:
        return Status(text.strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise argparse.ArgumentTypeError(
            _("unknown status {value!r}; choose from {choices}").format(value=text, choices=choices)
        ) from None


def _kind(text: str) -> Kind:
    try:
        return Kind(text.strip().lower().replace("-", "_"))
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise argparse.ArgumentTypeError(
            _("unknown kind {value!r}; choose from {choices}").format(value=text, choices=choices)
        ) from None


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf|FILE.docx",
        help=_(
            "the file to write: a PDF, or a Word copy to edit for FILE.docx (default: named "
            "after the form, in this folder)"
        ),
    )
    common.add_argument(
        "--format",
        choices=["pdf", "docx"],
        default="pdf",
        help=_("without -o: a PDF or a Word copy"),
    )
    common.add_argument(
        "--font",
        metavar="FILE",
        help=_("a TrueType font (.ttf/.ttc) to print with, e.g. C:/Windows/Fonts/simsun.ttc"),
    )
    kinds = sub.add_parser("print", help=_("printed forms (PDF or Word)")).add_subparsers(
        dest="kind", metavar="KIND", required=True
    )

    def add(name: str, help_text: str, run: Callable[..., bytes]) -> argparse.ArgumentParser:
        p = kinds.add_parser(name, help=help_text, parents=[common])
        p.set_defaults(func=lambda args: _print(args, run))
        return p

    p = add("packet", _("one application's packet"), _packet)
    p.add_argument("number", help=_("the application number, e.g. 2026-0001"))
    p = add("packets", _("the packets of every application in a status"), _packets)
    p.add_argument("--status", type=_status, default=Status.SUBMITTED)
    p.add_argument("--kind", type=_kind, default=None, help=_("only applications of this kind"))
    p = add("application", _("an application form"), _application)
    p.add_argument("number")
    p = add("ce-record", _("a person's continuing-education record for a year"), _ce_record)
    p.add_argument("id_number")
    p.add_argument("--year", type=year_arg, required=True)
    p = add("ce-summary", _("the annual continuing-education table of all staff"), _ce_summary)
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--as-of", type=date_arg, help=_("default: today, or the year's last day"))
    p = add("reminders", _("a notice for each person with something due"), _reminders)
    p.add_argument("--as-of", type=date_arg, help=_("default: today"))
    p = add("awards-summary", _("award applications submitted in a period"), _awards_summary)
    p.add_argument("--from", dest="start", type=date_arg, required=True)
    p.add_argument("--to", dest="end", type=date_arg, required=True)
    p = add("holders", _("certificate holders by level"), _holders)
    p.add_argument("--as-of", type=date_arg, help=_("default: today"))
    p = add("interns", _("the claim list of interns whose practice started in a period"), _interns)
    p.add_argument("--from", dest="start", type=date_arg, required=True)
    p.add_argument("--to", dest="end", type=date_arg, required=True)
    p = add("bureau-summary", _("a bureau's tables of a period"), _bureau_summary)
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("--as-of", type=date_arg, help=_("default: the period's last day, or today"))
    p = add("bureau-missing", _("the units that have not submitted"), _bureau_missing)
    p.add_argument("--period", type=year_arg, required=True)


def _print(args: argparse.Namespace, run: Callable[..., bytes]) -> int:
    from swdesk.printing.fonts import register_fonts

    register_fonts(args.font)
    ws = open_workspace(args, read_only=True)
    try:
        output = Path(args.output) if args.output else Path.cwd() / _default_name(ws, args)
        data = run(ws, args, output)
    finally:
        ws.close()
    if output.suffix.lower() == ".docx":
        print(_("Wrote {file} (Word).").format(file=output))
        return 0
    pages = len(_PAGE.findall(data))
    print(
        ngettext("Wrote {file} ({pages} page).", "Wrote {file} ({pages} pages).", pages).format(
            file=output, pages=pages
        )
    )
    return 0


def _default_name(ws: Workspace, args: argparse.Namespace) -> str:
    from swdesk.services.file_names import print_file_name

    return print_file_name(
        ws,
        args.kind,
        args.format,
        number=getattr(args, "number", None),
        id_number=getattr(args, "id_number", None),
        year=getattr(args, "year", None),
        start=getattr(args, "start", None),
        end=getattr(args, "end", None),
        as_of=getattr(args, "as_of", None),
        status=getattr(args, "status", None),
        period=getattr(args, "period", None),
    )


def _packet(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_packet

    return print_packet(ws, args.number, output)


def _packets(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_packets

    return print_packets(ws, args.status, args.kind, output)


def _application(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_application

    return print_application(ws, args.number, output)


def _ce_record(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_ce_record

    return print_ce_record(ws, args.id_number, args.year, output)


def _ce_summary(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_ce_summary

    return print_ce_summary(ws, args.year, args.as_of, output)


def _reminders(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_reminders

    return print_reminders(ws, args.as_of, output)


def _awards_summary(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_awards_summary

    return print_awards_summary(ws, args.start, args.end, output)


def _holders(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_holders

    return print_holders(ws, args.as_of, output)


def _interns(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.printing import print_intern_claim

    return print_intern_claim(ws, args.start, args.end, output)


def _bureau_summary(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.bureau_summary import print_bureau_summary

    return print_bureau_summary(ws, args.period, output, as_of=args.as_of)


def _bureau_missing(ws: Workspace, args: argparse.Namespace, output: Path) -> bytes:
    from swdesk.services.bureau_summary import print_missing

    return print_missing(ws, args.period, output)
