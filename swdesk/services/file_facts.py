"""What the window keeps in view about the open data file, read on the worker in one go: whose it
is (the agency, its policy profile), whether it is read-only, whether a program password guards
it, and why today's automatic backup failed if it did. The window holds these values, not the
file: it has no connection of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.agency import Agency
from swdesk.domain.profiles import Profile
from swdesk.services.agency import get_agency
from swdesk.services.security import idle_minutes, password_is_set
from swdesk.services.workspace import Workspace


@dataclass(frozen=True)
class FileFacts:
    path: Path
    read_only: bool
    user: str
    agency: Agency | None  # None: a new file, still to get its agency
    profile: Profile | None
    password_set: bool
    idle_minutes: int | None
    backup_problem: str | None


def file_facts(ws: Workspace) -> FileFacts:
    has_agency = ws.agency_row() is not None
    return FileFacts(
        path=ws.path,
        read_only=ws.read_only,
        user=ws.user,
        agency=get_agency(ws) if has_agency else None,
        profile=ws.profile if has_agency else None,
        password_set=password_is_set(ws),
        idle_minutes=idle_minutes(ws),
        backup_problem=getattr(ws.db, "backup_problem", None),
    )
