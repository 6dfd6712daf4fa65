"""One list, as of any date, of everything an administrator must act on. It feeds the command
line, the GUI's dashboard and the printed notice for each person.

The list is gathered from *providers*: functions ``(ws, as_of) -> list[Reminder]`` kept in a
registry. To add a kind of reminder (award eligibility reached, applications waiting, ...), write
the provider in any module of the ``swdesk.services`` package — this file needs no edit:

    from swdesk.domain.reminders import Reminder, Severity
    from swdesk.i18n import N_
    from swdesk.services.reminders import reminder_provider

    @reminder_provider("awards", kinds={"award_eligible": N_("Award eligibility reached")})
    def award_reminders(ws: Workspace, as_of: dt.date) -> list[Reminder]:
        return [Reminder("award_eligible", staff.id, staff.id_number, staff.name,
                         due=..., severity=Severity.MEDIUM, message=_("..."),
                         clause=profile.level_award.clause.ref), ...]

``collect_reminders`` imports every module of ``swdesk.services`` first, so a provider registers
itself by being there. ``kinds`` gives each new kind its label for lists and notices. A provider
must read with a constant number of queries (never one per person) and must not write.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Mapping

import swdesk.services
from swdesk.domain.registration import RegState
from swdesk.domain.reminders import KIND_LABELS, Reminder, ce_reminder, registration_reminder
from swdesk.services.ce_report import ce_report
from swdesk.services.registration import registration_overview
from swdesk.services.workspace import Workspace

Provider = Callable[[Workspace, dt.date], list[Reminder]]
_PROVIDERS: dict[str, Provider] = {}


def reminder_provider(
    name: str, kinds: Mapping[str, str] | None = None
) -> Callable[[Provider], Provider]:
    """Register ``fn`` under ``name`` (a second registration under one name replaces the first,
    so reloading a module does not double its reminders). ``kinds``: kind -> N_() label."""

    def register(fn: Provider) -> Provider:
        _PROVIDERS[name] = fn
        KIND_LABELS.update(kinds or {})
        return fn

    return register


def unregister_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def provider_names() -> list[str]:
    _discover()
    return list(_PROVIDERS)


def _discover() -> None:
    for module in pkgutil.iter_modules(swdesk.services.__path__):
        importlib.import_module(f"swdesk.services.{module.name}")


def collect_reminders(ws: Workspace, as_of: dt.date | None = None) -> list[Reminder]:
    """Every provider's reminders on ``as_of`` (default today), most urgent first."""
    as_of = as_of or ws.today()
    _discover()
    found: list[Reminder] = []
    for provider in list(_PROVIDERS.values()):
        found.extend(provider(ws, as_of))
    return sorted(found, key=Reminder.sort_key)


@reminder_provider("continuing_education")
def ce_reminders(ws: Workspace, as_of: dt.date) -> list[Reminder]:
    """Behind pace, or short with the year ending, for each calendar-year requirement."""
    out = []
    for requirement in ws.profile.ce_requirements:
        if requirement.period != "calendar_year":
            continue
        for row in ce_report(ws, as_of.year, as_of, requirement.id).rows:
            if row.staff.employed_on(as_of):
                reminder = ce_reminder(row.staff, row.result, as_of)
                if reminder is not None:
                    out.append(reminder)
    return out


@reminder_provider("registration")
def registration_reminders(ws: Workspace, as_of: dt.date) -> list[Reminder]:
    """First registration due or overdue, re-registration open, registration expired — and,
    while a registration runs, its period's hours behind pace. Once the renewal window opens
    the re-registration reminder tells the hours instead."""
    out = []
    for item in registration_overview(ws, as_of):
        reminder = registration_reminder(item.staff, item.status, as_of, item.hours)
        if reminder is not None:
            out.append(reminder)
        if item.status.state is RegState.VALID and item.hours is not None:
            behind = ce_reminder(item.staff, item.hours, as_of)
            if behind is not None:
                out.append(behind)
    return out
