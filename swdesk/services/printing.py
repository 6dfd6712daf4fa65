"""Printing: load what each form needs through the other services, then draw it.

The forms in `swdesk.printing.forms` never touch the database; the functions here read (never
write) and return the PDF as bytes, writing it to ``output`` as well when given. Everything a
batch needs is read with a fixed number of queries (credentials, staff, trainings and CE results
of a year, attachments), not per applicant. The print font is the process's current font chain:
call `swdesk.printing.fonts.register_fonts(path)` first to print with a system font.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk.domain.applications import Application, Kind, Status
from swdesk.domain.ce_compliance import Compliance
from swdesk.domain.claims import describe, item_label
from swdesk.domain.errors import NotFound, SwdeskError, ValidationError
from swdesk.domain.profiles import Clause
from swdesk.domain.reasons import Reason
from swdesk.domain.reminders import Reminder
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _, current_language
from swdesk.i18n.collate import name_key
from swdesk.printing.forms import (
    award_application,
    bureau_tables,
    ce_record,
    nomination,
    packet,
    reimbursement,
    reminder_notice,
    subsidy,
)
from swdesk.printing.forms.scans import Scan
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.services.agency import get_agency
from swdesk.services.applications import get_application, list_applications
from swdesk.services.awards_summary import awards_summary
from swdesk.services.ce_report import ce_report
from swdesk.services.grades import current_grades
from swdesk.services.reminders import collect_reminders
from swdesk.services.staff import all_credentials, find_staff, list_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import attachments as store
from swdesk.storage import training as training_store


def agency_header(ws: Workspace) -> AgencyHeader:
    agency = get_agency(ws)
    return AgencyHeader(
        agency.name, agency.credit_code, agency.address, agency.contact_person, agency.phone
    )


class _Loader:
    """What forms need, read once for a whole batch and kept by year."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.agency = get_agency(ws)
        self.staff = {s.id: s for s in list_staff(ws)}
        self.credentials = all_credentials(ws)
        self._ce: dict[int, dict[int, Compliance]] = {}
        self._lines: dict[int, list[ce_record.TrainingLine]] = {}
        self._window: tuple[dt.date, dt.date] | None = None
        self._grades: dict[dt.date, dict[int, str]] = {}
        self._attachments: dict[int, list[dict]] | None = None

    def person(self, staff_id: int | None) -> Staff:
        if staff_id is None or staff_id not in self.staff:
            raise NotFound(_("No staff member with id {id}.").format(id=staff_id))
        return self.staff[staff_id]

    def highest(self, staff_id: int, on: dt.date | None = None) -> Credential | None:
        held = [c for c in self.credentials.get(staff_id, []) if on is None or c.obtained_on <= on]
        return max(held, key=lambda c: (c.level.rank, c.obtained_on), default=None)

    def as_of(self, year: int) -> dt.date:
        return min(self.ws.today(), dt.date(year, 12, 31))

    def compliance(self, staff_id: int, year: int) -> Compliance | None:
        if year not in self._ce:
            report = ce_report(self.ws, year, self.as_of(year))
            self._ce[year] = {row.staff.id: row.result for row in report.rows}  # type: ignore[misc]
        return self._ce[year].get(staff_id)

    def trainings(
        self, staff_id: int, start: dt.date, end: dt.date
    ) -> list[ce_record.TrainingLine]:
        """A person's trainings that ended from ``start`` to ``end``. Everyone's are read at
        once for the widest window asked so far: one query for a batch of one year."""
        window = self._window
        if window is None or start < window[0] or end > window[1]:
            low = start if window is None else min(start, window[0])
            high = end if window is None else max(end, window[1])
            self._lines, self._window = {}, (low, high)
            for a in training_store.attended_between(self.ws.db, low, high):
                self._lines.setdefault(a.staff_id, []).append(
                    ce_record.TrainingLine(a.start, a.end, a.title, a.organiser, a.form, a.hours)
                )
        return [t for t in self._lines.get(staff_id, []) if start <= t.end <= end]

    def grade(self, staff_id: int, on: dt.date) -> str:
        if on not in self._grades:
            names = {}
            for sid, appointment in current_grades(self.ws, on).items():
                try:
                    grade = self.ws.profile.grade(appointment.grade_code)
                    names[sid] = grade.label(current_language())
                except KeyError:  # a grade of another profile: keep its code
                    names[sid] = appointment.grade_code
            self._grades[on] = names
        return self._grades[on].get(staff_id, "")

    def record_of(self, staff: Staff, year: int) -> ce_record.CERecord | None:
        result = self.compliance(staff.id, year)  # type: ignore[arg-type]
        if result is None:
            return None
        # The hours of the requirement's period: the calendar year, or a registration period.
        period = result.period
        start = period.start if period else dt.date(year, 1, 1)
        end = min(period.end if period else dt.date(year, 12, 31), result.as_of)
        return ce_record.CERecord(
            staff,
            self.agency.name,
            year,
            self.highest(staff.id, self.as_of(year)),  # type: ignore[arg-type]
            self.trainings(staff.id, start, end),  # type: ignore[arg-type]
            result,
            self.ws.today(),
        )

    def attachment_rows(self, app: Application) -> list[dict]:
        """The files of ``app``'s packet: the scans of the applicant's certificates, then the
        application's own attachments; every application's are read in one query."""
        if self._attachments is None:
            self._attachments = {}
            self._certificate_scans: dict[int, list[dict]] = {}
            owner_of = {
                c.id: staff_id for staff_id, creds in self.credentials.items() for c in creds
            }
            for row in store.attachments_of_tables(self.ws.db, ("applications", "credentials")):
                if row["owner_table"] == "applications":
                    self._attachments.setdefault(row["owner_id"], []).append(row)
                elif row["owner_id"] in owner_of:
                    self._certificate_scans.setdefault(owner_of[row["owner_id"]], []).append(row)
        scans = self._certificate_scans.get(app.staff_id, []) if app.staff_id else []
        return [*scans, *self._attachments.get(app.id, [])]

    def scans(self, app: Application) -> list[Scan]:
        """The application's attached files, checked to be present and unaltered."""
        out = []
        for row in self.attachment_rows(app):
            try:
                path = store.file_for(self.ws.db, self.ws.path, row["id"])
            except (NotFound, ValidationError) as exc:
                raise SwdeskError(
                    _("Application {number}: {problem}").format(number=app.number, problem=exc)
                ) from None
            out.append(Scan(row["original_name"], row["media_type"], path, row["kind"]))
        return out

    # ------------------------------------------------------------ application forms

    def clause_of(self, app: Application) -> Clause | None:
        profile = self.ws.profile
        found: Clause | None = None
        if app.kind is Kind.LEVEL_AWARD and profile.level_award:
            found = profile.level_award.clause
        elif app.kind is Kind.EXAM_REIMBURSEMENT and profile.reimbursement:
            found = profile.reimbursement.clause
        else:
            for item in (*profile.agency_subsidies, *profile.commendations):
                if item.code == app.award:
                    found = item.clause
        recorded = str(app.details.get("clause") or "")
        if found is None or (recorded and recorded != found.ref):
            # Made under another policy: print the clause it cited then.
            return Clause("", recorded, "") if recorded else None
        return found

    def form_section(self, app: Application) -> Section:
        """The application form of ``app``, whatever its kind."""
        clause = self.clause_of(app)
        details = app.details
        if app.kind is Kind.AGENCY_SUBSIDY:
            conferred = details.get("conferred_on")
            form = subsidy.SubsidyApplication(
                app.number, app.created_on, self.agency.name, self.agency.credit_code,
                self.agency.address, self.agency.contact_person, self.agency.phone,
                describe(self.ws.profile, app.kind.value, app.award, details)[0],
                dt.date.fromisoformat(conferred) if conferred else None,
                str(details.get("document", "")), app.amount, clause,
            )  # fmt: skip
            return subsidy.section(form)
        person = self.person(app.staff_id)
        if app.kind is Kind.EXAM_REIMBURSEMENT:
            items = [
                reimbursement.ClaimItem(item_label(code), Decimal(amount))
                for code, amount in dict(details.get("items", {})).items()
            ]
            receipts = sum(r["kind"] == "receipt" for r in self.attachment_rows(app))
            claim = reimbursement.ReimbursementClaim(
                app.number, app.created_on, person, self.agency.name,
                int(details.get("exam_year", 0)), app.level, items, receipts, clause,  # type: ignore[arg-type]
            )  # fmt: skip
            return reimbursement.section(claim)
        if app.kind is Kind.NOMINATION:
            form = nomination.Nomination(
                app.number, app.created_on, person, self.agency.name,
                describe(self.ws.profile, app.kind.value, app.award, details)[0],
                self.highest(person.id, app.created_on),  # type: ignore[arg-type]
                self.grade(person.id, app.created_on),  # type: ignore[arg-type]
                str(details.get("reasons", "")), str(details.get("case_title", "")), clause,
            )  # fmt: skip
            return nomination.section(form)
        eligible = details.get("eligible_from")
        credential = next(
            (c for c in self.credentials.get(person.id, []) if c.level is app.level),  # type: ignore[arg-type]
            None,
        )
        award = award_application.AwardApplication(
            app.number, app.created_on, person, self.agency.name, app.level, credential,
            app.amount, int(details.get("entitled", 0)), int(details.get("already_paid", 0)),
            dt.date.fromisoformat(eligible) if eligible else None,
            tuple(Reason.from_data(r) for r in details.get("reasons", [])), str(details.get("note", "")),
        )  # fmt: skip
        return award_application.section(award)

    def packet_of(self, app: Application) -> packet.Packet:
        claim = describe(self.ws.profile, app.kind.value, app.award, app.details)[0]
        submitted = app.step(Status.SUBMITTED)
        cover = packet.Cover(
            app.number, claim, app.person, app.id_number, self.agency.name,
            app.amount if app.kind.pays else None, app.created_on,
            submitted.on if submitted else None, app.status.label(), self.ws.today(),
        )  # fmt: skip
        sections = [self.form_section(app)]
        if app.staff_id is not None:
            person = self.person(app.staff_id)
            held = self.credentials.get(app.staff_id, [])
            if held:
                sections.append(packet.credential_list(person, held, self.ws.today()))
            year = (submitted.on if submitted else app.created_on).year
            record = self.record_of(person, year)
            if record is not None and record.compliance.required is not None:
                sections.append(ce_record.section(record))
        return packet.Packet(cover, sections, self.scans(app))


