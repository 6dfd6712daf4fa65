"""The agency's submission to its civil-affairs bureau (报送民政部门), made in one step: the agency,
the period, everyone who worked there in it with their certificates and grade, the
continuing-education results of the period with the hours they come from, every claim submitted
in the period with its steps, and the same tables as PDF and .xlsx. Nothing of the data file
itself travels: the bureau never opens an agency's SQLite.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from swdesk import __version__
from swdesk.domain.claims import describe
from swdesk.domain.errors import ValidationError
from swdesk.domain.profiles import Profile
from swdesk.domain.submission import (
    AgencyRecord,
    CEResult,
    Certificate,
    Claim,
    ClaimStep,
    Grade,
    Person,
    Submission,
    Unit,
    UnitKind,
    period_bounds,
)
from swdesk.exchange.record_workbook import record_workbook
from swdesk.exchange.submission_file import write_submission_file
from swdesk.i18n import _
from swdesk.policies import profile_version
from swdesk.printing.forms.submission_tables import render_record_tables
from swdesk.services.agency import get_agency
from swdesk.services.awards_summary import awards_summary
from swdesk.services.ce_report import ce_report
from swdesk.services.grades import current_grades
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import awards as awards_store


@dataclass(frozen=True)
class SubmissionMade:
    path: Path
    record: AgencyRecord
    changes: Changes


def new_id() -> str:
    return str(uuid.uuid4())


def agency_unit(ws: Workspace) -> Unit:
    agency = get_agency(ws)
    if not agency.credit_code:
        raise ValidationError(
            _(
                "The agency has no unified social credit code: the bureau knows agencies by it. "
                "Enter it under Settings › Agency first."
            ),
            "credit_code",
        )
    return Unit(
        UnitKind.AGENCY, agency.name, agency.credit_code, None, agency.address,
        agency.contact_person, agency.phone, agency.profile_id, profile_version(ws.profile),
    )  # fmt: skip


def check_period(period: int, today: dt.date) -> None:
    if period > today.year:
        raise ValidationError(
            _("The period {period} has not begun yet.").format(period=period), "period"
        )


def _grade(profile: Profile, code: str) -> Grade:
    try:
        grade = profile.grade(code)
    except KeyError:  # a grade of another profile: keep its code
        return Grade(code, code, code)
    return Grade(code, grade.name, grade.name_en)


def build_record(ws: Workspace, period: int, made_at: dt.datetime) -> AgencyRecord:
    """Everything the bureau needs of ``period``, read in a fixed number of queries."""
    check_period(period, ws.today())
    unit = agency_unit(ws)
    profile = ws.profile
    start, end = period_bounds(period)
    as_of = min(ws.today(), end)
    report = ce_report(ws, period, as_of)
    summary = awards_summary(ws, start, end)
    named = {x.application.staff_id for x in summary.lines} | {r.staff.id for r in report.rows}
    credentials = all_credentials(ws)
    grades = current_grades(ws, as_of)
    payments = awards_store.level_award_payments(ws.db, until=as_of)
    people = []
    for staff in list_staff(ws):
        worked = (staff.hire_date is None or staff.hire_date <= end) and (
            staff.leave_date is None or staff.leave_date > start
        )
        if not worked and staff.id not in named:
            continue
        appointment = grades.get(staff.id)  # type: ignore[arg-type]
        people.append(
            Person(
                staff.id_number,
                staff.name,
                staff.sex,
                staff.birth_date,
                staff.hire_date,
                staff.leave_date,
                staff.civil_servant,
                staff.social_work_since,
                tuple(
                    Certificate(
                        c.certificate_number,
                        c.level,
                        c.obtained_on,
                        c.registered_on,
                        c.issuing_body,
                    )
                    for c in credentials.get(staff.id, [])  # type: ignore[arg-type]
                ),
                _grade(profile, appointment.grade_code) if appointment else None,
                tuple(payments.get(staff.id, ())),  # type: ignore[arg-type]
            )  # fmt: skip
        )
    results = tuple(CEResult.of(row.staff.id_number, row.result) for row in report.rows)
    claims = []
    for line in summary.lines:
        app = line.application
        details = {
            k: str(app.details[k])
            for k in ("exam_year", "honour", "conferred_on")
            if app.details.get(k) not in (None, "")
        }
        claims.append(
            Claim(
                app.number,
                app.kind,
                app.award,
                app.level,
                app.id_number,
                app.person,
                app.amount,
                app.status,
                app.created_on,
                app.claim_key,
                describe(profile, app.kind.value, app.award, app.details)[1],
                details,
                tuple(ClaimStep(s.status, s.on, s.by, s.reason, s.amount) for s in app.steps),
            )  # fmt: skip
        )
    return AgencyRecord(
        new_id(), unit, period, made_at, __version__, tuple(people), results, tuple(claims)
    )


def write_agency_file(record: AgencyRecord, profile: Profile, made_on: dt.date, path: Path) -> Path:
    """The submission file of ``record``, with its tables drawn from it: what every agency sends,
    however its record was gathered."""
    submission = Submission(
        record.submission_id, record.agency, record.period, record.created_at,
        record.program_version, (record,),
    )  # fmt: skip
    pdf = render_record_tables(record, profile, made_on)
    xlsx = record_workbook(record, profile, made_on)
    return write_submission_file(path, submission, pdf, xlsx)


def make_submission(
    ws: Workspace, period: int, output: Path | str, *, made_at: dt.datetime | None = None
) -> SubmissionMade:
    """Write the agency's submission file of ``period`` to ``output`` and note it in the audit
    log (the file is what the bureau receives; nothing in the data changes)."""
    made_at = made_at or dt.datetime.combine(ws.today(), dt.datetime.now().time()).astimezone()
    record = build_record(ws, period, made_at)
    path = write_agency_file(record, ws.profile, ws.today(), Path(output))
    with ws.db.atomic():
        audit.record(
            ws.db,
            user=ws.user,
            action="submission.make",
            table="",
            row_id=None,
            new={
                "submission_id": record.submission_id,
                "period": period,
                "file": str(path),
                "people": len(record.people),
                "claims": len(record.claims),
            },
        )
    message = _(
        "Submission for {period} written to {file}: {people} people, {claims} claims."
    ).format(period=period, file=str(path), people=len(record.people), claims=len(record.claims))
    return SubmissionMade(path, record, Changes(message=message))
