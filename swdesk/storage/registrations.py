"""Certificate registrations: the ``registrations`` table, one row per registration of a
certificate (voided ones kept with their reason), ⇄ swdesk.domain.registration_history values.

``credentials.registered_on`` is the latest live registration of each certificate, kept here in
the same transaction as every change to its rows (``sync_current``): the reports that need only
the current period read it from the credential without a second query. Writes run inside the
caller's transaction; none writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from sqlite_utils import Database

from swdesk.domain.registration_history import RegistrationRecord
from swdesk.storage.bulk import insert_rows


def record_to_row(record: RegistrationRecord) -> dict[str, Any]:
    return {
        "credential_id": record.credential_id,
        "registered_on": record.registered_on.isoformat(),
        "hours": record.hours,
        "hours_required": record.hours_required,
        "short_reason": record.short_reason,
        "source": record.source,
        "recorded_at": record.recorded_at,
        "recorded_by": record.recorded_by,
        "voided": int(record.voided),
        "void_reason": record.void_reason,
    }


def record_from_row(row: Mapping[str, Any]) -> RegistrationRecord:
    return RegistrationRecord(
        id=row["id"],
        credential_id=row["credential_id"],
        registered_on=dt.date.fromisoformat(row["registered_on"]),
        hours=row["hours"],
        hours_required=row["hours_required"],
        short_reason=row["short_reason"],
        source=row["source"],
        recorded_at=row["recorded_at"],
        recorded_by=row["recorded_by"],
        voided=bool(row["voided"]),
        void_reason=row["void_reason"],
    )


def registration_by_id(db: Database, registration_id: int) -> RegistrationRecord | None:
    rows = list(db["registrations"].rows_where("id = ?", [registration_id], limit=1))
    return record_from_row(rows[0]) if rows else None


def registrations_of(db: Database, credential_id: int) -> list[RegistrationRecord]:
    """Every registration of a certificate, voided ones too, by date."""
    rows = db["registrations"].rows_where(
        "credential_id = ?", [credential_id], order_by="registered_on, id"
    )
    return [record_from_row(r) for r in rows]


def registrations_of_staff(db: Database, staff_id: int) -> dict[int, list[RegistrationRecord]]:
    """Every registration of a person's certificates, by credential id: one query."""
    out: dict[int, list[RegistrationRecord]] = {}
    for row in db.query(
        """SELECT r.* FROM registrations r JOIN credentials c ON c.id = r.credential_id
           WHERE c.staff_id = ? ORDER BY r.registered_on, r.id""",
        [staff_id],
    ):
        out.setdefault(row["credential_id"], []).append(record_from_row(row))
    return out


def all_live_registrations(db: Database) -> dict[int, list[RegistrationRecord]]:
    """The live registrations of every certificate, by credential id: one query for a list."""
    out: dict[int, list[RegistrationRecord]] = {}
    for row in db["registrations"].rows_where(
        "voided = 0", order_by="credential_id, registered_on"
    ):
        out.setdefault(row["credential_id"], []).append(record_from_row(row))
    return out


def insert_registration(db: Database, record: RegistrationRecord) -> int | None:
    """Store a registration and move the credential's current one; None when the certificate
    already has a live registration that day (the unique index refuses it)."""
    try:
        new_id = db["registrations"].insert(record_to_row(record)).last_pk
    except sqlite3.IntegrityError:
        return None
    sync_current(db, record.credential_id)
    return new_id


def insert_registrations_many(db: Database, records: Sequence[RegistrationRecord]) -> list[int]:
    """Store registrations already checked against the file and each other in one write, and
    move their credentials' current ones in one statement; returns the new ids in order."""
    if not records:
        return []
    start = (db.execute("SELECT COALESCE(MAX(id), 0) FROM registrations").fetchone()[0]) + 1
    ids = list(range(start, start + len(records)))
    insert_rows(
        db,
        "registrations",
        ({"id": i, **record_to_row(r)} for i, r in zip(ids, records, strict=True)),
    )
    credential_ids = sorted({r.credential_id for r in records})
    marks = ", ".join("?" * len(credential_ids))
    db.execute(
        f"""UPDATE credentials SET registered_on = (
               SELECT MAX(registered_on) FROM registrations
               WHERE credential_id = credentials.id AND voided = 0)
           WHERE id IN ({marks})""",
        credential_ids,
    )
    return ids


def move_registration(db: Database, registration_id: int, on: dt.date) -> bool:
    """Give a registration another date; False when another live one has that date."""
    row = registration_by_id(db, registration_id)
    assert row is not None
    try:
        db["registrations"].update(registration_id, {"registered_on": on.isoformat()})
    except sqlite3.IntegrityError:
        return False
    sync_current(db, row.credential_id)
    return True


def void_registration(db: Database, registration_id: int, reason: str) -> None:
    row = registration_by_id(db, registration_id)
    assert row is not None
    db["registrations"].update(registration_id, {"voided": 1, "void_reason": reason})
    sync_current(db, row.credential_id)


def sync_current(db: Database, credential_id: int) -> None:
    """Set the credential's registered_on to its latest live registration (or none)."""
    db.execute(
        """UPDATE credentials SET registered_on = (
               SELECT MAX(registered_on) FROM registrations
               WHERE credential_id = ? AND voided = 0)
           WHERE id = ?""",
        [credential_id, credential_id],
    )
