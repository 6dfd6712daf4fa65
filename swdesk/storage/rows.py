"""Row ⇄ value conversions shared by the storage modules (dates are ISO text in SQLite)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential, Staff


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def staff_to_row(staff: Staff) -> dict[str, Any]:
    return {
        "name": staff.name,
        "sex": staff.sex,
        "id_number": staff.id_number,
        "birth_date": iso(staff.birth_date),
        "phone": staff.phone,
        "education": staff.education,
        "major": staff.major,
        "hire_date": iso(staff.hire_date),
        "leave_date": iso(staff.leave_date),
        "civil_servant": int(staff.civil_servant),
        "social_work_since": iso(staff.social_work_since),
        "note": staff.note,
    }


def staff_from_row(row: dict[str, Any]) -> Staff:
    return Staff(
        id=row["id"],
        name=row["name"],
        sex=row["sex"],
        id_number=row["id_number"],
        birth_date=dt.date.fromisoformat(row["birth_date"]),
        phone=row["phone"],
        education=row["education"],
        major=row["major"],
        hire_date=day(row["hire_date"]),
        leave_date=day(row["leave_date"]),
        civil_servant=bool(row["civil_servant"]),
        social_work_since=day(row["social_work_since"]),
        note=row["note"],
    )


def credential_to_row(cred: Credential, staff_id: int) -> dict[str, Any]:
    return {
        "staff_id": staff_id,
        "level": cred.level.value,
        "certificate_number": cred.certificate_number,
        "obtained_on": iso(cred.obtained_on),
        "issuing_body": cred.issuing_body,
        "registered_on": iso(cred.registered_on),
    }


def credential_from_row(row: dict[str, Any]) -> Credential:
    return Credential(
        id=row["id"],
        staff_id=row["staff_id"],
        level=Level(row["level"]),
        certificate_number=row["certificate_number"],
        obtained_on=dt.date.fromisoformat(row["obtained_on"]),
        issuing_body=row["issuing_body"],
        registered_on=day(row["registered_on"]),
    )
