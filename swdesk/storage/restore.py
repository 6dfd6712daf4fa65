"""Checking a backup and putting it back.

A backup is restored only after it passed every check: the zip is readable and unpacks to no more
than it declares, its database passes ``PRAGMA integrity_check`` and ``foreign_key_check`` and has
exactly the schema this version's migrations make for it, this version of swdesk can open it (it
is not from a newer one; an older one is upgraded on the staged copy before anything is replaced),
and every attachment it refers to is in it, unaltered. The current data is backed up first (or,
when it is damaged, copied aside under another name), so every restore can be undone.

The swap is one rename. The attachment store only ever gains files, each named by its content, so
the backup's scans go in first and the database is renamed into place last: a crash leaves the old
data or the new one with its scans, never a mixture. Scans put in by a restore that died before
its rename are taken out again on the next open (``scratch``).
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
from swdesk.storage import attachments, schema_check, scratch, settings
from swdesk.storage import migrations as schema
from swdesk.storage.backup import (
    BEFORE_RESTORE,
    FORMAT,
    BackupInfo,
    backups_dir,
    list_backups,
    make_backup,
)
from swdesk.storage.errors import BadBackup, DatabaseError, PasswordWouldBeLost, ReadOnlyDataFile
from swdesk.storage.integrity import full_check, quick_check, summary, write_protected
from swdesk.storage.lock import acquire, held_here

# Checking a backup reads all of it; a damaged file's message looks at this many before giving up.
_CANDIDATES = 6
# A manifest is a few hundred bytes; a backup whose manifest does not say how big its database
# is (made before swdesk said so) may unpack it to at most this much.
_MANIFEST_LIMIT = 1 << 20
_OLD_DATA_LIMIT = 1 << 30
_CHUNK = 1 << 20


@dataclass(frozen=True)
class CheckedBackup:
    path: Path
    made: str
    kind: str
    schema_version: int
    staff: int
    attachments: int
    has_password: bool = False


@dataclass(frozen=True)
class RestoreResult:
    restored: CheckedBackup
    safety_backup: Path | None  # the data as it was, backed up first: restore it to undo
    set_aside: Path | None  # a copy of the damaged file, when it could not be backed up
    attachments_copied: int


def _manifest(zip_path: Path, zf: zipfile.ZipFile) -> dict:
    info = zf.getinfo("manifest.json")
    if info.file_size > _MANIFEST_LIMIT:
        raise BadBackup(zip_path, _("it is not a swdesk backup."))
    with zf.open(info) as fh:
        raw = fh.read(_MANIFEST_LIMIT + 1)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("program") != "swdesk":
        raise BadBackup(zip_path, _("it is not a swdesk backup (its manifest.json is not one)."))
    version = manifest.get("format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadBackup(zip_path, _("its manifest.json gives no backup format this program knows."))
    if version > FORMAT:
        raise BadBackup(zip_path, _("it was made by a newer version of swdesk."))
    return manifest


def _unpack(zip_path: Path, zf: zipfile.ZipFile, name: str, dest: Path, limit: int) -> None:
    """Unpack one member, stopping as soon as it grows past what the backup declares for it: a
    small backup must not fill the disk beside the data (a zip bomb)."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise BadBackup(
            zip_path,
            _("{member} would unpack to {size} bytes, more than the {limit} it may hold.").format(
                member=name, size=info.file_size, limit=limit
            ),
        )
    written = 0
    with zf.open(info) as src, dest.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > info.file_size or written > limit:
                raise BadBackup(
                    zip_path,
                    _("{member} unpacks to more than the {limit} bytes it declares.").format(
                        member=name, limit=min(limit, info.file_size)
                    ),
                )
            dst.write(chunk)


def _data_limit(manifest: dict) -> int:
    declared = manifest.get("data_size")
    if isinstance(declared, int) and not isinstance(declared, bool) and declared > 0:
        return declared
    return _OLD_DATA_LIMIT


