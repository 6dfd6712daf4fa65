"""What an agency sends its civil-affairs bureau (报送), as values: the agency, the period, the
people concerned with their certificates, the continuing-education results of the period and
every claim of the period with its steps; and what a bureau sends up (its agencies' records,
unchanged, with its own decisions) or back down (a return: the claims it did not approve).

A record keeps the identity it was made with (the agency's submission id and credit code)
however many bureaus it passes through, so a level above counts each agency once.
``docs/submission-format.md`` describes the file these values are written to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, Status
from swdesk.domain.awards import Payment
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Reason
from swdesk.i18n import N_, _

SUBMISSION_FORMAT = "swdesk-submission"
RETURN_FORMAT = "swdesk-return"
# The format this program writes and the newest it reads; see docs/submission-format.md.
FORMAT_VERSION = 1


class UnitKind(StrEnum):
    AGENCY = "agency"
    BUREAU = "bureau"


class BureauLevel(StrEnum):
    DISTRICT = "district"
    CITY = "city"
    PROVINCE = "province"

    def label(self) -> str:
        return _(_LEVEL_LABELS[self])

    @property
    def rank(self) -> int:
        return list(BureauLevel).index(self) + 1


_LEVEL_LABELS = {
    BureauLevel.DISTRICT: N_("District (county) civil-affairs bureau"),
    BureauLevel.CITY: N_("City civil-affairs bureau"),
    BureauLevel.PROVINCE: N_("Provincial civil-affairs department"),
}


class Outcome(StrEnum):
    REJECTED = "rejected"


@dataclass(frozen=True)
class Unit:
    """Who makes a file: an agency, or a bureau of a level."""

    kind: UnitKind
    name: str
    credit_code: str
    level: BureauLevel | None = None
    address: str = ""
    contact_person: str = ""
    phone: str = ""
    profile_id: str = ""
    profile_version: str = ""


@dataclass(frozen=True)
class Certificate:
    number: str
    level: Level
    obtained_on: dt.date
    registered_on: dt.date | None = None
    issuing_body: str = ""


@dataclass(frozen=True)
class Grade:
    """The post grade a person holds at the end of the period, as the agency's profile names it."""

    code: str
    name: str
    name_en: str

    def label(self, language: str) -> str:
        return self.name if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    sex: str  # "M" or "F"
    birth_date: dt.date
    hire_date: dt.date | None = None
    leave_date: dt.date | None = None
    civil_servant: bool = False
    social_work_since: dt.date | None = None
    certificates: tuple[Certificate, ...] = ()
    grade: Grade | None = None
    paid: tuple[Payment, ...] = ()  # the level award paid to the person, as the agency knows it

    def employed_on(self, day: dt.date) -> bool:
        started = self.hire_date is None or self.hire_date <= day
        return started and (self.leave_date is None or self.leave_date > day)

    def highest(self, on: dt.date) -> Certificate | None:
        held = [c for c in self.certificates if c.obtained_on <= on]
        return max(held, key=lambda c: (c.level.rank, c.obtained_on), default=None)


@dataclass(frozen=True)
class CEResult:
    """A person's continuing-education result as the agency computed it, with the hours it came
    from: by form as attended (``hours``), after the requirement's caps (``counted``), and any
    carried over from the period before."""

    id_number: str
    requirement: str
    clause: str
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date
    level: Level | None
    required: float | None
    hours: Mapping[str, float]
    counted: Mapping[str, float]
    carried_over: float
    total: float
    shortfall: float | None
    status: ce.Status
    reason: Reason | None = None

    @classmethod
    def of(cls, id_number: str, result: ce.Compliance) -> CEResult:
        """The result the agency sends for ``id_number``, from the rule's own judgement."""
        period = result.period
        return cls(
            id_number,
            result.requirement_id,
            result.clause.ref,
            period.start if period else None,
            period.end if period else None,
            result.as_of,
            result.level,
            result.required,
            dict(result.hours.raw),
            dict(result.hours.counted),
            result.hours.carried_over,
            result.hours.total,
            result.shortfall,
            result.status,
            result.reason,
        )  # fmt: skip


@dataclass(frozen=True)
class ClaimStep:
    status: Status
    on: dt.date
    by: str = ""
    reason: str = ""
    amount: Decimal | None = None


@dataclass(frozen=True)
class Claim:
    number: str
    kind: Kind
    award: str
    level: Level | None
    id_number: str  # "" for the agency's own subsidy
    name: str  # the person, or the agency for a subsidy
    amount: Decimal
    status: Status
    created_on: dt.date
    claim_key: str
    clause: str
    details: Mapping[str, str] = field(default_factory=dict)  # exam_year, honour …
    steps: tuple[ClaimStep, ...] = ()

    def step(self, status: Status) -> ClaimStep | None:
        found = [s for s in self.steps if s.status is status]
        return found[-1] if found else None

    @property
    def submitted_on(self) -> dt.date | None:
        step = self.step(Status.SUBMITTED)
        return step.on if step else None

    @property
    def paid_amount(self) -> Decimal | None:
        step = self.step(Status.PAID)
        return step.amount if step else None


@dataclass(frozen=True)
class AgencyRecord:
    """One agency's submission for one period: what every level above counts."""

    submission_id: str
    agency: Unit
    period: int
    created_at: dt.datetime
    program_version: str
    people: tuple[Person, ...] = ()
    ce_results: tuple[CEResult, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def period_end(self) -> dt.date:
        return dt.date(self.period, 12, 31)


@dataclass(frozen=True)
class Decision:
    """A bureau's decision on one claim of an agency's record: 不予批准 with the reason."""

    agency_code: str
    submission_id: str  # the agency record's
    period: int
    claim_number: str
    outcome: Outcome
    reason: str
    by: str  # the bureau that decided
    on: dt.date
    clause: str = ""


@dataclass(frozen=True)
class Submission:
    """A submission file's contents: one record for an agency's, every current record of the
    period for a bureau's, with the decisions the bureau made on them."""

    submission_id: str
    submitter: Unit
    period: int
    created_at: dt.datetime
    program_version: str
    records: tuple[AgencyRecord, ...]
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class ReturnFile:
    """What a bureau passes back to one agency: the claims it did not approve, with why."""

    return_id: str
    bureau: Unit
    agency_code: str
    period: int
    created_at: dt.datetime
    program_version: str
    decisions: tuple[Decision, ...]


def period_of(day: dt.date) -> int:
    """The period (a calendar year) a day belongs to."""
    return day.year


def period_bounds(period: int) -> tuple[dt.date, dt.date]:
    return dt.date(period, 1, 1), dt.date(period, 12, 31)
