"""Backing up, restoring and checking a data file: what the office does to keep its records.

These work on the file's path, not on an open workspace: a backup only reads (it works while
another copy of swdesk has the file open), and a restore replaces the file, so nobody may have it
open for writing, this process included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _
from swdesk.services.workspace import Workspace
from swdesk.storage import attachments, hours_by_year, scratch
from swdesk.storage.backup import MANUAL, BackupInfo, backups_dir, list_backups, make_backup
from swdesk.storage.backup import daily_backup as storage_daily_backup
from swdesk.storage.database import DatabaseError, open_database, real_path, refuse_damaged
from swdesk.storage.errors import NeedsUpgrade, SchemaMismatch, SQLiteError
from swdesk.storage.integrity import full_check
from swdesk.storage.restore import CheckedBackup, RestoreResult, restore_backup
from swdesk.storage.restore import check_backup as _check_backup


def _existing(db_path: Path) -> Path:
    db_path = real_path(db_path)
    if not db_path.is_file():
        raise DatabaseError(_("The data file {path} does not exist.").format(path=str(db_path)))
    return db_path


def backup_now(db_path: Path, output: Path | None = None) -> BackupInfo:
    """A backup on demand: into the backups folder, into the folder ``output`` (a USB stick) under
    a dated name, or to the file ``output``. A damaged file is refused (its copy would be no help)."""
    db_path = _existing(db_path)
    refuse_damaged(db_path)
    if output is None:
        return _written(db_path, None, lambda: make_backup(db_path, MANUAL))
    output = Path(output)
    if output.is_dir():
        return _written(db_path, output, lambda: make_backup(db_path, MANUAL, folder=output))
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
    return _written(db_path, output, lambda: make_backup(db_path, MANUAL, target=output))


def _written(db_path: Path, output: Path | None, make: Callable[[], BackupInfo]) -> BackupInfo:
    """Run ``make``; a full disk or a folder that refuses the file is a clear error, and the half
    backup is gone (backups are written under a temporary name)."""
    try:
        return make()
    except (OSError, SQLiteError) as exc:
        where = output or backups_dir(db_path)
        raise DatabaseError(
            _("The backup could not be written to {path}: {error}. Nothing was changed.").format(
                path=str(where), error=getattr(exc, "strerror", None) or exc
            )
        ) from None


def check_backup(zip_path: Path, db_path: Path | None = None) -> CheckedBackup:
    """Check a backup without restoring it (unpacked beside the data file, if one is given)."""
    return _check_backup(Path(zip_path), real_path(db_path) if db_path else None)


def restore(
    db_path: Path,
    backup: Path,
    *,
    user: str | None = None,
    allow_missing: bool = False,
    drop_password: bool = False,
) -> RestoreResult:
    """Check ``backup`` and put it in place of the data at ``db_path``; the current data is backed
    up first (``safety_backup`` in the result), so restoring that undoes this. A backup without
    the program password the data has is refused unless ``drop_password``."""
    return restore_backup(
        Path(db_path),
        Path(backup),
        user=user,
        allow_missing=allow_missing,
        drop_password=drop_password,
    )


@dataclass(frozen=True)
class DataCheck:
    integrity: list[str]
    attachments: list[attachments.AttachmentProblem]
    orphans: int
    latest_backup: BackupInfo | None
    backups: int
    schema: list[str] = field(default_factory=list)  # how its schema differs from swdesk's
    needs_upgrade: bool = False  # made by an older version: opening it for writing upgrades it
    leftovers: list[Path] = field(default_factory=list)  # work folders killed processes left
    # People and years whose training hours kept by year are not those of the attendance: no
    # write of this program makes them differ, but a report would show the kept ones.
    hours_off: int = 0

    @property
    def ok(self) -> bool:
        return (
            not self.integrity and not self.attachments and not self.schema and not self.hours_off
        )


def check_data(db_path: Path) -> DataCheck:
    """The full integrity check, the schema, every attachment against its hash, work folders left
    behind, and the state of backups."""
    db_path = _existing(db_path)
    problems = full_check(db_path)
    found = list_backups(backups_dir(db_path), db_path.stem)
    base = {
        "latest_backup": found[0] if found else None,
        "backups": len(found),
        "leftovers": scratch.leftovers(db_path),
    }
    if problems:
        return DataCheck(problems, [], 0, **base)
    try:
        db = open_database(db_path, read_only=True)
    except SchemaMismatch as exc:
        return DataCheck([], [], 0, schema=exc.differences, **base)
    except NeedsUpgrade:
        return DataCheck([], [], 0, needs_upgrade=True, **base)
    try:
        broken = attachments.verify(db, db_path)
        orphans = len(attachments.orphans(db, db_path))
        hours_off = hours_by_year.disagreeing(db)
    finally:
        db.close()
    return DataCheck([], broken, orphans, hours_off=hours_off, **base)


def days_since(info: BackupInfo | None, today: dt.date) -> int | None:
    return (today - info.made.date()).days if info else None


def check_lines(report: DataCheck, today: dt.date) -> list[str]:
    """What ``check`` found, in sentences (the command line prints them, the window shows them)."""
    out: list[str] = []
    if report.integrity:
        out.append(_("The data file is damaged:"))
        for line in report.integrity[:20]:
            out.append("  " + line)
    elif report.schema:
        out.append(
            _(
                "The data file is not laid out as swdesk lays out its data files (it may have "
                "been altered outside swdesk); swdesk will not open it:"
            )
        )
        for line in report.schema[:20]:
            out.append("  " + line)
    else:
        out.append(_("The data file is whole."))
    if report.needs_upgrade:
        out.append(
            _(
                "It was made by an older version of swdesk: open it once in swdesk to upgrade it "
                "(a backup is made first)."
            )
        )
    words = {"missing": _("missing"), "altered": _("altered")}
    for p in report.attachments:
        out.append(
            _("Attached file {name} ({table} {id}): {problem}").format(
                name=p.original_name, table=p.owner_table, id=p.owner_id, problem=words[p.problem]
            )
        )
    if not report.integrity and not report.schema and not report.attachments:
        out.append(_("Every attached file is present and unaltered."))
    if report.hours_off:
        out.append(
            _(
                "The training hours kept by year differ from the attendance for {n} people and "
                "years, so reports would show wrong hours: make them again with `swdesk check "
                "--repair` (or the button below in the window)."
            ).format(n=report.hours_off)
        )
    for folder in report.leftovers:
        out.append(
            _(
                "A work folder left by an interrupted backup or restore holds a copy of the data: "
                "{path} (it is removed the next time the data file is opened for writing)."
            ).format(path=str(folder))
        )
    if report.orphans:
        out.append(_("{n} stored files belong to no record (harmless).").format(n=report.orphans))
    age = days_since(report.latest_backup, today)
    if report.latest_backup is None:
        out.append(_("There is no backup yet: run `swdesk backup`."))
    else:
        out.append(
            _("{n} backups; the latest is {path}, {days} days old.").format(
                n=report.backups, path=str(report.latest_backup.path), days=age
            )
        )
    return out


@dataclass(frozen=True)
class CheckInWords:
    ok: bool
    lines: list[str]
    repairable: bool  # what is wrong can be made again from the file itself (the hours by year)


def check_in_words(db_path: Path, today: dt.date) -> CheckInWords:
    """``check_data`` and what it found, in sentences: whether all is well, and the lines."""
    report = check_data(db_path)
    return CheckInWords(report.ok, check_lines(report, today), report.hours_off > 0)


__all__ = [
    "CheckedBackup",
    "DataCheck",
    "backup_now",
    "check_backup",
    "BackupListing",
    "backups_of",
    "check_data",
    "check_in_words",
    "CheckInWords",
    "check_lines",
    "daily_backup",
    "daily_backup_of",
    "days_since",
    "listing",
    "restore",
]


def daily_backup_of(db_path: Path, today: dt.date) -> str | None:
    """The first time in the day: the check of every reference in the file at ``db_path``,
    then today's automatic backup. Both work on the path through connections of their own
    (SQLite's backup API), so the window runs them in the background while the pages read.
    What went wrong, in words, else None."""
    from swdesk.storage.backup import daily_backup_due
    from swdesk.storage.database import broken_references, daily_backup_problem

    db_path = real_path(db_path)
    if not daily_backup_due(db_path, today):
        return None
    problems = []
    try:
        broken = broken_references(db_path)
        if broken:
            problems.append(broken)
        storage_daily_backup(db_path, today)
    except (OSError, SQLiteError) as exc:
        problems.append(daily_backup_problem(db_path, exc))
    return " ".join(problems) or None


def daily_backup(ws: Workspace) -> BackupInfo | None:
    """Today's automatic backup of the open data file, if none was made yet (a program left
    open into a new day makes that day's too)."""
    if ws.read_only:
        return None
    return storage_daily_backup(ws.path, ws.today())


@dataclass(frozen=True)
class BackupListing:
    """A backup as File › Restore lists it: when, why it was made, its size and what it holds."""

    path: Path
    made: dt.datetime
    kind: str  # daily, manual, before-migration, before-restore
    size: int  # bytes
    staff: int | None  # None: its manifest could not be read (the check says why)
    attachments: int | None


def backups_of(db_path: Path) -> list[BackupListing]:
    """The backups in the data file's backups folder, newest first."""
    db_path = real_path(db_path)
    out = []
    for info in list_backups(backups_dir(db_path), db_path.stem):
        out.append(listing(info.path, info))
    return out


def listing(path: Path, info: BackupInfo | None = None) -> BackupListing:
    """One backup file (from the backups folder or chosen elsewhere, e.g. on a USB stick)."""
    from swdesk.storage.backup import manifest_of, parse_name

    info = info or parse_name(path)
    manifest = manifest_of(path) or {}
    made = info.made if info else _made(manifest.get("made"))
    staff, files = manifest.get("staff"), manifest.get("attachments")
    return BackupListing(
        path,
        made,
        info.kind if info else str(manifest.get("kind", "")),
        path.stat().st_size if path.exists() else 0,
        staff if isinstance(staff, int) else None,
        files if isinstance(files, int) else None,
    )


def _made(text: object) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(text)).replace(tzinfo=None)
    except ValueError:
        return dt.datetime.min
