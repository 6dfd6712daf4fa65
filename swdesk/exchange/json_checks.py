"""Values read out of JSON from elsewhere, each checked for its type, range and text, with every
problem kept with its place (``records[0].people[12].id_number``) and what is wrong.

A ``Checker`` gives back a usable value even when it records a problem, so one pass over a file
finds its problems all together (up to ``MAX_PROBLEMS``), and nothing is taken from a file that
has any.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from swdesk.domain import idnumber
from swdesk.domain.agency import check_credit_code
from swdesk.domain.errors import ValidationError
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.text import clean_text
from swdesk.i18n import _

MAX_PROBLEMS = 20
NAME_LENGTH = 50
TEXT_LENGTH = 200
PARAGRAPH_LENGTH = 2000
_FIRST_DAY = dt.date(1900, 1, 1)
_LAST_DAY = dt.date(2999, 12, 31)

E = TypeVar("E", bound=StrEnum)


class TooManyProblems(Exception):
    pass


@functools.cache
def _key_set(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


class Checker:
    """Reads values out of parsed JSON, keeping every problem with its place."""

    def __init__(
        self, part: str, limits: Limits = DEFAULT_LIMITS, now: dt.datetime | None = None
    ) -> None:
        self.part = part
        self.limits = limits
        self.now = now
        self.problems: list[tuple[str, str]] = []  # (where, what is wrong)
        self._ids: dict[str, idnumber.IdInfo] = {}
        # Set when the whole document was seen to hold no character a text field refuses, so
        # that each field need not be looked at again (a province's file has millions).
        self.plain = False

    def fail(self, where: str, message: str) -> None:
        self.problems.append((where, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def obj(self, value: object, where: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        """``value`` as an object with exactly ``keys`` (each missing or extra one a problem)."""
        if not isinstance(value, dict):
            self.fail(where, _("expected an object"))
            return None
        if len(value) == len(keys) and value.keys() >= _key_set(keys):
            return value
        extra = [k for k in value if k not in keys]
        missing = [k for k in keys if k not in value]
        for k in extra:
            self.fail(f"{where}.{k}" if where else str(k), _("not a field of this format"))
        for k in missing:
            self.fail(f"{where}.{k}" if where else k, _("missing"))
        return None if extra or missing else value

    def array(self, value: object, where: str, most: int = 10_000_000) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, _("expected a list"))
            return []
        if len(value) > most:
            self.fail(where, _("more than {n} entries").format(n=most))
            return []
        return value

    def text(
        self,
        value: object,
        where: str,
        *,
        empty: bool = True,
        length: int = TEXT_LENGTH,
        multiline: bool = False,
    ) -> str:
        if not isinstance(value, str):
            self.fail(where, _("expected text"))
            return ""
        if len(value) > length:
            self.fail(where, _("longer than {n} characters").format(n=length))
            return ""
        if not self.plain:
            try:
                clean_text(value, where, where, multiline=multiline)
            except ValidationError as exc:
                self.fail(where, str(exc))
                return ""
        if not empty and not value.strip():
            self.fail(where, _("empty"))
        return value

    def name(self, value: object, where: str) -> str:
        return self.text(value, where, empty=False, length=NAME_LENGTH)

    def day(self, value: object, where: str, *, optional: bool = False) -> dt.date | None:
        if value is None and optional:
            return None
        if type(value) is not str:
            self.fail(where, _("expected a date written as 2026-05-01"))
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(where, _("{value!r} is not a date written as 2026-05-01").format(value=value))
            return None
        if len(value) != 10 or not _FIRST_DAY <= day <= _LAST_DAY:
            self.fail(where, _("{value!r} is not a date written as 2026-05-01").format(value=value))
            return None
        return day

    def moment(self, value: object, where: str) -> dt.datetime | None:
        """A time with its UTC offset, not in the future (a file from the future would replace
        every later one)."""
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or not _FIRST_DAY.year <= moment.year < 3000:
            self.fail(where, _("expected a time written as 2026-11-21T10:30:00+08:00"))
            return None
        if self.now is not None and moment > self.now + dt.timedelta(days=1):
            self.fail(where, _("{value} is in the future").format(value=value))
        return moment

    def integer(self, value: object, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(where, _("expected a whole number from {low} to {high}").format(
                low=low, high=high
            ))  # fmt: skip
            return low
        return value

    def hours(self, value: object, where: str, *, optional: bool = False) -> float | None:
        if value is None and optional:
            return None
        bad = isinstance(value, bool) or not isinstance(value, int | float)
        if bad or not math.isfinite(value) or not 0 <= value <= 100_000:  # type: ignore[arg-type]
            self.fail(where, _("expected a number of hours"))
            return 0.0
        return float(value)  # type: ignore[arg-type]

    def hours_by_form(self, value: object, where: str) -> dict[str, float]:
        if not isinstance(value, dict):
            self.fail(where, _("expected an object"))
            return {}
        out = {}
        for form, hours in value.items():
            if form not in TRAINING_FORMS:
                self.fail(f"{where}.{form}", _("not a training form"))
                continue
            out[form] = self.hours(hours, f"{where}.{form}") or 0.0
        return out

    def money(self, value: object, where: str, *, optional: bool = False) -> Decimal | None:
        if value is None and optional:
            return None
        try:
            amount = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            amount = None
        if (
            amount is None
            or not amount.is_finite()
            or amount < 0
            or amount > self.limits.amount
            or amount != amount.quantize(Decimal("0.01"))
        ):
            self.fail(where, _('expected an amount of yuan written as "1000.00"'))
            return Decimal("0.00")
        return amount.quantize(Decimal("0.01"))

    def enum(self, cls: type[E], value: object, where: str, *, optional: bool = False) -> E | None:
        if value is None and optional:
            return None
        found = cls._value2member_map_.get(value) if isinstance(value, str) else None
        if found is not None:
            return found  # type: ignore[return-value]
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            self.fail(where, _("{value!r} is not one of {choices}").format(
                value=value, choices=choices
            ))  # fmt: skip
            return None

    def boolean(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, _("expected true or false"))
            return False
        return value

    def id_info(self, value: object, where: str) -> idnumber.IdInfo | None:
        """What a valid identity number encodes; each number is checked once per file."""
        if not isinstance(value, str):
            self.fail(where, _("expected an identity number"))
            return None
        info = self._ids.get(value)
        if info is not None:
            return info
        try:
            info = idnumber.parse(value)
        except ValidationError as exc:
            self.fail(where, str(exc))
            return None
        if info.number != value:
            self.fail(where, _("the identity number is not written as swdesk writes it"))
            return None
        self._ids[value] = info
        return info

    def id_number(self, value: object, where: str) -> str:
        info = self.id_info(value, where)
        return info.number if info else ""

    def credit_code(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            self.fail(where, _("expected a unified social credit code"))
            return ""
        try:
            code = check_credit_code(value)
        except ValidationError as exc:
            self.fail(where, str(exc))
            return ""
        if not code or code != value:
            self.fail(where, _("expected a unified social credit code of 18 characters"))
        return code

    def identifier(self, value: object, where: str) -> str:
        """A submission or return id: 8 to 64 ASCII letters, digits and hyphens."""
        if not (
            isinstance(value, str)
            and 8 <= len(value) <= 64
            and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in value)
        ):
            self.fail(where, _("expected an identifier of letters, digits and hyphens"))
            return ""
        return value

    def details(self, value: object, where: str) -> dict[str, str]:
        """A small object of text values (an exam year, an honour's code)."""
        if not isinstance(value, dict) or len(value) > 20:
            self.fail(where, _("expected an object"))
            return {}
        return {
            self.text(k, where, length=40): self.text(v, f"{where}.{k}") for k, v in value.items()
        }

    def unique(
        self,
        items: Sequence[Any],
        key: Callable[[Any], str],
        where: str,
        shown: Callable[[str], str] = str,
    ) -> None:
        """A problem for each item whose ``key`` an earlier one has already."""
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            k = key(item)
            if k and k in seen:
                self.fail(
                    f"{where}[{i}]",
                    _("{value} is listed twice (also at {first})").format(
                        value=shown(k), first=seen[k]
                    ),
                )
            elif k:
                seen[k] = i