def _room_for(zip_path: Path, workdir: Path, needed: int) -> None:
    free = shutil.disk_usage(workdir).free
    if needed > free:
        raise BadBackup(
            zip_path,
            _(
                "unpacking it needs {needed} MB, but only {free} MB are free beside the data "
                "file; nothing was changed."
            ).format(needed=needed // 2**20 + 1, free=free // 2**20),
        )


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
            manifest = _manifest(zip_path, zf)
            staged = workdir / scratch.STAGED_DB
            limit = _data_limit(manifest)
            _room_for(zip_path, workdir, min(zf.getinfo("data.db").file_size, limit))
            _unpack(zip_path, zf, "data.db", staged, limit)
            problems = full_check(staged)
            if problems:
                raise BadBackup(
                    zip_path,
                    _("its database is damaged ({detail}).").format(detail=summary(problems)),
                )
            facts = _facts(zip_path, staged)
            _room_for(zip_path, workdir, sum(size for _sha, size in facts["files"]))
            missing = []
            for sha, size in facts["files"]:
                member = attachments.member_name(sha)
                dest = attachments.blob_path(workdir / "files", sha)
                if member not in names:
                    missing.append(sha)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    _unpack(zip_path, zf, member, dest, size)
                except BadBackup:
                    dest.unlink(missing_ok=True)
                    missing.append(sha)
                    continue
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
        facts["has_password"],
    )


def _facts(zip_path: Path, staged: Path) -> dict:
    from sqlite_utils import Database

    conn = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "_sqlite_migrations" not in tables or "staff" not in tables:
            raise BadBackup(zip_path, _("it holds no swdesk data."))
        applied = schema_check.applied_migrations(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.count() or set(applied) - set(schema.known_names()):
            raise BadBackup(
                zip_path,
                _(
                    "it was made by a newer version of swdesk (schema {found}; this program "
                    "knows {known})."
                ).format(found=version, known=schema.count()),
            )
        different = schema_check.differences(conn)
        if different:
            raise BadBackup(
                zip_path,
                _(
                    "its database does not have the structure swdesk gives its data files; it "
                    "may have been altered outside swdesk. It has {differences}."
                ).format(differences=schema_check.summary(different)),
            )
        files = (
            conn.execute("SELECT DISTINCT sha256, size FROM attachments").fetchall()
            if "attachments" in tables
            else []
        )
        staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
        has_password = "settings" in tables and _password_of(Database(conn)) is not None
        return {
            "schema_version": version,
            "files": files,
            "staff": staff,
            "has_password": has_password,
        }
    except sqlite3.DatabaseError as exc:
        raise BadBackup(
            zip_path, _("its database is damaged ({detail}).").format(detail=exc)
        ) from None
    finally:
        conn.close()


def _password_of(db: object) -> str | None:
    return settings.get(db, settings.PASSWORD_KEY)  # type: ignore[arg-type]


def check_backup(zip_path: Path, near: Path | None = None) -> CheckedBackup:
    """Check a backup without restoring it, unpacking it beside ``near`` (a data file) when that
    folder can be written, so that a copy a killed check leaves is cleaned up with the file's."""
    place = near.parent if near is not None and not write_protected(near) else None
    if place is None:
        place = Path(tempfile.gettempdir())
    with scratch.work_dir(place, "check") as work:
        return verify_backup(zip_path, work.path)


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` in its backups folder that passes every check."""
    for info in list_backups(backups_dir(db_path), db_path.stem)[:_CANDIDATES]:
        try:
            check_backup(info.path, db_path)
        except (BadBackup, OSError):
            continue
        return info
    return None


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
    from sqlite_utils import Database

    from swdesk.storage.integrity import connect_read_only

    if not (db_path.exists() and db_path.stat().st_size > 0):
        return False
    try:
        conn = connect_read_only(db_path)
    except sqlite3.Error:
        return False
    try:
        return _password_of(Database(conn)) is not None
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
    safety = aside = None
    if db_path.exists() and db_path.stat().st_size > 0:
        if quick_check(db_path) is None:
            safety = make_backup(db_path, BEFORE_RESTORE, when=when).path
        else:
            aside = _set_aside(db_path, when)
    # Opening it with this version proves it opens and upgrades an older backup; the entry in its
    # audit log arrives with it, in the same rename.
    db = open_database(staged, lock=False, auto_backup=False)
    try:
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
    db: object,
    user: str,
    zip_path: Path,
    checked: CheckedBackup,
    safety: Path | None,
    aside: Path | None,
) -> None:
    from swdesk.storage import audit

    with db.atomic():  # type: ignore[attr-defined]
        audit.record(
            db,  # type: ignore[arg-type]
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
