"""Policy profiles as values: everything place-specific (hours and periods, grade ladders, award
tables, the words of each clause). Every rule result cites a :class:`Clause` from its profile, so
the user can see why the program decided what it did.

The profiles are written in TOML (resources/policies/, or the agency's own folder); swdesk.policies
finds, reads, merges and checks those files into these values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from swdesk.domain.levels import Band, Level
from swdesk.domain.limits import DEFAULT_LIMITS, Limits

CE_PERIODS = ("calendar_year", "registration")
# 学历教育 (a completed social-work degree) is a form of its own: it counts DegreeRule.hours.
TRAINING_FORMS = ("face_to_face", "online", "supervision", "conference", "other", "degree")
SUBJECTS = ("general", "professional")  # 公需科目, 专业科目
CE_UNITS = ("study_hours", "clock_hours")  # 学时 as recorded; 小时 of 60 minutes
# When a person certified during a period owes hours: from the next period (the program's
# reading since 1.0), or from the period they were certified in.
CERTIFIED_DURING = ("next_period", "same_period")


@dataclass(frozen=True)
class Clause:
    key: str
    ref: str  # e.g. "FCG-2023 (十二)"
    text: str  # the words of the clause, Chinese original

    def __str__(self) -> str:
        return self.ref


@dataclass(frozen=True)
class Grade:
    code: str
    name: str
    name_en: str
    post_level: int
    band: Band

    def label(self, language: str) -> str:
        return self.name if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class CERequirement:
    id: str
    period: str  # "calendar_year" or "registration"
    hours: float | None  # for everyone certified, unless hours_by_level names their level
    hours_by_level: Mapping[Level, float]
    clause: Clause
    caps: Mapping[str, float] = field(default_factory=dict)  # form -> most hours counted
    minimums: Mapping[str, float] = field(default_factory=dict)  # form -> least hours needed
    carry_over_max: float = 0.0  # surplus hours that may count in the next period
    unit: str = "study_hours"  # what ``hours`` are: 学时 as recorded, or clock hours (小时)
    # The length of a 学时 where the place sets one (some count 45 minutes): a requirement in
    # clock hours then counts each recorded 学时 as minutes/60 hours. None: a 学时 is an hour.
    minutes_per_study_hour: int | None = None
    # Subject category -> least share of the hours required (专业科目 ≥ 2/3 of 90: 60 hours).
    subject_shares: Mapping[str, Fraction] = field(default_factory=dict)
    certified_during_period: str = "next_period"

    def hours_for(self, level: Level | None) -> float | None:
        if level is not None and level in self.hours_by_level:
            return self.hours_by_level[level]
        return self.hours

    @property
    def hours_per_study_hour(self) -> float:
        """What one recorded 学时 counts toward this requirement."""
        if self.unit == "clock_hours" and self.minutes_per_study_hour:
            return self.minutes_per_study_hour / 60
        return 1.0


@dataclass(frozen=True)
class DegreeRule:
    """A completed social-work degree (学历教育) counts this many hours at once."""

    hours: float
    clause: Clause


@dataclass(frozen=True)
class Registration:
    first_within_years: int
    valid_years: int
    renewal_window_months: int
    clause: Clause


@dataclass(frozen=True)
class LevelAward:
    amounts: Mapping[Level, int]
    service_years: int
    exclude_civil_servants: bool
    cutoff_year: int  # certificates obtained in or before it: award by highest level held
    pay_difference: bool
    clause: Clause
    effective_from: dt.date | None = None  # claims dated earlier are refused; None: any date


@dataclass(frozen=True)
class ReimbursableItem:
    """One cost an exam claim may list (报名费; 住宿费 as part of 往返差旅费), with its receipt."""

    code: str
    name: str = ""  # as the profile names it; "" for the program's own label
    name_en: str = ""
    receipt: bool = True  # a receipt of its own is to be attached
    part_of: str = ""  # the cost it is a component of (travel: 往返差旅费)


@dataclass(frozen=True)
class Reimbursement:
    first_exam_year: int
    items: tuple[ReimbursableItem, ...]
    clause: Clause
    effective_from: dt.date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def item(self, code: str) -> ReimbursableItem | None:
        return next((i for i in self.items if i.code == code), None)


@dataclass(frozen=True)
class AgencySubsidy:
    code: str
    name: str
    name_en: str
    amount: int
    clause: Clause
    effective_from: dt.date | None = None


@dataclass(frozen=True)
class Commendation:
    code: str
    name: str
    name_en: str
    clause: Clause


@dataclass(frozen=True)
class InternRule:
    """Interns of an employment-practice base (FCG-2023 (十六)); see domain/interns.py."""

    clause: Clause
    years_after_graduation: int = 2  # 毕业2年内
    # subsidy code -> CNY a month; the document names none, so the agency sets them
    per_month: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    name_en: str
    document: str  # short name of the policy document, e.g. FCG-2023
    title: str
    clauses: Mapping[str, Clause]
    grades: tuple[Grade, ...]
    appointment_clause: Clause
    ce_requirements: tuple[CERequirement, ...]
    registration: Registration | None
    level_award: LevelAward | None
    reimbursement: Reimbursement | None
    agency_subsidies: tuple[AgencySubsidy, ...]
    commendations: tuple[Commendation, ...]
    pay_guidance: Mapping[str, int]  # grade code -> monthly reference figure, CNY
    path: str = ""
    limits: Limits = DEFAULT_LIMITS  # the most hours and yuan one value may be
    degree: DegreeRule | None = None
    # A certificate of a higher level qualifies for a post of a lower band (the program's
    # reading since 1.0); False: the post needs the certificate of its own band.
    higher_certificate_qualifies: bool = True
    interns: InternRule | None = None

    def grade(self, code: str) -> Grade:
        for grade in self.grades:
            if grade.code == code:
                return grade
        raise KeyError(code)

    def label(self, language: str) -> str:
        return self.name if language.startswith("zh") else self.name_en
