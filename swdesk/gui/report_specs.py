"""The forms and reports the print page offers: what each needs to be asked for, the printing
service that draws it, and the bureau workbook that goes with it when there is one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.i18n import N_
from swdesk.services.workspace import Workspace

Params = dict[str, Any]


@dataclass(frozen=True)
class ReportSpec:
    key: str
    title: str  # N_ marked
    asks: tuple[str, ...]  # which of: year, start, end, person, application, status
    pdf: Callable[[Workspace, Params], bytes]
    excel: Callable[[Workspace, Params, Path], Path] | None = None
    long: bool = False  # worth a progress dialog (batches)
    needs: tuple[str, ...] = field(default=())


def _ce_summary(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_ce_summary

    return print_ce_summary(ws, p["year"])


def _ce_workbook(ws: Workspace, p: Params, path: Path) -> Path:
    from swdesk.services.exports import export_ce_table

    return export_ce_table(ws, p["year"], path)[0]


def _awards_summary(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_awards_summary

    return print_awards_summary(ws, p["start"], p["end"])


def _awards_workbook(ws: Workspace, p: Params, path: Path) -> Path:
    from swdesk.services.exports import export_awards_summary

    return export_awards_summary(ws, p["start"], p["end"], path)[0]


def _holders(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_holders

    return print_holders(ws)


def _reminders(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_reminders

    return print_reminders(ws)


def _ce_record(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_ce_record

    return print_ce_record(ws, p["person"], p["year"])


def _application(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_application

    return print_application(ws, p["application"])


def _packet(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.printing import print_packet

    return print_packet(ws, p["application"])


def _packets(ws: Workspace, p: Params) -> bytes:
    from swdesk.domain.applications import Status
    from swdesk.services.printing import print_packets

    return print_packets(ws, Status(p["status"]))


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "ce_summary",
        N_("Continuing-education hours of the year (bureau table)"),
        ("year",),
        _ce_summary,
        _ce_workbook,
    ),
    ReportSpec(
        "awards_summary",
        N_("Award and reimbursement applications of a period (bureau table)"),
        ("start", "end"),
        _awards_summary,
        _awards_workbook,
    ),
    ReportSpec("holders", N_("Certificate holders by level"), (), _holders),
    ReportSpec("reminders", N_("Reminder notices to staff"), (), _reminders),
    ReportSpec(
        "ce_record", N_("A person's continuing-education record"), ("person", "year"), _ce_record
    ),
    ReportSpec("application", N_("An application form"), ("application",), _application),
    ReportSpec(
        "packet",
        N_("An application packet (form, certificates, records, scans)"),
        ("application",),
        _packet,
        long=True,
    ),
    ReportSpec(
        "packets",
        N_("The packets of all applications at one step"),
        ("status",),
        _packets,
        long=True,
    ),
)


def _bureau_summary(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.bureau_summary import print_bureau_summary

    return print_bureau_summary(ws, p["year"])


def _bureau_workbook(ws: Workspace, p: Params, path: Path) -> Path:
    from swdesk.services.bureau_summary import export_bureau_summary

    return export_bureau_summary(ws, p["year"], path)[0]


def _bureau_missing(ws: Workspace, p: Params) -> bytes:
    from swdesk.services.bureau_summary import print_missing

    return print_missing(ws, p["year"])


# A bureau's own: its tables of a period and the list of who has not submitted.
BUREAU_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "bureau_summary",
        N_("The bureau's tables of the year (holders, CE, claims, award funds)"),
        ("year",),
        _bureau_summary,
        _bureau_workbook,
        long=True,
    ),
    ReportSpec("bureau_missing", N_("Units that have not submitted"), ("year",), _bureau_missing),
)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The year so far: what the bureau usually asks for."""
    return dt.date(today.year, 1, 1), today
