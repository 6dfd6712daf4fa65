import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError

regions = st.sampled_from(["450602", "110105", "450681", "310101"])
births = st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2010, 12, 31))
sequences = st.integers(min_value=0, max_value=999)


def test_known_numbers_from_the_sample_roster() -> None:
    info = idnumber.parse("450602198904170420")
    assert info.birth_date == dt.date(1989, 4, 17)
    assert info.sex == "F"
    assert idnumber.parse("450602198610020451").sex == "M"


def test_check_character_x_and_lowercase_and_fullwidth_are_accepted() -> None:
    first17 = next(
        f"11010519900307{n:03d}"
        for n in range(1000)
        if idnumber.check_character(f"11010519900307{n:03d}") == "X"
    )
    assert idnumber.parse(first17 + "x").number == first17 + "X"
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in first17) + "Ｘ"
    assert idnumber.parse(fullwidth).number == first17 + "X"


def test_wrong_check_character_names_the_right_one() -> None:
    with pytest.raises(ValidationError) as err:
        idnumber.parse("450602199712080501")  # the mistake in roster-with-mistakes.xlsx
    assert "should be 5" in str(err.value)
    assert err.value.field == "id_number"


@pytest.mark.parametrize(
    "raw, words",
    [
        ("4506021989041704", "18 characters"),
        ("4.5060219930125e+17", "18 characters"),
        ("45060219890417042A", "17 digits"),
        ("450602198902300425", "impossible birth date"),
    ],
)
def test_malformed_numbers_say_what_is_wrong(raw: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        idnumber.parse(raw)


@given(regions, births, sequences)
def test_made_numbers_parse_back_to_what_they_encode(region: str, birth: dt.date, seq: int) -> None:
    number = idnumber.make(region, birth, seq)
    info = idnumber.parse(number)
    assert info.birth_date == birth
    assert info.sex == ("M" if seq % 2 else "F")
    assert info.region == region


@given(regions, births, sequences, st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(
    region: str, birth: dt.date, seq: int, pos: int, delta: int
) -> None:
    number = idnumber.make(region, birth, seq)
    digit = (int(number[pos]) + delta) % 10
    changed = number[:pos] + str(digit) + number[pos + 1 :]
    # MOD 11-2 detects every single substitution; a change may also break the birth date first.
    assert not idnumber.is_valid(changed)


@given(regions, births, sequences, st.integers(min_value=0, max_value=15))
def test_swapping_adjacent_different_digits_is_caught(
    region: str, birth: dt.date, seq: int, pos: int
) -> None:
    number = idnumber.make(region, birth, seq)
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
    assert not idnumber.is_valid(swapped)


def test_mask_keeps_four_and_four() -> None:
    assert idnumber.mask("450602198904170420") == "4506**********0420"
