import datetime as dt

import pytest

from swdesk.domain.grades import check_appointment, could_move_up
from swdesk.domain.levels import Band, Level
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile

FCG = find_profile("fangchenggang-2023")
BJ = find_profile("beijing-2017")
D = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    "grade, held, allowed",
    [
        ("ASW2", [], False),
        ("ASW2", [Level.ASSISTANT], True),
        ("ASW1", [Level.SOCIAL_WORKER], True),  # a higher certificate opens the lower posts too
        ("SW3", [Level.ASSISTANT], False),
        ("SW1", [Level.ASSISTANT, Level.SOCIAL_WORKER], True),
        ("SW2", [Level.SENIOR], True),
    ],
)
def test_grade_needs_the_certificate_of_its_band(
    grade: str, held: list[Level], allowed: bool
) -> None:
    result = check_appointment(FCG, grade, [(lv, dt.date(2020, 1, 1)) for lv in held], D)
    assert result.allowed is allowed
    assert result.clause.ref == "FCG-2023 (十)"


def test_refusal_gives_reason_and_the_profiles_clause() -> None:
    result = check_appointment(BJ, "SW1", [(Level.ASSISTANT, dt.date(2020, 1, 1))], D)
    assert not result.allowed
    assert "Social worker certificate" in describe(result.reason)
    assert "Assistant social worker" in describe(result.reason)
    assert result.clause.ref == "BJ-2017 三(六)"


def test_certificate_obtained_after_the_appointment_date_does_not_count() -> None:
    held = [(Level.SOCIAL_WORKER, dt.date(2025, 6, 1))]
    assert not check_appointment(FCG, "SW3", held, D).allowed
    assert check_appointment(FCG, "SW3", held, dt.date(2025, 6, 1)).allowed


def test_could_move_up() -> None:
    asw1 = FCG.grade("ASW1")
    assert could_move_up(FCG, asw1, [Level.ASSISTANT, Level.SOCIAL_WORKER]) is Band.INTERMEDIATE
    assert could_move_up(FCG, asw1, [Level.ASSISTANT]) is None
    assert could_move_up(FCG, None, [Level.ASSISTANT]) is Band.JUNIOR
    assert could_move_up(FCG, None, []) is None
    # Senior posts are "to be defined later": a senior holder on SW1 has nowhere higher to go.
    assert could_move_up(FCG, FCG.grade("SW1"), [Level.SENIOR]) is None
