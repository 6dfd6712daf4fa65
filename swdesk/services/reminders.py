"""One list, as of any date, of everything an administrator must act on. It feeds the command
line, the GUI's dashboard and the printed notice for each person.

The list is gathered from *providers*: functions ``(ws, as_of) -> list[Reminder]``, the shipped
ones named in ``PROVIDERS`` below. To add a kind of reminder (award eligibility reached,
applications waiting, ...), write its provider, add it to ``PROVIDERS`` and give each kind it
makes its label in ``swdesk.domain.reminders.KIND_LABELS``. A provider must read with a constant
number of queries (never one per person) and must not write. ``register_provider`` adds one
while the program runs (a test, a local extension).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from swdesk.domain.reminders import Reminder
from swdesk.services.award_reminders import application_reminders, award_reminders
from swdesk.services.ce_report import read_period_hours_ahead
from swdesk.services.reading import checkpoint, one_reading
from swdesk.services.registration import period_requirement
from swdesk.services.training_reminders import ce_reminders, registration_reminders
from swdesk.services.workspace import Workspace

Provider = Callable[[Workspace, dt.date], list[Reminder]]

PROVIDERS: dict[str, Provider] = {
    "continuing_education": ce_reminders,
    "registration": registration_reminders,
    "awards": award_reminders,
    "applications": application_reminders,
}
_registered: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Add ``provider`` to the list under ``name`` (a second one under a name replaces it)."""
    _registered[name] = provider


def unregister_provider(name: str) -> None:
    _registered.pop(name, None)


def _providers() -> dict[str, Provider]:
    return {**PROVIDERS, **_registered}


def provider_names() -> list[str]:
    return list(_providers())


def collect_reminders(
    ws: Workspace, as_of: dt.date | None = None, check: Callable[[], None] | None = None
) -> list[Reminder]:
    """Every provider's reminders on ``as_of`` (default today), most urgent first. ``check``
    raises when the list is no longer wanted (see ``reading.one_reading``)."""
    as_of = as_of or ws.today()
    found: list[Reminder] = []
    # The providers share the staff, the certificates and the year's report: read once.
    with one_reading(ws, check):
        # The registration periods' hours are summed by SQLite on a connection of their own
        # while the year's report is worked out here (on two cores 12–22 % less time in all).
        requirement = period_requirement(ws)
        if requirement is not None and ws.profile.registration is not None:
            read_period_hours_ahead(ws, as_of, requirement.id)
        for provider in _providers().values():
            checkpoint()
            found.extend(provider(ws, as_of))
    return sorted(found, key=Reminder.sort_key)
