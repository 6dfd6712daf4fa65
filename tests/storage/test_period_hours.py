"""The hours of a period summed in SQL: a period alone (one row per person, a column per form)
gives what the grouped query that keeps a period before apart gives for the same period."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.services.workspace import Workspace
from swdesk.storage import training as store


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_period_alone_sums_as_the_query_with_a_period_before(
    demo_ws: Workspace, year: int
) -> None:
    start, upto = dt.date(year, 1, 1), dt.date(year, 11, 21)
    alone = store.hours_in_window(demo_ws.db, start, upto)
    with_before = store.hours_in_window(demo_ws.db, start, upto, dt.date(year - 1, 1, 1))
    current, previous, subjects = alone
    assert current, "the demo has training in the year"
    assert previous == {}
    assert current == with_before[0] and subjects == with_before[2]
    assert all(set(forms) <= {"face_to_face", "online", "supervision", "conference", "other",
                              "degree"} and all(h > 0 for h in forms.values())
               for forms in current.values())  # fmt: skip
    # Per person with windows of their own: the same hours.
    windows = {sid: (start, start, upto) for sid in current}
    per_person = store.hours_in_periods(demo_ws.db, windows)
    assert per_person[0] == current and per_person[2] == subjects
    earlier = {sid: (dt.date(year - 1, 1, 1), start, upto) for sid in current}
    assert store.hours_in_periods(demo_ws.db, earlier)[0] == current
