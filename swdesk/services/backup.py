"""Backing up, restoring and checking a data file: what the office does to keep its records.

These work on the file's path, not on an open workspace: a backup only reads (it works while
another copy of swdesk has the file open), and a restore replaces the file, so nobody may have it
open for writing, this process included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _
from swdesk.storage import attachments
from swdesk.storage.backup import MANUAL, BackupInfo, backups_dir, list_backups, make_backup
from swdesk.storage.database import DatabaseError, open_database, refuse_damaged
from swdesk.storage.integrity import full_check
from swdesk.storage.restore import RestoreResult, check_backup, restore_backup


def _existing(db_path: Path) -> Path:
    db_path = Path(db_path)
    if not db_path.is_file():
        raise DatabaseError(_("The data file {path} does not exist.").format(path=str(db_path)))
    return db_path


def backup_now(db_path: Path, output: Path | None = None) -> BackupInfo:
    """A backup on demand: into the backups folder, into the folder ``output`` (a USB stick) under
    a dated name, or to the file ``output``. A damaged file is refused (its copy would be no help)."""
    db_path = _existing(db_path)
    refuse_damaged(db_path)
    if output is None:
        return make_backup(db_path, MANUAL)
    output = Path(output)
    if output.is_dir():
        return make_backup(db_path, MANUAL, folder=output)
    if output.suffix.lower() != ".zip":
        raise ValidationError(
            _("{path} is not a folder; a backup file name must end in .zip.").format(
                path=str(output)
            ),
            "output",
        )
    if output.exists():
        raise ValidationError(
            _("{path} already exists; choose another name.").format(path=str(output)), "output"
        )
    if not output.parent.is_dir():
        raise ValidationError(
            _("The folder {path} does not exist.").format(path=str(output.parent)), "output"
        )
    return make_backup(db_path, MANUAL, target=output)


def restore(
    db_path: Path, backup: Path, *, user: str | None = None, allow_missing: bool = False
) -> RestoreResult:
    """Check ``backup`` and put it in place of the data at ``db_path``; the current data is backed
    up first (``safety_backup`` in the result), so restoring that undoes this."""
    return restore_backup(Path(db_path), Path(backup), user=user, allow_missing=allow_missing)


@dataclass(frozen=True)
class DataCheck:
    integrity: list[str]
    attachments: list[attachments.AttachmentProblem]
    orphans: int
    latest_backup: BackupInfo | None
    backups: int

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.attachments


def check_data(db_path: Path) -> DataCheck:
    """The full integrity check, every attachment against its hash, and the state of backups."""
    db_path = _existing(db_path)
    problems = full_check(db_path)
    found = list_backups(backups_dir(db_path), db_path.stem)
    latest = found[0] if found else None
    if problems:
        return DataCheck(problems, [], 0, latest, len(found))
    db = open_database(db_path, read_only=True)
    try:
        broken = attachments.verify(db, db_path)
        orphans = len(attachments.orphans(db, db_path))
    finally:
        db.close()
    return DataCheck([], broken, orphans, latest, len(found))


def days_since(info: BackupInfo | None, today: dt.date) -> int | None:
    return (today - info.made.date()).days if info else None


__all__ = [
    "DataCheck",
    "backup_now",
    "check_backup",
    "check_data",
    "days_since",
    "restore",
]
