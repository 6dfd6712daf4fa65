"""Post grades and the appointment rule (BJ-2017 三(六); FCG-2023 (十)): a post of a band needs the
certificate of that band's level (or a higher one), held on the day of appointment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from swdesk.domain.levels import Band, Level
from swdesk.domain.profiles import Clause, Grade, Profile
from swdesk.domain.reasons import Named, Reason
from swdesk.domain.staff import Staff
from swdesk.i18n import N_

REQUIRED_LEVEL = {
    Band.JUNIOR: Level.ASSISTANT,
    Band.INTERMEDIATE: Level.SOCIAL_WORKER,
    Band.SENIOR: Level.SENIOR,
}


@dataclass(frozen=True)
class Appointment:
    """A person's appointment to a post grade from a date."""

    staff_id: int
    grade_code: str
    appointed_on: dt.date
    note: str = ""
    id: int | None = None
    voided_on: dt.date | None = None  # a mistaken appointment: in the history, counts nowhere
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_on is not None


@dataclass(frozen=True)
class AppointmentCheck:
    allowed: bool
    grade: Grade
    required: Level
    reason: Reason
    clause: Clause


def highest_level(levels: Iterable[Level]) -> Level | None:
    return max(levels, key=lambda lv: lv.rank, default=None)


def check_appointment(
    profile: Profile, grade_code: str, held: Iterable[tuple[Level, dt.date]], on: dt.date
) -> AppointmentCheck:
    """May a person holding ``held`` (level, date obtained) be appointed to the grade on ``on``?"""
    grade = profile.grade(grade_code)
    required = REQUIRED_LEVEL[grade.band]
    clause = profile.appointment_clause
    best = highest_level(level for level, obtained in held if obtained <= on)
    post = {"grade": Named(grade.name, grade.name_en), "band": grade.band}
    if best is not None and best.rank >= required.rank:
        reason = Reason(
            N_("Allowed: {grade} is a post of the {band} band and the person holds {level}."),
            {**post, "level": best},
            clause.ref,
        )
        return AppointmentCheck(True, grade, required, reason, clause)
    reason = Reason(
        N_(
            "Refused: {grade} is a post of the {band} band and needs the {required} certificate; on {date} "
            "the person holds {held}."
        ),
        {
            **post,
            "required": required,
            "date": on.isoformat(),
            "held": best or Reason(N_("no certificate")),
        },
        clause.ref,
        held=False,
    )
    return AppointmentCheck(False, grade, required, reason, clause)


def allowed_band(levels: Iterable[Level]) -> Band | None:
    best = highest_level(levels)
    return best.band if best else None


def could_move_up(profile: Profile, current: Grade | None, levels: Iterable[Level]) -> Band | None:
    """The band the person's credentials allow, when it is above the band of their current grade
    (or they have no grade yet); otherwise None."""
    band = allowed_band(levels)
    if band is None:
        return None
    if not any(g.band == band for g in profile.grades):
        # The ladder has no posts of that band yet (e.g. senior grades "to be defined later").
        candidates = [g.band for g in profile.grades if g.band.rank <= band.rank]
        if not candidates:
            return None
        band = max(candidates, key=lambda b: b.rank)
    if current is None or band.rank > current.band.rank:
        return band
    return None


def grade_named(profile: Profile, code: str) -> Named:
    """A grade's names in both languages (its code, for a grade of another profile)."""
    try:
        grade = profile.grade(code)
    except KeyError:  # a grade of another profile, kept in the history
        return Named(code, code)
    return Named(grade.name, grade.name_en)


def outside_employment(
    profile: Profile, person: Staff, appointments: Iterable[Appointment]
) -> Reason | None:
    """Why corrected employment dates are refused: the first live appointment they would leave
    outside the person's time at the agency (an appointment needs the post, BJ-2017 三(六);
    FCG-2023 (十)); None when every appointment stays inside."""
    for a in appointments:
        if a.voided or person.employed_on(a.appointed_on):
            continue
        return Reason(
            N_(
                "{name} would not work at the agency on {date} (hired {hired}, left {left}), the "
                "day of the appointment to {grade}; void that appointment first, or correct the "
                "dates."
            ),
            {
                "name": person.name,
                "date": a.appointed_on.isoformat(),
                "hired": person.hire_date.isoformat() if person.hire_date else "-",
                "left": person.leave_date.isoformat() if person.leave_date else "-",
                "grade": grade_named(profile, a.grade_code),
            },
            profile.appointment_clause.ref,
            held=False,
        )
    return None


def appointment_resting_on(
    profile: Profile,
    appointments: Iterable[Appointment],
    held_before: list[tuple[Level, dt.date]],
    held_after: list[tuple[Level, dt.date]],
) -> Reason | None:
    """Why a certificate may not be corrected or voided: the first live appointment the
    certificates allowed before the change and would no longer allow after it."""
    for a in appointments:
        if a.voided:
            continue
        try:
            before = check_appointment(profile, a.grade_code, held_before, a.appointed_on)
        except KeyError:  # a grade this profile does not know: no rule to keep
            continue
        after = check_appointment(profile, a.grade_code, held_after, a.appointed_on)
        if before.allowed and not after.allowed:
            return Reason(
                N_(
                    "The appointment to {grade} from {date} rests on this certificate: "
                    "{refusal} Void that appointment first."
                ),
                {
                    "grade": grade_named(profile, a.grade_code),
                    "date": a.appointed_on.isoformat(),
                    "refusal": after.reason,
                },
                after.clause.ref,
                held=False,
            )
    return None
