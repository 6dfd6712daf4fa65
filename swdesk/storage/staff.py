"""Staff and the certificates they hold: the ``staff`` and ``credentials`` tables, and their rows
⇄ the values of swdesk.domain.staff (dates are ISO text in SQLite).

Every function works inside the caller's transaction; none writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential, Staff
from swdesk.storage import undo_log
from swdesk.storage.bulk import insert_rows

# SQLite allows 999 parameters in older builds: look numbers up in chunks well below it.
_CHUNK = 500


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def day(value: str | None) -> dt.date | None:
    return _parse_day(value) if value else None


# A whole agency's rows hold the same few thousand dates (hire dates, certificates, events)
# over and over; a date is immutable, so each text is parsed once.
_parse_day = functools.lru_cache(maxsize=1 << 16)(dt.date.fromisoformat)


# ---------------------------------------------------------------- staff


# The columns a person is stored in (but the id), in the order of `staff_values`.
STAFF_COLUMNS = (
    "name", "sex", "id_number", "birth_date", "phone", "education", "major", "hire_date",
    "leave_date", "civil_servant", "social_work_since", "note",
)  # fmt: skip


def staff_values(staff: Staff) -> tuple[Any, ...]:
    """The values of STAFF_COLUMNS: a bulk write binds them as they are, with no dict per row."""
    # The dates turned here rather than by iso(): four calls for each of 10,000 people.
    born, hired, left, since = (
        staff.birth_date,
        staff.hire_date,
        staff.leave_date,
        staff.social_work_since,
    )
    return (
        staff.name,
        staff.sex,
        staff.id_number,
        born.isoformat() if born else None,
        staff.phone,
        staff.education,
        staff.major,
        hired.isoformat() if hired else None,
        left.isoformat() if left else None,
        int(staff.civil_servant),
        since.isoformat() if since else None,
        staff.note,
    )


def staff_to_row(staff: Staff) -> dict[str, Any]:
    return dict(zip(STAFF_COLUMNS, staff_values(staff), strict=True))


def staff_from_row(row: dict[str, Any]) -> Staff:
    return Staff(
        id=row["id"],
        name=row["name"],
        sex=row["sex"],
        id_number=row["id_number"],
        birth_date=dt.date.fromisoformat(row["birth_date"]),
        phone=row["phone"],
        education=row["education"],
        major=row["major"],
        hire_date=day(row["hire_date"]),
        leave_date=day(row["leave_date"]),
        civil_servant=bool(row["civil_servant"]),
        social_work_since=day(row["social_work_since"]),
        note=row["note"],
    )


# The columns in the order of Staff's fields, for lists read as tuples: a report over 20,000
# people builds no dict per row (sqlite-utils' rows_where does).
_STAFF_SELECT = (
    "SELECT name, id_number, sex, birth_date, phone, education, major, hire_date, leave_date, "
    "civil_servant, social_work_since, note, id FROM staff"
)


def _staff_from_tuple(r: tuple) -> Staff:
    return Staff(
        r[0], r[1], r[2], _parse_day(r[3]), r[4], r[5], r[6], day(r[7]), day(r[8]),
        bool(r[9]), day(r[10]), r[11], r[12],
    )  # fmt: skip


def _first_staff(db: Database, where: str, params: Sequence[Any]) -> Staff | None:
    rows = list(db["staff"].rows_where(where, params, limit=1))
    return staff_from_row(rows[0]) if rows else None


def staff_by_id(db: Database, staff_id: int) -> Staff | None:
    return _first_staff(db, "id = ?", [staff_id])


def staff_with_number(db: Database, id_number: str) -> Staff | None:
    """The person with this (normalised) identity number."""
    return _first_staff(db, "id_number = ?", [id_number])


def number_taken(db: Database, id_number: str, *, other_than: int | None = None) -> bool:
    """Whether someone (other than ``other_than``) already has this identity number."""
    if other_than is None:
        return staff_with_number(db, id_number) is not None
    return _first_staff(db, "id_number = ? AND id != ?", [id_number, other_than]) is not None


def list_staff(
    db: Database, search: str = "", *, working_after: dt.date | None = None
) -> list[Staff]:
    """Everyone in the order they were added; ``search`` matches name, identity number or phone,
    ``working_after`` keeps those who had not left by that day."""
    where, params = [], []
    if search:
        where.append("(name LIKE ? OR id_number LIKE ? OR phone LIKE ?)")
        like = f"%{search.strip()}%"
        params += [like, like, like]
    if working_after is not None:
        where.append("(leave_date IS NULL OR leave_date > ?)")
        params.append(working_after.isoformat())
    sql = _STAFF_SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [_staff_from_tuple(r) for r in db.execute(sql, params)]


def first_staff_rows(
    db: Database, on: dt.date, limit: int
) -> list[tuple[Staff, Level | None, str | None]]:
    """The first ``limit`` people in the order they were added, each with the highest level
    they hold and the grade they hold on ``on``: one query, for the first screenful of the staff
    table while the whole list is read."""
    rank = " ".join(f"WHEN '{lv.value}' THEN {lv.rank}" for lv in Level)
    by_rank = {lv.rank: lv for lv in Level}
    columns = _STAFF_SELECT.removeprefix("SELECT ").removesuffix(" FROM staff")
    sql = f"""SELECT {columns},
            (SELECT MAX(CASE c.level {rank} END) FROM credentials c
             WHERE c.staff_id = s.id AND c.{_LIVE}),
            (SELECT g.grade_code FROM grade_appointments g
             WHERE g.staff_id = s.id AND g.appointed_on <= ? AND g.voided_on IS NULL
             ORDER BY g.appointed_on DESC LIMIT 1)
        FROM staff s ORDER BY s.id LIMIT ?"""
    return [
        (_staff_from_tuple(r), by_rank.get(r[13]), r[14])
        for r in db.execute(sql, [on.isoformat(), limit])
    ]


def highest_levels_in_post(db: Database, on: dt.date) -> dict[Level | None, int]:
    """How many people in post on ``on`` hold each level as their highest (None: no certificate),
    counted by SQLite."""
    rank = " ".join(f"WHEN '{lv.value}' THEN {lv.rank}" for lv in Level)
    rows = db.execute(
        f"""SELECT top, COUNT(*) FROM (
                SELECT MAX(CASE c.level {rank} END) AS top FROM staff s
                LEFT JOIN credentials c ON c.staff_id = s.id
                WHERE s.leave_date IS NULL OR s.leave_date > ? GROUP BY s.id)
            GROUP BY top""",
        [on.isoformat()],
    )
    by_rank = {lv.rank: lv for lv in Level}
    return {by_rank.get(top): n for top, n in rows}


def has_staff(db: Database) -> bool:
    return bool(db["staff"].count)


def staff_names(db: Database) -> dict[int, str]:
    return {r["id"]: r["name"] for r in db["staff"].rows_where(select="id, name")}


def staff_by_number(db: Database) -> dict[str, tuple[int, str]]:
    """Identity number → (staff id, name) of everyone: what an import checks its rows against."""
    # Tuples, not sqlite-utils' dict per row: an import into an agency of 20,000 reads them all.
    return {
        number: (staff_id, name)
        for staff_id, number, name in db.execute("SELECT id, id_number, name FROM staff")
    }


def staff_with_numbers(db: Database, numbers: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Like ``staff_by_number`` for the given numbers only (those on file)."""
    wanted = list(numbers)
    out: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join(["?"] * len(chunk))
        for row in db["staff"].rows_where(
            f"id_number IN ({marks})", chunk, select="id, id_number, name"
        ):
            out[row["id_number"]] = (row["id"], row["name"])
    return out


