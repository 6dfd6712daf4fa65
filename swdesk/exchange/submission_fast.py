"""The common case of ``submission_reader``'s per-item checks, written out for one shape each: a
person, a CE result, a claim of a record, checked inline instead of through a `Checker` call per
field with its place spelt out (a city's five years are 100,000 people and as many results).

Each function accepts exactly what the generic reader accepts without a problem and gives back
an equal value; on anything else (a wrong type, a missing key, a bad date, any problem at all) it
raises, and the caller reads that one item with the generic reader, which records the problems
with their places as before. So a valid file is read here, and a file with a fault is refused
with the very problems, in the very order, it always was. Only for a document whose text the
caller has seen to need no cleaning (``Checker.plain``): text is then checked for its type, its
length and, where required, not being empty. ``tests/exchange/test_submission_fast.py`` holds the
two readers to agreeing on valid items and on every field made wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from swdesk.domain import ce_compliance as ce
from swdesk.domain import idnumber
from swdesk.domain.applications import Kind, Status
from swdesk.domain.awards import Payment
from swdesk.domain.levels import Level
from swdesk.domain.profiles import TRAINING_FORMS
from swdesk.domain.submission import CEResult, Certificate, Claim, ClaimStep, Grade, Person
from swdesk.exchange.json_checks import (
    _FIRST_DAY,
    _LAST_DAY,
    NAME_LENGTH,
    PARAGRAPH_LENGTH,
    TEXT_LENGTH,
    Checker,
)

_PERSON = frozenset(
    ("id_number", "name", "sex", "birth_date", "hire_date", "leave_date", "civil_servant",
     "social_work_since", "grade", "certificates", "paid")
)  # fmt: skip
_PAID = frozenset(("level", "amount", "paid_on"))
_CERT = frozenset(("number", "level", "obtained_on", "registered_on", "issuing_body"))
_GRADE = frozenset(("code", "name", "name_en"))
_CE = frozenset(
    ("id_number", "requirement", "clause", "period_start", "period_end", "as_of", "level",
     "required", "hours", "counted", "carried_over", "total", "shortfall", "status")
)  # fmt: skip
_CLAIM = frozenset(
    ("number", "kind", "award", "level", "id_number", "name", "amount", "status", "created_on",
     "claim_key", "clause", "details", "steps")
)  # fmt: skip
_STEP = frozenset(("status", "on", "by", "reason", "amount"))
_FORMS = frozenset(TRAINING_FORMS)
# Values of members by their text: a JSON string names a member or nothing.
_LEVELS: dict[Any, Level] = {m.value: m for m in Level}
_CE_STATUSES: dict[Any, ce.Status] = {m.value: m for m in ce.Status}
_KINDS: dict[Any, Kind] = {m.value: m for m in Kind}
_STATUSES: dict[Any, Status] = {m.value: m for m in Status}
_SUBMITTED = frozenset((Status.SUBMITTED, Status.APPROVED, Status.REJECTED, Status.PAID))
_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")
_fromisoformat = dt.date.fromisoformat


class Doubt(Exception):
    """The item is not plainly valid: the generic reader is to read it."""


_DAYS: dict[str, dt.date] = {}  # the valid dates met so far: a city's files hold a few thousand


def _day(value: Any) -> dt.date:
    if type(value) is not str:
        raise Doubt
    day = _DAYS.get(value)
    if day is None:
        if len(value) != 10:
            raise Doubt
        day = _fromisoformat(value)
        if not _FIRST_DAY <= day <= _LAST_DAY:
            raise Doubt
        if len(_DAYS) >= 100_000:
            _DAYS.clear()
        _DAYS[value] = day
    return day


def _text(value: Any, length: int = TEXT_LENGTH) -> str:
    if type(value) is not str or len(value) > length:
        raise Doubt
    return value


def _filled(value: Any, length: int) -> str:
    if type(value) is not str or len(value) > length or not value.strip():
        raise Doubt
    return value


def _hours(value: Any) -> float:
    kind = type(value)
    # A NaN fails both comparisons, an infinity the second.
    if (kind is float or kind is int) and 0 <= value <= 100_000:
        return float(value)
    raise Doubt


def _by_form(value: Any) -> dict[str, float]:
    if type(value) is not dict:
        raise Doubt
    out = {}
    for form, hours in value.items():
        if form not in _FORMS:
            raise Doubt
        out[form] = hours if type(hours) is float and 0 < hours <= 100_000 else _hours(hours) or 0.0
    return out


def _money(value: Any, most: int) -> Decimal:
    if type(value) is not str:
        raise Doubt
    amount = Decimal(value)  # InvalidOperation: a doubt like any other
    if not amount.is_finite() or amount < 0 or amount > most or amount != amount.quantize(_CENT):
        raise Doubt
    return amount.quantize(_CENT)


def _id_number(c: Checker, value: Any) -> idnumber.IdInfo:
    # The checker's own memory of the numbers found valid in this file, shared both ways.
    info = c._ids.get(value) if type(value) is str else None
    if info is None:
        if type(value) is not str:
            raise Doubt
        info = idnumber.parse(value)
        if info.number != value:
            raise Doubt
        c._ids[value] = info
    return info


def _certificate(d: Any) -> Certificate:
    if type(d) is not dict or d.keys() != _CERT:
        raise Doubt
    level = _LEVELS[d["level"]]
    obtained = _day(d["obtained_on"])
    registered = d["registered_on"]
    if registered is not None:
        registered = _day(registered)
        if registered < obtained:
            raise Doubt
    number = _filled(d["number"], 60)
    if "".join(number.split()) != number:
        raise Doubt
    return Certificate(number, level, obtained, registered, _text(d["issuing_body"]))


def _payment(d: Any, most: int) -> Payment:
    if type(d) is not dict or d.keys() != _PAID:
        raise Doubt
    paid_on = _day(d["paid_on"])
    level = d["level"]
    if level is not None:
        level = _LEVELS[level]
    amount = d["amount"]
    if type(amount) is not int or not 0 <= amount <= most:
        raise Doubt
    return Payment(amount, paid_on, level)


def person(c: Checker, d: Any) -> Person:
    """A person of a record (``submission_reader._person``)."""
    # The look-ups of dates and identity numbers met before are written out here, not called:
    # a city's five years are 100,000 people, and a call costs more than the look-up.
    if type(d) is not dict or d.keys() != _PERSON:
        raise Doubt
    days = _DAYS
    value = d["id_number"]
    info = (c._ids.get(value) if type(value) is str else None) or _id_number(c, value)
    sex = d["sex"]
    if sex != "M" and sex != "F":
        raise Doubt
    value = d["birth_date"]
    birth = days.get(value) or _day(value)
    if info.birth_date != birth or info.sex != sex:
        raise Doubt
    hire = d["hire_date"]
    if hire is not None:
        hire = days.get(hire) or _day(hire)
    leave = d["leave_date"]
    if leave is not None:
        leave = days.get(leave) or _day(leave)
        if hire and leave < hire:
            raise Doubt
    since = d["social_work_since"]
    if since is not None:
        since = days.get(since) or _day(since)
    civil_servant = d["civil_servant"]
    if type(civil_servant) is not bool:
        raise Doubt
    name = d["name"]
    if type(name) is not str or len(name) > NAME_LENGTH or not name.strip():
        raise Doubt
    certificates = d["certificates"]
    if type(certificates) is not list or len(certificates) > 20:
        raise Doubt
    paid = d["paid"]
    if type(paid) is not list or len(paid) > 10:
        raise Doubt
    grade = d["grade"]
    if grade is not None:
        if type(grade) is not dict or grade.keys() != _GRADE:
            raise Doubt
        grade = Grade(
            _filled(grade["code"], 40), _text(grade["name"], 80), _text(grade["name_en"], 80)
        )
    most = c.limits.amount
    return Person(
        info.number,
        name,
        sex,
        birth,
        hire,
        leave,
        civil_servant,
        since,
        tuple(map(_certificate, certificates)) if certificates else (),
        grade,
        tuple(_payment(x, most) for x in paid) if paid else (),
    )


def _hours_or_zero(value: Any) -> float:
    return _hours(value) or 0.0


def ce_result(c: Checker, d: Any) -> CEResult:
    """A CE result of a record (``submission_reader._ce_result``)."""
    if type(d) is not dict or d.keys() != _CE:
        raise Doubt
    days = _DAYS
    status = _CE_STATUSES[d["status"]]
    value = d["as_of"]
    as_of = days.get(value) or _day(value)
    value = d["id_number"]
    info = (c._ids.get(value) if type(value) is str else None) or _id_number(c, value)
    requirement = d["requirement"]
    if type(requirement) is not str or len(requirement) > 80 or not requirement.strip():
        raise Doubt
    clause = d["clause"]
    if type(clause) is not str or len(clause) > TEXT_LENGTH:
        raise Doubt
    start, end, level, required, shortfall, carried, total = (
        d["period_start"], d["period_end"], d["level"], d["required"], d["shortfall"],
        d["carried_over"], d["total"],
    )  # fmt: skip
    # A positive float is its own value; anything else (a zero of either sign, an int, a
    # value out of range) is taken as the generic reader takes it.
    return CEResult(
        info.number,
        requirement,
        clause,
        None if start is None else (days.get(start) or _day(start)),
        None if end is None else (days.get(end) or _day(end)),
        as_of,
        None if level is None else _LEVELS[level],
        None if required is None else _hours(required),
        _by_form(d["hours"]),
        _by_form(d["counted"]),
        carried if type(carried) is float and 0 < carried <= 100_000 else _hours_or_zero(carried),
        total if type(total) is float and 0 < total <= 100_000 else _hours_or_zero(total),
        None if shortfall is None else _hours(shortfall),
        status,
    )


def _step(d: Any, most: int) -> ClaimStep:
    if type(d) is not dict or d.keys() != _STEP:
        raise Doubt
    amount = d["amount"]
    return ClaimStep(
        _STATUSES[d["status"]],
        _day(d["on"]),
        _text(d["by"]),
        _text(d["reason"], PARAGRAPH_LENGTH),
        None if amount is None else _money(amount, most),
    )


def claim(c: Checker, d: Any) -> Claim:
    """A claim of a record (``submission_reader._claim``); an agency's subsidy (no person, or a
    person it may not name) is left to the generic reader."""
    if type(d) is not dict or d.keys() != _CLAIM:
        raise Doubt
    kind = _KINDS[d["kind"]]
    if kind is Kind.AGENCY_SUBSIDY:
        raise Doubt
    status = _STATUSES[d["status"]]
    if status not in _SUBMITTED:
        raise Doubt
    created = _day(d["created_on"])
    raw = d["steps"]
    if type(raw) is not list or len(raw) > 20:
        raise Doubt
    most = c.limits.amount
    steps = tuple(_step(s, most) for s in raw)
    if not steps or steps[-1].status is not status:
        raise Doubt
    for a, b in zip(steps, steps[1:], strict=False):
        if b.on < a.on:
            raise Doubt
    details = d["details"]
    if type(details) is not dict or len(details) > 20:
        raise Doubt
    level = d["level"]
    return Claim(
        _filled(d["number"], 20),
        kind,
        _filled(d["award"], 80),
        None if level is None else _LEVELS[level],
        _id_number(c, d["id_number"]).number,
        _filled(d["name"], NAME_LENGTH),
        _money(d["amount"], most) or _ZERO,
        status,
        created,
        _text(d["claim_key"], 80),
        _text(d["clause"]),
        {_text(k, 40): _text(v) for k, v in details.items()},
        steps,
    )
