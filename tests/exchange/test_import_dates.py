"""Every way offices write a date reads as the same day; numbers that are not dates are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain.errors import ValidationError
from swdesk.exchange import values

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FULL = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")


def written_forms(day: dt.date) -> list[object]:
    serial = (day - _EXCEL_EPOCH).days
    iso = day.isoformat()
    return [
        day,
        dt.datetime(day.year, day.month, day.day, 0, 0),
        serial,  # a date cell read without its format
        serial + 0.5,  # a date and time cell
        iso,
        f"{iso} 00:00:00",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}年{day.month}月{day.day}日",
        f" {day.year} 年 {day.month} 月 {day.day} 日 ",
        iso.translate(_FULL),
        f"{day:%Y%m%d}",
        int(f"{day:%Y%m%d}"),  # 20240501 typed into a number cell
    ]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_written_form_reads_as_the_same_day(day):
    for form in written_forms(day):
        assert values.date(form) == day, form


@pytest.mark.parametrize("value", [2019, 201903, 45, "2024年5月", "2024-02-30", "明年", 1e9])
def test_numbers_and_words_that_are_not_dates(value):
    with pytest.raises(ValidationError, match="date"):
        values.date(value)