def _single(sections: Sequence[Section], ws: Workspace, output: str | Path | None) -> bytes:
    from swdesk.printing.layout import build_document

    return build_document(agency_header(ws), sections, output=output)[0]


def print_application(ws: Workspace, number: str, output: str | Path | None = None) -> bytes:
    """The application form of application ``number`` (its kind decides which form)."""
    app = get_application(ws, number)
    return _single([_Loader(ws).form_section(app)], ws, output)


def print_packet(ws: Workspace, number: str, output: str | Path | None = None) -> bytes:
    """The packet of application ``number``: cover, form, certificates, CE record, scans."""
    app = get_application(ws, number)
    packets = [_Loader(ws).packet_of(app)]
    return packet.render_packets(agency_header(ws), packets, output)


def print_packets(
    ws: Workspace,
    status: Status = Status.SUBMITTED,
    kind: Kind | None = None,
    output: str | Path | None = None,
) -> bytes:
    """One PDF with the packet of every application in ``status`` (of ``kind``), by number."""
    apps = list_applications(ws, status=status, kind=kind)
    if not apps:
        raise NotFound(
            _("There are no applications with status {status}.").format(status=status.label())
        )
    loader = _Loader(ws)
    packets = [loader.packet_of(app) for app in apps]
    return packet.render_packets(agency_header(ws), packets, output)


