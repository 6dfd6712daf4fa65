"""The registrations of a certificate over the years (民发〔2009〕44号): the first, each
re-registration, and a lapse where one came after the last day of validity.

A period begins on its registration day and runs to its last day of validity, or to the day
before the next registration when that came first (a re-registration in the window starts the
next period; its day belongs to the new one, so no training counts twice). What kind each one is
follows from the dates and the profile's ``[registration]``, so correcting or voiding one
recomputes the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from swdesk.domain.profiles import Registration
from swdesk.domain.reasons import Hours, Reason
from swdesk.domain.registration import valid_until
from swdesk.i18n import N_, _

_ONE_DAY = dt.timedelta(days=1)
SOURCES = ("entry", "import", "upgrade")


class RegKind(StrEnum):
    FIRST = "first"
    RENEWAL = "renewal"  # re-registered while the previous registration was valid
    AFTER_LAPSE = "after_lapse"  # re-registered after the previous one had expired

    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    RegKind.FIRST: N_("First registration"),
    RegKind.RENEWAL: N_("Re-registration"),
    RegKind.AFTER_LAPSE: N_("Re-registration after a lapse"),
}


@dataclass(frozen=True, slots=True)
class RegistrationRecord:
    """One registration as recorded."""

    credential_id: int
    registered_on: dt.date
    hours: float | None = None  # a re-registration: the hours of the period it closed
    hours_required: float | None = None
    short_reason: str = ""  # why it was recorded with those hours short
    source: str = "entry"
    recorded_at: str = ""
    recorded_by: str = ""
    voided: bool = False
    void_reason: str = ""
    id: int | None = None

    @property
    def short(self) -> bool:
        return bool(self.short_reason)


@dataclass(frozen=True, slots=True)
class RegistrationPeriod:
    record: RegistrationRecord
    kind: RegKind
    valid_until: dt.date
    ends: dt.date  # the last day of this period: valid_until, or the day before the next one
    lapse: tuple[dt.date, dt.date] | None  # unregistered from, to (before this registration)

    @property
    def start(self) -> dt.date:
        return self.record.registered_on

    def lapse_reason(self, clause: str) -> Reason | None:
        if self.lapse is None:
            return None
        return Reason(
            N_(
                "Unregistered from {start} to {end}: the registration expired and was renewed "
                "only on {date}."
            ),
            {"start": self.lapse[0], "end": self.lapse[1], "date": self.start},
            clause,
            held=False,
        )

    def notes(self, clause: str) -> tuple[Reason, ...]:
        """What a list of periods says beside this one: a lapse before it, a shortfall."""
        found = (self.lapse_reason(clause), self.shortfall_reason(clause))
        return tuple(r for r in found if r is not None)

    def shortfall_reason(self, clause: str) -> Reason | None:
        """A re-registration recorded with the previous period's hours short, and why."""
        if not self.record.short:
            return None
        return Reason(
            N_("Registered with the hours short ({hours} of {required}): {reason}"),
            {
                "hours": Hours(self.record.hours),
                "required": Hours(self.record.hours_required),
                "reason": self.record.short_reason,
            },
            clause,
            held=False,
        )


def periods(records: Iterable[RegistrationRecord], rules: Registration) -> list[RegistrationPeriod]:
    """The live registrations of one certificate as periods, oldest first."""
    live = sorted((r for r in records if not r.voided), key=lambda r: r.registered_on)
    out: list[RegistrationPeriod] = []
    for i, record in enumerate(live):
        until = valid_until(record.registered_on, rules)
        following = live[i + 1].registered_on if i + 1 < len(live) else None
        ends = min(until, following - _ONE_DAY) if following else until
        kind, lapse = RegKind.FIRST, None
        if out:
            previous = out[-1].valid_until
            if record.registered_on > previous + _ONE_DAY:
                kind, lapse = (
                    RegKind.AFTER_LAPSE,
                    (previous + _ONE_DAY, record.registered_on - _ONE_DAY),
                )
            else:
                kind = RegKind.RENEWAL
        out.append(RegistrationPeriod(record, kind, until, ends, lapse))
    return out


def latest(records: Sequence[RegistrationRecord]) -> RegistrationRecord | None:
    live = [r for r in records if not r.voided]
    return max(live, key=lambda r: r.registered_on, default=None)
