import datetime as dt

import pytest

from swdesk.domain.errors import ValidationError
from swdesk.domain.training import attendee_hours, make_event, parse_form, parse_hours

D = dt.date(2026, 5, 10)


def event(**kw):
    fields = {"title": "个案管理专题培训", "form": "面授", "start": D, "end": D, "hours": 6}
    fields.update(kw)
    return make_event(**fields)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("面授", "face_to_face"),
        ("线上", "online"),
        ("网络培训", "online"),
        ("督导", "supervision"),
        ("研讨会", "conference"),
        ("其他", "other"),
        ("face_to_face", "face_to_face"),
        ("Face-to-face", "face_to_face"),
        (" online ", "online"),
    ],
)
def test_forms_as_offices_write_them(written: str, code: str) -> None:
    assert parse_form(written) == code


def test_unknown_form_names_the_value_and_the_choices() -> None:
    with pytest.raises(ValidationError) as err:
        parse_form("自学")
    assert "'自学'" in str(err.value)
    assert "面授" in str(err.value)
    assert err.value.field == "form"


@pytest.mark.parametrize(
    ("raw", "hours"), [(8, 8.0), ("1.5", 1.5), ("3学时", 3.0), (" 12 ", 12.0), (0.006, 0.01)]
)
def test_hours_are_read_from_cells_and_text(raw: object, hours: float) -> None:
    assert parse_hours(raw) == hours


# 0.0001 and 1e-320 would be kept as 0 hours (kept to the hundredth), which no record may hold.
@pytest.mark.parametrize("raw", [0, -2, "abc", "", True, float("nan"), 0.0001, "1e-320", 0.004])
def test_bad_hours_are_refused(raw: object) -> None:
    with pytest.raises(ValidationError) as err:
        parse_hours(raw)
    assert err.value.field == "hours"


def test_event_is_cleaned_and_one_day_events_need_no_end() -> None:
    e = make_event(title="  社会工作  伦理 ", form="督导", start=D, end=None, hours="3")
    assert (e.title, e.form, e.start, e.end, e.hours, e.kind) == (
        "社会工作 伦理",
        "supervision",
        D,
        D,
        3.0,
        "event",
    )
    assert e.days == 1


def test_event_ending_before_it_starts_is_refused_with_both_dates() -> None:
    with pytest.raises(ValidationError) as err:
        event(end=D - dt.timedelta(days=1))
    assert "2026-05-09" in str(err.value) and "2026-05-10" in str(err.value)
    assert err.value.field == "end"


def test_more_in_person_hours_than_the_days_hold_is_a_typing_slip() -> None:
    with pytest.raises(ValidationError) as err:
        event(hours=80)
    assert "80" in str(err.value) and err.value.field == "hours"
    assert event(hours=30, end=D + dt.timedelta(days=1)).hours == 30
    # An online course is dated by the day it was completed.
    assert event(hours=40, form="线上").hours == 40


def test_empty_title_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        event(title="   ")
    assert err.value.field == "title"


def test_attendee_gets_event_hours_or_fewer_never_more() -> None:
    e = event(hours=6)
    assert attendee_hours(e, None) == 6
    assert attendee_hours(e, "") == 6
    assert attendee_hours(e, "2.5") == 2.5
    with pytest.raises(ValidationError) as err:
        attendee_hours(e, 7)
    assert "7" in str(err.value) and "6" in str(err.value)