def print_ce_record(
    ws: Workspace, id_number: str, year: int, output: str | Path | None = None
) -> bytes:
    """One person's continuing-education record for ``year`` (to today if the year runs)."""
    person = find_staff(ws, id_number)
    record = _Loader(ws).record_of(person, year)
    if record is None:
        raise NotFound(
            _("{name} did not work at the agency in {year} and has no hours in it.").format(
                name=person.name, year=year
            )
        )
    return ce_record.render(agency_header(ws), record, output)


def print_ce_summary(
    ws: Workspace, year: int, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """The bureau's annual table of every person's CE hours and status, by name (pinyin)."""
    report = ce_report(ws, year, as_of)
    rows = sorted(report.rows, key=lambda row: name_key(row.staff.name))
    lines = [bureau_tables.CELine(row.staff, row.result) for row in rows]
    summary = bureau_tables.CESummary(year, report.as_of, lines)
    return bureau_tables.render_ce_summary(agency_header(ws), summary, output)


def print_awards_summary(
    ws: Workspace, start: dt.date, end: dt.date, output: str | Path | None = None
) -> bytes:
    """The bureau's table of award and subsidy applications submitted in a period."""
    source = awards_summary(ws, start, end)
    lines = [
        bureau_tables.AwardLine(
            x.application.number,
            x.application.person,
            x.application.id_number,
            x.award,
            x.application.level,
            x.application.amount,
            x.submitted_on,
            x.application.status.label(),
            x.application.paid_amount,
            x.clause,
        )  # fmt: skip
        for x in source.lines
    ]
    summary = bureau_tables.AwardsSummary(start, end, source.made_on, lines, source.approved)
    return bureau_tables.render_awards_summary(agency_header(ws), summary, output)


def print_holders(
    ws: Workspace, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """The register of certificate holders working at the agency, by highest level, then by
    name (pinyin)."""
    as_of = as_of or ws.today()
    loader = _Loader(ws)
    holders = []
    for person in sorted(loader.staff.values(), key=lambda p: name_key(p.name)):
        credential = loader.highest(person.id, as_of)  # type: ignore[arg-type]
        if credential is None or not person.employed_on(as_of):
            continue
        grade = loader.grade(person.id, as_of)  # type: ignore[arg-type]
        holders.append(bureau_tables.Holder(person, credential, grade))
    register = bureau_tables.Holders(as_of, holders)
    return bureau_tables.render_holders(agency_header(ws), register, output)


def reminder_notices(
    ws: Workspace, as_of: dt.date | None = None
) -> list[reminder_notice.ReminderNotice]:
    """One notice per person with something due on ``as_of``, in the order of the list."""
    as_of = as_of or ws.today()
    agency = get_agency(ws)
    by_person: dict[str, list[Reminder]] = {}
    names: dict[str, str] = {}
    for reminder in collect_reminders(ws, as_of):
        if not reminder.id_number:
            continue  # an agency-wide matter: no one to address it to
        by_person.setdefault(reminder.id_number, []).append(reminder)
        names[reminder.id_number] = reminder.name
    return [
        reminder_notice.ReminderNotice(
            names[number], number, as_of, items, agency.name, agency.contact_person, agency.phone
        )
        for number, items in by_person.items()
    ]


def print_reminders(
    ws: Workspace, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """A notice for each person with something due, one after another in one PDF."""
    notices = reminder_notices(ws, as_of)
    if not notices:
        raise NotFound(
            _("Nothing is due on {date}: there is no notice to print.").format(
                date=(as_of or ws.today()).isoformat()
            )
        )
    return reminder_notice.render(agency_header(ws), notices, output)


def with_font(ws: Workspace, font: str | None, make: Callable[..., bytes], *args: Any) -> bytes:
    """Draw a form with ``make(ws, *args)`` in the user's print font (None: the bundled fonts)."""
    from swdesk.printing.fonts import register_fonts

    register_fonts(font or None)
    return make(ws, *args)
