"""What the dashboard shows, in two stages: the counts first (small aggregate queries, a few
milliseconds however large the agency), then what to act on (every reminder and the year's
continuing-education progress: the rules for everyone, computed once for both)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.domain.reminders import Reminder
from swdesk.i18n import _, format_date
from swdesk.services.ce_report import ce_report
from swdesk.services.reading import checkpoint, one_reading
from swdesk.services.reminders import collect_reminders
from swdesk.services.workspace import Workspace
from swdesk.storage import applications as applications_store
from swdesk.storage import staff as staff_store


@dataclass(frozen=True)
class Counts:
    levels: Counter[Level | None]  # people in post by their highest certificate
    applications: Counter[str]  # applications by status


@dataclass
class ToDo:
    reminders: list[Reminder] = field(default_factory=list)
    ce_counts: Counter[str] | None = None  # None when the profile sets no requirement
    ce_caption: str = ""
    ce_problem: str = ""


def counts(ws: Workspace, today: dt.date | None = None) -> Counts:
    """Certificate holders in post by level, and applications by status."""
    today = today or ws.today()
    return Counts(
        Counter(staff_store.highest_levels_in_post(ws.db, today)),
        Counter(applications_store.status_counts(ws.db)),
    )


def to_do(
    ws: Workspace, today: dt.date | None = None, *, check: Callable[[], None] | None = None
) -> ToDo:
    """Every reminder, most urgent first, and the year's CE status counts: the reminders and
    the chart share one reading and one report. ``check`` raises when the dashboard no longer
    wants them (a newer refresh, another file, another day): the work stops between stages."""
    today = today or ws.today()
    out = ToDo()
    with one_reading(ws, check):
        out.reminders = collect_reminders(ws, today)
        checkpoint()
        try:
            report = ce_report(ws, today.year, today)
        except SwdeskError as exc:
            out.ce_problem = str(exc)
        else:
            out.ce_counts = Counter(str(r.result.status.value) for r in report.rows)
            out.ce_caption = _("{year}, as of {date} · {clause}").format(
                year=today.year,
                date=format_date(report.as_of),
                clause=report.requirement.clause.ref,
            )
    return out
