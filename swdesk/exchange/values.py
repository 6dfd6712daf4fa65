"""Cell values as spreadsheets hold them turned into checked values, or a ValidationError that says
what is wrong with the cell and what to do about it."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from swdesk.domain import idnumber
from swdesk.domain.applications import Kind
from swdesk.domain.awards import LEVEL_AWARD
from swdesk.domain.dates import parse_date
from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
_UNITS = re.compile(r"(学时|小时|课时|hours?|h|元|人民币|yuan|rmb|cny)$", re.IGNORECASE)
# Excel serial numbers of 1950-01-01 and 2100-12-31: a number outside is a year or a typo.
_SERIAL_RANGE = (18264, 73415)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    """A cell as text: whole numbers without '.0', dates as 2024-05-01."""
    if value.__class__ is str:  # most cells: nothing to turn
        return value.strip()  # type: ignore[attr-defined]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def stored_as_number(value: object) -> bool:
    """True when Excel kept a long number as a number, so digits after the 15th are gone."""
    if value.__class__ is str and "e" not in value and "E" not in value:
        return False  # text with no exponent (most cells): no pattern to try
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return True
    if isinstance(value, int):
        return value >= 10**15
    return bool(_SCIENTIFIC.match(str(value).strip()))


def _digits_lost(value: object, what: str) -> ValidationError:
    return ValidationError(
        _(
            "Excel stored the {what} as a number ({value}) and lost its last digits. Format the "
            "column as text (Format Cells → Text) and type the number again."
        ).format(what=what, value=str(value)),
    )


def id_number(value: object) -> str:
    if stored_as_number(value):
        raise _digits_lost(value, _("identity number"))
    return idnumber.parse(text(value)).number


def code(value: object, what: str) -> str:
    """An identifier such as a certificate number: digits and letters, spaces removed."""
    if isinstance(value, float | int) and stored_as_number(value):
        raise _digits_lost(value, what)
    return "".join(unicodedata.normalize("NFKC", text(value)).split())


def date(value: object) -> dt.date:
    if value.__class__ is dt.date:  # a date cell, most of a sheet's dates: nothing to parse
        day: dt.date = value  # type: ignore[assignment]
    else:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if math.isfinite(value) and value == int(value) and 19000101 <= value <= 21001231:
                return parse_date(str(int(value)))  # 20240501 typed as a number
            if not _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
                raise ValidationError(
                    _(
                        "{value} is not a date; write it as 2024-05-01, 2024/5/1 or 2024年5月1日."
                    ).format(value=text(value))
                )
        day = parse_date(value)
    if not 1900 <= day.year <= 2100:
        raise ValidationError(_("{value} is not a plausible date.").format(value=day.isoformat()))
    return day


def number(value: object) -> float:
    """A quantity such as hours or yuan: 6, 6.5, '6学时', '1,000元', full-width digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        result = float(value)
    else:
        result = _number_in_text(value)
    if not math.isfinite(result):
        raise ValidationError(_("{value!r} is not a number.").format(value=text(value)))
    return result


def _number_in_text(value: object) -> float:
    raw = unicodedata.normalize("NFKC", text(value)).replace(",", "").replace("¥", "").strip()
    cleaned = _UNITS.sub("", raw).strip()
    try:
        return float(cleaned)
    except ValueError:
        raise ValidationError(
            _("{value!r} is not a number.").format(value=text(value)),
        ) from None


# The award codes of award_payments and applications, by the words offices write for them.
_AWARD_WORDS = {
    LEVEL_AWARD: ("专业水平提升奖励", "专业水平奖励", "水平提升奖励", "职业水平奖励")
    + ("level_award", "level award"),
    Kind.EXAM_REIMBURSEMENT.value: ("考试费用报销", "考试费报销", "考试报销", "exam_reimbursement")
    + ("exam reimbursement",),
}
_AWARDS = {w: award for award, words in _AWARD_WORDS.items() for w in words}


def award(value: object) -> str:
    """The award a payment was for: level_award or exam_reimbursement."""
    word = unicodedata.normalize("NFKC", text(value)).strip().lower()
    try:
        return _AWARDS[word]
    except KeyError:
        raise ValidationError(
            _("Unknown award {value!r}: write 专业水平提升奖励 or 考试费用报销.").format(
                value=text(value)
            )
        ) from None
