"""Everything a person's page shows, read in one job: their details, their certificates and
appointments with the voided ones (struck through there), the training of a year with where they
stand, their applications, payments and files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from swdesk.domain.applications import Application
from swdesk.domain.ce_compliance import Compliance
from swdesk.domain.errors import SwdeskError
from swdesk.domain.grades import Appointment
from swdesk.domain.staff import Credential, Staff
from swdesk.services.applications import list_applications
from swdesk.services.attachments import PersonAttachment, person_attachments
from swdesk.services.ce_report import ce_report
from swdesk.services.credentials import credential_history
from swdesk.services.grades import history
from swdesk.services.payments import PaymentRecord, list_payments
from swdesk.services.staff import get_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import training as training_store


@dataclass(frozen=True)
class PersonRecord:
    staff: Staff
    credentials: list[Credential]  # voided ones too
    appointments: list[Appointment]  # voided ones too
    year: int
    training: list[dict[str, Any]]  # event_id, title, form, end_date, event_hours, hours
    compliance: Compliance | None  # where they stand in ``year`` (None: no requirement)
    as_of: dt.date
    ce_problem: str  # why there is no compliance to show (no requirement in the profile)
    applications: list[Application]
    payments: list[PaymentRecord]
    attachments: list[PersonAttachment]


def person_record(ws: Workspace, staff_id: int, year: int | None = None) -> PersonRecord:
    person = get_staff(ws, staff_id)
    year = year or ws.today().year
    compliance, problem, as_of = None, "", ws.today()
    try:
        report = ce_report(ws, year)
    except SwdeskError as exc:
        problem = str(exc)
    else:
        as_of = report.as_of
        compliance = next((r.result for r in report.rows if r.staff.id == staff_id), None)
    return PersonRecord(
        staff=person,
        credentials=credential_history(ws, staff_id),
        appointments=history(ws, staff_id, voided=True),
        year=year,
        training=training_store.attended_by(ws.db, staff_id, year),
        compliance=compliance,
        as_of=as_of,
        ce_problem=problem,
        applications=list_applications(ws, staff_id=staff_id),
        payments=list_payments(ws, staff_id),
        attachments=person_attachments(ws, staff_id),
    )
