"""Why a rule decided what it did, as data: a message key — the English text with its {fields},
which is also the catalog's msgid, marked with ``N_`` where the rule defines it — the values to
fill in, and the clause that sets the rule.

Rules return reasons and never translate them. They are worded only when shown or printed
(swdesk.i18n.reasons.describe), in the language of that moment: an application made in Chinese
shows its reasons in English to an English user, and a report over thousands of people does not
word what nobody looks at.

A parameter is a plain value (str, int, float: shown as written) or one of the kinds below, so a
stored reason is still worded right in another language:

- ``datetime.date``: the date as the language writes it (pass ``date.isoformat()`` for 2026-03-01);
- ``Number``: digits grouped as the locale does (1,000); ``Hours``: hours (52, 44.5);
- ``Level``, ``Band``, ``Form``, ``Subject``, ``Named``: the label in the language of the moment;
- a ``Reason`` (a phrase worded in its turn), or a tuple of them (joined with ", ").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias

from swdesk.domain.levels import Band, Level
from swdesk.i18n import current_language


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float | Decimal


@dataclass(frozen=True, slots=True)
class Hours:
    value: float | None


@dataclass(frozen=True, slots=True)
class Form:
    """A training form by its code (face_to_face, online, …)."""

    code: str

    def label(self) -> str:
        # Imported when worded: domain.training (and the profiles under it) is more than the
        # window's first paint needs of a reason.
        from swdesk.domain.training import form_label

        return form_label(self.code)


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject category of training by its code (general: 公需科目, professional: 专业科目)."""

    code: str

    def label(self) -> str:
        from swdesk.domain.training import subject_label

        return subject_label(self.code)


@dataclass(frozen=True, slots=True)
class Named:
    """A name a profile gives in both languages (a grade, a subsidy, a commendation)."""

    zh: str
    en: str

    def label(self) -> str:
        return self.zh if current_language().startswith("zh") else self.en


Param: TypeAlias = (
    "str | int | float | dt.date | Number | Hours | Form | Subject | Named | Level | Band | Reason"
    " | tuple[Reason, ...]"
)


@dataclass(frozen=True, slots=True)
class Reason:
    key: str  # the English message with {fields}: the msgid the catalog translates
    params: Mapping[str, Param] = field(default_factory=dict)
    clause: str = ""  # Clause.ref of the rule
    held: bool = True  # for a condition checked: whether it was met
    then: tuple[Reason, ...] = ()  # sentences that follow, joined as the language writes them

    def to_data(self) -> dict[str, Any]:
        """The reason as JSON-ready values, to keep with what it explains."""
        data: dict[str, Any] = {
            "key": self.key,
            "params": {name: _encode(value) for name, value in self.params.items()},
            "clause": self.clause,
            "held": self.held,
        }
        if self.then:
            data["then"] = [r.to_data() for r in self.then]
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Reason:
        """A reason kept by ``to_data`` — or, from before reasons were data, its text as it was
        written then ({"clause", "text", "held"}), shown as written in every language."""
        if "key" not in data:
            return recorded(
                str(data.get("text", "")), str(data.get("clause", "")), data.get("held", True)
            )
        return cls(
            str(data["key"]),
            {name: _decode(value) for name, value in dict(data.get("params") or {}).items()},
            str(data.get("clause", "")),
            bool(data.get("held", True)),
            tuple(cls.from_data(r) for r in data.get("then", ())),
        )


RECORDED = "{text}"  # the key of a reason kept as words: no catalog entry, shown as written


def recorded(text: str, clause: str = "", held: bool = True) -> Reason:
    return Reason(RECORDED, {"text": text}, clause, bool(held))


def _encode(value: Param) -> Any:
    # Enums first: a Level is a str as well.
    if isinstance(value, Level):
        return {"level": value.value}
    if isinstance(value, Band):
        return {"band": value.value}
    if isinstance(value, Reason):
        return {"reason": value.to_data()}
    if isinstance(value, tuple):
        return {"reasons": [r.to_data() for r in value]}
    if isinstance(value, Form):
        return {"form": value.code}
    if isinstance(value, Subject):
        return {"subject": value.code}
    if isinstance(value, Named):
        return {"named": [value.zh, value.en]}
    if isinstance(value, Number):
        return {"number": str(value.value) if isinstance(value.value, Decimal) else value.value}
    if isinstance(value, Hours):
        return {"hours": value.value}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _decode(value: Any) -> Param:
    if not isinstance(value, dict) or len(value) != 1:
        return value
    ((kind, raw),) = value.items()
    if kind == "level":
        return Level(raw)
    if kind == "band":
        return Band(raw)
    if kind == "reason":
        return Reason.from_data(raw)
    if kind == "reasons":
        return tuple(Reason.from_data(r) for r in raw)
    if kind == "form":
        return Form(raw)
    if kind == "subject":
        return Subject(raw)
    if kind == "named":
        return Named(*raw)
    if kind == "number":
        return Number(Decimal(raw) if isinstance(raw, str) else raw)
    if kind == "hours":
        return Hours(raw)
    if kind == "date":
        return dt.date.fromisoformat(raw)
    return value
