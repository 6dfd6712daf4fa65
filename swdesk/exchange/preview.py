"""A value as the import preview shows it: what will be stored, in the words of the windows — a
date as a date (not ``2016-07-15 00:00:00``), 是 as yes, M as 男, a level by its name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from swdesk.i18n import _, format_number


def shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field == "sex" and value in ("M", "F"):
        return _("male") if value == "M" else _("female")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | int):
        return format_number(value)
    label = getattr(value, "label", None)
    if callable(label):
        return str(label())
    return str(value)
