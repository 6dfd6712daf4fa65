"""Resident identity numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘＸ", "0123456789XXX")


def check_character(first17: str) -> str:
    """The check character for 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalize(raw: str) -> str:
    """Trim spaces, turn full-width digits and a lower-case x into the canonical form."""
    return re.sub(r"\s+", "", str(raw)).translate(_FULLWIDTH).upper()


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    region: str


def parse(raw: str) -> IdInfo:
    """Validate an identity number and return what it encodes, or raise ValidationError."""
    number = normalize(raw)
    if len(number) != 18:
        raise ValidationError(
            _("The identity number must have 18 characters; this one has {n}.").format(
                n=len(number)
            ),
            "id_number",
        )
    if not _SHAPE.match(number):
        raise ValidationError(
            _("The identity number must be 17 digits followed by a digit or X."), "id_number"
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The identity number contains an impossible birth date ({value}).").format(
                value=number[6:14]
            ),
            "id_number",
        ) from None
    expected = check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _(
                "The check character of identity number {number} is wrong: "
                "it should be {expected}. Please check the number for a typing mistake."
            ).format(number=mask(number), expected=expected),
            "id_number",
        )
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return IdInfo(number=number, birth_date=birth, sex=sex, region=number[:6])


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except ValidationError:
        return False
    return True


def mask(number: str) -> str:
    """The form used in lists: first four and last four characters, e.g. 4506**********123X."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make(region: str, birth: dt.date, sequence: int) -> str:
    """Build a valid number (demo data and tests): 6-digit region, birth date, 3-digit sequence."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
