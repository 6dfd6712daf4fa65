"""The tables of a profile, read into the values of swdesk.domain.profiles. Each table has its
reader; ``build_profile`` calls them in the order of the file's sections, so the first problem
reported is the first one a reader of the file meets."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from swdesk.domain.interns import SUBSIDIES
from swdesk.domain.levels import Band
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.domain.profiles import (
    CE_PERIODS,
    CE_UNITS,
    CERTIFIED_DURING,
    SUBJECTS,
    AgencySubsidy,
    CERequirement,
    Clause,
    Commendation,
    DegreeRule,
    Grade,
    InternRule,
    LevelAward,
    Profile,
    Registration,
    ReimbursableItem,
    Reimbursement,
)
from swdesk.i18n import _
from swdesk.policies.reader import TableReader

Clauses = Mapping[str, Clause]
# Whatever a profile says, one amount must stay far inside SQLite's integers (counted in fen).
_MOST_AMOUNT = 10**12


def build_profile(path: Path, data: Mapping[str, Any]) -> Profile:
    """The profile in ``data`` (already merged onto the profiles it extends), read from
    ``path``; ProfileError names the first key that is wrong."""
    r = TableReader(path, data)
    profile_id = r.get("id", str)
    if profile_id != path.stem:
        raise r.fail("id", _("must equal the file name ({stem})").format(stem=path.stem))
    limits = read_limits(r)
    clauses = read_clauses(r)
    grades = read_grades(r)
    appointment = r.optional_table("appointment")
    if grades and appointment is None:
        raise r.fail(
            "appointment", _("missing (a profile with grades must cite the appointment rule)")
        )
    requirements = read_requirements(r, clauses)
    degree = read_degree(r, clauses)
    registration = read_registration(r, clauses)
    level_award = read_level_award(r, clauses, limits)
    reimbursement = read_reimbursement(r, clauses)
    interns = read_interns(r, clauses, limits)
    subsidies = tuple(
        AgencySubsidy(
            s.get("code", str),
            s.get("name", str),
            s.get("name_en", str),
            within(limits, s, "amount", int(s.number("amount"))),
            cite(clauses, s),
            s.date("effective_from"),
        )
        for s in r.tables("agency_subsidies")
    )
    commendations = tuple(
        Commendation(
            c.get("code", str), c.get("name", str), c.get("name_en", str), cite(clauses, c)
        )
        for c in r.tables("commendations")
    )
    pay_guidance = read_pay_guidance(r, [g.code for g in grades])
    return Profile(
        id=profile_id,
        name=r.get("name", str),
        name_en=r.get("name_en", str),
        document=r.get("document", str),
        title=r.get("title", str),
        clauses=clauses,
        grades=grades,
        appointment_clause=cite(clauses, appointment) if appointment else Clause("", "", ""),
        ce_requirements=requirements,
        registration=registration,
        level_award=level_award,
        reimbursement=reimbursement,
        agency_subsidies=subsidies,
        commendations=commendations,
        pay_guidance=pay_guidance,
        path=str(path),
        limits=limits,
        degree=degree,
        higher_certificate_qualifies=(
            appointment.get("higher_certificate_qualifies", bool, True) if appointment else True
        ),
        interns=interns,
    )


def read_interns(r: TableReader, clauses: Clauses, limits: Limits) -> InternRule | None:
    """``[interns]`` ``clause``, ``years_after_graduation``, ``per_month`` (CNY a month by
    subsidy: practice, accident_insurance, work_injury_insurance; any may be left out)."""
    t = r.optional_table("interns")
    if t is None:
        return None
    rates = t.table("per_month") if t.has("per_month") else None
    per_month = {}
    for code in rates.data if rates else ():
        if code not in SUBSIDIES:
            raise rates.fail(code, _("use one of {allowed}").format(allowed=", ".join(SUBSIDIES)))  # type: ignore[union-attr]
        per_month[code] = Decimal(within(limits, rates, code, int(rates.number(code))))  # type: ignore[union-attr]
    years = int(t.number("years_after_graduation", 2, minimum=0))
    return InternRule(cite(clauses, t), years, per_month)


def read_limits(r: TableReader) -> Limits:
    """The most one value may be (``[limits]``); the program's own when the profile is silent."""
    t = r.optional_table("limits")
    if t is None:
        return DEFAULT_LIMITS
    d = DEFAULT_LIMITS
    amount = int(t.number("amount", d.amount, minimum=1))
    if amount > _MOST_AMOUNT:
        raise t.fail("amount", _("must be at most {most}").format(most=_MOST_AMOUNT))
    return Limits(
        hours_per_day=float(t.number("hours_per_day", d.hours_per_day, minimum=1)),
        hours_per_record=float(t.number("hours_per_record", d.hours_per_record, minimum=1)),
        amount=amount,
    )


