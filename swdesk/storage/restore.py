"""Putting a backup back, after ``backup_check`` found it whole.

The current data is backed up first (or, when it is damaged, copied aside under another name), so
every restore can be undone; a backup without the program password the current data has is
restored only when that is asked for.

The swap is one rename. The attachment store only ever gains files, each named by its content, so
the backup's scans go in first and the database is renamed into place last: a crash leaves the old
data or the new one with its scans, never a mixture. Scans put in by a restore that died before
its rename are taken out again on the next open (``scratch``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from swdesk.i18n import _
from swdesk.storage import attachments, audit, hours_by_year, scratch, undo_log
from swdesk.storage.backup import BEFORE_RESTORE, make_backup
from swdesk.storage.backup_check import (
    CheckedBackup,
    check_backup,
    has_password,
    latest_good_backup,
    verify_backup,
)
from swdesk.storage.errors import DatabaseError, PasswordWouldBeLost, ReadOnlyDataFile
from swdesk.storage.integrity import connect_read_only, quick_check, write_protected
from swdesk.storage.lock import acquire, held_here

__all__ = [
    "CheckedBackup",
    "RestoreResult",
    "check_backup",
    "latest_good_backup",
    "restore_backup",
    "verify_backup",
]


@dataclass(frozen=True)
class RestoreResult:
    restored: CheckedBackup
    safety_backup: Path | None  # the data as it was, backed up first: restore it to undo
    set_aside: Path | None  # a copy of the damaged file, when it could not be backed up
    attachments_copied: int


def _set_aside(db_path: Path, when: dt.datetime) -> Path:
    """Copy a damaged file (with its log) out of the way, for whoever can rescue it; the restore's
    rename then replaces the original."""
    aside = db_path.with_name(f"{db_path.stem}.damaged-{when:%Y%m%d-%H%M%S}{db_path.suffix}")
    for suffix in ("", "-wal"):
        src = Path(str(db_path) + suffix)
        if src.exists():
            shutil.copyfile(src, Path(str(aside) + suffix))
    return aside


def _close_log(db_path: Path, *, damaged: bool) -> None:
    """Fold the write-ahead log into the file and remove it: an old log left beside the restored
    file would be replayed into it."""
    if db_path.exists() and not damaged:
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)


def _has_password(db_path: Path) -> bool:
    """Whether the data file now in place has a program password (False if it cannot be read)."""
    if not (db_path.exists() and db_path.stat().st_size > 0):
        return False
    try:
        conn = connect_read_only(db_path)
    except sqlite3.Error:
        return False
    try:
        return has_password(conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _refuse_unwritable(db_path: Path) -> None:
    if write_protected(db_path):
        raise ReadOnlyDataFile(db_path)


def restore_backup(
    db_path: Path,
    zip_path: Path,
    *,
    user: str | None = None,
    when: dt.datetime | None = None,
    allow_missing: bool = False,
    drop_password: bool = False,
) -> RestoreResult:
    """Replace the data at ``db_path`` with the backup at ``zip_path``, after checking it.

    A backup without the program password the current data has would leave the program open to
    anyone: refused with PasswordWouldBeLost unless ``drop_password``."""
    from swdesk.storage.database import real_path  # database.py uses this module

    db_path, zip_path = real_path(db_path), Path(zip_path)
    when = when or dt.datetime.now()
    if held_here(db_path):
        raise DatabaseError(
            _("Close the data file {path} before restoring a backup into it.").format(
                path=str(db_path)
            )
        )
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyDataFile(db_path, exc.strerror or str(exc)) from None
    _refuse_unwritable(db_path)
    lock = acquire(db_path, user)
    try:
        scratch.clean_leftovers(db_path)
        with scratch.work_dir(db_path.parent, "restore") as work:
            result = _restore(
                db_path, zip_path, work, user or lock.holder.user, when, allow_missing,
                drop_password,
            )  # fmt: skip
    except (OSError, sqlite3.OperationalError) as exc:
        raise DatabaseError(
            _(
                "The backup could not be restored into {path} ({error}); nothing was changed."
            ).format(path=str(db_path), error=getattr(exc, "strerror", None) or exc)
        ) from None
    finally:
        lock.release()
    return result


def _restore(
    db_path: Path,
    zip_path: Path,
    work: scratch.WorkDir,
    user: str,
    when: dt.datetime,
    allow_missing: bool,
    drop_password: bool,
) -> RestoreResult:
    from swdesk.storage.database import open_database

    checked = verify_backup(zip_path, work.path, allow_missing=allow_missing)
    if not checked.has_password and not drop_password and _has_password(db_path):
        raise PasswordWouldBeLost(zip_path, checked.made)
    staged = work.path / scratch.STAGED_DB
    # Opening it with this version proves it opens and upgrades an older backup; the entry in its
    # audit log arrives with it, in the same rename.
    db = open_database(staged, lock=False, auto_backup=False)
    try:
        safety = aside = None
        if db_path.exists() and db_path.stat().st_size > 0:
            if quick_check(db_path) is None:
                safety = make_backup(db_path, BEFORE_RESTORE, when=when).path
            else:
                aside = _set_aside(db_path, when)
        _record(db, user, zip_path, checked, safety, aside)
    finally:
        db.close()
    store = attachments.store_dir(db_path)
    work.note(scratch.STORE, [str(store)])
    work.note(
        scratch.INSTALLED,
        [
            sha
            for sha in attachments.files_in(work.path / "files")
            if not attachments.blob_path(store, sha).is_file()
        ],
    )
    try:
        copied = attachments.install_files(db_path, work.path / "files")
        _close_log(db_path, damaged=aside is not None)
        _swap(staged, db_path)
    except BaseException:
        # The data is as it was: the scans put in for the backup go out again.
        scratch.undo_restore(work.path)
        raise
    return RestoreResult(checked, safety, aside, copied)


def _swap(staged: Path, db_path: Path) -> None:
    """The one step of a restore: a rename, which happens whole or not at all."""
    try:
        os.replace(staged, db_path)
    except OSError as exc:
        raise DatabaseError(
            _(
                "Could not put the backup in place of {path} ({error}); is the file open in "
                "another program?"
            ).format(path=str(db_path), error=exc.strerror or exc)
        ) from None


def _record(
    db: Database,
    user: str,
    zip_path: Path,
    checked: CheckedBackup,
    safety: Path | None,
    aside: Path | None,
) -> None:
    with db.atomic():
        # A restore starts a new undo history: the backup's steps belong to another time.
        undo_log.forget_all(db)
        # The training hours kept by year are made again from the backup's attendance: a backup
        # is a file from outside, and sums edited in it would make every CE report wrong.
        hours_by_year.rebuild(db)
        audit.record(
            db,
            user=user,
            action="data.restore",
            table="",
            row_id=None,
            new={
                "backup": str(zip_path),
                "made": checked.made,
                "safety_backup": str(safety) if safety else None,
                "set_aside": str(aside) if aside else None,
            },
        )