def insert_staff(db: Database, staff: Staff) -> int:
    return db["staff"].insert(staff_to_row(staff)).last_pk


def _next_ids(db: Database, table: str, n: int) -> list[int]:
    # The ids SQLite would give one insert after another (no AUTOINCREMENT: the largest + 1).
    (last,) = db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
    return list(range(last + 1, last + 1 + n))


def insert_staff_many(db: Database, people: Sequence[Staff]) -> list[int]:
    """Store checked people in one write; returns their new ids in order."""
    ids = _next_ids(db, "staff", len(people))
    if not ids:
        return ids
    names = ", ".join(("id", *STAFF_COLUMNS))
    marks = ", ".join("?" * (len(STAFF_COLUMNS) + 1))
    with undo_log.adding_rows(db, "staff", ids[0], ids[-1]):
        db.conn.executemany(
            f"INSERT INTO staff ({names}) VALUES ({marks})",
            ((i, *staff_values(p)) for i, p in zip(ids, people, strict=True)),
        )
    return ids


def update_staff(db: Database, staff_id: int, staff: Staff) -> None:
    db["staff"].update(staff_id, staff_to_row(staff))


# ---------------------------------------------------------------- credentials


# The columns of a certificate as `credential_to_row` gives them (an import's audit entries).
CREDENTIAL_COLUMNS = (
    "staff_id", "level", "certificate_number", "obtained_on", "issuing_body", "registered_on",
)  # fmt: skip


def credential_to_row(cred: Credential, staff_id: int) -> dict[str, Any]:
    return {
        "staff_id": staff_id,
        "level": cred.level.value,
        "certificate_number": cred.certificate_number,
        "obtained_on": iso(cred.obtained_on),
        "issuing_body": cred.issuing_body,
        "registered_on": iso(cred.registered_on),
    }


