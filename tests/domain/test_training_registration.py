import datetime as dt

import pytest

from swdesk.domain.ce_compliance import Period, Status, assess
from swdesk.domain.levels import Level
from swdesk.domain.registration import RegState, current_credential, registration_status
from swdesk.domain.reminders import Severity, ce_reminder, registration_reminder
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile

FCG = find_profile("fangchenggang-2023")
RULES = FCG.registration
ANNUAL = next(q for q in FCG.ce_requirements if q.id == "annual")
PERIOD_REQ = next(q for q in FCG.ce_requirements if q.id == "registration_period")
PERSON = Staff(
    name="梁伟",
    id_number="450602199001011234",
    sex="M",
    birth_date=dt.date(1990, 1, 1),
    hire_date=dt.date(2015, 1, 1),
    id=7,
)


def cred(obtained=dt.date(2023, 6, 20), registered=None, level=Level.ASSISTANT):
    return Credential(level, "Z202345000001", obtained, registered_on=registered, staff_id=7)


@pytest.mark.parametrize(
    ("registered", "as_of", "state", "due"),
    [
        # 民法典 第201–203条: the day obtained is not counted, the year ends on 2024-06-20.
        (None, dt.date(2024, 6, 20), RegState.DUE, dt.date(2024, 6, 20)),
        (None, dt.date(2024, 6, 21), RegState.OVERDUE, dt.date(2024, 6, 20)),
        (dt.date(2024, 3, 1), dt.date(2026, 11, 30), RegState.VALID, dt.date(2027, 3, 1)),
        (dt.date(2024, 3, 1), dt.date(2026, 12, 1), RegState.OPEN, dt.date(2027, 3, 1)),
        (dt.date(2024, 3, 1), dt.date(2027, 3, 1), RegState.OPEN, dt.date(2027, 3, 1)),
        (dt.date(2024, 3, 1), dt.date(2027, 3, 2), RegState.EXPIRED, dt.date(2027, 3, 1)),
        # Registered after the day asked about: on that day it was not yet registered.
        (dt.date(2024, 3, 1), dt.date(2024, 1, 5), RegState.DUE, dt.date(2024, 6, 20)),
    ],
)
def test_registration_states_at_their_boundaries(registered, as_of, state, due) -> None:
    status = registration_status(cred(registered=registered), RULES, as_of)
    assert (status.state, status.due) == (state, due)
    assert status.clause.ref == "民发〔2009〕44号"


def test_window_opens_three_months_before_expiry() -> None:
    status = registration_status(cred(registered=dt.date(2024, 3, 1)), RULES, dt.date(2025, 1, 1))
    assert status.window_opens == dt.date(2026, 12, 1)
    assert status.valid_until == dt.date(2027, 3, 1)


def test_current_credential_is_the_highest_held() -> None:
    low = cred()
    high = Credential(Level.SOCIAL_WORKER, "S1", dt.date(2025, 6, 20))
    assert current_credential([low, high], dt.date(2026, 1, 1)) is high
    assert current_credential([low, high], dt.date(2024, 1, 1)) is low
    assert current_credential([low, high], dt.date(2020, 1, 1)) is None


def annual(raw, as_of):
    return assess(
        staff=PERSON,
        credentials=[cred()],
        requirement=ANNUAL,
        period=Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        as_of=as_of,
        raw=raw,
    )


def test_behind_in_summer_is_a_medium_reminder_with_the_numbers() -> None:
    as_of = dt.date(2026, 7, 1)
    reminder = ce_reminder(PERSON, annual({"online": 5}, as_of), as_of)
    assert reminder.kind == "ce_behind"
    assert reminder.severity is Severity.MEDIUM
    assert reminder.due == dt.date(2026, 12, 31)
    assert "5 of 50 hours" in describe(reminder.message)
    assert "45 more needed" in describe(reminder.message)
    assert reminder.clause == "FCG-2023 (八)"
    assert (reminder.staff_id, reminder.id_number, reminder.name) == (7, PERSON.id_number, "梁伟")
    assert ce_reminder(PERSON, annual({"online": 30}, as_of), as_of) is None  # on pace


def test_short_in_the_last_two_months_even_on_pace() -> None:
    as_of = dt.date(2026, 11, 21)
    behind = ce_reminder(PERSON, annual({"online": 20}, as_of), as_of)
    assert (behind.kind, behind.severity) == ("ce_short_period_end", Severity.HIGH)
    assert "30 hours" in describe(behind.message)
    on_pace = ce_reminder(PERSON, annual({"online": 46}, as_of), as_of)
    assert (on_pace.kind, on_pace.severity) == ("ce_short_period_end", Severity.MEDIUM)
    assert ce_reminder(PERSON, annual({"online": 50}, as_of), as_of) is None


def test_registration_reminders() -> None:
    due_far = registration_status(cred(), RULES, dt.date(2023, 8, 1))
    assert registration_reminder(PERSON, due_far, dt.date(2023, 8, 1)).severity is Severity.LOW
    due_soon = registration_status(cred(), RULES, dt.date(2024, 4, 1))
    r = registration_reminder(PERSON, due_soon, dt.date(2024, 4, 1))
    assert (r.kind, r.severity, r.due) == (
        "registration_due",
        Severity.MEDIUM,
        dt.date(2024, 6, 20),
    )
    assert "Z202345000001" in describe(r.message)
    overdue = registration_status(cred(), RULES, dt.date(2024, 7, 1))
    r = registration_reminder(PERSON, overdue, dt.date(2024, 7, 1))
    assert (r.kind, r.severity) == ("registration_overdue", Severity.HIGH)
    valid = registration_status(cred(registered=dt.date(2024, 3, 1)), RULES, dt.date(2025, 1, 1))
    assert registration_reminder(PERSON, valid, dt.date(2025, 1, 1)) is None


def test_open_window_says_whether_the_hours_are_there() -> None:
    as_of = dt.date(2026, 12, 15)
    c = cred(registered=dt.date(2024, 3, 1))
    status = registration_status(c, RULES, as_of)
    period = Period(dt.date(2024, 3, 1), dt.date(2027, 3, 1))

    def hours(raw):
        return assess(
            staff=PERSON, credentials=[c], requirement=PERIOD_REQ, period=period,
            as_of=as_of, raw=raw,
        )  # fmt: skip

    short = registration_reminder(PERSON, status, as_of, hours({"online": 60}))
    assert (short.kind, short.severity) == ("renewal_open", Severity.HIGH)
    assert "60 of 72 hours" in describe(short.message)
    done = registration_reminder(PERSON, status, as_of, hours({"online": 80}))
    assert (done.kind, done.severity) == ("renewal_open", Severity.MEDIUM)
    assert hours({"online": 80}).status is Status.MET
    late = dt.date(2027, 3, 2)
    expired = registration_reminder(PERSON, registration_status(c, RULES, late), late)
    assert (expired.kind, expired.severity) == ("registration_expired", Severity.HIGH)
