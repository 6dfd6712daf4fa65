"""What can go wrong with the data file itself, each in words the office can act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _, join_sentences


class DatabaseError(SwdeskError):
    pass


class NewerVersionError(DatabaseError):
    pass


@dataclass(frozen=True)
class LockHolder:
    """Who has a data file open for writing, as written in the lock file beside it."""

    user: str
    host: str
    pid: int
    since: str  # local time, ISO 8601


class DatabaseInUse(DatabaseError):
    """Another copy of swdesk is changing this file; it may still be opened read-only."""

    def __init__(self, path: Path, holder: LockHolder | None, lock_file: Path, same_host: bool):
        self.path = path
        self.holder = holder
        self.lock_file = lock_file
        if holder is None:
            message = _(
                "The data file {path} is being opened by another copy of swdesk right now. "
                "Only one copy can change it at a time; try again in a moment, or open it "
                "read-only to look."
            ).format(path=str(path))
        else:
            message = _(
                "The data file {path} is open in swdesk by {user} on computer {host} since "
                "{since} (process {pid}). Only one copy can change it at a time: close swdesk "
                "there first, or open the file read-only to look. Nothing was changed."
            ).format(
                path=str(path),
                user=holder.user,
                host=holder.host,
                since=holder.since.replace("T", " ")[:16],
                pid=holder.pid,
            )
            if not same_host:
                message = join_sentences(
                    message,
                    _(
                        "If swdesk is surely no longer running on {host}, delete the lock file "
                        "{lock} and try again."
                    ).format(host=holder.host, lock=str(lock_file)),
                )
        super().__init__(message)


class DamagedDatabase(DatabaseError):
    """The quick integrity check failed: nothing is written to the file; a backup is offered."""

    def __init__(self, path: Path, detail: str, backup: Path | None, backup_made: str = ""):
        self.path = path
        self.detail = detail
        self.backup = backup
        message = _(
            "The data file {path} is damaged and cannot be used safely ({detail}). "
            "Nothing has been written to it."
        ).format(path=str(path), detail=detail)
        if backup is not None:
            message = join_sentences(
                message,
                _(
                    "The latest good backup is {backup} (made {made}). To bring it back, run: "
                    "swdesk --db {path} restore {backup}"
                ).format(backup=str(backup), made=backup_made, path=str(path)),
            )
        else:
            message = join_sentences(
                message,
                _(
                    "No good backup was found beside it. Keep a copy of the file and ask for help "
                    "before doing anything else with it."
                ),
            )
        super().__init__(message)


class BadBackup(DatabaseError):
    """A backup that must not be restored: unreadable, damaged, from a newer version, incomplete."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            _("The backup {path} cannot be restored: {reason}").format(
                path=str(path), reason=reason
            )
        )
