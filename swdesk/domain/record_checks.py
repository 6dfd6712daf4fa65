"""The bureau's checks of people across agencies: one certificate number under two identity
numbers, a person on two agencies' staff at once, and continuing-education results that do not
follow from the hours submitted."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from swdesk.domain import ce_compliance as ce
from swdesk.domain import idnumber
from swdesk.domain.ce_compliance import Period, count_hours, judge
from swdesk.domain.findings import (
    CE_SUMS,
    CE_WORDS,
    CERTIFICATE_TWICE,
    TWO_STAFFS,
    Agency,
    Finding,
    SeenCE,
    SeenCertificate,
    Spell,
    agencies_of,
    award_clause,
)
from swdesk.domain.profiles import CERequirement, Profile
from swdesk.domain.reasons import Hours, Reason, recorded
from swdesk.domain.submission import AgencyRecord
from swdesk.i18n import N_

_SLACK = 0.01  # hours: what rounding may differ by


def certificates_twice(certificates: Sequence[SeenCertificate], profile: Profile) -> list[Finding]:
    """One certificate number under two or more identity numbers (numbers are national)."""
    clause = profile.registration.clause.ref if profile.registration else profile.document
    groups: dict[str, list[SeenCertificate]] = defaultdict(list)
    for x in certificates:
        groups[x.number_key].append(x)
    out = []
    for key, group in groups.items():
        people = {x.id_number: x.name for x in group}
        if len(people) < 2:
            continue
        out.append(
            Finding(
                f"{CERTIFICATE_TWICE}:{key}",
                CERTIFICATE_TWICE,
                max(x.period for x in group),
                agencies_of(group),
                tuple(people.items()),
                (),
                clause,
                Reason(
                    N_("Certificate {number} is recorded for {n} people: {people}."),
                    {
                        "number": group[0].number,
                        "n": len(people),
                        "people": tuple(
                            recorded(f"{name} ({idnumber.mask(n)}, {a.name})")
                            for n, name, a in sorted(
                                {(x.id_number, x.name, x.agency) for x in group},
                                key=lambda t: (t[0], t[2].code),
                            )
                        ),
                    },
                    clause,
                    held=False,
                ),
            )
        )
    return out


_FAR = dt.date.max


def _overlap(a: Spell, b: Spell, period: Period) -> tuple[dt.date, dt.date] | None:
    start = max(a.hire_date or period.start, b.hire_date or period.start, period.start)
    # A leave date is the first day no longer on the staff.
    end = min(
        (a.leave_date - dt.timedelta(days=1)) if a.leave_date else _FAR,
        (b.leave_date - dt.timedelta(days=1)) if b.leave_date else _FAR,
        period.end,
    )
    return (start, end) if start <= end else None


def two_staffs(spells: Sequence[Spell], profile: Profile) -> list[Finding]:
    """A person on the staff of two agencies on the same days of a period."""
    clause = award_clause(profile)
    groups: dict[tuple[int, str], list[Spell]] = defaultdict(list)
    for s in spells:
        groups[(s.period, s.id_number)].append(s)
    out = []
    for (period, number), group in groups.items():
        bounds = ce.calendar_year(period)
        pairs = [
            (a, b, days)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.agency.code != b.agency.code and (days := _overlap(a, b, bounds))
        ]
        if not pairs:
            continue
        a, b, (start, end) = pairs[0]
        out.append(
            Finding(
                f"{TWO_STAFFS}:{period}:{number}",
                TWO_STAFFS,
                period,
                agencies_of([s for pair in pairs for s in pair[:2]]),
                ((number, a.name),),
                (),
                clause,
                Reason(
                    N_(
                        "{name} ({id}) is on the staff of {first} and of {second} from {start} to {end}."
                    ),
                    {
                        "name": a.name,
                        "id": idnumber.mask(number),
                        "first": a.agency.name,
                        "second": b.agency.name,
                        "start": start,
                        "end": end,
                    },
                    clause,
                    held=False,
                ),
            )
        )
    return out


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return not math.isclose(a, b, abs_tol=_SLACK)


def _ce_problems(r: SeenCE, q: CERequirement) -> tuple[Reason, ...]:
    """What does not follow, in ``r``, from its hours under ``q``: nothing of ``r`` but its
    figures, dates and status is read, so results equal in these share the answer (a zero's
    sign is not shown: a key does not tell 0.0 from -0.0)."""
    counted = count_hours(r.hours, q, r.carried_over)
    problems: list[Reason] = []
    forms = {*counted.counted, *r.counted}
    by_form = any(_differs(counted.counted.get(f, 0.0), r.counted.get(f, 0.0)) for f in forms)
    if by_form or _differs(counted.total, r.total):
        problems.append(
            Reason(
                N_("{total} hours counted, but the hours submitted make {expected}"),
                {"total": Hours(r.total + 0.0), "expected": Hours(counted.total)},
            )
        )
    required = q.hours_for(r.level) if r.required is not None else None
    if r.required is not None and _differs(required, r.required):
        problems.append(
            Reason(
                N_("{required} hours required, but the policy sets {expected}"),
                {"required": Hours(r.required + 0.0), "expected": Hours(required)},
            )
        )
    if r.required is not None and r.period_start and r.period_end:
        period = Period(r.period_start, r.period_end)
        verdict = judge(r.required, counted, q.minimums, period.elapsed_share(r.as_of))
        if verdict.status is not r.result:
            problems.append(
                Reason(
                    N_("status {status}, but the hours make it {expected}"),
                    {
                        "status": Reason(CE_WORDS[r.result]),
                        "expected": Reason(CE_WORDS[verdict.status]),
                    },
                )
            )
    elif r.required is None and r.result is not ce.Status.NOT_REQUIRED:
        problems.append(
            Reason(
                N_("status {status} without hours required"),
                {"status": Reason(CE_WORDS[r.result])},
            )
        )
    return tuple(problems)


# What the CE sums found for results that differ only in whose they are. The hours of an
# agency's people come from the trainings it ran: of the benchmark city's 20,000 results of a
# year a quarter are distinct in their figures, and the rest are judged as the first of their
# kind was. Kept from record to record (a worker reads one file at a time), bounded like the
# readers' caches.
_PROBLEMS: dict[tuple[Any, ...], tuple[Reason, ...]] = {}


def ce_sums(results: Iterable[SeenCE], profile: Profile) -> list[Finding]:
    """Results whose counted hours, total, hours required or status do not follow from the hours
    submitted under the bureau's profile (a requirement it does not have is not judged)."""
    # A requirement is known by all it says, not by the object holding it: the profile reaches
    # a worker anew with every file.
    requirements = {q.id: (q, repr(q)) for q in profile.ce_requirements}
    memo = _PROBLEMS
    out = []
    for r in results:
        known = requirements.get(r.requirement)
        if known is None:
            continue
        q, said = known
        key = (
            said, tuple(r.hours.items()), tuple(r.counted.items()), r.carried_over, r.total,
            r.required, r.level, r.period_start, r.period_end, r.as_of, r.result,
        )  # fmt: skip
        problems = memo.get(key)
        if problems is None:
            if len(memo) >= 50_000:
                memo.clear()
            memo[key] = problems = _ce_problems(r, q)
        if not problems:
            continue
        out.append(
            Finding(
                f"{CE_SUMS}:{r.agency.code}:{r.period}:{r.id_number}",
                CE_SUMS,
                r.period,
                (r.agency,),
                ((r.id_number, r.name),),
                (),
                q.clause.ref,
                Reason(
                    N_("{agency}, {name} ({id}): {problems}."),
                    {
                        "agency": r.agency.name,
                        "name": r.name,
                        "id": idnumber.mask(r.id_number),
                        "problems": problems,
                    },
                    q.clause.ref,
                    held=False,
                ),
            )
        )
    return out


def record_ce_findings(record: AgencyRecord, profile: Profile) -> list[Finding]:
    """What the CE sums check finds in one record: a result depends on its record alone, so a
    record is judged once, as it arrives (in the process that reads its file, which has no need
    of the services)."""
    agency = Agency(record.agency.credit_code, record.agency.name)
    names = {p.id_number: p.name for p in record.people}
    seen = (
        SeenCE(
            agency,
            record.period,
            x.id_number,
            names.get(x.id_number, ""),
            x.status,
            x.requirement,
            x.level,
            x.required,
            x.hours,
            x.counted,
            x.carried_over,
            x.total,
            x.period_start,
            x.period_end,
            x.as_of,
        )  # fmt: skip
        for x in record.ce_results
    )
    return ce_sums(seen, profile)
