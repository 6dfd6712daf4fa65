"""Is a backup safe to restore? It is checked whole before anything is replaced: the zip is readable
and unpacks to no more than its manifest declares (a small backup must not fill the disk: a zip
bomb), its database passes ``PRAGMA integrity_check`` and ``foreign_key_check`` and has exactly the
schema this version's migrations make for it (a backup carrying a trigger of its own is refused),
it is not from a newer version, and every attachment it refers to is in it, unaltered.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from swdesk.exchange import archive
from swdesk.i18n import _
from swdesk.storage import attachments, schema_check, scratch, settings
from swdesk.storage import migrations as schema
from swdesk.storage.backup import FORMAT, BackupInfo, backups_dir, list_backups
from swdesk.storage.errors import BadBackup
from swdesk.storage.integrity import full_check, summary, write_protected

# Checking a backup reads all of it; a damaged file's message looks at this many before giving up.
_CANDIDATES = 6
# A manifest is a few hundred bytes; a backup whose manifest does not say how big its database
# is (made before swdesk said so) may unpack it to at most this much.
_MANIFEST_LIMIT = 1 << 20
_OLD_DATA_LIMIT = 1 << 30


@dataclass(frozen=True)
class CheckedBackup:
    path: Path
    made: str
    kind: str
    schema_version: int
    staff: int
    attachments: int
    has_password: bool = False


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
    try:
        archive.copy_member(zf, name, dest, limit)
    except archive.MemberTooLarge as exc:
        raise BadBackup(zip_path, str(exc)) from None


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
        return {
            "schema_version": version,
            "files": files,
            "staff": staff,
            "has_password": "settings" in tables and has_password(conn),
        }
    except sqlite3.DatabaseError as exc:
        raise BadBackup(
            zip_path, _("its database is damaged ({detail}).").format(detail=exc)
        ) from None
    finally:
        conn.close()


def has_password(conn: sqlite3.Connection) -> bool:
    """Whether the data file of ``conn`` has a program password."""
    return settings.get(Database(conn, execute_plugins=False), settings.PASSWORD_KEY) is not None


def check_backup(zip_path: Path, near: Path | None = None) -> CheckedBackup:
    """Check a backup without restoring it, unpacking it beside ``near`` (a data file) when that
    folder can be written, so that a copy a killed check leaves is cleaned up with the file's."""
    near_ok = near is not None and not write_protected(near)
    place = near.parent if near is not None and near_ok else Path(tempfile.gettempdir())
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
