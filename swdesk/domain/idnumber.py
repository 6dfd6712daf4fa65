"""Resident identity numbers (GB 11643-1999): a 6-digit region code, the birth date, a sequence and
an ISO 7064 MOD 11-2 check character.

The check character, the birth date and the region come from python-stdnum's ``stdnum.cn.ric``
(its table of county codes by the years each existed, from the library's own data file); the
messages are swdesk's, and a number is never shown whole in them. A wrong check character or an
impossible birth date is an error. A region code that names no county, or a county that did not
exist in the birth year, is only a *warning* (``IdInfo.region_problem``): codes of counties since
renamed or merged stay on the cards of the people who got them, so the user may accept one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from swdesk.domain.errors import UnknownRegion, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.i18n import N_, _, join_sentences

_SHAPE = re.compile(r"^\d{17}[\dX]$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘＸ", "0123456789XXX")
_SPAN = re.compile(r"^\[(\d*)-(\d*)\](.*)$")
CLAUSE = "GB 11643-1999"


def check_character(first17: str) -> str:
    """The check character for 17 digits."""
    # stdnum is imported where it is used: its first import loads ssl and pydoc (20 ms), which
    # the window's start does not need.
    from stdnum.cn import ric

    return ric.calc_check_digit(first17 + "0")  # stdnum reads the 17 before a check character


_SPACES = re.compile(r"\s+")


def normalize(raw: str) -> str:
    """Trim spaces, turn full-width digits and a lower-case x into the canonical form."""
    text = str(raw)
    if text.isascii() and text.isalnum():  # the usual case: nothing to trim or turn
        return text.upper()
    return _SPACES.sub("", text).translate(_FULLWIDTH).upper()


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    region: str

    # Looked up when first asked for: the table's look-up is most of the cost of a number, and
    # a bureau checking a city's 100,000 numbers never asks where their holders were born.
    @functools.cached_property
    def _where(self) -> tuple[str, Reason | None]:
        return _region(self.number, self.birth_date.year)

    @property
    def place(self) -> str:
        """Province and county of the region code in the birth year; "" if none."""
        return self._where[0]

    @property
    def region_problem(self) -> Reason | None:
        """Why the region is not known for the birth year (None when it is)."""
        return self._where[1]

    @property
    def region_known(self) -> bool:
        return self.region_problem is None


def parse(raw: str) -> IdInfo:
    """Validate an identity number and return what it encodes, or raise ValidationError. A region
    the table does not know for the birth year is not an error: see ``IdInfo.region_problem``."""
    return _parse(normalize(raw))


# The same people come back in every year's submission of a bureau: a valid number is worked out
# once (an invalid one raises, which is never kept).
@functools.lru_cache(maxsize=32768)
def _parse(number: str) -> IdInfo:
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
        # As stdnum's ric.get_birth_date reads it, without cleaning the number once more.
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
    return IdInfo(number, birth, sex, number[:6])


def _region(number: str, year: int) -> tuple[str, Reason | None]:
    """The place of the region code in the birth year, or why there is none."""
    place, spans = _county(number[:6], year)
    if place is not None:
        return place, None
    params = {"region": number[:6], "number": mask(number), "year": year}
    if spans is None:
        return "", Reason(
            N_("Identity number {number}: no county has the region code {region}."),
            params,
            CLAUSE,
            held=False,
        )
    return "", Reason(
        N_(
            "Identity number {number}: the region code {region} was {counties}, not a county in "
            "the birth year {year}."
        ),
        {**params, "counties": tuple(
            Reason(N_("{county} ({start}–{end})"),
                   {"county": county, "start": start or "…", "end": end or "…"})
            for county, start, end in spans
        )},
        CLAUSE,
        held=False,
    )  # fmt: skip


@functools.lru_cache(maxsize=16384)
def _county(region: str, year: int) -> tuple[str | None, tuple[tuple[str, str, str], ...] | None]:
    """The place of a region code in a year (None if none), else the counties it was with their
    years (None if it never named a county). Cached: the table's look-up is slow, and a bureau
    reads hundreds of thousands of numbers from a few hundred regions."""
    from stdnum import numdb

    parts = dict(p for _code, props in numdb.get("cn/loc").info(region) for p in props.items())
    if "county" not in parts:
        return None, None
    spans = []
    for entry in parts["county"].split(","):
        found = _SPAN.match(entry)
        start, end, county = found.groups() if found else ("", "", entry)
        if (not start or int(start) <= year) and (not end or year <= int(end)):
            return f"{parts.get('province', '')} {county}".strip(), None
        spans.append((county, start, end))
    return None, tuple(spans)


def check_region(info: IdInfo, accept_unknown_region: bool) -> None:
    """Refuse a number whose region is unknown for its birth year, unless the user accepted it."""
    if info.region_problem is None or accept_unknown_region:
        return
    from swdesk.i18n.reasons import describe  # worded now: the error is shown at once

    raise UnknownRegion(
        join_sentences(
            describe(info.region_problem),
            _(
                "If it is the number on the identity card (codes of counties since renamed or "
                "merged are real), accept it."
            ),
        ),
        info.region_problem,
    )


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
