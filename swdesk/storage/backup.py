"""Backups: one zip file each, holding a consistent snapshot of the database, the attachments it
refers to and a manifest.

The snapshot is taken with ``VACUUM INTO``: it reads through the write-ahead log, so committed
changes not yet in the main file are included, and it never writes to the source. A plain file copy would miss the log, or catch the file half-written.

Automatic backups go to ``<stem>.backups/`` beside the database: one on the first open of each day
(kept in rotation: the last 14 days and the last backup of each of the last 12 months), one before
every schema upgrade and one before every restore. A backup is written under a temporary name and
renamed when complete, so a crash never leaves a half backup under a real name.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

from swdesk import __version__
from swdesk.storage import attachments, scratch
from swdesk.storage.integrity import connect_read_only, write_protected

FORMAT = 1
DAILY, MANUAL, BEFORE_MIGRATION, BEFORE_RESTORE = (
    "daily",
    "manual",
    "before-migration",
    "before-restore",
)
KINDS = (DAILY, MANUAL, BEFORE_MIGRATION, BEFORE_RESTORE)
KEEP_DAILY, KEEP_MONTHLY, KEEP_BEFORE_RESTORE = 14, 12, 10
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<kind>" + "|".join(KINDS) + r")\.zip$"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    stem: str
    kind: str
    made: dt.datetime
    n: int = 1

    @property
    def made_text(self) -> str:
        return self.made.strftime("%Y-%m-%d %H:%M")


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".backups")


def parse_name(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    made = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
    return BackupInfo(path, m["stem"], m["kind"], made, int(m["n"] or 1))


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` (of the database named ``stem``), newest first."""
    if not folder.is_dir():
        return []
    found = [parse_name(p) for p in folder.glob("*.zip")]
    chosen = [b for b in found if b is not None and (stem is None or b.stem == stem)]
    return sorted(chosen, key=lambda b: (b.made, b.n), reverse=True)


def _unique_target(folder: Path, stem: str, kind: str, when: dt.datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stem}-{stamp}-{kind}.zip"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{stamp}-{n}-{kind}.zip"
    return target


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to flush; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _snapshot_facts(snapshot: Path) -> dict:
    conn = sqlite3.connect(snapshot)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        migrations = (
            [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
            if "_sqlite_migrations" in tables
            else []
        )
        files = (
            conn.execute("SELECT DISTINCT sha256, size FROM attachments ORDER BY sha256").fetchall()
            if "attachments" in tables
            else []
        )
        staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0] if "staff" in tables else 0
        return {
            "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "migrations": migrations,
            "files": files,
            "staff": staff,
        }
    finally:
        conn.close()


def _work_place(db_path: Path, target: Path) -> Path:
    """Where a backup stages its copy: beside the data file, so that a copy a killed backup left
    is found and removed on the next open; beside the target when the data file's folder is
    write-protected (a backup from a CD)."""
    from swdesk.storage.integrity import write_protected

    return target.parent if write_protected(db_path) else db_path.parent


