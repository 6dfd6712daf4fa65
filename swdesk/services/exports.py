"""Workbooks: the bureau's tables (the CE table, the awards summary) and every list of the
program (staff, training events, applications, reminders, the audit log); each loads what it
needs once and writes it (the command line and the windows both call these)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from swdesk.domain import titles
from swdesk.domain.applications import AwardsSummary, Kind, Status
from swdesk.domain.ce_compliance import CEReport
from swdesk.domain.claims import describe as claim_words
from swdesk.domain.idnumber import mask
from swdesk.exchange import lists
from swdesk.exchange.awards_workbook import write_awards_summary
from swdesk.exchange.ce_workbook import write_ce_workbook
from swdesk.exchange.list_workbook import write_list_workbook
from swdesk.i18n import _, current_language, format_date
from swdesk.i18n.collate import name_key
from swdesk.services.agency import get_agency
from swdesk.services.applications import list_applications
from swdesk.services.audit_trail import change_log
from swdesk.services.awards_summary import awards_summary
from swdesk.services.ce_report import ce_report
from swdesk.services.grades import current_grades
from swdesk.services.reminders import collect_reminders
from swdesk.services.security import mask_phone, record_reveal
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.training import attendees_of, list_events
from swdesk.services.workspace import Workspace

T = TypeVar("T")


def export_ce_table(
    ws: Workspace,
    year: int,
    output: Path | str,
    *,
    as_of: dt.date | None = None,
    requirement_id: str | None = None,
) -> tuple[Path, CEReport]:
    """The annual continuing-education table of ``year`` as .xlsx, people by name (pinyin) as on
    the printed table, and the report it shows."""
    report = ce_report(ws, year, as_of, requirement_id)
    rows = tuple(sorted(report.rows, key=lambda row: name_key(row.staff.name)))
    report = dataclasses.replace(report, rows=rows)
    return write_ce_workbook(report, get_agency(ws), Path(output)), report


def export_awards_summary(
    ws: Workspace, start: dt.date, end: dt.date, output: Path | str
) -> tuple[Path, AwardsSummary]:
    """The summary workbook (统计汇总) of the applications submitted from ``start`` to ``end``."""
    summary = awards_summary(ws, start, end)
    return write_awards_summary(summary, output), summary


# ---------------------------------------------------------------- the lists, as workbooks
#
# Each takes the same filters as its listing and, from the window, ``only``: the ids of the
# rows in view, in the order they are shown (filtered and sorted there). Identity and phone
# numbers are masked unless ``show_personal``, which the audit log notes, as for a listing.


def _in_view(
    items: Sequence[T], key: Callable[[T], int | None], only: Sequence[int] | None
) -> list[T]:
    if only is None:
        return list(items)
    by_id = {key(item): item for item in items}
    return [by_id[i] for i in only if i in by_id]


def _note(*parts: str) -> str:
    return "    ".join(p for p in parts if p)


def _as_of(ws: Workspace) -> str:
    return _("As of {date}").format(date=format_date(ws.today()))


def export_staff(
    ws: Workspace,
    output: Path | str,
    *,
    search: str = "",
    show_personal: bool = False,
    only: Sequence[int] | None = None,
) -> tuple[Path, int]:
    """The staff with their certificates and post grades; returns the file and the rows."""
    people = _in_view(list_staff(ws, search), lambda p: p.id, only)
    if show_personal:
        record_reveal(ws, [p.id for p in people], ("id_number", "phone"), "staff workbook")  # type: ignore[misc]
    grades = {}
    for staff_id, appointment in current_grades(ws).items():
        try:
            grades[staff_id] = ws.profile.grade(appointment.grade_code).label(current_language())
        except KeyError:  # a grade of another profile: keep its code
            grades[staff_id] = appointment.grade_code
    hide = None if show_personal else (lambda p: (mask(p.id_number), mask_phone(p.phone)))
    rows = lists.staff_rows(people, all_credentials(ws), grades, hide)
    note = _note(_as_of(ws), _("Search: {text}").format(text=search) if search else "")
    path = _write(ws, output, "staff_list", note, lists.STAFF_COLUMNS, rows)
    return path, len(rows)


def export_training_events(
    ws: Workspace,
    output: Path | str,
    *,
    year: int | None = None,
    show_personal: bool = False,
    only: Sequence[int] | None = None,
) -> tuple[Path, int]:
    """The training events (of ``year``) with one row per attendee."""
    events = _in_view(list_events(ws, year), lambda s: s.event.id, only)
    pairs = [(s.event, attendees_of(ws, s.event.id)) for s in events]  # type: ignore[arg-type]
    if show_personal:
        seen = {a["staff_id"] for _e, attendees in pairs for a in attendees}
        record_reveal(ws, seen, ("id_number",), "training workbook")
    rows = lists.event_rows(pairs, show_personal)
    note = _note(_("Events ending in {year}").format(year=year) if year else "", _as_of(ws))
    return _write(ws, output, "training_events", note, lists.EVENT_COLUMNS, rows), len(rows)


def export_applications(
    ws: Workspace,
    output: Path | str,
    *,
    status: Status | None = None,
    kind: Kind | None = None,
    show_personal: bool = False,
    only: Sequence[int] | None = None,
) -> tuple[Path, int]:
    """The applications (in a status, of a kind), each with what it claims and its clause."""
    apps = _in_view(list_applications(ws, status=status, kind=kind), lambda a: a.id, only)
    if show_personal:
        record_reveal(
            ws, [a.staff_id for a in apps if a.staff_id], ("id_number",), "applications workbook"
        )
    described = [(a, *claim_words(ws.profile, a.kind.value, a.award, a.details)) for a in apps]
    rows = lists.application_rows(described, show_personal)
    note = _note(
        _("Status: {status}").format(status=status.label()) if status else "",
        _("Kind: {kind}").format(kind=kind.label()) if kind else "",
        _as_of(ws),
    )
    return _write(ws, output, "applications_list", note, lists.APPLICATION_COLUMNS, rows), len(rows)


def export_reminders(
    ws: Workspace, output: Path | str, *, as_of: dt.date | None = None, show_personal: bool = False
) -> tuple[Path, int]:
    """Everything to act on, most urgent first."""
    found = collect_reminders(ws, as_of)
    if show_personal:
        record_reveal(
            ws, [r.staff_id for r in found if r.staff_id], ("id_number",), "reminders workbook"
        )
    rows = lists.reminder_rows(found, show_personal)
    note = _("As of {date}").format(date=format_date(as_of or ws.today()))
    return _write(ws, output, "reminders_list", note, lists.REMINDER_COLUMNS, rows), len(rows)


def export_audit(
    ws: Workspace,
    output: Path | str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    staff_id_number: str | None = None,
    user: str | None = None,
    kind: str | None = None,
    show_personal: bool = False,
    only: Sequence[int] | None = None,
) -> tuple[Path, int]:
    """The change log (one row per changed field) in the user's language, oldest first (or the
    entries ``only``, in that order), with the listing's filters."""
    worded = change_log(ws, since=since, until=until, staff_id_number=staff_id_number, user=user,
                        kind=kind, show_personal=show_personal, via="audit workbook")  # fmt: skip
    worded = _in_view(worded, lambda w: w.entry.id, only)
    rows = lists.audit_rows(worded)
    note = _note(
        _("From {date}").format(date=since.isoformat()) if since else "",
        _("Up to {date}").format(date=until.isoformat()) if until else "",
        _("User: {user}").format(user=user) if user else "",
        _as_of(ws),
    )
    return _write(ws, output, "audit_log", note, lists.AUDIT_COLUMNS, rows), len(rows)


def _write(
    ws: Workspace, output: Path | str, key: str, note: str, columns: Sequence, rows: list
) -> Path:
    return write_list_workbook(output, title=titles.title(key), agency=get_agency(ws), note=note,
                               columns=columns, rows=rows)  # fmt: skip
