"""Values written into exported spreadsheets.

A text cell that starts with = + - @ (or a tab/CR) is run as a formula by spreadsheet programs:
a name or note typed as ``=HYPERLINK(...)`` must never become one. Real numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value to put in a cell: numbers and dates as they are, risky text neutralised."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime):
        return value
    text = str(value)
    if text.startswith(_TRIGGERS):
        return "'" + text
    return text
