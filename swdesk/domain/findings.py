"""What a bureau's checks look at and what they find: the claims, payments, certificates,
staff spells and CE results of its agencies' current records, as values, and a ``Finding``,
which names the agencies, the people and the clause and says why as a Reason. Its ``key``
names what was found, so running the checks again finds the same finding (and keeps a
resolution with it) rather than a new one.

The checks (``claim_checks``, ``record_checks``) are what no single agency can see:

- the same person claimed by two agencies (the same one-time award or exam), or claimed after
  another agency already paid that level (FCG-2023 (十二) 一次性补助或奖励不可重复申领);
- the same certificate number under two identity numbers;
- a person on two agencies' staff at the same time;
- amounts that differ from the profile (the award of the level, less what was paid before);
- claims for civil servants where the profile excludes them;
- continuing-education results that do not add up from the hours submitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, Status
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Profile
from swdesk.domain.reasons import Reason, recorded
from swdesk.i18n import N_

# The kinds of finding, in the order lists show them.
DOUBLE_CLAIM = "double_claim"
PAID_BEFORE = "paid_before"
CERTIFICATE_TWICE = "certificate_twice"
TWO_STAFFS = "two_staffs"
AMOUNT = "amount"
CIVIL_SERVANT = "civil_servant"
CE_SUMS = "ce_sums"
KINDS = (DOUBLE_CLAIM, PAID_BEFORE, CERTIFICATE_TWICE, TWO_STAFFS, AMOUNT, CIVIL_SERVANT, CE_SUMS)
KIND_LABELS = {
    DOUBLE_CLAIM: N_("Claimed by two agencies"),
    PAID_BEFORE: N_("Already paid by another agency"),
    CERTIFICATE_TWICE: N_("Certificate under two identity numbers"),
    TWO_STAFFS: N_("On two agencies' staff at once"),
    AMOUNT: N_("Amount differs from the policy"),
    CIVIL_SERVANT: N_("Claim for a civil servant"),
    CE_SUMS: N_("CE result does not add up"),
}
# The words of a CE status, as the reasons of a finding carry them (the msgids of
# ce_compliance's labels).
CE_WORDS = {
    ce.Status.MET: N_("Met"),
    ce.Status.ON_PACE: N_("On pace"),
    ce.Status.BEHIND: N_("Behind"),
    ce.Status.NOT_REQUIRED: N_("Not required"),
}
_LIVE = (Status.SUBMITTED, Status.APPROVED, Status.PAID)
ONCE = (Kind.LEVEL_AWARD, Kind.EXAM_REIMBURSEMENT)  # claims a person may make once


@dataclass(frozen=True)
class Agency:
    code: str
    name: str


# The checks read every current claim and payment after each receipt (a city's five years:
# 19,000 claims and 18,000 payments): as named tuples they are made in a third of the time a
# frozen dataclass takes, and are as immutable.
class SeenClaim(NamedTuple):
    """A claim in a current record, with whose it is and what the bureaus decided on it."""

    agency: Agency
    period: int
    number: str
    kind: Kind
    award: str
    level: Level | None
    claim_key: str
    id_number: str
    name: str
    amount: Decimal
    status: Status
    submitted_on: dt.date | None
    paid_on: dt.date | None
    civil_servant: bool
    rejected: bool  # by a bureau's decision

    @property
    def live(self) -> bool:
        return self.status in _LIVE and not self.rejected

    @property
    def ref(self) -> tuple[str, int, str]:
        return (self.agency.code, self.period, self.number)


class SeenPayment(NamedTuple):
    """A level-award payment an agency reports for a person (paid through a claim or imported)."""

    agency: Agency
    id_number: str
    level: Level | None
    amount: int
    paid_on: dt.date


@dataclass(frozen=True)
class SeenCertificate:
    agency: Agency
    period: int
    id_number: str
    name: str
    number: str
    number_key: str


@dataclass(frozen=True)
class Spell:
    """A person on an agency's staff in a period, as its record says."""

    agency: Agency
    period: int
    id_number: str
    name: str
    hire_date: dt.date | None
    leave_date: dt.date | None


@dataclass(frozen=True)
class SeenCE:
    agency: Agency
    period: int
    id_number: str
    name: str
    result: ce.Status
    requirement: str
    level: Level | None
    required: float | None
    hours: Mapping[str, float]
    counted: Mapping[str, float]
    carried_over: float
    total: float
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date


@dataclass(frozen=True)
class Finding:
    key: str
    kind: str
    period: int
    agencies: tuple[Agency, ...]
    people: tuple[tuple[str, str], ...]  # (identity number, name)
    claims: tuple[tuple[str, int, str], ...]  # (agency code, period, claim number)
    clause: str
    reason: Reason


def agency_names(agencies: Iterable[Agency]) -> tuple[Reason, ...]:
    return tuple(recorded(a.name) for a in agencies)


def agencies_of(
    items: Iterable[SeenClaim | SeenPayment | Spell | SeenCertificate],
) -> tuple[Agency, ...]:
    seen: dict[str, Agency] = {}
    for x in items:
        seen.setdefault(x.agency.code, x.agency)
    return tuple(seen.values())


def award_clause(profile: Profile) -> str:
    return profile.level_award.clause.ref if profile.level_award else profile.document
