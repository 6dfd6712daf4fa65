"""Attachments (certificate scans, receipts) in a folder the program manages beside the database.

A file is stored under its SHA-256 (``agency.files/ab/abcdef…``), never under a name a user chose,
so no name can reach outside the folder, the same scan attached twice is kept once, and an altered
file is recognised. The ``attachments`` table keeps the original name, type, size and hash.

The file is copied in before its row is written: a row never points at a file that is not there,
and a write that is rolled back leaves at most an unreferenced file, which ``orphans`` lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.text import readable_name
from swdesk.i18n import _
from swdesk.storage import audit
from swdesk.storage.errors import DatabaseError

_HASH = re.compile(r"^[0-9a-f]{64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    original_name: str
    media_type: str


@dataclass(frozen=True)
class AttachmentProblem:
    attachment_id: int
    original_name: str
    owner_table: str
    owner_id: int
    problem: str  # "missing" or "altered"


def store_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".files")


def blob_path(store: Path, sha256: str) -> Path:
    """Where the file with this hash lives; refuses anything that is not a hash."""
    if not _HASH.match(sha256):
        raise ValidationError(
            _("{value} is not a file hash; the attachment record is damaged.").format(
                value=sha256[:80]
            ),
            "sha256",
        )
    return store / sha256[:2] / sha256


def is_hash(name: str) -> bool:
    return bool(_HASH.match(name))


def member_name(sha256: str) -> str:
    """The file's name inside a backup."""
    return f"files/{sha256[:2]}/{sha256}"


def digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def clean_name(name: str) -> str:
    """The original file name as it is shown: last path component, no control characters."""
    base = re.split(r"[\\/]", readable_name(name))[-1]
    base = _CONTROL.sub("", base).strip() or "file"
    return base[:200]


def keep_checked(db_path: Path, source: Path, sha256: str) -> Path | None:
    """Copy ``source``, just read and checked with the hash ``sha256``, into the store of the
    data file at ``db_path`` (once per content): a process reading a received file does it
    beside the one writing, which then only records it (``attach`` with ``kept``). Returns the
    copy if one was made, to be flushed to the disk (``Flusher``) before the rows naming it
    commit. A receipt refused afterwards leaves the copy unreferenced, as a rolled-back
    ``attach`` does."""
    source = Path(source)
    dest = blob_path(store_dir(db_path), sha256)
    if dest.is_file() and digest(dest) == (sha256, source.stat().st_size):
        return None
    unsynced: list[Path] = []
    install_blob(source, dest, sha256, unsynced=unsynced)
    return dest


