"""Dates as agencies write them: Excel dates, 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日."""

from __future__ import annotations

import datetime as dt
import re

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: object, field: str | None = None) -> dt.date:
    """One date from a cell or a typed string, or ValidationError saying what was expected."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # A date cell read without its format is Excel's serial day number.
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value).strip().translate(_FULLWIDTH)
    text = re.sub(r"\s+00:00(:00)?$", "", text)
    match = _PATTERN.match(text) or _COMPACT.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise ValidationError(
        _("{value!r} is not a date; write it as 2024-05-01, 2024/5/1 or 2024年5月1日.").format(
            value=str(value)
        ),
        field,
    )


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
