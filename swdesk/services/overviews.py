"""What the pages of the window show, each read in one job on the worker with a fixed number of
queries (none per person): the staff table, the grades page, the dashboard, the applications and
who is eligible, the choices of the print page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from swdesk.domain.grades import Appointment, highest_level
from swdesk.domain.levels import Level
from swdesk.domain.staff import Staff
from swdesk.i18n.pinyin_search import search_key
from swdesk.services import grades
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import staff as staff_store

if TYPE_CHECKING:
    from swdesk.domain.applications import Application
    from swdesk.services import awards

# The other pages' loaders import what they read when they run (on the worker): the staff page,
# the one a window opens on most, imports this module, and the rules of the dashboard and the
# awards (and Babel, through the applications) were half of the page's import before its rows.


@dataclass(frozen=True)
class StaffRow:
    staff: Staff
    level: Level | None  # the highest certificate
    grade_code: str | None  # the grade held today
    search: str = ""  # what the filter box finds the row by (pinyin too): made once per load


def staff_table(ws: Workspace) -> list[StaffRow]:
    """Everyone in the order they were added, with their highest certificate and grade today."""
    creds = all_credentials(ws)
    current = grades.current_grades(ws, ws.today())
    return [
        StaffRow(
            p,
            highest_level(c.level for c in creds.get(p.id, [])),  # type: ignore[arg-type]
            current[p.id].grade_code if p.id in current else None,
            search_key(p.name, p.id_number, p.phone),
        )
        for p in list_staff(ws)
    ]


def staff_first_screen(ws: Workspace, limit: int = 80) -> list[StaffRow]:
    """The first ``limit`` rows of ``staff_table`` from one query: what the page shows while
    the whole list is read. Without search keys (the pinyin tables take a third of a second to
    load): the whole list brings them."""
    return [
        StaffRow(p, level, grade)
        for p, level, grade in staff_store.first_staff_rows(ws.db, ws.today(), limit)
    ]


@dataclass(frozen=True)
class GradeOverview:
    people: list[tuple[Staff, Level | None, Appointment | None]]  # staff in post today
    promotable: list[grades.Promotable]
    held: dict[
        int, list[tuple[Level, dt.date]]
    ]  # staff id -> (level, obtained) of each certificate


def grade_overview(ws: Workspace) -> GradeOverview:
    today = ws.today()
    creds = all_credentials(ws)
    current = grades.current_grades(ws, today)
    people = [
        (p, highest_level(c.level for c in creds.get(p.id, [])), current.get(p.id))  # type: ignore[arg-type]
        for p in list_staff(ws, include_left=False)
    ]
    held = {sid: [(c.level, c.obtained_on) for c in cs] for sid, cs in creds.items()}
    return GradeOverview(people, grades.promotable(ws, today), held)


@dataclass
class Dashboard:
    reminders: list[Any] = field(default_factory=list)
    ce_counts: Counter[str] | None = None  # None when the profile sets no requirement
    ce_caption: str = ""
    ce_problem: str = ""
    levels: Counter[Level | None] = field(default_factory=Counter)
    applications: Counter[str] = field(default_factory=Counter)


def dashboard(ws: Workspace) -> Dashboard:
    """Reminders, the year's CE progress, certificate holders by level and applications by
    step: both stages of services/dashboard.py at once."""
    from swdesk.services import dashboard as dashboard_facts

    counts = dashboard_facts.counts(ws)
    todo = dashboard_facts.to_do(ws)
    return Dashboard(
        todo.reminders, todo.ce_counts, todo.ce_caption, todo.ce_problem,
        counts.levels, counts.applications,
    )  # fmt: skip


@dataclass(frozen=True)
class ApplicationsOverview:
    applications: list[Application]
    standings: list[awards.Standing]


def applications_overview(ws: Workspace) -> ApplicationsOverview:
    from swdesk.services import awards
    from swdesk.services.applications import list_applications

    return ApplicationsOverview(list_applications(ws), awards.evaluate_awards(ws))


def print_choices(ws: Workspace) -> tuple[list[Staff], list[Application]]:
    """The people and applications the print page offers."""
    from swdesk.services.applications import list_applications

    return list_staff(ws), list_applications(ws)
