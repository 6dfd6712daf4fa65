"""The audit log: every change, who made it, when, with old and new values as JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from swdesk.domain.text import readable_name
from swdesk.storage.bulk import insert_rows


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# One encoder for every entry: json.dumps with options makes a new one at each call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def _json(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    text = _ENCODER.encode(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A path the system could not decode (a restore from a GBK-named backup): the entry is
        # kept, readable, rather than refused with the change it records.
        return readable_name(text)
    return text


def record(
    db: Database,
    *,
    user: str,
    action: str,
    table: str,
    row_id: int | None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    staff_id: int | None = None,
) -> None:
    # Plain SQL: sqlite-utils' insert looks the table up each time, and a receipt of a
    # thousand files writes a few thousand entries.
    db.execute(
        """INSERT INTO audit_log (at, user, action, table_name, row_id, staff_id, old, new)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [_now(), user, action, table, row_id, staff_id, _json(old), _json(new)],
    )


def record_added(
    db: Database,
    *,
    user: str,
    action: str,
    table: str,
    added: Iterable[tuple[int, dict[str, Any], int | None]],
) -> None:
    """The entry of each row an import added — (row id, its values, staff id) — in one write."""
    at = _now()
    insert_rows(
        db,
        "audit_log",
        (
            {
                "at": at,
                "user": user,
                "action": action,
                "table_name": table,
                "row_id": row_id,
                "staff_id": staff_id,
                "old": None,
                "new": _json(new),
            }
            for row_id, new, staff_id in added
        ),
    )


def record_added_rows(
    db: Database,
    *,
    user: str,
    action: str,
    table: str,
    columns: Sequence[str],
    ids: Sequence[int],
    staff_column: str,
) -> None:
    """The entry of each row of ``table`` an import added (``ids``: one after another, as the
    bulk writes give them): its ``columns`` as stored, the person in ``staff_column`` — made by
    SQLite from the rows just written, in one statement.

    Each new value is the JSON object of the row's columns, as `record_added` writes it from the
    same values in Python (SQLite's JSON has no spaces; read back, it is the same dict): for a
    10,000-person import, encoding an object per person in Python was a sixth of the import."""
    if not ids:
        return
    if list(ids) != list(range(ids[0], ids[0] + len(ids))):
        raise ValueError("the ids of a bulk write follow one another")
    image = "json_object(" + ", ".join(f"'{c}', t.\"{c}\"" for c in columns) + ")"
    db.execute(
        f"""INSERT INTO audit_log (at, user, action, table_name, row_id, staff_id, old, new)
            SELECT ?, ?, ?, ?, t.id, t."{staff_column}", NULL, {image}
            FROM "{table}" AS t WHERE t.id BETWEEN ? AND ? ORDER BY t.id""",
        [_now(), user, action, table, ids[0], ids[-1]],
    )


def entries(
    db: Database, *, since: dt.date | None = None, staff_id: int | None = None
) -> list[dict[str, Any]]:
    where, params = [], []
    if since:
        where.append("at >= ?")
        params.append(since.isoformat())
    if staff_id is not None:
        where.append("staff_id = ?")
        params.append(staff_id)
    rows = db["audit_log"].rows_where(" AND ".join(where) or None, params, order_by="id")
    out = []
    for row in rows:
        row = dict(row)
        row["old"] = json.loads(row["old"]) if row["old"] else None
        row["new"] = json.loads(row["new"]) if row["new"] else None
        out.append(row)
    return out


def record_void(
    db: Database,
    *,
    user: str,
    action: str,
    table: str,
    row_id: int,
    staff_id: int | None,
    on: dt.date,
    reason: str,
) -> None:
    """The entry of a record voided (a certificate, an appointment, a payment): from live to
    voided on ``on`` for ``reason``."""
    record(
        db,
        user=user,
        action=action,
        table=table,
        row_id=row_id,
        old={"voided_on": None, "void_reason": ""},
        new={"voided_on": on, "void_reason": reason},
        staff_id=staff_id,
    )
