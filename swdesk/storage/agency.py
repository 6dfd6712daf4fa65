"""The agency that keeps the data file: the one-row ``agency`` table (its identity heads every
form; ``profile_id`` names its policy profile)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def agency_row(db: Database) -> dict[str, Any] | None:
    rows = list(db["agency"].rows_where("id = 1"))
    return rows[0] if rows else None


def save_agency(db: Database, row: dict[str, Any]) -> None:
    """Create or replace the agency's row (``row`` without ``id``: there is only one)."""
    db["agency"].upsert({"id": 1, **row}, pk="id")
