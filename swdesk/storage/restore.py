"""Checking a backup and putting it back.

A backup is restored only after it passed every check: the zip is readable, its database passes
``PRAGMA integrity_check`` and ``foreign_key_check``, this version of swdesk can open it (it is not
from a newer one; an older one is upgraded on the staged copy before anything is replaced), and
every attachment it refers to is in it, unaltered. The current data is backed up first (or, when it
is damaged, set aside under another name), so every restore can be undone. The swap itself is one
rename: a crash leaves either the old file or the new one, never a mixture.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from swdesk.i18n import _
from swdesk.storage import attachments
from swdesk.storage import migrations as schema
from swdesk.storage.backup import (
    BEFORE_RESTORE,
    FORMAT,
    BackupInfo,
    backups_dir,
    list_backups,
    make_backup,
)
from swdesk.storage.errors import BadBackup, DatabaseError
from swdesk.storage.integrity import full_check, quick_check, summary
from swdesk.storage.lock import acquire, held_here

# Checking a backup reads all of it; a damaged file's message looks at this many before giving up.
_CANDIDATES = 6


@dataclass(frozen=True)
class CheckedBackup:
    path: Path
    made: str
    kind: str
    schema_version: int
    staff: int
    attachments: int


@dataclass(frozen=True)
class RestoreResult:
    restored: CheckedBackup
    safety_backup: Path | None  # the data as it was, backed up first: restore it to undo
    set_aside: Path | None  # the damaged file, renamed, when it could not be backed up
    attachments_copied: int


def verify_backup(zip_path: Path, workdir: Path, *, allow_missing: bool = False) -> CheckedBackup:
    """Check the backup at ``zip_path`` and unpack it into ``workdir`` (``data.db``, ``files/``)."""
    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise BadBackup(zip_path, _("the file does not exist."))
    try:
        with zipfile.ZipFile(zip_path) as zf:
            names = set(zf.namelist())
            if "manifest.json" not in names or "data.db" not in names:
                raise BadBackup(zip_path, _("it is not a swdesk backup."))
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
            if manifest.get("program") != "swdesk" or int(manifest.get("format", 0)) > FORMAT:
                raise BadBackup(zip_path, _("it was made by a newer version of swdesk."))
            staged = workdir / "data.db"
            with zf.open("data.db") as src, staged.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            problems = full_check(staged)
            if problems:
                raise BadBackup(
                    zip_path,
                    _("its database is damaged ({detail}).").format(detail=summary(problems)),
                )
            facts = _facts(zip_path, staged)
            missing = []
            for sha, size in facts["files"]:
                member = attachments.member_name(sha)
                dest = attachments.blob_path(workdir / "files", sha)
                if member not in names:
                    missing.append(sha)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, dest.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                if attachments.digest(dest) != (sha, size):
                    missing.append(sha)
                    dest.unlink()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError) as exc:
        raise BadBackup(
            zip_path, _("the backup file is unreadable or damaged ({detail}).").format(detail=exc)
        ) from None
    if missing and not allow_missing:
        raise BadBackup(
            zip_path,
            _("{n} attached files are missing from it or damaged.").format(n=len(missing)),
        )
    return CheckedBackup(
        zip_path,
        str(manifest.get("made", "")).replace("T", " ")[:16],
        str(manifest.get("kind", "")),
        facts["schema_version"],
        facts["staff"],
        len(facts["files"]) - len(missing),
    )


def _facts(zip_path: Path, staged: Path) -> dict:
    conn = sqlite3.connect(staged)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "_sqlite_migrations" not in tables or "staff" not in tables:
            raise BadBackup(zip_path, _("it holds no swdesk data."))
        applied = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            )
        ]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.count() or set(applied) - set(schema.known_names()):
            raise BadBackup(
                zip_path,
                _(
                    "it was made by a newer version of swdesk (schema {found}; this program "
                    "knows {known})."
                ).format(found=version, known=schema.count()),
            )
        files = (
            conn.execute("SELECT DISTINCT sha256, size FROM attachments").fetchall()
            if "attachments" in tables
            else []
        )
        staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
        return {"schema_version": version, "files": files, "staff": staff}
    finally:
        conn.close()


def check_backup(zip_path: Path) -> CheckedBackup:
    """Check a backup without restoring it."""
    work = Path(tempfile.mkdtemp(prefix=".swdesk-check-"))
    try:
        return verify_backup(zip_path, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` in its backups folder that passes every check."""
    for info in list_backups(backups_dir(db_path), db_path.stem)[:_CANDIDATES]:
        try:
            check_backup(info.path)
        except BadBackup:
            continue
        return info
    return None


def _set_aside(db_path: Path, when: dt.datetime) -> Path:
    """Rename a damaged file (with its log) out of the way, keeping it for whoever can rescue it."""
    aside = db_path.with_name(f"{db_path.stem}.damaged-{when:%Y%m%d-%H%M%S}{db_path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(db_path) + suffix)
        if src.exists():
            os.replace(src, Path(str(aside) + suffix))
    return aside


def _close_log(db_path: Path) -> None:
    """Fold the write-ahead log into the file and remove it: an old log left beside the restored
    file would be replayed into it."""
    if db_path.exists():
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)


def restore_backup(
    db_path: Path,
    zip_path: Path,
    *,
    user: str | None = None,
    when: dt.datetime | None = None,
    allow_missing: bool = False,
) -> RestoreResult:
    """Replace the data at ``db_path`` with the backup at ``zip_path``, after checking it."""
    from swdesk.storage.database import open_database  # database.py uses this module

    db_path, zip_path = Path(db_path), Path(zip_path)
    when = when or dt.datetime.now()
    if held_here(db_path):
        raise DatabaseError(
            _("Close the data file {path} before restoring a backup into it.").format(
                path=str(db_path)
            )
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = acquire(db_path, user)
    staging = Path(tempfile.mkdtemp(prefix=".swdesk-restore-", dir=db_path.parent))
    try:
        checked = verify_backup(zip_path, staging, allow_missing=allow_missing)
        staged = staging / "data.db"
        # Opening it with this version proves it opens, and upgrades an older backup.
        open_database(staged, lock=False, auto_backup=False).close()
        safety = aside = None
        if db_path.exists() and db_path.stat().st_size > 0:
            if quick_check(db_path) is None:
                safety = make_backup(db_path, BEFORE_RESTORE, when=when).path
            else:
                aside = _set_aside(db_path, when)
        try:
            _close_log(db_path)
            os.replace(staged, db_path)
        except OSError as exc:
            # The rename is all or nothing: the data is as it was.
            raise DatabaseError(
                _(
                    "Could not put the backup in place of {path} ({error}); is the file open in "
                    "another program?"
                ).format(path=str(db_path), error=exc.strerror or exc)
            ) from None
        copied = attachments.install_files(db_path, staging / "files")
        _record(db_path, user or lock.holder.user, zip_path, checked, safety, aside)
    finally:
        lock.release()
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(checked, safety, aside, copied)


def _record(
    db_path: Path,
    user: str,
    zip_path: Path,
    checked: CheckedBackup,
    safety: Path | None,
    aside: Path | None,
) -> None:
    from sqlite_utils import Database

    from swdesk.storage import audit

    db = Database(sqlite3.connect(db_path))
    try:
        with db.atomic():
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
    finally:
        db.close()
