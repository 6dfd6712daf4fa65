"""Policy profiles: everything place-specific, read from TOML files in resources/policies/.

A profile may ``extends`` another (the place profiles extend ``national``). Every rule result cites a
:class:`Clause` from its profile, so the user can see why the program decided what it did.
A malformed profile is refused at load with the file, the key and what is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Band, Level
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.i18n import _

CE_PERIODS = ("calendar_year", "registration")
TRAINING_FORMS = ("face_to_face", "online", "supervision", "conference", "other")


class ProfileError(SwdeskError):
    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        super().__init__(
            _("Policy profile {file}: key {key}: {problem}").format(
                file=str(path), key=key, problem=problem
            )
        )
        self.path = str(path)
        self.key = key
        self.problem = problem


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

    def hours_for(self, level: Level | None) -> float | None:
        if level is not None and level in self.hours_by_level:
            return self.hours_by_level[level]
        return self.hours


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


@dataclass(frozen=True)
class Reimbursement:
    first_exam_year: int
    items: tuple[str, ...]
    clause: Clause


@dataclass(frozen=True)
class AgencySubsidy:
    code: str
    name: str
    name_en: str
    amount: int
    clause: Clause


@dataclass(frozen=True)
class Commendation:
    code: str
    name: str
    name_en: str
    clause: Clause


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

    def grade(self, code: str) -> Grade:
        for grade in self.grades:
            if grade.code == code:
                return grade
        raise KeyError(code)

    def label(self, language: str) -> str:
        return self.name if language.startswith("zh") else self.name_en


# ---------------------------------------------------------------- loading


class _Reader:
    """Typed access to a TOML table that reports the full key path of every problem."""

    def __init__(self, path: Path, data: Mapping[str, Any], prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.prefix = prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fail(self, name: str, problem: str) -> ProfileError:
        return ProfileError(self.path, self.key(name), problem)

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in self.data:
            if default is ...:
                raise self.fail(name, _("missing"))
            return default
        value = self.data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(
                name,
                _("expected {kind}, found {value!r}").format(
                    kind="/".join(k.__name__ for k in kinds), value=value
                ),
            )
        if not isinstance(value, kinds):
            raise self.fail(
                name,
                _("expected {kind}, found {value!r}").format(
                    kind="/".join(k.__name__ for k in kinds), value=value
                ),
            )
        return value

    def number(self, name: str, default: Any = ..., minimum: float = 0) -> Any:
        value = self.get(name, (int, float), default)
        if value is not None and value is not default and value < minimum:
            raise self.fail(name, _("must be at least {minimum}").format(minimum=minimum))
        return value

    def table(self, name: str) -> _Reader:
        return _Reader(self.path, self.get(name, dict), f"{self.key(name)}.")

    def tables(self, name: str) -> list[_Reader]:
        items = self.get(name, list, [])
        readers = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{name}[{i}]", _("expected a table"))
            readers.append(_Reader(self.path, item, f"{self.key(name)}[{i}]."))
        return readers


def _level_map(reader: _Reader, name: str, kind: type = float) -> dict[Level, Any]:
    raw = reader.get(name, dict, {})
    out: dict[Level, Any] = {}
    for key, value in raw.items():
        try:
            level = Level(key)
        except ValueError:
            raise reader.fail(
                f"{name}.{key}",
                _("unknown level; use assistant, social_worker or senior"),
            ) from None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise reader.fail(f"{name}.{key}", _("expected a number of at least 0"))
        out[level] = kind(value)
    return out


def _form_map(reader: _Reader, name: str) -> dict[str, float]:
    raw = reader.get(name, dict, {})
    out = {}
    for key, value in raw.items():
        if key not in TRAINING_FORMS:
            raise reader.fail(
                f"{name}.{key}",
                _("unknown training form; use one of {forms}").format(
                    forms=", ".join(TRAINING_FORMS)
                ),
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise reader.fail(f"{name}.{key}", _("expected a number of at least 0"))
        out[key] = float(value)
    return out


# Whatever a profile says, one amount must stay far inside SQLite's integers (counted in fen).
_MOST_AMOUNT = 10**12


def _limits(r: _Reader) -> Limits:
    if not r.has("limits"):
        return DEFAULT_LIMITS
    t = r.table("limits")
    d = DEFAULT_LIMITS
    amount = int(t.number("amount", d.amount, minimum=1))
    if amount > _MOST_AMOUNT:
        raise t.fail("amount", _("must be at most {most}").format(most=_MOST_AMOUNT))
    return Limits(
        hours_per_day=float(t.number("hours_per_day", d.hours_per_day, minimum=1)),
        hours_per_record=float(t.number("hours_per_record", d.hours_per_record, minimum=1)),
        amount=amount,
    )


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys override the base; tables merge; ce.requirements and clauses accumulate."""
    merged = dict(base)
    for key, value in child.items():
        if key in ("id", "extends"):
            merged[key] = value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "awards":
            merged[key] = _merge(merged[key], value)
        elif key == "requirements" and isinstance(merged.get(key), list):
            merged[key] = list(merged[key]) + list(value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(path, "-", _("not valid TOML: {error}").format(error=exc)) from None
    except OSError as exc:
        raise ProfileError(path, "-", str(exc)) from None


def _resolve(path: Path, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    data = _read_toml(path)
    parent = data.get("extends")
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(path, "extends", _("expected the id of another profile"))
    if parent in seen:
        raise ProfileError(path, "extends", _("profiles extend each other in a circle"))
    parent_path = path.with_name(f"{parent}.toml")
    if not parent_path.is_file():
        # A profile of the agency's own may build on a shipped one (usually "national").
        from swdesk.paths import policy_dirs

        found = [d / f"{parent}.toml" for d in policy_dirs() if (d / f"{parent}.toml").is_file()]
        if not found:
            raise ProfileError(
                path, "extends", _("no profile {id} beside this file").format(id=parent)
            )
        parent_path = found[0]
    base = _resolve(parent_path, (*seen, data.get("id", path.stem)))
    base.pop("abstract", None)
    return _merge(base, data)


def load_profile(path: Path | str) -> Profile:
    path = Path(path)
    r = _Reader(path, _resolve(path))
    profile_id = r.get("id", str)
    if profile_id != path.stem:
        raise r.fail("id", _("must equal the file name ({stem})").format(stem=path.stem))
    limits = _limits(r)

    def amount(reader: _Reader, name: str, value: int) -> int:
        if value > limits.amount:
            raise reader.fail(
                name, _("more than limits.amount ({most} yuan)").format(most=limits.amount)
            )
        return value

    clauses: dict[str, Clause] = {}
    for key, raw in r.get("clauses", dict, {}).items():
        if not isinstance(raw, dict):
            raise r.fail(f"clauses.{key}", _("expected a table with ref and text"))
        cr = _Reader(path, raw, f"clauses.{key}.")
        clauses[key] = Clause(key=key, ref=cr.get("ref", str), text=cr.get("text", str))

    def clause(reader: _Reader, name: str = "clause") -> Clause:
        key = reader.get(name, str)
        if key not in clauses:
            raise reader.fail(
                name, _("names clause {key}, which [clauses] does not define").format(key=key)
            )
        return clauses[key]

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

    appointment = r.table("appointment") if r.has("appointment") else None
    if grades and appointment is None:
        raise r.fail(
            "appointment", _("missing (a profile with grades must cite the appointment rule)")
        )

    requirements = []
    ce = r.table("ce") if r.has("ce") else None
    for q in ce.tables("requirements") if ce else []:
        period = q.get("period", str)
        if period not in CE_PERIODS:
            raise q.fail("period", _("use calendar_year or registration"))
        hours = q.number("hours", None)
        by_level = _level_map(q, "hours_by_level")
        if hours is None and not by_level:
            raise q.fail("hours", _("missing (give hours or hours_by_level)"))
        requirements.append(
            CERequirement(
                id=q.get("id", str),
                period=period,
                hours=None if hours is None else float(hours),
                hours_by_level=by_level,
                clause=clause(q),
                caps=_form_map(q, "caps"),
                minimums=_form_map(q, "minimums"),
                carry_over_max=float(q.number("carry_over_max", 0)),
            )
        )
    ids = [q.id for q in requirements]
    if len(set(ids)) != len(ids):
        raise r.fail("ce.requirements", _("requirement ids must be unique"))

    registration = None
    if r.has("registration"):
        g = r.table("registration")
        registration = Registration(
            int(g.number("first_within_years")),
            int(g.number("valid_years", minimum=1)),
            int(g.number("renewal_window_months")),
            clause(g),
        )

    level_award = None
    awards = r.table("awards") if r.has("awards") else None
    if awards and awards.has("level"):
        a = awards.table("level")
        amounts = {
            lv: amount(a, f"amounts.{lv.value}", v)
            for lv, v in _level_map(a, "amounts", int).items()
        }
        if not amounts:
            raise a.fail("amounts", _("missing"))
        ranked = sorted(amounts.items(), key=lambda kv: kv[0].rank)
        if any(x[1] > y[1] for x, y in zip(ranked, ranked[1:], strict=False)):
            raise a.fail("amounts", _("a higher level must not pay less than a lower one"))
        level_award = LevelAward(
            amounts,
            int(a.number("service_years")),
            a.get("exclude_civil_servants", bool),
            int(a.number("cutoff_year")),
            a.get("pay_difference", bool),
            clause(a),
        )

    reimbursement = None
    if r.has("reimbursement"):
        m = r.table("reimbursement")
        items = m.get("items", list)
        if not items or not all(isinstance(i, str) for i in items):
            raise m.fail("items", _("expected a list of item names"))
        reimbursement = Reimbursement(int(m.number("first_exam_year")), tuple(items), clause(m))

    subsidies = tuple(
        AgencySubsidy(
            s.get("code", str),
            s.get("name", str),
            s.get("name_en", str),
            amount(s, "amount", int(s.number("amount"))),
            clause(s),
        )
        for s in r.tables("agency_subsidies")
    )
    commendations = tuple(
        Commendation(c.get("code", str), c.get("name", str), c.get("name_en", str), clause(c))
        for c in r.tables("commendations")
    )
    pay_guidance = {}
    for code, value in r.get("pay_guidance", dict, {}).items():
        if code not in codes:
            raise r.fail(f"pay_guidance.{code}", _("not a grade code of this profile"))
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise r.fail(f"pay_guidance.{code}", _("expected a whole number of CNY"))
        pay_guidance[code] = value

    return Profile(
        id=profile_id,
        name=r.get("name", str),
        name_en=r.get("name_en", str),
        document=r.get("document", str),
        title=r.get("title", str),
        clauses=clauses,
        grades=tuple(grades),
        appointment_clause=clause(appointment) if appointment else Clause("", "", ""),
        ce_requirements=tuple(requirements),
        registration=registration,
        level_award=level_award,
        reimbursement=reimbursement,
        agency_subsidies=subsidies,
        commendations=commendations,
        pay_guidance=pay_guidance,
        path=str(path),
        limits=limits,
    )


def available_profiles(folder: Path | None = None) -> list[Profile]:
    """Every loadable, non-abstract profile: in ``folder``, or else the agency's own folder and
    the shipped ones (an own profile of the same id wins)."""
    from swdesk.paths import policy_dirs

    folders = [folder] if folder else policy_dirs()
    seen: dict[str, Profile] = {}
    for place in folders:
        for path in sorted(place.glob("*.toml")):
            if path.stem in seen or _read_toml(path).get("abstract"):
                continue
            seen[path.stem] = load_profile(path)
    return sorted(seen.values(), key=lambda p: p.id)


def find_profile(profile_id: str, folder: Path | None = None) -> Profile:
    from swdesk.paths import policy_dirs

    folders = [folder] if folder else policy_dirs()
    for place in folders:
        path = place / f"{profile_id}.toml"
        if path.is_file():
            return load_profile(path)
    known = ", ".join(p.id for p in available_profiles(folder))
    raise SwdeskError(
        _("There is no policy profile {id}. Known profiles: {known}.").format(
            id=profile_id, known=known
        )
    )
