"""Periods of years and months counted as the Civil Code counts (民法典 第201–203条): the start day is
not counted, the period ends on the corresponding day of its last month, or on that month's last
day where there is none. One function (swdesk.domain.dates.period_end) does it for every rule."""

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain.awards import service_complete_on
from swdesk.domain.dates import add_months, add_years, period_end
from swdesk.domain.levels import Level
from swdesk.domain.registration import first_registration_deadline, valid_until, window_opens
from swdesk.domain.staff import Credential
from swdesk.policies import find_profile

FCG = find_profile("fangchenggang-2023")
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31))
spans = st.integers(min_value=-1200, max_value=1200)


def test_the_three_cases_of_the_issue() -> None:
    rules = FCG.registration
    assert valid_until(dt.date(2020, 2, 29), rules) == dt.date(2023, 2, 28)
    passed = Credential(Level.ASSISTANT, "Z1", dt.date(2024, 6, 1))
    assert first_registration_deadline(passed, rules) == dt.date(2025, 6, 1)
    assert service_complete_on(FCG.level_award, dt.date(2022, 3, 1)) == dt.date(2024, 3, 1)


def test_the_renewal_window_opens_on_the_corresponding_day_before_expiry() -> None:
    rules = FCG.registration
    assert valid_until(dt.date(2024, 3, 1), rules) == dt.date(2027, 3, 1)
    assert window_opens(dt.date(2024, 3, 1), rules) == dt.date(2026, 12, 1)
    # Valid until 2026-05-31: three months before, 2026-02-31 does not exist, so 2026-02-28.
    assert window_opens(dt.date(2023, 5, 31), rules) == dt.date(2026, 2, 28)


def test_month_ends() -> None:
    assert period_end(dt.date(2024, 1, 31), months=1) == dt.date(2024, 2, 29)
    assert period_end(dt.date(2023, 1, 31), months=1) == dt.date(2023, 2, 28)
    assert period_end(dt.date(2024, 8, 31), months=1) == dt.date(2024, 9, 30)
    assert period_end(dt.date(2024, 2, 29), years=4) == dt.date(2028, 2, 29)
    assert period_end(dt.date(2024, 2, 29), years=1, months=1) == dt.date(2025, 3, 29)


@given(days, spans)
def test_the_corresponding_day_or_the_last_day_of_the_month(day: dt.date, months: int) -> None:
    end = period_end(day, months=months)
    month_index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(month_index, 12)
    assert (end.year, end.month) == (year, month0 + 1)
    last = calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(day.day, last)


@given(days, st.integers(min_value=-100, max_value=100))
def test_years_are_twelve_months(day: dt.date, years: int) -> None:
    assert period_end(day, years=years) == add_years(day, years) == add_months(day, 12 * years)


@given(days, days, spans)
def test_a_later_start_never_ends_earlier(a: dt.date, b: dt.date, months: int) -> None:
    first, second = sorted((a, b))
    assert period_end(first, months=months) <= period_end(second, months=months)


@given(days, st.integers(min_value=1, max_value=600))
def test_each_month_more_ends_later(day: dt.date, months: int) -> None:
    end = period_end(day, months=months)
    assert period_end(day, months=months - 1) < end
    # Counted back from its end, a period never starts after the day it was counted from.
    assert add_months(end, -months) <= day


@given(days)
def test_a_day_whose_number_every_month_has_comes_back(day: dt.date) -> None:
    if day.day <= 28:
        for months in (1, 5, 12, 36, -7):
            assert add_months(add_months(day, months), -months) == day