def within(limits: Limits, reader: TableReader, name: str, value: int) -> int:
    """An amount the profile pays, refused past ``limits.amount``."""
    if value > limits.amount:
        raise reader.fail(
            name, _("more than limits.amount ({most} yuan)").format(most=limits.amount)
        )
    return value


def read_clauses(r: TableReader) -> dict[str, Clause]:
    clauses: dict[str, Clause] = {}
    for key, raw in r.get("clauses", dict, {}).items():
        if not isinstance(raw, dict):
            raise r.fail(f"clauses.{key}", _("expected a table with ref and text"))
        cr = TableReader(r.path, raw, f"clauses.{key}.")
        clauses[key] = Clause(key=key, ref=cr.get("ref", str), text=cr.get("text", str))
    return clauses


def cite(clauses: Clauses, reader: TableReader, name: str = "clause") -> Clause:
    """The clause a table names by key; every rule cites one that [clauses] defines."""
    key = reader.get(name, str)
    if key not in clauses:
        raise reader.fail(
            name, _("names clause {key}, which [clauses] does not define").format(key=key)
        )
    return clauses[key]


def read_grades(r: TableReader) -> tuple[Grade, ...]:
    grades = []
    for g in r.tables("grades"):
        band = g.get("band", str)
        try:
            band_value = Band(band)
        except ValueError:
            raise g.fail("band", _("use junior, intermediate or senior")) from None
        grades.append(
            Grade(
                g.get("code", str),
                g.get("name", str),
                g.get("name_en", str),
                int(g.number("post_level")),
                band_value,
            )
        )
    codes = [g.code for g in grades]
    if len(set(codes)) != len(codes):
        raise r.fail("grades", _("grade codes must be unique"))
    return tuple(grades)


def read_requirements(r: TableReader, clauses: Clauses) -> tuple[CERequirement, ...]:
    ce = r.optional_table("ce")
    minutes = ce.number("minutes_per_study_hour", None, minimum=1) if ce else None
    if minutes is not None and minutes > 60:
        raise ce.fail("minutes_per_study_hour", _("must be at most 60"))  # type: ignore[union-attr]
    requirements = []
    for q in ce.tables("requirements") if ce else []:
        period = q.get("period", str)
        if period not in CE_PERIODS:
            raise q.fail("period", _("use calendar_year or registration"))
        hours = q.number("hours", None)
        by_level = q.level_map("hours_by_level")
        if hours is None and not by_level:
            raise q.fail("hours", _("missing (give hours or hours_by_level)"))
        requirements.append(
            CERequirement(
                id=q.get("id", str),
                period=period,
                hours=None if hours is None else float(hours),
                hours_by_level=by_level,
                clause=cite(clauses, q),
                caps=q.form_map("caps"),
                minimums=q.form_map("minimums"),
                carry_over_max=float(q.number("carry_over_max", 0)),
                unit=q.choice("unit", CE_UNITS, "study_hours"),
                minutes_per_study_hour=None if minutes is None else int(minutes),
                subject_shares=read_shares(q),
                certified_during_period=q.choice(
                    "certified_during_period", CERTIFIED_DURING, "next_period"
                ),
            )
        )
        # Hours count in the period in which an event ends (and only once it has ended): the
        # one reading the program has; the key states it.
        q.choice("counts_in", ("period_of_end",), "period_of_end")
    ids = [q.id for q in requirements]
    if len(set(ids)) != len(ids):
        raise r.fail("ce.requirements", _("requirement ids must be unique"))
    return tuple(requirements)


