"""The forms and reports the print page offers: what each needs to be asked for, the printing
service that draws it, and the export service of the bureau workbook that goes with it when
there is one. The page hands them to gui/ops.py with the arguments ``args`` makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from swdesk.domain.applications import Status
from swdesk.i18n import N_
from swdesk.services import bureau_summary, exports, printing

Params = dict[str, Any]


@dataclass(frozen=True)
class ReportSpec:
    key: str
    title: str  # N_ marked
    asks: tuple[str, ...]  # which of: year, start, end, person, application, status
    pdf: Callable[..., bytes]  # a printing service: (ws, *args) -> PDF bytes
    args: Callable[[Params], tuple[Any, ...]]  # its arguments, from what the page asked
    excel: Callable[..., Any] | None = None  # an export service: (ws, *args, path) -> (path, …)
    long: bool = False  # worth a progress dialog (batches)
    reporting: bool = (
        False  # its service tells how far it is and stops on Cancel (`services.told.Told`)
    )


def _none(_p: Params) -> tuple[Any, ...]:
    return ()


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "ce_summary",
        N_("Continuing-education hours of the year (bureau table)"),
        ("year",),
        printing.print_ce_summary,
        lambda p: (p["year"],),
        exports.export_ce_table,
    ),
    ReportSpec(
        "awards_summary",
        N_("Award and reimbursement applications of a period (bureau table)"),
        ("start", "end"),
        printing.print_awards_summary,
        lambda p: (p["start"], p["end"]),
        exports.export_awards_summary,
    ),
    ReportSpec("holders", N_("Certificate holders by level"), (), printing.print_holders, _none),
    ReportSpec(
        "intern_claim",
        N_("Interns' subsidy claim list of a period (就业见习补贴)"),
        ("start", "end"),
        printing.print_intern_claim,
        lambda p: (p["start"], p["end"]),
    ),
    ReportSpec("reminders", N_("Reminder notices to staff"), (), printing.print_reminders, _none),
    ReportSpec(
        "ce_record",
        N_("A person's continuing-education record"),
        ("person", "year"),
        printing.print_ce_record,
        lambda p: (p["person"], p["year"]),
    ),
    ReportSpec(
        "application",
        N_("An application form"),
        ("application",),
        printing.print_application,
        lambda p: (p["application"],),
    ),
    ReportSpec(
        "packet",
        N_("An application packet (form, certificates, records, scans)"),
        ("application",),
        printing.print_packet,
        lambda p: (p["application"],),
        long=True,
    ),
    ReportSpec(
        "packets",
        N_("The packets of all applications at one step"),
        ("status",),
        printing.print_packets_told,
        lambda p: (Status(p["status"]),),
        long=True,
        reporting=True,
    ),
)


# A bureau's own: its tables of a period and the list of who has not submitted.
BUREAU_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "bureau_summary",
        N_("The bureau's tables of the year (holders, CE, claims, award funds)"),
        ("year",),
        bureau_summary.print_bureau_summary,
        lambda p: (p["year"],),
        bureau_summary.export_bureau_summary,
        long=True,
    ),
    ReportSpec(
        "bureau_missing",
        N_("Units that have not submitted"),
        ("year",),
        bureau_summary.print_missing,
        lambda p: (p["year"],),
    ),
)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The year so far: what the bureau usually asks for."""
    return dt.date(today.year, 1, 1), today
