"""The worker's photo: the ``staff_photos`` table (which attachment, and the crop rectangle).

Every function works inside the caller's transaction; none writes the audit log.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from swdesk.domain.photos import Crop


def _crop(row: dict[str, Any]) -> Crop:
    return Crop(row["crop_left"], row["crop_top"], row["crop_width"], row["crop_height"])


def crop_row(crop: Crop) -> dict[str, int]:
    return {
        "crop_left": crop.left,
        "crop_top": crop.top,
        "crop_width": crop.width,
        "crop_height": crop.height,
    }


def photo_of(db: Database, staff_id: int) -> tuple[int, Crop] | None:
    """(attachment id, crop) of a person's photo, or None."""
    for row in db["staff_photos"].rows_where("staff_id = ?", [staff_id]):
        return row["attachment_id"], _crop(row)
    return None


def all_photos(db: Database) -> dict[int, tuple[int, Crop]]:
    """Everyone's photo by staff id: one query for a batch of forms."""
    return {row["staff_id"]: (row["attachment_id"], _crop(row)) for row in db["staff_photos"].rows}


def set_photo(db: Database, staff_id: int, attachment_id: int, crop: Crop) -> None:
    row = {"staff_id": staff_id, "attachment_id": attachment_id, **crop_row(crop)}
    db["staff_photos"].upsert(row, pk="staff_id")
