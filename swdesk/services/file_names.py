"""The file name to suggest for what is printed or exported: the document's title (from
`swdesk.domain.titles`) with what tells one copy from another — the application number and the
applicant, the year, the day, the period: ``申请材料-2026-0001-黄丽华.pdf``,
``2026年度社会工作者继续教育学时汇总表.xlsx``. The command line takes it when no ``-o`` is
given; the windows suggest it in the save dialog."""

from __future__ import annotations

import datetime as dt

from swdesk.domain.applications import Kind, Status
from swdesk.domain.titles import suggested_file_name
from swdesk.i18n import _
from swdesk.services.applications import get_application
from swdesk.services.staff import find_staff
from swdesk.services.workspace import Workspace

# The title of each kind of application's form.
FORM_TITLES = {
    Kind.LEVEL_AWARD: "award_application",
    Kind.EXAM_REIMBURSEMENT: "reimbursement",
    Kind.NOMINATION: "nomination",
    Kind.AGENCY_SUBSIDY: "subsidy",
}


def print_file_name(
    ws: Workspace,
    kind: str,
    extension: str = "pdf",
    *,
    number: str | None = None,
    id_number: str | None = None,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    as_of: dt.date | None = None,
    status: Status | None = None,
    period: int | None = None,
) -> str:
    """The name for ``kind`` (a `swdesk print` kind: packet, application, ce-record, …)."""
    day = (as_of or ws.today()).isoformat()
    if kind in ("packet", "application"):
        app = get_application(ws, number or "")
        key = "packet" if kind == "packet" else FORM_TITLES[app.kind]
        return suggested_file_name(key, extension, app.number, app.person)
    if kind == "packets":
        return suggested_file_name("packets", extension, (status or Status.SUBMITTED).label(), day)
    if kind == "ce-record":
        person = find_staff(ws, id_number or "")
        return suggested_file_name("ce_record", extension, person.name, year=year)
    if kind == "ce-summary":
        return suggested_file_name("ce_summary", extension, year=year)
    if kind in ("awards-summary", "interns"):
        span = _("{start} to {end}").format(
            start=(start or ws.today()).isoformat(), end=(end or ws.today()).isoformat()
        )
        key = "awards_summary" if kind == "awards-summary" else "intern_claim"
        return suggested_file_name(key, extension, span)
    if kind == "reminders":
        return suggested_file_name("reminder_notice", extension, day)
    if kind == "holders":
        return suggested_file_name("holders", extension, day)
    if kind == "bureau-summary":
        return suggested_file_name("bureau_tables", extension, period=period)
    if kind == "bureau-missing":
        return suggested_file_name("bureau_missing", extension, day, period=period)
    raise KeyError(kind)
