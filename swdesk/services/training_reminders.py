"""Reminders from continuing education and certificate registration: hours behind pace or short
with the period ending, registrations due, overdue, open for renewal or expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from swdesk.domain.ce_compliance import CEReport
from swdesk.domain.registration import RegState
from swdesk.domain.reminders import (
    Reminder,
    ce_reminder,
    lapse_reminder,
    registration_reminder,
)
from swdesk.services.ce_report import ce_report, registration_period_report
from swdesk.services.registration import registration_overview
from swdesk.services.workspace import Workspace


def ce_reminders(
    ws: Workspace,
    as_of: dt.date,
    *,
    report_of: Callable[[Workspace, int, dt.date, str], CEReport] = ce_report,
) -> list[Reminder]:
    """Behind pace, or short with the year ending, for each calendar-year requirement
    (``report_of`` makes each report: a test passes the straightforward one)."""
    out = []
    for requirement in ws.profile.ce_requirements:
        if requirement.period != "calendar_year":
            continue
        for row in report_of(ws, as_of.year, as_of, requirement.id).rows:
            if row.staff.employed_on(as_of):
                reminder = ce_reminder(row.staff, row.result, as_of)
                if reminder is not None:
                    out.append(reminder)
    return out


def registration_reminders(
    ws: Workspace,
    as_of: dt.date,
    *,
    report_of: Callable[[Workspace, int, dt.date, str], CEReport] = registration_period_report,
) -> list[Reminder]:
    """First registration due or overdue, re-registration open, registration expired — and,
    while a registration runs, its period's hours behind pace. Once the renewal window opens
    the re-registration reminder tells the hours instead."""
    out = []
    for item in registration_overview(ws, as_of, report_of=report_of):
        reminder = registration_reminder(item.staff, item.status, as_of, item.hours)
        if reminder is not None:
            out.append(reminder)
        lapse = item.lapse()
        if lapse is not None:
            out.append(lapse_reminder(item.staff, item.status, lapse))
        if item.status.state is RegState.VALID and item.hours is not None:
            behind = ce_reminder(item.staff, item.hours, as_of)
            if behind is not None:
                out.append(behind)
    return out
