"""Values written into exported spreadsheets.

A text cell that starts with = + - @ (or a tab/CR) is run as a formula by spreadsheet programs:
a name or note typed as ``=HYPERLINK(...)`` must never become one. Real numbers stay numbers.

In CSV the only defence is a leading apostrophe (``safe_cell``). In .xlsx the cell can say what it
is: ``write_cell`` stores such text as a string cell marked "quote prefix", as Excel does when a
user types '=..., so the text shows exactly as typed and is never evaluated.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from swdesk.domain.text import printable

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value to put in a cell: numbers and dates as they are, risky text neutralised; a
    control character (which no workbook may hold) shown as U+FFFD; an infinite number as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime):
        return value
    text = printable(value)
    if text.startswith(_TRIGGERS):
        return "'" + text
    return text


def is_risky(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_TRIGGERS)


def write_cell(sheet: Any, row: int, column: int, value: object) -> Any:
    """Put ``value`` into an openpyxl sheet; risky text stays visible as typed but inert."""
    if not is_risky(value):
        return sheet.cell(row=row, column=column, value=safe_cell(value))
    cell = sheet.cell(row=row, column=column)
    cell.value = printable(value)
    # openpyxl reads a leading '=' as a formula; say it is a string, quoted like a typed '=.
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
