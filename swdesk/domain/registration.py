"""Certificate registration (证书登记, 民发〔2009〕44号): first registration within a year of passing,
valid for a number of years, re-registration in the months before expiry with the period's
continuing education done. The numbers come from the profile's ``[registration]`` table.

A credential's ``registered_on`` is the date of its *current* registration: the first one, or the
latest re-registration (recording a re-registration moves it; the audit log keeps the earlier
dates). Only the highest certificate a person holds is followed: a lower one stops mattering once
a higher one is obtained, which must then be registered itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from swdesk.domain.dates import add_months, period_end
from swdesk.domain.profiles import Clause, Registration
from swdesk.domain.staff import Credential
from swdesk.i18n import N_, _


class RegState(StrEnum):
    DUE = "due"  # not registered yet, the first-registration deadline is ahead
    OVERDUE = "overdue"  # not registered and the deadline has passed
    VALID = "valid"
    OPEN = "open"  # the re-registration window is open
    EXPIRED = "expired"

    def label(self) -> str:
        return _(_STATE_LABELS[self])


_STATE_LABELS = {
    RegState.DUE: N_("First registration due"),
    RegState.OVERDUE: N_("First registration overdue"),
    RegState.VALID: N_("Registered"),
    RegState.OPEN: N_("Re-registration open"),
    RegState.EXPIRED: N_("Registration expired"),
}


@dataclass(frozen=True, slots=True)
class RegistrationStatus:
    credential: Credential
    state: RegState
    due: dt.date  # the date that matters: first-registration deadline, or last day of validity
    valid_until: dt.date | None
    window_opens: dt.date | None
    clause: Clause


def current_credential(credentials: Iterable[Credential], on: dt.date) -> Credential | None:
    """The certificate that counts on ``on``: the highest level held, the latest if two."""
    held = [c for c in credentials if c.obtained_on <= on]
    return max(held, key=lambda c: (c.level.rank, c.obtained_on), default=None)


def first_registration_deadline(credential: Credential, rules: Registration) -> dt.date:
    """The last day to register: within ``first_within_years`` of the day obtained, counted as
    the Civil Code counts (obtained 2024-06-01, within a year: by 2025-06-01)."""
    return period_end(credential.obtained_on, years=rules.first_within_years)


def valid_until(registered_on: dt.date, rules: Registration) -> dt.date:
    """The last day a registration is valid (registered 2024-03-01, valid 3 years: 2027-03-01;
    registered 2020-02-29: 2023-02-28)."""
    return period_end(registered_on, years=rules.valid_years)


def window_opens(registered_on: dt.date, rules: Registration) -> dt.date:
    """The first day of the re-registration window: the months before the last day of validity
    go back to the corresponding day (valid until 2027-03-01, 3 months: from 2026-12-01)."""
    return add_months(valid_until(registered_on, rules), -rules.renewal_window_months)


def registration_status(
    credential: Credential, rules: Registration, as_of: dt.date
) -> RegistrationStatus:
    """Where the credential's registration stands on ``as_of``. A registration dated after
    ``as_of`` is treated as not yet made (the state on that earlier day)."""
    registered = credential.registered_on
    if registered is None or registered > as_of:
        deadline = first_registration_deadline(credential, rules)
        state = RegState.DUE if as_of <= deadline else RegState.OVERDUE
        return RegistrationStatus(credential, state, deadline, None, None, rules.clause)
    last_day = valid_until(registered, rules)
    opens = window_opens(registered, rules)
    if as_of > last_day:
        state = RegState.EXPIRED
    elif as_of >= opens:
        state = RegState.OPEN
    else:
        state = RegState.VALID
    return RegistrationStatus(credential, state, last_day, last_day, opens, rules.clause)
