"""Identity numbers and credit codes checked by python-stdnum (stdnum.cn.ric, stdnum.cn.uscc) with
swdesk's own messages: a wrong check character is an error, a region the table does not know for
the birth year a warning the user may accept; a number is never shown whole."""

import datetime as dt

import pytest
from stdnum.cn import uscc

from swdesk.domain import idnumber
from swdesk.domain.agency import check_credit_code, credit_code_check
from swdesk.domain.errors import UnknownRegion, ValidationError
from swdesk.domain.staff import make_staff
from swdesk.i18n.reasons import describe

TODAY = dt.date(2026, 11, 21)
NO_COUNTY = "990426199112010074"
NOT_YET = "110111198012010078"  # 房山区 from 1986, born 1980
NO_LONGER = "110201199312010077"  # 昌平县 until 1982, born 1993


def test_a_known_region_names_its_county() -> None:
    info = idnumber.parse(idnumber.make("450602", dt.date(1995, 5, 1), 123))
    assert info.region_known and info.place == "广西壮族自治区 港口区"
    assert idnumber.parse(idnumber.make("452822", dt.date(1988, 3, 14), 211)).place.endswith(
        "防城各族自治县"
    )


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (NO_COUNTY, "no county has the region code 990426"),
        (
            NOT_YET,
            "the region code 110111 was 房山区 (1986–…), not a county in the birth year 1980",
        ),
        (
            NO_LONGER,
            "the region code 110201 was 昌平县 (…–1982), not a county in the birth year 1993",
        ),
    ],
)
def test_an_unknown_region_is_a_warning_that_says_what_was_found(number: str, words: str) -> None:
    info = idnumber.parse(number)  # not an error
    assert not info.region_known and info.place == ""
    text = describe(info.region_problem)
    assert words in text
    assert number not in text and idnumber.mask(number) in text
    assert info.region_problem.clause == "GB 11643-1999"


def test_making_a_staff_record_refuses_it_unless_accepted() -> None:
    with pytest.raises(UnknownRegion) as err:
        make_staff(name="张三", id_number=NOT_YET, today=TODAY)
    assert err.value.field == "id_number"
    assert "accept it" in str(err.value) and NOT_YET not in str(err.value)
    kept = make_staff(name="张三", id_number=NOT_YET, today=TODAY, accept_unknown_region=True)
    assert kept.id_number == NOT_YET


def test_a_wrong_check_character_stays_an_error_even_with_an_unknown_region() -> None:
    wrong = NO_COUNTY[:17] + ("5" if NO_COUNTY[17] != "5" else "6")
    with pytest.raises(ValidationError, match="should be 4") as err:
        idnumber.parse(wrong)
    assert not isinstance(err.value, UnknownRegion)
    assert wrong not in str(err.value)


def test_the_check_character_agrees_with_stdnum() -> None:
    from stdnum.cn import ric

    for seq in range(0, 1000, 37):
        number = idnumber.make("110105", dt.date(1985, 7, 9), seq)
        assert ric.is_valid(number)


def test_credit_codes() -> None:
    good = "52450600MJ0123456" + credit_code_check("52450600MJ0123456")
    assert uscc.is_valid(good) and check_credit_code(good.lower()) == good
    assert check_credit_code(" 9111 0000 6000 3734 1L ") == "91110000600037341L"
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError, match="check character"):
        check_credit_code(wrong)
    for bad in ("A1110000600037341L", "12345", "91110000600037341O"):
        with pytest.raises(ValidationError, match="18 letters and digits") as err:
            check_credit_code(bad)
        assert err.value.field == "credit_code"
