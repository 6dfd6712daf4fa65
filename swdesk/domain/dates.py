"""Dates as agencies write them: Excel dates, 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
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


# Pure and asked for the same few days again and again (every person's period end, every
# registration's last day): a report over 20,000 people computes each once.
@functools.lru_cache(maxsize=8192)
def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later (earlier when negative), or the last day of that
    month where it has none: 31 January + 1 month is 28 (or 29) February."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """The corresponding day ``years`` later: 29 February becomes 28 February in common years."""
    return add_months(day, 12 * years)


def period_end(start: dt.date, *, years: int = 0, months: int = 0) -> dt.date:
    """The last day of a period of years and months that begins with the event on ``start``,
    counted as the Civil Code counts (民法典 第201–203条): the start day itself is not counted,
    and the period ends on the corresponding day of its last month, or on that month's last day
    where there is none.

    A registration of 2020-02-29 valid 3 years runs to 2023-02-28; a first registration due
    within a year of passing on 2024-06-01 is due by 2025-06-01; 2 full years from 2022-03-01
    are complete on 2024-03-01. (第203条 moves a last day that is a public holiday to the next
    working day; the program knows no holiday calendar and does not.)
    """
    return add_months(start, 12 * years + months)