def read_shares(q: TableReader) -> dict[str, Fraction]:
    """``subject_shares = { professional = "2/3" }``: the least share of a requirement's hours
    in a subject category, as a fraction ("2/3") or a number (0.5)."""
    shares = {}
    for subject, raw in q.get("subject_shares", dict, {}).items():
        key = f"subject_shares.{subject}"
        if subject not in SUBJECTS:
            raise q.fail(key, _("unknown subject; use general or professional"))
        try:
            share = Fraction(raw) if isinstance(raw, str | int | float) else None
        except (ValueError, ZeroDivisionError):
            share = None
        if isinstance(raw, bool) or share is None or not 0 < share <= 1:
            raise q.fail(key, _('expected a share above 0 and at most 1, such as "2/3" or 0.5'))
        shares[subject] = share.limit_denominator(1000)
    return shares


def read_degree(r: TableReader, clauses: Clauses) -> DegreeRule | None:
    """``[ce] degree_hours``, ``degree_clause``: a completed degree counts that many hours."""
    ce = r.optional_table("ce")
    if ce is None or not ce.has("degree_hours"):
        return None
    return DegreeRule(
        float(ce.number("degree_hours", minimum=1)), cite(clauses, ce, "degree_clause")
    )


def read_registration(r: TableReader, clauses: Clauses) -> Registration | None:
    g = r.optional_table("registration")
    if g is None:
        return None
    return Registration(
        int(g.number("first_within_years")),
        int(g.number("valid_years", minimum=1)),
        int(g.number("renewal_window_months")),
        cite(clauses, g),
    )


def read_level_award(r: TableReader, clauses: Clauses, limits: Limits) -> LevelAward | None:
    awards = r.optional_table("awards")
    if awards is None or not awards.has("level"):
        return None
    a = awards.table("level")
    amounts = {
        lv: within(limits, a, f"amounts.{lv.value}", v)
        for lv, v in a.level_map("amounts", int).items()
    }
    if not amounts:
        raise a.fail("amounts", _("missing"))
    ranked = sorted(amounts.items(), key=lambda kv: kv[0].rank)
    if any(x[1] > y[1] for x, y in zip(ranked, ranked[1:], strict=False)):
        raise a.fail("amounts", _("a higher level must not pay less than a lower one"))
    return LevelAward(
        amounts,
        int(a.number("service_years")),
        a.get("exclude_civil_servants", bool),
        int(a.number("cutoff_year")),
        a.get("pay_difference", bool),
        cite(clauses, a),
        a.date("effective_from"),
    )


def read_reimbursement(r: TableReader, clauses: Clauses) -> Reimbursement | None:
    m = r.optional_table("reimbursement")
    if m is None:
        return None
    raw = m.get("items", list)
    if raw and all(isinstance(i, str) for i in raw):
        items = tuple(ReimbursableItem(code) for code in raw)  # the program names them
    elif raw and all(isinstance(i, dict) for i in raw):
        items = tuple(
            ReimbursableItem(
                t.get("code", str),
                t.get("name", str, ""),
                t.get("name_en", str, ""),
                t.get("receipt", bool, True),
                t.get("part_of", str, ""),
            )
            for t in m.tables("items")
        )
    else:
        raise m.fail("items", _("expected a list of item names, or of tables with code and name"))
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise m.fail("items", _("item codes must be unique"))
    return Reimbursement(
        int(m.number("first_exam_year")), items, cite(clauses, m), m.date("effective_from")
    )


def read_pay_guidance(r: TableReader, grade_codes: list[str]) -> dict[str, int]:
    pay_guidance = {}
    for code, value in r.get("pay_guidance", dict, {}).items():
        if code not in grade_codes:
            raise r.fail(f"pay_guidance.{code}", _("not a grade code of this profile"))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise r.fail(f"pay_guidance.{code}", _("expected a whole number of CNY"))
        pay_guidance[code] = value
    return pay_guidance
