"""The life of an application (level award, exam reimbursement, agency subsidy, nomination):
draft → submitted → approved or rejected → paid, or withdrawn with a reason. Nothing is deleted.

Money is a Decimal of yuan with two places here and whole fen (分) in the data file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from babel.numbers import format_decimal

from swdesk.domain.agency import Agency
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.limits import DEFAULT_LIMITS, Limits, check_amount
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _, current_locale, join_sentences


class Kind(StrEnum):
    LEVEL_AWARD = "level_award"
    EXAM_REIMBURSEMENT = "exam_reimbursement"
    AGENCY_SUBSIDY = "agency_subsidy"
    NOMINATION = "nomination"

    def label(self) -> str:
        return _(_KIND_LABEL[self])

    @property
    def pays(self) -> bool:
        """Nominations end with an outcome, not a payment."""
        return self is not Kind.NOMINATION


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"
    WITHDRAWN = "withdrawn"

    def label(self) -> str:
        return _(_STATUS_LABEL[self])


_KIND_LABEL = {
    Kind.LEVEL_AWARD: N_("Professional-level award"),
    Kind.EXAM_REIMBURSEMENT: N_("Exam reimbursement"),
    Kind.AGENCY_SUBSIDY: N_("Agency subsidy"),
    Kind.NOMINATION: N_("Commendation nomination"),
}
_STATUS_LABEL = {
    Status.DRAFT: N_("Draft"),
    Status.SUBMITTED: N_("Submitted"),
    Status.APPROVED: N_("Approved"),
    Status.REJECTED: N_("Rejected"),
    Status.PAID: N_("Paid"),
    Status.WITHDRAWN: N_("Withdrawn"),
}

# Statuses in which an application still claims what it asks for: a second one is refused.
ACTIVE = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.PAID)
OPEN = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED)

_NEXT = {
    Status.DRAFT: (Status.SUBMITTED, Status.WITHDRAWN),
    Status.SUBMITTED: (Status.APPROVED, Status.REJECTED, Status.WITHDRAWN),
    Status.APPROVED: (Status.PAID,),
}


@dataclass(frozen=True)
class Step:
    status: Status
    on: dt.date
    by: str = ""
    reason: str = ""
    amount: Decimal | None = None
    recorded_at: str = ""
    recorded_by: str = ""
    id: int | None = None
    undoes: int | None = None  # an undo: it takes back this step and those after it

    @property
    def is_undo(self) -> bool:
        return self.undoes is not None


@dataclass(frozen=True)
class Application:
    id: int
    number: str
    kind: Kind
    award: str  # level_award, a subsidy or commendation code, or exam_reimbursement
    amount: Decimal  # asked for (0 for a nomination)
    status: Status
    created_on: dt.date
    staff_id: int | None = None
    level: Level | None = None
    claim_key: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    person: str = ""  # the person's name, or the agency's for a subsidy
    id_number: str = ""
    steps: tuple[Step, ...] = ()

    @property
    def undone_steps(self) -> frozenset[int]:
        """Ids of the steps an undo took back (they stay in the history, struck through)."""
        out: set[int] = set()
        for s in self.steps:
            if s.undoes is not None and s.id is not None:
                low, high = s.undoes, s.id
                out |= {t.id for t in self.steps if t.id is not None and low <= t.id < high}
        return frozenset(out)

    @property
    def effective_steps(self) -> tuple[Step, ...]:
        """The steps that count: none an undo took back, and not the undo steps themselves."""
        gone = self.undone_steps
        return tuple(s for s in self.steps if not s.is_undo and s.id not in gone)

    def step(self, status: Status) -> Step | None:
        """The latest step that reached ``status`` (and was not undone)."""
        found = [s for s in self.effective_steps if s.status is status]
        return found[-1] if found else None

    @property
    def paid_amount(self) -> Decimal | None:
        step = self.step(Status.PAID)
        return step.amount if step else None

    @property
    def last_date(self) -> dt.date:
        # An undo is dated like the step it returns to: the last step of all is the one to follow.
        return self.steps[-1].on if self.steps else self.created_on


def check_step(
    app: Application,
    target: Status,
    on: dt.date,
    today: dt.date,
    *,
    by: str = "",
    reason: str = "",
) -> None:
    """Refuse a step the life of an application does not allow, saying what is allowed."""
    if target is Status.PAID and not app.kind.pays:
        raise ValidationError(
            _("A nomination is not paid: its outcome is recorded by approving or rejecting it."),
            "status",
        )
    if target is app.status:
        raise ValidationError(
            _("Application {number} is already {status}: a step is recorded only once.").format(
                number=app.number, status=app.status.label()
            ),
            "status",
        )
    if target not in _NEXT.get(app.status, ()):
        allowed = ", ".join(s.label() for s in _NEXT.get(app.status, ()))
        message = _("Application {number} is {status}: it cannot become {target}.").format(
            number=app.number, status=app.status.label(), target=target.label()
        )
        if allowed:
            message = join_sentences(message, _("Next steps: {allowed}.").format(allowed=allowed))
        raise ValidationError(message, "status")
    if on > today:
        raise ValidationError(_("A step cannot be dated in the future."), "date")
    if on < app.last_date:
        raise ValidationError(
            _("The date {date} is before the application's last step ({last}).").format(
                date=on.isoformat(), last=app.last_date.isoformat()
            ),
            "date",
        )
    clean_text(by, "by", _("Who decided"))
    clean_text(reason, "reason", _("The reason"), multiline=True)
    if target in (Status.APPROVED, Status.REJECTED) and not by.strip():
        raise ValidationError(_("Say who decided (e.g. the civil-affairs bureau)."), "by")
    if target in (Status.REJECTED, Status.WITHDRAWN) and not reason.strip():
        raise ValidationError(_("Give the reason."), "reason")


def application_number(year: int, seq: int) -> str:
    return f"{year}-{seq:04d}"


_NUMBER = re.compile(r"^(\d{4})-(\d{4,})$")


def next_number(year: int, existing: list[str]) -> str:
    """The next human-readable number of the year: 2026-0001, 2026-0002, …"""
    seqs = [int(m[2]) for n in existing if (m := _NUMBER.match(n)) and int(m[1]) == year]
    return application_number(year, max(seqs, default=0) + 1)


_CURRENCY = re.compile(r"[¥￥,，\s]|元$|CNY|RMB", re.IGNORECASE)
CENT = Decimal("0.01")


def parse_money(raw: object, field_name: str, limits: Limits = DEFAULT_LIMITS) -> Decimal:
    """An amount of yuan as people write it (1000, 1,000.50, ¥120, 120元), at least 0 and at most
    ``limits.amount``."""
    not_money = ValidationError(
        _("{value!r} is not an amount of money; write it as 120 or 120.50.").format(value=str(raw)),
        field_name,
    )
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        value = Decimal(raw)
    else:
        text = _CURRENCY.sub("", str(raw).strip())
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise not_money from None
    if not value.is_finite():  # nan, inf
        raise not_money
    check_amount(value, limits, field_name)
    if value < 0:
        raise ValidationError(
            _("The amount {value} must be 0 or more.").format(value=str(raw)), field_name
        )
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(
            _("The amount {value} has more than two decimal places.").format(value=str(raw)),
            field_name,
        )
    return value.quantize(CENT)


def money_text(amount: Decimal | int) -> str:
    """An amount for a message: 1,000 for whole yuan, 206.50 otherwise."""
    value = Decimal(amount)
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    return format_decimal(value, format=pattern, locale=current_locale())


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_fen(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(CENT)


# ---------------------------------------------------------------- the bureau's summary

ZERO = Decimal("0.00")


COUNTED = (Status.APPROVED, Status.PAID)


@dataclass(frozen=True)
class SummaryLine:
    application: Application
    award: str  # what is claimed, in words
    clause: str
    submitted_on: dt.date | None
    decided_on: dt.date | None
    paid_on: dt.date | None


@dataclass(frozen=True)
class AwardsSummary:
    agency: Agency
    start: dt.date
    end: dt.date
    made_on: dt.date
    lines: tuple[SummaryLine, ...]

    # The bureau's totals count what was approved or paid; claims still awaiting a decision
    # and rejected ones are listed apart and never added in.

    @property
    def counted(self) -> tuple[SummaryLine, ...]:
        """The applications approved or paid: the ones the totals add up."""
        return tuple(x for x in self.lines if x.application.status in COUNTED)

    @property
    def pending(self) -> tuple[SummaryLine, ...]:
        """Submitted, not yet decided."""
        return tuple(x for x in self.lines if x.application.status is Status.SUBMITTED)

    @property
    def rejected(self) -> tuple[SummaryLine, ...]:
        return tuple(x for x in self.lines if x.application.status is Status.REJECTED)

    @property
    def asked(self) -> Decimal:
        """Asked for by every application of the period, whatever became of it."""
        return sum((x.application.amount for x in self.lines), ZERO)

    @property
    def approved(self) -> Decimal:
        """Asked for by the applications approved or paid: the total of the table."""
        return sum((x.application.amount for x in self.counted), ZERO)

    @property
    def awaiting(self) -> Decimal:
        return sum((x.application.amount for x in self.pending), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((x.application.paid_amount or ZERO for x in self.lines), ZERO)
