"""`swdesk bureau …`: a civil-affairs bureau's data file from the shell — receive submission
files, see who has submitted, the findings of the checks and what to do with them, the return
files for agencies, the bureau's own submission to the level above and its tables."""

from __future__ import annotations

import argparse
from typing import Any

from swdesk.cli.arguments import date_arg, id_arg, open_workspace, year_arg
from swdesk.cli.output import emit_json, print_table
from swdesk.domain import idnumber
from swdesk.domain.findings import KIND_LABELS
from swdesk.i18n import _, ngettext
from swdesk.i18n.reasons import describe


def register(sub: argparse._SubParsersAction) -> None:
    bureau = sub.add_parser("bureau", help=_("a civil-affairs bureau's data file"))
    actions = bureau.add_subparsers(dest="action", metavar="ACTION", required=True)

    def add(name: str, help_text: str, func: Any, *, json: bool = False) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text)
        if json:
            p.add_argument("--json", action="store_true", help=_("machine-readable output"))
        p.set_defaults(func=func)
        return p

    p = add("receive", _("receive submission files (checked whole; all or nothing)"), cmd_receive,
            json=True)  # fmt: skip
    p.add_argument("files", nargs="+", metavar="FILE")
    p = add("status", _("who has submitted for a period, and who has not"), cmd_status, json=True)
    p.add_argument("--period", type=year_arg, required=True)
    p = add("records", _("the agency records received, with their history"), cmd_records,
            json=True)  # fmt: skip
    p.add_argument("--period", type=year_arg)
    p.add_argument("--history", action="store_true", help=_("also the replaced ones"))
    p = add("findings", _("what the checks found"), cmd_findings, json=True)
    p.add_argument("--period", type=year_arg)
    p.add_argument("--all", action="store_true", help=_("also those no longer found"))
    p.add_argument("--show-personal", action="store_true", help=_("identity numbers unmasked"))
    add("check", _("run the checks again"), cmd_check, json=True)
    p = add("resolve", _("mark a finding resolved, with a note"), cmd_resolve)
    p.add_argument("finding", type=id_arg, metavar="ID")
    p.add_argument("--note", default="", help=_("how it was resolved"))
    p.add_argument("--reopen", action="store_true", help=_("open it again"))
    p = add("reject", _("do not approve a claim (it goes back in a return file)"), cmd_reject)
    p.add_argument("agency", metavar="CREDIT_CODE")
    p.add_argument("number", metavar="CLAIM_NUMBER")
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("--reason", default="", help=_("default: the finding's words"))
    p.add_argument("--finding", type=id_arg, metavar="ID", help=_("the finding it answers"))
    p.add_argument("--date", type=date_arg)
    p = add("decisions", _("the claims not approved, here and below"), cmd_decisions, json=True)
    p.add_argument("--period", type=year_arg)
    p = add("return", _("the return file for an agency"), cmd_return)
    p.add_argument("agency", metavar="CREDIT_CODE")
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p = add("submit", _("the bureau's own submission to the level above"), cmd_submit)
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p = add("expect", _("a unit that reports to this bureau (before its first file)"), cmd_expect)
    p.add_argument("credit_code", metavar="CREDIT_CODE")
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--bureau-level", choices=("district", "city"), default=None,
                   help=_("the unit is a bureau of this level, not an agency"))  # fmt: skip
    p.add_argument("--not-expected", action="store_true", help=_("it no longer reports here"))
    add("units", _("the units that report to this bureau"), cmd_units, json=True)
    p = add("deadline", _("the day a period's submissions are due"), cmd_deadline)
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("--due", type=date_arg, required=True)
    p = add("export", _("the bureau's tables of a period as .xlsx"), cmd_export)
    p.add_argument("--period", type=year_arg, required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")


def cmd_receive(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_receive import receive

    ws = open_workspace(args)
    try:
        receipt = receive(ws, args.files)
    finally:
        ws.close()
    if args.json:
        emit_json(
            {
                "files": [
                    {
                        "file": str(f.path),
                        "from": f.submitter.name,
                        "credit_code": f.submitter.credit_code,
                        "period": f.period,
                        "already_received": f.again,
                        "records": [
                            {
                                "agency": r.agency_name,
                                "credit_code": r.agency_code,
                                "submission_id": r.submission_id,
                                "outcome": r.outcome,
                            }
                            for r in f.records
                        ],  # fmt: skip
                        "decisions": f.decisions,
                    }
                    for f in receipt.files
                ],
                "findings": receipt.checks.found if receipt.checks else None,
                "new_findings": receipt.checks.new if receipt.checks else 0,
            }
        )
        return 0
    for f in receipt.files:
        if f.again:
            print(_("{file}: already received.").format(file=f.path.name))
            continue
        print(
            _("{file}: from {sender}, period {period}.").format(
                file=f.path.name, sender=f.submitter.name, period=f.period
            )
        )
        for r in f.records:
            print("  " + _("{agency}: {outcome}").format(agency=r.agency_name, outcome=r.label))
    print(receipt.changes.message)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from swdesk.services.bureau import period_status

    ws = open_workspace(args, read_only=True)
    status = period_status(ws, args.period)
    if args.json:
        emit_json(
            {
                "period": status.period,
                "due_on": status.due_on,
                "agency_records": status.agencies,
                "units": [
                    {
                        "credit_code": u.unit.credit_code,
                        "name": u.unit.name,
                        "kind": u.unit.kind.value,
                        "state": u.state,
                        "received_at": u.received_at,
                        "created_at": u.created_at,
                        "files": u.files,
                        "records": u.records,
                    }
                    for u in status.units
                ],  # fmt: skip
            }
        )
        return 0
    due = status.due_on.isoformat() if status.due_on else _("none set")
    print(_("Period {period}, due {due}: {n} agency records count.").format(
        period=status.period, due=due, n=status.agencies
    ))  # fmt: skip
    print_table(
        [_("Unit"), _("Credit code"), _("State"), _("Received"), _("Files"), _("Records")],
        [
            [
                u.unit.name,
                u.unit.credit_code,
                u.state_label,
                (u.received_at or "")[:16].replace("T", " "),
                u.files,
                u.records,
            ]  # fmt: skip
            for u in status.units
        ],
    )
    return 0


def cmd_records(args: argparse.Namespace) -> int:
    from swdesk.services.bureau import records

    ws = open_workspace(args, read_only=True)
    rows = records(ws, args.period, history=args.history)
    if args.json:
        emit_json([r.__dict__ for r in rows])
        return 0
    print_table(
        [
            _("Agency"),
            _("Credit code"),
            _("Period"),
            _("Made"),
            _("Through"),
            _("Counts"),
            _("People"),
            _("Claims"),
        ],  # fmt: skip
        [
            [
                r.agency_name,
                r.agency_code,
                r.period,
                r.created_at[:16].replace("T", " "),
                r.via,
                _("yes") if r.current else _("no (replaced)"),
                r.people,
                r.claims,
            ]  # fmt: skip
            for r in rows
        ],
    )
    return 0


def _finding_json(f: Any, whole: bool) -> dict[str, Any]:
    shown = (lambda n: n) if whole else idnumber.mask
    return {
        "id": f.id,
        "kind": f.finding.kind,
        "period": f.finding.period,
        "agencies": [{"credit_code": a.code, "name": a.name} for a in f.finding.agencies],
        "people": [{"id_number": shown(n), "name": name} for n, name in f.finding.people],
        "claims": [{"credit_code": c, "period": p, "number": n} for c, p, n in f.finding.claims],
        "clause": f.finding.clause,
        "text": describe(f.finding.reason),
        "state": "resolved" if f.resolved else ("open" if f.present else "gone"),
        "resolution": f.resolution,
        "found_at": f.found_at,
    }


def cmd_findings(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_checks import list_findings, record_reveal

    ws = open_workspace(args, read_only=not args.show_personal)
    found = list_findings(ws, args.period, include_gone=args.all)
    if args.show_personal:
        record_reveal(ws, [f.id for f in found])
    if args.json:
        emit_json([_finding_json(f, args.show_personal) for f in found])
        return 0
    if not found:
        print(_("The checks found nothing."))
        return 0
    for f in found:
        state = _("resolved") if f.resolved else (_("open") if f.present else _("no longer found"))
        print(f"#{f.id} [{_(KIND_LABELS[f.finding.kind])}] {f.finding.period} · {state}")
        print("  " + describe(f.finding.reason))
        print("  " + _("Clause: {clause}").format(clause=f.finding.clause))
        if f.resolution:
            print("  " + _("Resolved: {note}").format(note=f.resolution))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_checks import run_checks

    ws = open_workspace(args)
    try:
        run = run_checks(ws)
    finally:
        ws.close()
    if args.json:
        emit_json({"found": run.found, "new": run.new, "gone": run.gone, "by_kind": run.by_kind})
        return 0
    print(
        ngettext("{n} finding", "{n} findings", run.found).format(n=run.found)
        + _(" ({new} new, {gone} no longer found).").format(new=run.new, gone=run.gone)
    )
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_checks import resolve_finding

    ws = open_workspace(args)
    try:
        print(resolve_finding(ws, args.finding, args.note, reopen=args.reopen).message)
    finally:
        ws.close()
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_decisions import reject_claim

    ws = open_workspace(args)
    try:
        changes = reject_claim(
            ws, args.agency, args.period, args.number, args.reason, finding_id=args.finding,
            on=args.date,
        )  # fmt: skip
    finally:
        ws.close()
    print(changes.message)
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_decisions import list_decisions

    ws = open_workspace(args, read_only=True)
    found = list_decisions(ws, args.period)
    if args.json:
        emit_json(
            [
                {
                    "credit_code": d.decision.agency_code,
                    "period": d.decision.period,
                    "number": d.decision.claim_number,
                    "outcome": d.decision.outcome.value,
                    "reason": d.decision.reason,
                    "by": d.decision.by,
                    "on": d.decision.on,
                    "clause": d.decision.clause,
                    "own": d.own,
                    "returned_at": d.returned_at,
                }
                for d in found
            ]  # fmt: skip
        )
        return 0
    print_table(
        [_("Credit code"), _("Period"), _("Claim"), _("By"), _("On"), _("Returned"), _("Reason")],
        [
            [
                d.decision.agency_code,
                d.decision.period,
                d.decision.claim_number,
                d.decision.by,
                d.decision.on.isoformat(),
                (d.returned_at or "")[:10],
                d.decision.reason,
            ]  # fmt: skip
            for d in found
        ],
    )
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_decisions import make_return

    ws = open_workspace(args)
    try:
        print(make_return(ws, args.agency, args.period, args.output).changes.message)
    finally:
        ws.close()
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_submit import submit_up

    ws = open_workspace(args)
    try:
        print(submit_up(ws, args.period, args.output).changes.message)
    finally:
        ws.close()
    return 0


def cmd_expect(args: argparse.Namespace) -> int:
    from swdesk.domain.submission import BureauLevel, UnitKind
    from swdesk.services.bureau import expect_unit

    level = BureauLevel(args.bureau_level) if args.bureau_level else None
    kind = UnitKind.BUREAU if level else UnitKind.AGENCY
    ws = open_workspace(args)
    try:
        changes = expect_unit(
            ws, args.credit_code, args.name, kind=kind, level=level, expected=not args.not_expected
        )
    finally:
        ws.close()
    print(changes.message)
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    from swdesk.services.bureau import units

    ws = open_workspace(args, read_only=True)
    found = units(ws)
    if args.json:
        emit_json(
            [
                {
                    "credit_code": u.credit_code,
                    "name": u.name,
                    "kind": u.kind.value,
                    "level": u.level.value if u.level else None,
                    "expected": u.expected,
                    "added_on": u.added_on,
                }
                for u in found
            ]  # fmt: skip
        )
        return 0
    print_table(
        [_("Unit"), _("Credit code"), _("Kind"), _("Expected")],
        [
            [
                u.name,
                u.credit_code,
                u.level.label() if u.level else _("agency"),
                _("yes") if u.expected else _("no"),
            ]  # fmt: skip
            for u in found
        ],
    )
    return 0


def cmd_deadline(args: argparse.Namespace) -> int:
    from swdesk.services.bureau import set_deadline

    ws = open_workspace(args)
    try:
        print(set_deadline(ws, args.period, args.due).message)
    finally:
        ws.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from swdesk.services.bureau_summary import export_bureau_summary

    ws = open_workspace(args, read_only=True)
    path, summary = export_bureau_summary(ws, args.period, args.output)
    print(
        _("Wrote {file}: {n} agencies, {people} people.").format(
            file=str(path), n=len(summary.agencies), people=summary.total.people
        )
    )
    return 0