def _move_into_place(work: scratch.WorkDir, partial: Path, target: Path) -> None:
    """Rename the finished zip to ``target``; onto another drive (a USB stick) copy it there under
    a temporary name first, noted in the work folder so that a killed copy is removed too."""
    try:
        os.replace(partial, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    near = target.with_name(f".{target.name}.partial")
    work.note(scratch.PARTIAL, [str(near)])
    try:
        shutil.copyfile(partial, near)
        _fsync(near)
        os.replace(near, target)
    finally:
        near.unlink(missing_ok=True)


def _snapshot_source(db_path: Path) -> sqlite3.Connection:
    """The connection to snapshot through: a plain one (``VACUUM INTO`` through a read-only URI
    connection writes the copy page by page, fifteen times slower on a large file); read-only
    where the file cannot be written. The snapshot only reads from it either way."""
    if write_protected(db_path):
        return connect_read_only(db_path)
    return sqlite3.connect(db_path)


def write_backup(db_path: Path, target: Path, kind: str, when: dt.datetime) -> BackupInfo:
    """Write a backup of ``db_path`` to ``target`` (a zip file that does not exist yet)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with scratch.work_dir(_work_place(db_path, target), "backup") as work:
        snapshot = work.path / "data.db"
        conn = _snapshot_source(db_path)
        try:
            conn.execute("VACUUM INTO ?", [str(snapshot)])
        finally:
            conn.close()
        facts = _snapshot_facts(snapshot)
        store = attachments.store_dir(db_path)
        missing = []
        partial = work.path / "backup.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            # The fastest level: a third of the time of the default for a few per cent more.
            zf.write(snapshot, "data.db", compresslevel=1)
            for sha, _size in facts["files"]:
                source = attachments.blob_path(store, sha)
                if source.is_file():
                    # Scans and PDFs are compressed already: store them as they are.
                    zf.write(source, attachments.member_name(sha), zipfile.ZIP_STORED)
                else:
                    missing.append(sha)
            manifest = {
                "format": FORMAT,
                "program": "swdesk",
                "version": __version__,
                "kind": kind,
                "made": when.isoformat(timespec="seconds"),
                "source": str(db_path),
                "schema_version": facts["schema_version"],
                "migrations": facts["migrations"],
                "staff": facts["staff"],
                "attachments": len(facts["files"]),
                "missing_attachments": missing,
                # What unpacking may write: a restore refuses a member that grows past it.
                "data_size": snapshot.stat().st_size,
            }
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        _fsync(partial)
        _move_into_place(work, partial, target)
        _fsync_dir(target.parent)
    return parse_name(target) or BackupInfo(target, db_path.stem, kind, when)


def make_backup(
    db_path: Path,
    kind: str = MANUAL,
    *,
    folder: Path | None = None,
    target: Path | None = None,
    when: dt.datetime | None = None,
) -> BackupInfo:
    """Back up ``db_path`` into ``folder`` (default: its backups folder) under a dated name, or to
    the exact file ``target``."""
    when = when or dt.datetime.now()
    if target is None:
        folder = folder or backups_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        target = _unique_target(folder, db_path.stem, kind, when)
    return write_backup(db_path, target, kind, when)


def keep(stamps: list[dt.datetime], daily: int, monthly: int) -> set[dt.datetime]:
    """Which automatic backups rotation keeps: the newest of each of the ``daily`` most recent
    days, and the newest of each of the ``monthly`` most recent months."""
    newest_of_day: dict[dt.date, dt.datetime] = {}
    newest_of_month: dict[tuple[int, int], dt.datetime] = {}
    for s in stamps:
        day, month = s.date(), (s.year, s.month)
        newest_of_day[day] = max(s, newest_of_day.get(day, s))
        newest_of_month[month] = max(s, newest_of_month.get(month, s))
    days = sorted(newest_of_day, reverse=True)[:daily]
    months = sorted(newest_of_month, reverse=True)[:monthly]
    return {newest_of_day[d] for d in days} | {newest_of_month[m] for m in months}


def rotate(
    folder: Path,
    stem: str,
    daily: int = KEEP_DAILY,
    monthly: int = KEEP_MONTHLY,
    before_restore: int = KEEP_BEFORE_RESTORE,
) -> list[Path]:
    """Delete the automatic backups rotation no longer keeps; returns what was deleted.

    Manual and before-migration backups are never deleted; before-restore ones beyond the last
    ``before_restore``."""
    backups = list_backups(folder, stem)
    dailies = [b for b in backups if b.kind == DAILY]
    kept = keep([b.made for b in dailies], daily, monthly)
    seen: set[dt.datetime] = set()
    doomed = []
    for b in dailies:  # newest first: of two with the same stamp, the first one stays
        if b.made in kept and b.made not in seen:
            seen.add(b.made)
        else:
            doomed.append(b.path)
    doomed += [b.path for b in backups if b.kind == BEFORE_RESTORE][before_restore:]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def daily_backup_due(db_path: Path, today: dt.date) -> bool:
    return not any(
        b.kind == DAILY and b.made.date() == today
        for b in list_backups(backups_dir(db_path), db_path.stem)
    )


def daily_backup(db_path: Path, today: dt.date) -> BackupInfo | None:
    """The backup of the first open of the day, then rotation; None when one exists already."""
    if not daily_backup_due(db_path, today):
        return None
    when = dt.datetime.combine(today, dt.datetime.now().time().replace(microsecond=0))
    info = make_backup(db_path, DAILY, when=when)
    rotate(backups_dir(db_path), db_path.stem)
    return info


def manifest_of(path: Path) -> dict | None:
    """What a backup says it holds (its manifest: made, kind, staff, attachments), read without
    unpacking it; None when it cannot be read as a swdesk backup (checked in full on restore)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("manifest.json")
            if info.file_size > 1 << 20:
                return None
            manifest = json.loads(zf.read(info).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("program") == "swdesk" else None
