"""What the printed forms need, read from the data file once for a whole batch: the agency, the
staff and their certificates, the year's trainings and CE results, the grades, photos and
attachments (a fixed number of queries however many applications), turned into the values of
`swdesk.printing.forms`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.domain.applications import Application, Kind, Status
from swdesk.domain.ce_compliance import Compliance
from swdesk.domain.claims import describe, item_label
from swdesk.domain.errors import NotFound, SwdeskError, ValidationError
from swdesk.domain.profiles import Clause
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _, current_language
from swdesk.printing.blocks import Photo
from swdesk.printing.forms import (
    award_application,
    ce_record,
    nomination,
    packet,
    reimbursement,
    subsidy,
)
from swdesk.printing.forms.scans import Scan
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.services.agency import get_agency
from swdesk.services.ce_report import ce_report
from swdesk.services.grades import current_grades
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import attachments as store
from swdesk.storage import photos as photo_store
from swdesk.storage import training as training_store


def agency_header(ws: Workspace) -> AgencyHeader:
    agency = get_agency(ws)
    return AgencyHeader(
        agency.name, agency.credit_code, agency.address, agency.contact_person, agency.phone
    )


class Loader:
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
        self._photos = photo_store.all_photos(ws.db)

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

    def photo(self, staff_id: int) -> Photo:
        """The person's photo for the photo box, or an empty box."""
        found = self._photos.get(staff_id)
        if found is None:
            return Photo()
        return Photo(store.file_for(self.ws.db, self.ws.path, found[0]), found[1])

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
                self.photo(person.id),  # type: ignore[arg-type]
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
            self.photo(person.id),  # type: ignore[arg-type]
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
