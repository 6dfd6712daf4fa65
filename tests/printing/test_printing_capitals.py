"""Chinese financial capitals: hand-checked cases and properties over all amounts."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.printing.capitals import DIGITS, LIMIT, to_capitals

# Cases from the rules (中国人民银行《正确填写票据和结算凭证的基本规定》) and the task, checked by hand.
CASES = [
    (1000, "壹仟元整"),
    (Decimal("1234.56"), "壹仟贰佰叁拾肆元伍角陆分"),
    (1005, "壹仟零伍元整"),
    (100000, "壹拾万元整"),
    (0, "零元整"),
    (Decimal("0.00"), "零元整"),
    (16, "壹拾陆元整"),
    (Decimal("1409.50"), "壹仟肆佰零玖元伍角整"),
    (Decimal("6007.14"), "陆仟零柒元壹角肆分"),
    (Decimal("16409.02"), "壹万陆仟肆佰零玖元零贰分"),
    (Decimal("325.04"), "叁佰贰拾伍元零肆分"),
    (Decimal("107000.53"), "壹拾万零柒仟元伍角叁分"),
    (Decimal("1680.32"), "壹仟陆佰捌拾元叁角贰分"),
    (Decimal("0.56"), "伍角陆分"),
    (Decimal("0.06"), "陆分"),
    (Decimal("0.5"), "伍角整"),
    (Decimal("1000.06"), "壹仟元零陆分"),
    (2000, "贰仟元整"),
    (5000, "伍仟元整"),
    (20000, "贰万元整"),
    (100100000, "壹亿零壹拾万元整"),
    (100000001, "壹亿零壹元整"),
    (10**12, "壹万亿元整"),
    (1000100000000, "壹万零壹亿元整"),
]


@pytest.mark.parametrize(("amount", "expected"), CASES)
def test_hand_checked_amounts(amount: Decimal | int, expected: str) -> None:
    assert to_capitals(amount) == expected


@pytest.mark.parametrize(
    "amount", [Decimal("-1"), Decimal("0.001"), LIMIT, Decimal("NaN"), Decimal("Infinity")]
)
def test_amounts_that_cannot_be_written_are_refused(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        to_capitals(amount)


@pytest.mark.parametrize("amount", [1.5, "12", True])
def test_only_decimal_or_int(amount: object) -> None:
    with pytest.raises(TypeError):
        to_capitals(amount)  # type: ignore[arg-type]


_PLACE = {"拾": 10, "佰": 100, "仟": 1000}


def parse_capitals(text: str) -> Decimal:
    """Read 大写金额 back to a number, independently of how to_capitals builds it."""
    body = text.removesuffix("整")
    yuan_text, _, small = body.rpartition("元") if "元" in body else ("", "", body)
    total = section = number = 0
    for char in yuan_text:
        if char in DIGITS:
            number = DIGITS.index(char)
        elif char in _PLACE:
            section += number * _PLACE[char]
            number = 0
        elif char == "万":
            section = (section + number) * 10_000
            number = 0
        elif char == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        else:
            raise AssertionError(char)
    fen = 0
    for digit, unit in re.findall("([零壹贰叁肆伍陆柒捌玖])([角分]?)", small):
        fen += DIGITS.index(digit) * {"角": 10, "分": 1, "": 0}[unit]
    return Decimal(total + section + number) + Decimal(fen) / 100


amounts = st.integers(min_value=0, max_value=10**18 - 1).map(lambda fen: Decimal(fen) / 100)


@given(amounts)
def test_capitals_read_back_to_the_same_amount(amount: Decimal) -> None:
    assert parse_capitals(to_capitals(amount)) == amount


@given(amounts)
def test_capitals_follow_the_writing_rules(amount: Decimal) -> None:
    text = to_capitals(amount)
    assert set(text) <= set(DIGITS + "拾佰仟万亿元角分整")
    assert "零零" not in text
    assert text.endswith("分") != text.endswith("整")  # 整 closes exactly the amounts without 分
    assert text.endswith("整") == (amount * 100 % 10 == 0)
    if amount:
        assert not text.startswith("零")
        assert not re.search("零[元万亿角整]|零$", text)
    assert text.count("元") == (1 if amount >= 1 or amount == 0 else 0)
    # Every digit is followed by its unit: 拾 never stands alone (壹拾, not 拾).
    assert not re.search("(^|[^壹贰叁肆伍陆柒捌玖])[拾佰仟]", text)


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_whole_yuan_ints_and_decimals_agree(yuan: int) -> None:
    assert to_capitals(yuan) == to_capitals(Decimal(yuan)) == to_capitals(Decimal(f"{yuan}.00"))