def put_file(
    db_path: Path,
    source: Path,
    *,
    expect_sha256: str | None = None,
    unsynced: list[Path] | None = None,
    kept: bool = False,
) -> StoredFile:
    """Copy ``source`` into the store (once per content) and describe it.

    ``expect_sha256``: the hash the caller has just read the file with; it is not read once more
    for it, since the copy is checked against it. ``unsynced``: the copies are not flushed to
    the disk one by one but listed there, for a ``Flusher`` before the transaction commits.
    ``kept``: ``keep_checked`` has copied it already (with ``expect_sha256``)."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(_("The file {path} does not exist.").format(path=str(source)))
    if expect_sha256 is None:
        sha, size = digest(source)
    else:
        sha, size = expect_sha256, source.stat().st_size
    dest = blob_path(store_dir(db_path), sha)
    if not kept and not (dest.is_file() and digest(dest) == (sha, size)):
        install_blob(source, dest, sha, unsynced=unsynced)
    media = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return StoredFile(sha, size, clean_name(source.name), media)


def install_blob(
    source: Path, dest: Path, sha256: str, *, unsynced: list[Path] | None = None
) -> None:
    """Copy to a temporary name, check the copy, then rename: a crash leaves no half file.

    With ``unsynced`` the copy is flushed later (``Flusher``), before the rows naming it
    commit: a crash in between leaves at most a damaged file no row names, which the next copy
    of the same content replaces (``put_file`` checks the hash of what it finds)."""
    partial = dest.with_name(f".{sha256}.{os.getpid()}.partial")
    try:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, partial)
            if unsynced is None:
                with partial.open("rb+") as fh:
                    os.fsync(fh.fileno())
        except OSError as exc:  # a full disk, a folder that refuses the file
            raise DatabaseError(
                _(
                    "The file {name} could not be copied into the attachment folder {folder} "
                    "({error}); nothing was changed."
                ).format(
                    name=Path(source).name,
                    folder=str(dest.parent.parent),
                    error=exc.strerror or exc,
                )
            ) from None
        if digest(partial)[0] != sha256:
            raise ValidationError(
                _("The file {path} changed while it was being copied; try again.").format(
                    path=str(source)
                )
            )
        os.replace(partial, dest)
        if unsynced is not None:
            unsynced.append(dest)
    finally:
        partial.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _not_written(exc: OSError) -> DatabaseError:
    return DatabaseError(
        _(
            "The received files could not be written to the disk ({error}); nothing was changed."
        ).format(error=exc.strerror or exc)
    )


class Flusher:
    """Files flushed to the disk as they are handed over, several at a time in threads of its
    own, while the caller goes on (the disk then writes several together, where one after the
    other a bureau's thousand received files cost a second or more): a receipt's kept files are
    on the disk by the time its records and checks are written, instead of being flushed after
    them with both cores idle (a third of a second over a city's five years). ``wait`` returns
    once all are flushed, or raises DatabaseError if one could not be; leaving the ``with``
    waits for the threads."""

    def __init__(self, threads: int = 8) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="swdesk-fsync")
        self._pending: list[Future[None]] = []

    def add(self, paths: Iterable[Path]) -> None:
        self._pending += [self._pool.submit(_fsync, path) for path in paths]

    def wait(self) -> None:
        pending, self._pending = self._pending, []
        try:
            for future in pending:
                future.result()
        except OSError as exc:
            raise _not_written(exc) from None

    def __enter__(self) -> Flusher:
        return self

    def __exit__(self, *exc: object) -> None:
        # A receipt given up: the files not yet flushed are of no use (no row names them).
        self._pool.shutdown(wait=True, cancel_futures=True)


def attach(
    db: Database,
    db_path: Path,
    source: Path,
    *,
    owner_table: str,
    owner_id: int,
    user: str,
    kind: str = "",
    staff_id: int | None = None,
    expect_sha256: str | None = None,
    unsynced: list[Path] | None = None,
    kept: bool = False,
) -> int:
    """Store ``source`` and record it for its owner, with an audit entry; returns the row id.

    Call it inside the service's transaction: the row and the audit entry commit together.
    ``expect_sha256`` refuses a file that is no longer the one checked before (it changed on
    the disk in between: the copy is checked against it). ``unsynced``, ``kept``: see
    ``put_file``.
    """
    stored = put_file(db_path, source, expect_sha256=expect_sha256, unsynced=unsynced, kept=kept)
    row = {
        "sha256": stored.sha256,
        "original_name": stored.original_name,
        "media_type": stored.media_type,
        "size": stored.size,
        "added_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "owner_table": owner_table,
        "owner_id": owner_id,
        "kind": kind,
    }
    # Plain SQL: a bureau's receipt keeps a file for each of its thousands, and sqlite-utils'
    # insert looks the table up each time.
    cursor = db.conn.execute(
        f"INSERT INTO attachments ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    new_id = int(cursor.lastrowid)
    audit.record(
        db,
        user=user,
        action="attachment.add",
        table="attachments",
        row_id=new_id,
        new=row,
        staff_id=staff_id,
    )
    return new_id


def attachments_of(db: Database, owner_table: str, owner_id: int) -> list[dict[str, Any]]:
    return list(
        db["attachments"].rows_where(
            "owner_table = ? AND owner_id = ?", [owner_table, owner_id], order_by="id"
        )
    )


def attachments_of_tables(db: Database, owner_tables: Sequence[str]) -> list[dict[str, Any]]:
    """Every attachment of rows of these tables, by owner: one query for a batch of packets."""
    marks = ",".join("?" * len(owner_tables))
    return list(
        db["attachments"].rows_where(
            f"owner_table IN ({marks})", list(owner_tables), order_by="owner_id, id"
        )
    )


def attachments_of_person(db: Database, staff_id: int) -> list[dict[str, Any]]:
    """A person's files: scans of their certificates, files of their applications and their
    photo, each with the certificate_number or application_number it belongs to (neither for
    the person's own files), oldest first."""
    return list(
        db.query(
            """SELECT a.id, a.original_name, a.kind, a.added_at, a.owner_table,
                      c.certificate_number, p.number AS application_number
               FROM attachments a
               LEFT JOIN credentials c ON a.owner_table = 'credentials' AND c.id = a.owner_id
               LEFT JOIN applications p ON a.owner_table = 'applications' AND p.id = a.owner_id
               WHERE c.staff_id = :staff OR p.staff_id = :staff
                  OR (a.owner_table = 'staff' AND a.owner_id = :staff)
               ORDER BY a.added_at, a.id""",
            {"staff": staff_id},
        )
    )


def _problem(store: Path, row: dict[str, Any]) -> str | None:
    path = blob_path(store, row["sha256"])
    if not path.is_file():
        return "missing"
    if digest(path) != (row["sha256"], row["size"]):
        return "altered"
    return None


def file_for(db: Database, db_path: Path, attachment_id: int) -> Path:
    """The stored file of an attachment, after checking it is there and unaltered."""
    rows = list(db["attachments"].rows_where("id = ?", [attachment_id]))
    if not rows:
        raise NotFound(_("No attachment with id {id}.").format(id=attachment_id))
    row = rows[0]
    problem = _problem(store_dir(db_path), row)
    if problem == "missing":
        raise NotFound(
            _("The attached file {name} is missing from {folder}.").format(
                name=row["original_name"], folder=str(store_dir(db_path))
            )
        )
    if problem == "altered":
        raise ValidationError(
            _("The attached file {name} has been altered since it was attached.").format(
                name=row["original_name"]
            )
        )
    return blob_path(store_dir(db_path), row["sha256"])


def verify(db: Database, db_path: Path) -> list[AttachmentProblem]:
    """Every attachment whose file is missing or no longer matches its recorded hash and size."""
    store = store_dir(db_path)
    problems = []
    for row in db["attachments"].rows_where(order_by="id"):
        problem = _problem(store, row)
        if problem:
            problems.append(
                AttachmentProblem(
                    row["id"], row["original_name"], row["owner_table"], row["owner_id"], problem
                )
            )
    return problems


def orphans(db: Database, db_path: Path) -> list[Path]:
    """Files in the store that no attachment refers to (left by a write that was rolled back)."""
    store = store_dir(db_path)
    if not store.is_dir():
        return []
    known = {r[0] for r in db.execute("SELECT DISTINCT sha256 FROM attachments").fetchall()}
    return sorted(p for p in store.glob("??/*") if _HASH.match(p.name) and p.name not in known)


def files_in(folder: Path) -> list[str]:
    """The hashes of the files in ``folder``, laid out like the store."""
    return sorted(p.name for p in folder.glob("??/*") if _HASH.match(p.name))


def install_files(db_path: Path, folder: Path) -> int:
    """Bring files from ``folder`` (laid out like the store) into the store where they are missing
    or altered; returns how many were copied."""
    store = store_dir(db_path)
    copied = 0
    for sha in files_in(folder):
        source = blob_path(folder, sha)
        dest = blob_path(store, sha)
        if dest.is_file() and digest(dest)[0] == source.name:
            continue
        install_blob(source, dest, sha)
        copied += 1
    return copied
