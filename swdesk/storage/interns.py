"""The ``interns`` table (migration 0008) and the agency's recognition as an employment-practice
base (就业见习基地), kept in ``settings``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from sqlite_utils import Database

from swdesk.domain.interns import Intern
from swdesk.storage import settings

BASE_KEY = "intern_base"  # {"recognised_by": "…人力资源和社会保障局", "on": "2024-03-01"}


def _from_row(r: dict[str, Any]) -> Intern:
    return Intern(
        r["id"], r["name"], r["id_number"], r["sex"], dt.date.fromisoformat(r["birth_date"]),
        r["school"], dt.date.fromisoformat(r["graduated_on"]),
        dt.date.fromisoformat(r["started_on"]), r["months"], bool(r["work_injury_insurance"]),
        r["phone"], r["note"],
    )  # fmt: skip


def to_row(intern: Intern) -> dict[str, Any]:
    return {
        "name": intern.name,
        "id_number": intern.id_number,
        "sex": intern.sex,
        "birth_date": intern.birth_date.isoformat(),
        "school": intern.school,
        "graduated_on": intern.graduated_on.isoformat(),
        "started_on": intern.started_on.isoformat(),
        "months": intern.months,
        "work_injury_insurance": int(intern.work_injury_insurance),
        "phone": intern.phone,
        "note": intern.note,
    }


def insert(db: Database, intern: Intern) -> int | None:
    """The new row's id; None when the person's practice from that day is already recorded."""
    try:
        return db["interns"].insert(to_row(intern)).last_pk
    except sqlite3.IntegrityError:
        return None


def delete(db: Database, intern_id: int) -> None:
    db["interns"].delete(intern_id)


def all_interns(db: Database) -> list[Intern]:
    return [_from_row(r) for r in db["interns"].rows_where(order_by="started_on, id")]


def started_between(db: Database, start: dt.date, end: dt.date) -> list[Intern]:
    rows = db["interns"].rows_where(
        "started_on BETWEEN ? AND ?",
        [start.isoformat(), end.isoformat()],
        order_by="started_on, id",
    )
    return [_from_row(r) for r in rows]


def get_base(db: Database) -> dict[str, str] | None:
    value = settings.get(db, BASE_KEY)
    return json.loads(value) if value else None


def put_base(db: Database, recognised_by: str, on: dt.date) -> None:
    value = json.dumps({"recognised_by": recognised_by, "on": on.isoformat()}, ensure_ascii=False)
    settings.put(db, BASE_KEY, value)
