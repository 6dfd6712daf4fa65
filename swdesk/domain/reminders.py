"""Reminders: what an administrator must act on, one value per thing, with its clause.

The rules that turn a compliance or registration result into a reminder live here (pure); the
services collect them (see ``swdesk.services.reminders`` for adding new kinds of reminder, whose
labels are listed here in ``KIND_LABELS``).
How far ahead to warn is office practice, not policy, so those leads are constants here.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum

from swdesk.domain.ce_compliance import Compliance, Status
from swdesk.domain.dates import add_months
from swdesk.domain.reasons import Hours, Reason
from swdesk.domain.registration import RegistrationStatus, RegState
from swdesk.domain.staff import Staff
from swdesk.i18n import N_, _

# "CE short with the year ending": from this many months before a period's last day.
PERIOD_END_MONTHS = 2
# An unregistered certificate is worth a medium reminder this many months before its deadline.
REGISTRATION_SOON_MONTHS = 3


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def label(self) -> str:
        return _(_SEVERITY_LABELS[self])


_SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
_SEVERITY_LABELS = {
    Severity.HIGH: N_("High"),
    Severity.MEDIUM: N_("Medium"),
    Severity.LOW: N_("Low"),
}

# Every kind of reminder the providers (swdesk.services.reminders) make, with its label.
KIND_LABELS = {
    "ce_behind": N_("Continuing education behind pace"),
    "ce_short_period_end": N_("Continuing education short, period ending"),
    "registration_due": N_("First registration due"),
    "registration_overdue": N_("First registration overdue"),
    "renewal_open": N_("Re-registration window open"),
    "registration_expired": N_("Registration expired"),
    "registration_lapsed": N_("Registration lapsed before renewal"),
    "award_eligible": N_("Award due, not applied for"),
    "award_eligible_soon": N_("Award eligibility soon"),
    "application_waiting": N_("Application waiting"),
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


# Slots, here and in the reasons, the compliance and the registration values: a dashboard of
# 20,000 people holds some 100,000 of them at its peak, 8 MB less without a dict's worth each.
@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str
    staff_id: int | None
    id_number: str
    name: str
    due: dt.date
    severity: Severity
    message: Reason  # what to do, worded when shown (swdesk.i18n.reasons)
    clause: str  # Clause.ref

    def sort_key(self) -> tuple:
        return (self.severity.rank, self.due, self.kind, self.id_number)


def _person(staff: Staff) -> dict:
    return {"staff_id": staff.id, "id_number": staff.id_number, "name": staff.name}


@functools.lru_cache(maxsize=4096)
def _warn_from(end: dt.date) -> dt.date:
    """The first day of the last ``PERIOD_END_MONTHS`` of a period ending on ``end``."""
    return add_months(end + dt.timedelta(days=1), -PERIOD_END_MONTHS)


def ce_reminder(staff: Staff, result: Compliance, as_of: dt.date) -> Reminder | None:
    """A reminder when a required person is short in a period that is running on ``as_of``."""
    period = result.period
    if result.status in (Status.MET, Status.NOT_REQUIRED) or period is None:
        return None
    if not period.contains(as_of):
        return None
    ending = as_of >= _warn_from(period.end)
    if not ending and result.status is not Status.BEHIND:
        return None
    values = {
        "name": staff.name,
        "hours": Hours(result.hours.total),
        "required": Hours(result.required),
        "expected": Hours(result.expected_by_now),
        "shortfall": Hours(result.shortfall),
        "end": period.end,
    }
    if ending:
        key = N_(
            "{name} still needs {shortfall} hours of continuing education by {end} "
            "({hours} of {required} done)."
        )
        severity = Severity.HIGH if result.status is Status.BEHIND else Severity.MEDIUM
        kind = "ce_short_period_end"
    elif result.status is Status.BEHIND:
        key = N_(
            "{name} is behind on continuing education: {hours} of {required} hours, "
            "{expected} expected by now; {shortfall} more needed by {end}."
        )
        severity, kind = Severity.MEDIUM, "ce_behind"
    else:
        return None
    ref = result.clause.ref
    return Reminder(
        kind, **_person(staff), due=period.end, severity=severity,
        message=Reason(key, values, ref), clause=ref,
    )  # fmt: skip


def registration_reminder(
    staff: Staff, status: RegistrationStatus, as_of: dt.date, hours: Compliance | None = None
) -> Reminder | None:
    """A reminder for a registration to make or renew. ``hours`` is the compliance of the
    registration period, to say whether re-registration's hours are there."""
    state = status.state
    if state is RegState.VALID:
        return None
    cred = status.credential
    values = {
        "name": staff.name,
        "level": cred.level,
        "number": cred.certificate_number,
        "date": status.due,
    }
    then: tuple[Reason, ...] = ()
    ref = status.clause.ref
    if state is RegState.DUE:
        soon = as_of >= add_months(status.due, -REGISTRATION_SOON_MONTHS)
        key = N_(
            "{name}'s {level} certificate ({number}) must be registered for the first time by "
            "{date}."
        )
        kind, severity = "registration_due", Severity.MEDIUM if soon else Severity.LOW
    elif state is RegState.OVERDUE:
        key = N_(
            "{name}'s {level} certificate ({number}) had to be registered by {date} and is "
            "still not registered."
        )
        kind, severity = "registration_overdue", Severity.HIGH
    elif state in (RegState.OPEN, RegState.EXPIRED):
        if state is RegState.OPEN:
            key = N_(
                "The registration of {name}'s {level} certificate ({number}) ends on {date}: "
                "re-registration is open."
            )
            kind = "renewal_open"
        else:
            key = N_(
                "The registration of {name}'s {level} certificate ({number}) ended on {date}: "
                "apply to register again."
            )
            kind = "registration_expired"
        hours_short = (
            hours is not None and hours.required is not None and hours.status is not Status.MET
        )
        if hours is not None and hours.required is not None:
            then = (
                Reason(
                    N_("Continuing education of the period: {hours} of {required} hours."),
                    {"hours": Hours(hours.hours.total), "required": Hours(hours.required)},
                    ref,
                ),
            )
        severity = Severity.HIGH if state is RegState.EXPIRED or hours_short else Severity.MEDIUM
    else:
        return None
    return Reminder(
        kind, **_person(staff), due=status.due, severity=severity,
        message=Reason(key, values, ref, then=then), clause=ref,
    )  # fmt: skip


def lapse_reminder(staff: Staff, status: RegistrationStatus, lapse: Reason) -> Reminder:
    """The current registration came after an expiry: the certificate was unregistered for a
    while, which the bureau may ask about (a low reminder while that registration runs)."""
    cred = status.credential
    ref = status.clause.ref
    message = Reason(
        N_("{name}'s {level} certificate ({number}): {lapse}"),
        {
            "name": staff.name,
            "level": cred.level,
            "number": cred.certificate_number,
            "lapse": lapse,
        },
        ref,
    )
    return Reminder(
        "registration_lapsed", **_person(staff), due=cred.registered_on or status.due,
        severity=Severity.LOW, message=message, clause=ref,
    )  # fmt: skip
