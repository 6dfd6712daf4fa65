"""The values of swdesk.domain.submission as the JSON of a submission or return file's data part
(data.json): plain objects, dates as ISO text, amounts as text with two decimals, so that the
reader (``submission_reader``) gets back exactly what was written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from swdesk.domain.submission import (
    AgencyRecord,
    CEResult,
    Claim,
    Decision,
    Person,
    ReturnFile,
    Submission,
    Unit,
)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _unit_data(unit: Unit) -> dict[str, Any]:
    return {
        "kind": unit.kind.value,
        "name": unit.name,
        "credit_code": unit.credit_code,
        "level": unit.level.value if unit.level else None,
        "address": unit.address,
        "contact_person": unit.contact_person,
        "phone": unit.phone,
        "profile_id": unit.profile_id,
        "profile_version": unit.profile_version,
    }


def _person_data(p: Person) -> dict[str, Any]:
    return {
        "id_number": p.id_number,
        "name": p.name,
        "sex": p.sex,
        "birth_date": p.birth_date.isoformat(),
        "hire_date": _day(p.hire_date),
        "leave_date": _day(p.leave_date),
        "civil_servant": p.civil_servant,
        "social_work_since": _day(p.social_work_since),
        "grade": {"code": p.grade.code, "name": p.grade.name, "name_en": p.grade.name_en}
        if p.grade
        else None,
        "certificates": [
            {
                "number": c.number,
                "level": c.level.value,
                "obtained_on": c.obtained_on.isoformat(),
                "registered_on": _day(c.registered_on),
                "issuing_body": c.issuing_body,
            }
            for c in p.certificates
        ],
        "paid": [
            {
                "level": x.level.value if x.level else None,
                "amount": x.amount,
                "paid_on": x.paid_on.isoformat(),
            }
            for x in p.paid
        ],
    }


def _ce_data(r: CEResult) -> dict[str, Any]:
    return {
        "id_number": r.id_number,
        "requirement": r.requirement,
        "clause": r.clause,
        "period_start": _day(r.period_start),
        "period_end": _day(r.period_end),
        "as_of": r.as_of.isoformat(),
        "level": r.level.value if r.level else None,
        "required": r.required,
        "hours": dict(r.hours),
        "counted": dict(r.counted),
        "carried_over": r.carried_over,
        "total": r.total,
        "shortfall": r.shortfall,
        "status": r.status.value,
    }


def _claim_data(c: Claim) -> dict[str, Any]:
    return {
        "number": c.number,
        "kind": c.kind.value,
        "award": c.award,
        "level": c.level.value if c.level else None,
        "id_number": c.id_number,
        "name": c.name,
        "amount": _money(c.amount),
        "status": c.status.value,
        "created_on": c.created_on.isoformat(),
        "claim_key": c.claim_key,
        "clause": c.clause,
        "details": dict(c.details),
        "steps": [
            {
                "status": s.status.value,
                "on": s.on.isoformat(),
                "by": s.by,
                "reason": s.reason,
                "amount": _money(s.amount),
            }
            for s in c.steps
        ],
    }


def record_to_data(r: AgencyRecord) -> dict[str, Any]:
    return {
        "submission_id": r.submission_id,
        "agency": _unit_data(r.agency),
        "period": r.period,
        "created_at": r.created_at.isoformat(),
        "program_version": r.program_version,
        "people": [_person_data(p) for p in r.people],
        "ce_results": [_ce_data(x) for x in r.ce_results],
        "claims": [_claim_data(c) for c in r.claims],
    }


def _decision_data(d: Decision) -> dict[str, Any]:
    return {
        "agency_code": d.agency_code,
        "submission_id": d.submission_id,
        "period": d.period,
        "claim_number": d.claim_number,
        "outcome": d.outcome.value,
        "reason": d.reason,
        "by": d.by,
        "on": d.on.isoformat(),
        "clause": d.clause,
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def submission_json(sub: Submission, format_name: str, version: int) -> Iterator[str]:
    """The data part of ``sub`` as JSON text in pieces, one record at a time: a bureau's file
    of a province's records is written without the whole of it in memory (``sub.records`` may
    load them as it goes)."""
    head = dumps(
        {
            "format": format_name,
            "format_version": version,
            "submission_id": sub.submission_id,
            "submitter": _unit_data(sub.submitter),
            "period": sub.period,
            "created_at": sub.created_at.isoformat(),
            "program_version": sub.program_version,
        }
    )
    yield head[:-1] + ',"records":['
    for n, record in enumerate(sub.records):
        yield ("," if n else "") + dumps(record_to_data(record))
    yield '],"decisions":' + dumps([_decision_data(d) for d in sub.decisions]) + "}"


def return_to_data(ret: ReturnFile, format_name: str, version: int) -> dict[str, Any]:
    return {
        "format": format_name,
        "format_version": version,
        "return_id": ret.return_id,
        "bureau": _unit_data(ret.bureau),
        "agency_code": ret.agency_code,
        "period": ret.period,
        "created_at": ret.created_at.isoformat(),
        "program_version": ret.program_version,
        "decisions": [_decision_data(d) for d in ret.decisions],
    }
