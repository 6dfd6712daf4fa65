"""Amounts in Chinese financial capitals (大写金额), as reimbursement and award forms require.

Rules followed (中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》):
- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万 and 亿 (万亿 for 10^12), then 元角分;
- 10 to 19 keep their 壹: 壹拾陆元整, never 拾陆元整;
- any run of zeros between non-zero digits is written as one 零 (1005 → 壹仟零伍元整,
  100100000 → 壹亿零壹拾万元整); zeros at the end of the yuan part are not written;
- an amount that ends at 元 or 角 is closed with 整 so that nothing can be appended; an amount
  with 分 is not;
- 角 zero and 分 not: 零 after 元 (16409.02 → 壹万陆仟肆佰零玖元零贰分); below one yuan the
  元 is left out (0.56 → 伍角陆分); nothing at all is 零元整.
The rules leave one choice open (a zero in the 元 place before non-zero 角 may be written as 零 or
not); this module does not write it: 1680.32 → 壹仟陆佰捌拾元叁角贰分.

Amounts are Decimal (or int), never float: a float such as 0.1 is not the amount it looks like.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
# Section units for groups of four digits, lowest first. 10^12 is 万亿: the 亿 is written after
# 万 even when the 亿 group itself is all zeros (壹万亿元整, not 壹万元整).
_SECTIONS = ("", "万", "亿", "万")
LIMIT = Decimal(10) ** 16  # 壹万亿 × 10000: far beyond any form, small enough to spell


def _group(digits: str) -> tuple[str, bool]:
    """Four digits (most significant first) → words, and whether the group ended in a zero."""
    words: list[str] = []
    pending_zero = False
    for position, char in enumerate(digits):
        digit = int(char)
        if digit == 0:
            pending_zero = bool(words) or pending_zero
            continue
        if pending_zero:
            words.append("零")
        words.append(DIGITS[digit] + _PLACES[3 - position])
        pending_zero = False
    return "".join(words), digits[0] == "0"


def _integer(value: int) -> str:
    text = f"{value:016d}"
    groups = [text[i : i + 4] for i in range(0, 16, 4)]  # most significant first
    words: list[str] = []
    zero_before = False  # zeros seen since the last non-zero digit written
    for index, group in enumerate(groups):
        section = 3 - index
        if int(group) == 0:
            zero_before = bool(words)
            if section == 2 and words:  # the 亿 of 万亿
                words.append("亿")
            continue
        spelled, leading_zero = _group(group)
        if words and (zero_before or leading_zero):
            words.append("零")
        words.append(spelled + _SECTIONS[section])
        zero_before = group[-1] == "0"
    return "".join(words)


def to_capitals(amount: Decimal | int) -> str:
    """``amount`` in yuan as 大写金额: Decimal("1234.56") → 壹仟贰佰叁拾肆元伍角陆分.

    Raises ValueError for negative amounts, fractions of a fen and amounts of 10^16 or more.
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"amount must be Decimal or int, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount}")
    if value < 0:
        raise ValueError(f"negative amount: {amount}")
    if value >= LIMIT:
        raise ValueError(f"amount too large: {amount}")
    fen_total = value * 100
    if fen_total != fen_total.to_integral_value():
        raise ValueError(f"amount has fractions of a fen: {amount}")
    fen_total_int = int(fen_total)
    yuan, rest = divmod(fen_total_int, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total_int == 0:
        return "零元整"
    words = _integer(yuan) + "元" if yuan else ""
    if jiao:
        words += DIGITS[jiao] + "角"
    elif fen and yuan:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    else:
        words += "整"
    return words
