"""The tables of an agency's submission (报送), printed from the values the file carries: the
register of certificate holders, the continuing-education table and the applications of the
period, in the official style of the agency's own printouts (``bureau_tables``), one landscape
document. Drawn from the submission itself, the paper says exactly what the data says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.domain.applications import COUNTED, Status
from swdesk.domain.ce_compliance import Compliance, Counted, Period
from swdesk.domain.claims import describe
from swdesk.domain.profiles import Clause, Profile
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.submission import AgencyRecord, CEResult, Person
from swdesk.i18n import current_language
from swdesk.i18n.collate import name_key
from swdesk.printing.forms import bureau_tables as tables
from swdesk.printing.layout import AgencyHeader, Section, build_document


def header_of(record: AgencyRecord) -> AgencyHeader:
    a = record.agency
    return AgencyHeader(a.name, a.credit_code, a.address, a.contact_person, a.phone)


def staff_of(person: Person) -> Staff:
    return Staff(
        name=person.name,
        id_number=person.id_number,
        sex=person.sex,
        birth_date=person.birth_date,
        hire_date=person.hire_date,
        leave_date=person.leave_date,
        civil_servant=person.civil_servant,
        social_work_since=person.social_work_since,
    )


def _clause(profile: Profile, result: CEResult) -> Clause:
    for requirement in profile.ce_requirements:
        if requirement.id == result.requirement and requirement.clause.ref == result.clause:
            return requirement.clause
    return Clause("", result.clause, "")


def compliance_of(result: CEResult, profile: Profile) -> Compliance:
    period = (
        Period(result.period_start, result.period_end)
        if result.period_start and result.period_end
        else None
    )
    return Compliance(
        result.requirement, period, result.as_of, result.level, result.required,
        Counted(dict(result.hours), dict(result.counted), result.carried_over),
        result.shortfall, None, result.status, result.reason, _clause(profile, result),
    )  # fmt: skip


def _holders(record: AgencyRecord, as_of: dt.date) -> tables.Holders:
    found = []
    for person in sorted(record.people, key=lambda p: name_key(p.name)):
        held = person.highest(as_of)
        if held is None or not person.employed_on(as_of):
            continue
        credential = Credential(
            held.level, held.number, held.obtained_on, held.issuing_body, held.registered_on
        )
        grade = person.grade.label(current_language()) if person.grade else ""
        found.append(tables.Holder(staff_of(person), credential, grade))
    return tables.Holders(as_of, found)


def _ce(record: AgencyRecord, profile: Profile, as_of: dt.date) -> tables.CESummary:
    people = {p.id_number: p for p in record.people}
    lines = [
        tables.CELine(staff_of(people[r.id_number]), compliance_of(r, profile))
        for r in record.ce_results
        if r.id_number in people
    ]
    lines.sort(key=lambda line: name_key(line.staff.name))
    return tables.CESummary(record.period, as_of, lines)


def _claims(record: AgencyRecord, profile: Profile, made_on: dt.date) -> tables.AwardsSummary:
    # Grouped as the agency's own awards summary: approved or paid (the totals), awaiting a
    # decision, and rejected with the reason; a withdrawn claim is not the bureau's.
    groups: dict[str, list[tables.AwardLine]] = {"counted": [], "pending": [], "rejected": []}
    for c in sorted(record.claims, key=lambda c: (c.submitted_on or made_on, c.number)):
        if c.status in COUNTED:
            group = "counted"
        elif c.status is Status.SUBMITTED:
            group = "pending"
        elif c.status is Status.REJECTED:
            group = "rejected"
        else:
            continue
        refused = c.step(Status.REJECTED)
        groups[group].append(
            tables.AwardLine(
                c.number,
                c.name,
                c.id_number,
                describe(profile, c.kind.value, c.award, dict(c.details))[0],
                c.level,
                c.amount,
                c.submitted_on,
                c.status.label(),
                c.paid_amount,
                c.clause,
                refused.reason if refused else "",
            )  # fmt: skip
        )
    start, end = dt.date(record.period, 1, 1), record.period_end
    return tables.AwardsSummary(start, end, made_on, **groups)


def render_record_tables(
    record: AgencyRecord, profile: Profile, made_on: dt.date, output: str | Path | None = None
) -> bytes:
    """The three tables of ``record`` in one PDF (and written to ``output``)."""
    as_of = min(made_on, record.period_end)
    holders = _holders(record, as_of)
    ce = _ce(record, profile, as_of)
    claims = _claims(record, profile, made_on)
    sections = [
        Section(tables.holders_title(), tables.holders_body(holders), printed_on=made_on),
        Section(tables.ce_summary_title(record.period), tables.ce_summary_body(ce), made_on),
        Section(tables.awards_summary_title(), tables.awards_summary_body(claims), made_on),
    ]
    return build_document(header_of(record), sections, landscape=True, output=output)[0]
