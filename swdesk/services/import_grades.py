"""Importing post-grade appointments (the history of each person's grade), each checked against
the appointment rule as one typed in would be. A grade is named by its code, its printed name or
that name without 岗位."""

from __future__ import annotations

from swdesk.domain.errors import RuleRefused, SwdeskError, ValidationError
from swdesk.domain.grades import Appointment, find_grade
from swdesk.domain.profiles import Grade
from swdesk.domain.reasons import Reason
from swdesk.domain.text import clean_field
from swdesk.exchange import values
from swdesk.exchange.rows import RowFields
from swdesk.i18n import N_, _
from swdesk.services.grades import appointment_refusal, insert_appointment, taken_date
from swdesk.services.import_batch import Batch, StaffLookup, counted, record_import
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import grades as store
from swdesk.storage import staff as staff_store


class GradeBatch(Batch):
    kind = "grades"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._staff = StaffLookup(ws)
        self._people = {p.id: p for p in staff_store.list_staff(ws.db)}
        self._held = staff_store.all_credentials(ws.db)
        self._days = {key: None for key in store.appointment_days(ws.db)}  # → row, None on file
        self.appointments: list[Appointment] = []

    def _grade(self, value: object) -> Grade:
        try:
            profile = self.ws.profile
        except SwdeskError as exc:  # no agency yet, so no ladder
            raise ValidationError(str(exc), "grade") from None
        return find_grade(profile, values.text(value))

    @staticmethod
    def _note(value: object) -> str:
        return clean_field(values.text(value), "note", N_("The note"), multiline=True).strip()

    def check_row(self, row: RowFields) -> None:
        staff_id = self._staff.person(row)
        grade = row.get("grade", self._grade, required=True)
        on = row.get("appointed_on", values.date, required=True)
        note = row.get("note", self._note) or ""
        if not row.ok or staff_id is None:
            return
        person = self._people[staff_id]
        refusal = appointment_refusal(
            self.ws.profile, person, grade, on, self._held.get(staff_id, []), self.today
        )
        if refusal is not None:
            row.fail("grade" if isinstance(refusal, RuleRefused) else "appointed_on", str(refusal))
            return
        key = (staff_id, on)
        if key in self._days:
            first = self._days[key]
            row.fail(
                "appointed_on",
                _("The same person's appointment of {date} is already in row {other}.").format(
                    date=on.isoformat(), other=first
                )
                if first
                else str(taken_date(person, on)),
            )
            return
        self._days[key] = row.number
        self.appointments.append(Appointment(staff_id, grade.code, on, note))

    def to_add(self) -> dict[str, int]:
        return {"grade_appointments": len(self.appointments)}

    def label(self) -> Reason:
        return counted(
            N_("Import 1 appointment"), N_("Import {n} appointments"), len(self.appointments)
        )

    def write(self, source: str) -> Changes:
        for appointment in self.appointments:
            insert_appointment(self.ws, appointment)
        record_import(self.ws, "grade_appointments", source, len(self.appointments))
        return Changes.of(
            {Area.GRADES},
            {a.staff_id for a in self.appointments},
            _("Imported {n} appointments.").format(n=len(self.appointments)),
        )
