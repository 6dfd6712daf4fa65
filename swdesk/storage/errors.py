"""What can go wrong with the data file itself, each in words the office can act on."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _, join_sentences

# What SQLite raises when the file refuses a read or a write (a full disk, a failing drive, a
# constraint): code outside storage catches it by this name and knows nothing of sqlite3.
SQLiteError = sqlite3.Error


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


class SchemaMismatch(DatabaseError):
    """The file's tables, indexes, triggers or views are not what this version's migrations make:
    it may carry SQL of its own, so nothing is written to it, restored from it or read from it."""

    def __init__(self, path: Path, differences: list[str]):
        from swdesk.storage.schema_check import summary

        self.path = path
        self.differences = differences
        super().__init__(
            _(
                "The data file {path} does not have the structure swdesk gives its data files, "
                "so it was not opened and nothing was changed; it may have been altered outside "
                "swdesk. It has {differences}."
            ).format(path=str(path), differences=summary(differences))
        )


class NeedsUpgrade(DatabaseError):
    """An older file opened read-only: its missing tables would fail every read."""

    def __init__(self, path: Path, found: int, known: int):
        self.path = path
        super().__init__(
            _(
                "The data file {path} was made by an older version of swdesk (schema {found}; "
                "this version uses {known}) and must be upgraded before it can be read. Open it "
                "once in swdesk, or run a command that changes data, on a copy you may write to: "
                "the upgrade makes a backup first."
            ).format(path=str(path), found=found, known=known)
        )


class ReadOnlyDataFile(DatabaseError):
    """The file, or the folder it is in, cannot be written: it can still be read and backed up."""

    def __init__(self, path: Path, error: str = ""):
        self.path = path
        message = _(
            "The data file {path} is read-only (write-protected media, or a file or folder you "
            "may not change), so nothing can be changed in it. Every list and report still "
            "works, and `swdesk --db {path} backup -o FOLDER` copies it; to change the data, "
            "copy the file to a folder you may write to."
        ).format(path=str(path))
        if error:
            message = join_sentences(message, _("(The system said: {error})").format(error=error))
        super().__init__(message)


class NetworkLocation(DatabaseError):
    """The file is on a network share: SQLite's locking and log are not safe there."""

    def __init__(self, path: Path, where: str):
        self.path = path
        super().__init__(
            _(
                "The data file {path} is on a network drive ({where}). Two computers opening one "
                "file over the network can damage it, so swdesk does not change data there. Keep "
                "the data file on this computer's own disk, and send backups to the share with "
                "`swdesk backup -o FOLDER`."
            ).format(path=str(path), where=where)
        )


class PasswordWouldBeLost(DatabaseError):
    """The data in place has a program password and the backup has none: restoring it would
    leave the program open to anyone, so it is done only when asked for explicitly."""

    def __init__(self, path: Path, made: str):
        self.path = path
        super().__init__(
            _(
                "The backup {path} was made (on {made}) before the program password was set: "
                "after restoring it there will be no program password. Restore it anyway only if "
                "that is what you want (command line: add --without-password), then set the "
                "password again."
            ).format(path=str(path), made=made)
        )


class UnreadableDataFile(DatabaseError):
    """The file cannot be read at all right now: not damage, but a full disk or a drive gone."""

    def __init__(self, path: Path, error: str):
        self.path = path
        super().__init__(
            _(
                "The data file {path} cannot be read right now ({error}): the disk may be full or "
                "failing, or the drive it is on is gone. Nothing was changed; free some space or "
                "reconnect the drive and try again."
            ).format(path=str(path), error=error)
        )
