"""What the window keeps in view about the open data file, read on the worker in one go: whose it
is (the agency or the bureau, its policy profile), whether it is read-only, whether a program password guards
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
    kind: str | None  # "agency", "bureau", or None: a new file, still to get its owner
    owner: str  # the agency's or the bureau's name ("" while new)
    bureau_level: str | None  # a bureau's: district, city or province
    agency: Agency | None  # None: a new file, or a bureau's
    profile: Profile | None
    password_set: bool
    idle_minutes: int | None
    backup_problem: str | None


def file_facts(ws: Workspace) -> FileFacts:
    kind = ws.kind
    bureau = ws.bureau_row() if kind == "bureau" else None
    return FileFacts(
        path=ws.path,
        read_only=ws.read_only,
        user=ws.user,
        kind=kind,
        owner=ws.owner_name(),
        bureau_level=bureau["level"] if bureau else None,
        agency=get_agency(ws) if kind == "agency" else None,
        profile=ws.profile if kind is not None else None,
        password_set=password_is_set(ws),
        idle_minutes=idle_minutes(ws),
        backup_problem=getattr(ws.db, "backup_problem", None),
    )
