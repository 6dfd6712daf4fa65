"""Reading the data part (data.json) of a submission or return file into the values of
swdesk.domain.submission, trusting nothing: every key is expected (an unknown one is refused, so a
newer program's data is never half-read), every value has its type, its range and, for text, no
control or bidirectional characters; identity numbers and credit codes must have their right
check characters; the records must agree with each other. Every problem is kept with where it is
(``records[0].people[12].id_number``) and what is wrong, up to ``MAX_PROBLEMS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from swdesk.domain import ce_compliance as ce
from swdesk.domain import idnumber
from swdesk.domain.applications import Kind, Status
from swdesk.domain.awards import Payment
from swdesk.domain.levels import Level
from swdesk.domain.submission import (
    AgencyRecord,
    BureauLevel,
    CEResult,
    Certificate,
    Claim,
    ClaimStep,
    Decision,
    Grade,
    Outcome,
    Person,
    ReturnFile,
    Submission,
    Unit,
    UnitKind,
)
from swdesk.domain.text import code_key
from swdesk.exchange import submission_fast as fast
from swdesk.exchange.json_checks import PARAGRAPH_LENGTH, Checker
from swdesk.i18n import _

_UNIT_KEYS = (
    "kind", "name", "credit_code", "level", "address", "contact_person", "phone", "profile_id",
    "profile_version",
)  # fmt: skip
_PERSON_KEYS = (
    "id_number", "name", "sex", "birth_date", "hire_date", "leave_date", "civil_servant",
    "social_work_since", "grade", "certificates", "paid",
)  # fmt: skip
_PAID_KEYS = ("level", "amount", "paid_on")
_CERT_KEYS = ("number", "level", "obtained_on", "registered_on", "issuing_body")
_GRADE_KEYS = ("code", "name", "name_en")
_CE_KEYS = (
    "id_number", "requirement", "clause", "period_start", "period_end", "as_of", "level",
    "required", "hours", "counted", "carried_over", "total", "shortfall", "status",
)  # fmt: skip
_CLAIM_KEYS = (
    "number", "kind", "award", "level", "id_number", "name", "amount", "status", "created_on",
    "claim_key", "clause", "details", "steps",
)  # fmt: skip
_STEP_KEYS = ("status", "on", "by", "reason", "amount")
# What a claim a bureau receives can be: drafts are not yet its, withdrawn ones no longer.
_SUBMITTED = (Status.SUBMITTED, Status.APPROVED, Status.REJECTED, Status.PAID)
_RECORD_KEYS = (
    "submission_id", "agency", "period", "created_at", "program_version", "people",
    "ce_results", "claims",
)  # fmt: skip
_DECISION_KEYS = (
    "agency_code", "submission_id", "period", "claim_number", "outcome", "reason", "by", "on",
    "clause",
)  # fmt: skip
SUBMISSION_KEYS = (
    "format", "format_version", "submission_id", "submitter", "period", "created_at",
    "program_version", "records", "decisions",
)  # fmt: skip
RETURN_KEYS = (
    "format", "format_version", "return_id", "bureau", "agency_code", "period", "created_at",
    "program_version", "decisions",
)  # fmt: skip


def read_unit(c: Checker, value: object, where: str) -> Unit | None:
    d = c.obj(value, where, _UNIT_KEYS)
    if d is None:
        return None
    kind = c.enum(UnitKind, d["kind"], f"{where}.kind")
    level = c.enum(BureauLevel, d["level"], f"{where}.level", optional=True)
    if kind is UnitKind.BUREAU and level is None:
        c.fail(f"{where}.level", _("a bureau names its level"))
    if kind is UnitKind.AGENCY and level is not None:
        c.fail(f"{where}.level", _("an agency has no level"))
    return Unit(
        kind or UnitKind.AGENCY,
        c.name(d["name"], f"{where}.name"),
        c.credit_code(d["credit_code"], f"{where}.credit_code"),
        level,
        c.text(d["address"], f"{where}.address"),
        c.text(d["contact_person"], f"{where}.contact_person"),
        c.text(d["phone"], f"{where}.phone", length=40),
        c.text(d["profile_id"], f"{where}.profile_id", empty=False, length=80),
        c.text(d["profile_version"], f"{where}.profile_version", length=80),
    )


def _certificate(c: Checker, value: object, where: str) -> Certificate | None:
    d = c.obj(value, where, _CERT_KEYS)
    if d is None:
        return None
    level = c.enum(Level, d["level"], f"{where}.level")
    obtained = c.day(d["obtained_on"], f"{where}.obtained_on")
    registered = c.day(d["registered_on"], f"{where}.registered_on", optional=True)
    number = c.text(d["number"], f"{where}.number", empty=False, length=60)
    if number and "".join(number.split()) != number:
        c.fail(f"{where}.number", _("a certificate number has no spaces"))
    body = c.text(d["issuing_body"], f"{where}.issuing_body")
    if level is None or obtained is None:
        return None
    if registered is not None and registered < obtained:
        c.fail(f"{where}.registered_on", _("before the date obtained"))
    return Certificate(number, level, obtained, registered, body)


def _payment(c: Checker, value: object, where: str) -> Payment | None:
    d = c.obj(value, where, _PAID_KEYS)
    if d is None:
        return None
    paid_on = c.day(d["paid_on"], f"{where}.paid_on")
    level = c.enum(Level, d["level"], f"{where}.level", optional=True)
    amount = c.integer(d["amount"], f"{where}.amount", 0, c.limits.amount)
    return Payment(amount, paid_on, level) if paid_on else None


def _grade(c: Checker, value: object, where: str) -> Grade | None:
    if value is None:
        return None
    d = c.obj(value, where, _GRADE_KEYS)
    if d is None:
        return None
    return Grade(
        c.text(d["code"], f"{where}.code", empty=False, length=40),
        c.text(d["name"], f"{where}.name", length=80),
        c.text(d["name_en"], f"{where}.name_en", length=80),
    )


def _person(c: Checker, value: object, where: str) -> Person | None:
    d = c.obj(value, where, _PERSON_KEYS)
    if d is None:
        return None
    info = c.id_info(d["id_number"], f"{where}.id_number")
    number = info.number if info else ""
    sex = d["sex"]
    if sex not in ("M", "F"):
        c.fail(f"{where}.sex", _("expected M or F"))
    birth = c.day(d["birth_date"], f"{where}.birth_date")
    if info is not None and birth is not None and (info.birth_date != birth or info.sex != sex):
        c.fail(where, _("the sex or birth date does not match the identity number"))
    hire = c.day(d["hire_date"], f"{where}.hire_date", optional=True)
    leave = c.day(d["leave_date"], f"{where}.leave_date", optional=True)
    if hire and leave and leave < hire:
        c.fail(f"{where}.leave_date", _("before the hire date"))
    certificates = tuple(
        x
        for i, raw in enumerate(c.array(d["certificates"], f"{where}.certificates", 20))
        if (x := _certificate(c, raw, f"{where}.certificates[{i}]")) is not None
    )
    paid = tuple(
        x
        for i, raw in enumerate(c.array(d["paid"], f"{where}.paid", 10))
        if (x := _payment(c, raw, f"{where}.paid[{i}]")) is not None
    )
    return Person(
        number,
        c.name(d["name"], f"{where}.name"),
        str(sex),
        birth or dt.date(1900, 1, 1),
        hire,
        leave,
        c.boolean(d["civil_servant"], f"{where}.civil_servant"),
        c.day(d["social_work_since"], f"{where}.social_work_since", optional=True),
        certificates,
        _grade(c, d["grade"], f"{where}.grade"),
        paid,
    )


def _ce_result(c: Checker, value: object, where: str) -> CEResult | None:
    d = c.obj(value, where, _CE_KEYS)
    if d is None:
        return None
    status = c.enum(ce.Status, d["status"], f"{where}.status")
    as_of = c.day(d["as_of"], f"{where}.as_of")
    if status is None or as_of is None:
        return None
    return CEResult(
        c.id_number(d["id_number"], f"{where}.id_number"),
        c.text(d["requirement"], f"{where}.requirement", empty=False, length=80),
        c.text(d["clause"], f"{where}.clause"),
        c.day(d["period_start"], f"{where}.period_start", optional=True),
        c.day(d["period_end"], f"{where}.period_end", optional=True),
        as_of,
        c.enum(Level, d["level"], f"{where}.level", optional=True),
        c.hours(d["required"], f"{where}.required", optional=True),
        c.hours_by_form(d["hours"], f"{where}.hours"),
        c.hours_by_form(d["counted"], f"{where}.counted"),
        c.hours(d["carried_over"], f"{where}.carried_over") or 0.0,
        c.hours(d["total"], f"{where}.total") or 0.0,
        c.hours(d["shortfall"], f"{where}.shortfall", optional=True),
        status,
    )


def _step(c: Checker, value: object, where: str) -> ClaimStep | None:
    d = c.obj(value, where, _STEP_KEYS)
    if d is None:
        return None
    status = c.enum(Status, d["status"], f"{where}.status")
    on = c.day(d["on"], f"{where}.on")
    if status is None or on is None:
        return None
    return ClaimStep(
        status,
        on,
        c.text(d["by"], f"{where}.by"),
        c.text(d["reason"], f"{where}.reason", length=PARAGRAPH_LENGTH, multiline=True),
        c.money(d["amount"], f"{where}.amount", optional=True),
    )


def _claim(c: Checker, value: object, where: str) -> Claim | None:
    d = c.obj(value, where, _CLAIM_KEYS)
    if d is None:
        return None
    kind = c.enum(Kind, d["kind"], f"{where}.kind")
    status = c.enum(Status, d["status"], f"{where}.status")
    created = c.day(d["created_on"], f"{where}.created_on")
    steps = tuple(
        s
        for i, raw in enumerate(c.array(d["steps"], f"{where}.steps", 20))
        if (s := _step(c, raw, f"{where}.steps[{i}]")) is not None
    )
    if kind is None or status is None or created is None:
        return None
    subsidy = kind is Kind.AGENCY_SUBSIDY
    number = (
        ""
        if subsidy and d["id_number"] == ""
        else c.id_number(d["id_number"], f"{where}.id_number")
    )
    if subsidy and number:
        c.fail(f"{where}.id_number", _("an agency's subsidy names no person"))
    if status not in _SUBMITTED:
        c.fail(f"{where}.status", _("a claim in a submission has been submitted"))
    if not steps or steps[-1].status is not status:
        c.fail(f"{where}.steps", _("the last step must be the claim's status"))
    elif any(b.on < a.on for a, b in zip(steps, steps[1:], strict=False)):
        c.fail(f"{where}.steps", _("the steps are not in the order of their dates"))
    return Claim(
        c.text(d["number"], f"{where}.number", empty=False, length=20),
        kind,
        c.text(d["award"], f"{where}.award", empty=False, length=80),
        c.enum(Level, d["level"], f"{where}.level", optional=True),
        number,
        c.name(d["name"], f"{where}.name") if not subsidy else c.text(d["name"], f"{where}.name"),
        c.money(d["amount"], f"{where}.amount") or Decimal("0.00"),
        status,
        created,
        c.text(d["claim_key"], f"{where}.claim_key", length=80),
        c.text(d["clause"], f"{where}.clause"),
        c.details(d["details"], f"{where}.details"),
        steps,
    )


T = TypeVar("T")


def _items(
    c: Checker,
    value: object,
    where: str,
    quick: Callable[[Checker, Any], T],
    generic: Callable[[Checker, Any, str], T | None],
) -> list[T]:
    """The items of the list ``value``, each read by ``quick`` (the common case written out,
    `submission_fast`) or, if it has any doubt, by ``generic``, which keeps the problems."""
    out = []
    plain = c.plain
    for i, raw in enumerate(c.array(value, where)):
        if plain:
            try:
                out.append(quick(c, raw))
                continue
            except Exception:  # any doubt at all: the generic reader says what is wrong
                pass
        item = generic(c, raw, f"{where}[{i}]")
        if item is not None:
            out.append(item)
    return out


def read_record(c: Checker, value: object, where: str) -> AgencyRecord | None:
    d = c.obj(value, where, _RECORD_KEYS)
    if d is None:
        return None
    agency = read_unit(c, d["agency"], f"{where}.agency")
    if agency is not None and agency.kind is not UnitKind.AGENCY:
        c.fail(f"{where}.agency.kind", _("a record is an agency's"))
    created = c.moment(d["created_at"], f"{where}.created_at")
    people = _items(c, d["people"], f"{where}.people", fast.person, _person)
    results = _items(c, d["ce_results"], f"{where}.ce_results", fast.ce_result, _ce_result)
    claims = _items(c, d["claims"], f"{where}.claims", fast.claim, _claim)
    c.unique(people, lambda p: p.id_number, f"{where}.people", idnumber.mask)
    c.unique(
        [x for p in people for x in p.certificates],
        lambda x: code_key(x.number),
        f"{where}.people[].certificates",
    )
    c.unique(results, lambda r: r.id_number, f"{where}.ce_results", idnumber.mask)
    c.unique(claims, lambda x: x.number, f"{where}.claims")
    listed = {p.id_number for p in people}
    for i, r in enumerate(results):
        if r.id_number and r.id_number not in listed:
            c.fail(f"{where}.ce_results[{i}].id_number", _("not among the people of the record"))
    for i, x in enumerate(claims):
        if x.id_number and x.id_number not in listed:
            c.fail(f"{where}.claims[{i}].id_number", _("not among the people of the record"))
    if agency is None or created is None:
        return None
    return AgencyRecord(
        c.identifier(d["submission_id"], f"{where}.submission_id"),
        agency,
        c.integer(d["period"], f"{where}.period", 2000, 2999),
        created,
        c.text(d["program_version"], f"{where}.program_version", empty=False, length=40),
        tuple(people),
        tuple(results),
        tuple(claims),
    )


def read_decision(c: Checker, value: object, where: str) -> Decision | None:
    d = c.obj(value, where, _DECISION_KEYS)
    if d is None:
        return None
    outcome = c.enum(Outcome, d["outcome"], f"{where}.outcome")
    on = c.day(d["on"], f"{where}.on")
    reason = c.text(d["reason"], f"{where}.reason", empty=False, length=PARAGRAPH_LENGTH,
                    multiline=True)  # fmt: skip
    if outcome is None or on is None:
        return None
    return Decision(
        c.credit_code(d["agency_code"], f"{where}.agency_code"),
        c.identifier(d["submission_id"], f"{where}.submission_id"),
        c.integer(d["period"], f"{where}.period", 2000, 2999),
        c.text(d["claim_number"], f"{where}.claim_number", empty=False, length=20),
        outcome,
        reason,
        c.name(d["by"], f"{where}.by"),
        on,
        c.text(d["clause"], f"{where}.clause"),
    )


def read_submission(c: Checker, data: Mapping[str, Any]) -> Submission | None:
    """The submission in ``data`` (format and version already checked), or None with the
    problems in ``c``."""
    d = c.obj(data, "", SUBMISSION_KEYS)
    if d is None:
        return None
    submitter = read_unit(c, d["submitter"], "submitter")
    period = c.integer(d["period"], "period", 2000, 2999)
    created = c.moment(d["created_at"], "created_at")
    records = [
        r
        for i, raw in enumerate(c.array(d["records"], "records", 100_000))
        if (r := read_record(c, raw, f"records[{i}]")) is not None
    ]
    decisions = [
        x
        for i, raw in enumerate(c.array(d["decisions"], "decisions"))
        if (x := read_decision(c, raw, f"decisions[{i}]")) is not None
    ]
    c.unique(records, lambda r: r.submission_id, "records")
    c.unique(records, lambda r: r.agency.credit_code, "records")
    claims = {(r.submission_id, x.number) for r in records for x in r.claims}
    for i, r in enumerate(records):
        if r.period != period:
            c.fail(f"records[{i}].period", _("not the period of the file ({period})").format(
                period=period
            ))  # fmt: skip
    for i, x in enumerate(decisions):
        if (x.submission_id, x.claim_number) not in claims:
            c.fail(f"decisions[{i}]", _("names a claim that is not in the file"))
    if submitter is None or created is None:
        return None
    sub = Submission(
        c.identifier(d["submission_id"], "submission_id"),
        submitter,
        period,
        created,
        c.text(d["program_version"], "program_version", empty=False, length=40),
        tuple(records),
        tuple(decisions),
    )
    if submitter.kind is UnitKind.AGENCY:
        only = sub.records[0] if len(sub.records) == 1 else None
        if only is None or only.submission_id != sub.submission_id or only.agency != submitter:
            c.fail("records", _("an agency's file holds exactly its own record"))
        if sub.decisions:
            c.fail("decisions", _("an agency makes no decisions"))
    elif any(r.agency.credit_code == submitter.credit_code for r in records):
        c.fail("records", _("a bureau's file holds its agencies' records, not its own"))
    return sub


def read_return(c: Checker, data: Mapping[str, Any]) -> ReturnFile | None:
    d = c.obj(data, "", RETURN_KEYS)
    if d is None:
        return None
    bureau = read_unit(c, d["bureau"], "bureau")
    if bureau is not None and bureau.kind is not UnitKind.BUREAU:
        c.fail("bureau.kind", _("a return comes from a bureau"))
    created = c.moment(d["created_at"], "created_at")
    code = c.credit_code(d["agency_code"], "agency_code")
    period = c.integer(d["period"], "period", 2000, 2999)
    decisions = [
        x
        for i, raw in enumerate(c.array(d["decisions"], "decisions", 10_000))
        if (x := read_decision(c, raw, f"decisions[{i}]")) is not None
    ]
    for i, x in enumerate(decisions):
        if x.agency_code != code or x.period != period:
            c.fail(f"decisions[{i}]", _("names another agency or period than the file"))
    if bureau is None or created is None:
        return None
    return ReturnFile(
        c.identifier(d["return_id"], "return_id"),
        bureau,
        code,
        period,
        created,
        c.text(d["program_version"], "program_version", empty=False, length=40),
        tuple(decisions),
    )