def credential_from_row(row: dict[str, Any]) -> Credential:
    return Credential(
        id=row["id"],
        staff_id=row["staff_id"],
        level=Level(row["level"]),
        certificate_number=row["certificate_number"],
        obtained_on=dt.date.fromisoformat(row["obtained_on"]),
        issuing_body=row["issuing_body"],
        registered_on=day(row["registered_on"]),
        voided_on=day(row["voided_on"]),
        void_reason=row["void_reason"],
    )


# A voided certificate was entered by mistake: every query but the person's history leaves it out.
_LIVE = "voided_on IS NULL"


def credential_with_number(db: Database, certificate_number: str) -> Credential | None:
    """The live credential of that number, in any case of its letters (g2021… is G2021…)."""
    rows = list(
        db["credentials"].rows_where(
            f"certificate_number = ? COLLATE NOCASE AND {_LIVE}", [certificate_number], limit=1
        )
    )
    return credential_from_row(rows[0]) if rows else None


def credential_by_id(db: Database, credential_id: int) -> Credential | None:
    """The credential with this id, voided or not."""
    rows = list(db["credentials"].rows_where("id = ?", [credential_id]))
    return credential_from_row(rows[0]) if rows else None


def credentials_of(db: Database, staff_id: int, *, voided: bool = False) -> list[Credential]:
    """A person's certificates by the date obtained; the voided ones too when asked (history)."""
    where = "staff_id = ?" if voided else f"staff_id = ? AND {_LIVE}"
    rows = db["credentials"].rows_where(where, [staff_id], order_by="obtained_on, id")
    return [credential_from_row(r) for r in rows]


def all_credentials(db: Database) -> dict[int, list[Credential]]:
    """Every live credential, by staff id: one query for a whole report."""
    out: dict[int, list[Credential]] = {}
    levels = {level.value: level for level in Level}
    rows = db.execute(
        "SELECT level, certificate_number, obtained_on, issuing_body, registered_on, staff_id, id, "
        f"voided_on, void_reason FROM credentials WHERE {_LIVE} ORDER BY staff_id, obtained_on, id"
    )
    for r in rows:
        cred = Credential(
            levels[r[0]], r[1], _parse_day(r[2]), r[3], day(r[4]), r[5], r[6],
            day(r[7]), r[8],
        )  # fmt: skip
        held = out.get(r[5])
        if held is None:
            out[r[5]] = [cred]
        else:
            held.append(cred)
    return out


def levels_held(db: Database) -> dict[int, list[tuple[Level, dt.date]]]:
    """Staff id -> (level, date obtained) of each live certificate, in the order of
    ``all_credentials``: what the award rule reads, as tuples, in one query."""
    out: dict[int, list[tuple[Level, dt.date]]] = {}
    levels = {level.value: level for level in Level}
    day_of = dt.date.fromisoformat
    rows = db.execute(
        f"SELECT staff_id, level, obtained_on FROM credentials WHERE {_LIVE} "
        "ORDER BY staff_id, obtained_on, id"
    )
    for sid, level, obtained in rows:
        held = out.get(sid)
        if held is None:
            out[sid] = [(levels[level], day_of(obtained))]
        else:
            held.append((levels[level], day_of(obtained)))
    return out


def credentials_in_order(db: Database) -> list[Credential]:
    """Every live credential in the order it was recorded."""
    return [credential_from_row(r) for r in db["credentials"].rows_where(_LIVE, order_by="id")]


def insert_credential(db: Database, staff_id: int, cred: Credential) -> int:
    return db["credentials"].insert(credential_to_row(cred, staff_id)).last_pk


def insert_credentials_many(db: Database, held: Sequence[tuple[int, Credential]]) -> list[int]:
    """Store checked (staff id, credential) pairs in one write; returns the new ids in order."""
    ids = _next_ids(db, "credentials", len(held))
    if not ids:
        return ids
    with undo_log.adding_rows(db, "credentials", ids[0], ids[-1]):
        insert_rows(
            db,
            "credentials",
            (
                {"id": i, **credential_to_row(cred, staff_id)}
                for i, (staff_id, cred) in zip(ids, held, strict=True)
            ),
        )
    return ids


def update_credential(db: Database, credential_id: int, cred: Credential) -> None:
    """Set the certificate's own fields (level, number, dates, issuer) to those of ``cred``."""
    row = credential_to_row(cred, cred.staff_id)  # type: ignore[arg-type]
    del row["staff_id"]
    db["credentials"].update(credential_id, row)


def void_credential(db: Database, credential_id: int, on: dt.date, reason: str) -> None:
    db["credentials"].update(credential_id, {"voided_on": on.isoformat(), "void_reason": reason})
