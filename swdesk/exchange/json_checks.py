"""Values read out of JSON from elsewhere, each checked for its type, range and text, with every
problem kept with its place (``records[0].people[12].id_number``) and what is wrong.

A ``Checker`` gives back a usable value even when it records a problem, so one pass over a file
finds its problems all together (up to ``MAX_PROBLEMS``), and nothing is taken from a file that
has any.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from swdesk.domain import idnumber
from swdesk.domain.agency import check_credit_code
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Band, Level
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.reasons import Reason
from swdesk.domain.text import clean_text
from swdesk.i18n import _

MAX_PROBLEMS = 20
NAME_LENGTH = 50
TEXT_LENGTH = 200
PARAGRAPH_LENGTH = 2000
_FIRST_DAY = dt.date(1900, 1, 1)
_LAST_DAY = dt.date(2999, 12, 31)
_REASON_DEPTH = 4

E = TypeVar("E", bound=StrEnum)


class TooManyProblems(Exception):
    pass


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

    def fail(self, where: str, message: str) -> None:
        self.problems.append((where, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def obj(self, value: object, where: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        """``value`` as an object with exactly ``keys`` (each missing or extra one a problem)."""
        if not isinstance(value, dict):
            self.fail(where, _("expected an object"))
            return None
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
        if not isinstance(value, str):
            self.fail(where, _("expected a date written as 2026-05-01"))
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(where, _("{value!r} is not a date written as 2026-05-01").format(value=value))
            return None
        if not _FIRST_DAY <= day <= _LAST_DAY or len(value) != 10:
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

    def reason(self, value: object, where: str) -> Reason | None:
        if value is None:
            return None
        problem = reason_problem(value)
        if problem:
            self.fail(where, problem)
            return None
        return Reason.from_data(value)  # type: ignore[arg-type]


_REASON_KEYS = {"key", "params", "clause", "held", "then"}


def reason_problem(value: object, depth: int = 0) -> str | None:
    """What is wrong with a reason kept as data (``Reason.to_data``), or None. Its key is worded
    with ``str.format`` when shown, so a field may only name one of its params: no attribute,
    index or format of its own (``{x.__class__}`` would show the program's insides)."""
    if depth > _REASON_DEPTH:
        return _("reasons nested too deep")
    if not isinstance(value, dict) or not {"key"} <= value.keys() <= _REASON_KEYS:
        return _("expected a reason (key, params, clause, held)")
    key, params = value["key"], value.get("params") or {}
    if not isinstance(key, str) or len(key) > PARAGRAPH_LENGTH or not isinstance(params, dict):
        return _("expected a reason (key, params, clause, held)")
    try:
        clean_text(key, "key", "key", multiline=True)
        fields = list(string.Formatter().parse(key))
    except (ValidationError, ValueError) as exc:
        return str(exc)
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in params or spec or conversion not in (None, "r"):
            return _("the reason's words name a field {field!r} it does not carry").format(
                field=name
            )
    if not isinstance(value.get("clause", ""), str) or not isinstance(
        value.get("held", True), bool
    ):
        return _("expected a reason (key, params, clause, held)")
    for param in params.values():
        problem = _param_problem(param, depth)
        if problem:
            return problem
    then = value.get("then", [])
    if not isinstance(then, list) or len(then) > 10:
        return _("expected a reason (key, params, clause, held)")
    for more in then:
        problem = reason_problem(more, depth + 1)
        if problem:
            return problem
    return None


def _is_date(raw: object) -> bool:
    return isinstance(raw, str) and len(raw) == 10 and dt.date.fromisoformat(raw) is not None


def _is_named(raw: object) -> bool:
    return (
        isinstance(raw, list)
        and len(raw) == 2
        and all(isinstance(x, str) and _param_problem(x, 0) is None for x in raw)
    )


_VALID_KIND = {
    "level": lambda raw: bool(Level(raw)),
    "band": lambda raw: bool(Band(raw)),
    "form": lambda raw: raw in TRAINING_FORMS,
    "named": _is_named,
    "number": lambda raw: isinstance(raw, int | str) and Decimal(str(raw)).is_finite(),
    "hours": lambda raw: raw is None or (isinstance(raw, int | float) and math.isfinite(raw)),
    "date": _is_date,
}


def _param_problem(value: object, depth: int) -> str | None:
    bad = _("a reason's value is not one swdesk writes")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return None if math.isfinite(value) else bad
    if isinstance(value, str):
        if len(value) > PARAGRAPH_LENGTH:
            return bad
        try:
            clean_text(value, "param", "param", multiline=True)
        except ValidationError as exc:
            return str(exc)
        return None
    if not isinstance(value, dict) or len(value) != 1:
        return bad
    ((kind, raw),) = value.items()
    if kind == "reason":
        return reason_problem(raw, depth + 1)
    if kind == "reasons":
        if not isinstance(raw, list) or len(raw) > 10:
            return bad
        return next((p for r in raw if (p := reason_problem(r, depth + 1))), None)
    check = _VALID_KIND.get(kind)
    try:
        return None if check is not None and check(raw) else bad
    except (ValueError, TypeError, InvalidOperation):
        return bad
