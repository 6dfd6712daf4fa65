"""The open data file with what every service needs: the database, the policy profile, the user
and today's date (a clock the tests can set)."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from swdesk.domain.errors import SwdeskError
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.domain.profiles import Profile
from swdesk.i18n import _
from swdesk.policies import find_profile
from swdesk.services.changes import Area, Changes
from swdesk.storage import agency as agency_store
from swdesk.storage.database import open_database, open_reader, real_path

# Every service returns Changes; most import them from here with the Workspace.
__all__ = ["Area", "Changes", "Workspace"]


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass
class Workspace:
    db: Database
    path: Path
    user: str = field(default_factory=_current_user)
    clock: Callable[[], dt.date] = dt.date.today
    read_only: bool = False
    # A reader beside the writer (Workspace.reader) cannot hear that the writer changed the
    # agency's profile: it reads it afresh for each piece of work (``start_work``).
    follows_writer: bool = False
    _profile: Profile | None = None
    # The undo step a change in progress is recorded into (swdesk.services.undo.recorded).
    recording: Any = field(default=None, repr=False, compare=False)
    # What ``reading.kept`` keeps from one reading to the next: key -> (data stamp, value).
    kept: dict[Any, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, **kwargs: object) -> Workspace:
        """Open the data file: writable opens take the one-writer lock until ``close()``. A link
        is followed: the attachments and backups of a file are those beside the file itself."""
        path = real_path(path)
        clock = kwargs.get("clock")
        user = kwargs.get("user")
        # The window makes the day's backup itself, in the background, once it is shown.
        daily = bool(kwargs.pop("daily_backup", True))
        db = open_database(
            path,
            read_only=read_only,
            user=str(user) if user else None,
            today=clock() if callable(clock) else None,
            daily=daily,
        )
        return cls(db, path, read_only=read_only, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def reader(cls, path: Path | str, **kwargs: object) -> Workspace:
        """A read-only workspace beside the one that opened ``path`` for writing (which made
        every check): for reads that must not wait behind the writer's work."""
        path = real_path(path)
        return cls(open_reader(path), path, read_only=True, follows_writer=True, **kwargs)  # type: ignore[arg-type]

    def today(self) -> dt.date:
        return self.clock()

    def agency_row(self) -> dict | None:
        return agency_store.agency_row(self.db)

    def bureau_row(self) -> dict | None:
        # Imported here: the bureau's storage brings the submission format's domain, a quarter
        # of what opening an agency's file imported, and an agency's file never asks for it.
        from swdesk.storage import bureau as bureau_store

        return bureau_store.bureau_row(self.db)

    def owner_name(self) -> str:
        """The name of whoever keeps the file (agency or bureau); "" while it is new."""
        row = self.agency_row() or self.bureau_row()
        return row["name"] if row else ""

    @property
    def kind(self) -> str | None:
        """Whose data file this is: "agency", "bureau", or None while it is new."""
        if self.agency_row() is not None:
            return "agency"
        return "bureau" if self.bureau_row() is not None else None

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            row = self.agency_row() or self.bureau_row()
            if row is None:
                raise SwdeskError(
                    _(
                        "This data file has no agency yet: run `swdesk init --agency NAME --profile ID` first."
                    )
                )
            self._profile = find_profile(row["profile_id"])
        return self._profile

    @property
    def limits(self) -> Limits:
        """The most one value may be: the profile's, or the defaults before there is an agency."""
        return self.profile.limits if self.kind is not None else DEFAULT_LIMITS

    def forget_profile(self) -> None:
        self._profile = None

    def start_work(self) -> None:
        """Before each piece of work on this workspace: a reader forgets the profile it read,
        which the writer may have changed since. Once per job, not at each ``profile``: a read
        may ask for it once a person, and looking at the file each time costs 0.1 ms."""
        if self.follows_writer:
            self._profile = None

    def close(self) -> None:
        self.db.close()
