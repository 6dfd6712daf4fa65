"""Grade appointments: the history of each person's post grade, checked against the rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.grades import Appointment, check_appointment, could_move_up, grade_named
from swdesk.domain.levels import Band
from swdesk.domain.profiles import Grade
from swdesk.domain.reasons import Named, Reason
from swdesk.domain.staff import Staff
from swdesk.domain.text import clean_text, void_reason
from swdesk.i18n import N_, _, current_language, join_sentences
from swdesk.i18n.reasons import describe
from swdesk.services.staff import all_credentials, credentials_of, find_staff, list_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import grades as store


def appoint(ws: Workspace, id_number: str, grade_code: str, on: dt.date, note: str = "") -> Changes:
    """Appoint a person to a grade from ``on``; refused with the reason and clause when the
    person's credentials do not allow it."""
    profile = ws.profile
    try:
        profile.grade(grade_code)
    except KeyError:
        lang = current_language()
        codes = ", ".join(f"{g.code} ({g.label(lang)})" for g in profile.grades)
        raise ValidationError(
            _("Unknown grade {code}. Grades of this profile: {codes}.").format(
                code=grade_code, codes=codes
            ),
            "grade",
        ) from None
    if on > ws.today():
        raise ValidationError(_("An appointment cannot be dated in the future."), "date")
    with recorded(ws) as step:
        # Read inside the transaction: the check and the write see the same certificates.
        person = find_staff(ws, id_number)
        if not person.employed_on(on):
            raise ValidationError(
                _(
                    "{name} does not work at the agency on {date} (hired {hired}, left {left})."
                ).format(
                    name=person.name,
                    date=on.isoformat(),
                    hired=person.hire_date.isoformat() if person.hire_date else "-",
                    left=person.leave_date.isoformat() if person.leave_date else "-",
                ),
                "date",
            )
        held = [(c.level, c.obtained_on) for c in credentials_of(ws, person.id)]
        check = check_appointment(profile, grade_code, held, on)
        if not check.allowed:
            raise RuleRefused(describe(check.reason), check.clause.ref)
        note = clean_text(note, "note", _("The note"), multiline=True).strip()
        appointment = Appointment(person.id, grade_code, on, note)  # type: ignore[arg-type]
        if store.has_appointment_on(ws.db, person.id, on):  # type: ignore[arg-type]
            raise ValidationError(
                _("{name} already has an appointment dated {date}.").format(
                    name=person.name, date=on.isoformat()
                ),
                "date",
            )
        new_id = store.insert_appointment(ws.db, appointment)
        step.label = Reason(
            N_("Appoint {name} to {grade}"),
            {"name": person.name, "grade": Named(check.grade.name, check.grade.name_en)},
        )
        audit.record(
            ws.db,
            user=ws.user,
            action="grade.appoint",
            table="grade_appointments",
            row_id=new_id,
            new=store.appointment_to_row(appointment),
            staff_id=person.id,
        )
    return Changes.of(
        {Area.GRADES},
        {person.id},
        _("{name} appointed to {grade} from {date}.").format(
            name=person.name, grade=check.grade.label(current_language()), date=on.isoformat()
        ),
        new_id,
        step.entry,
    )


def history(ws: Workspace, staff_id: int, *, voided: bool = False) -> list[Appointment]:
    """A person's appointments by date; with the voided ones (struck through) when asked."""
    return store.history(ws.db, staff_id, voided=voided)


def void_appointment(ws: Workspace, id_number: str, on: dt.date, reason: str) -> Changes:
    """Void an appointment made by mistake: it stays in the history, struck through, and the
    person's grade is again the one of their appointment before it (if any)."""
    why = void_reason(reason)
    with recorded(ws) as step:
        person = find_staff(ws, id_number)
        found = store.appointment_on(ws.db, person.id, on)  # type: ignore[arg-type]
        if found is None:
            raise NotFound(
                _("{name} has no appointment dated {date}.").format(
                    name=person.name, date=on.isoformat()
                )
            )
        today = ws.today()
        store.void_appointment(ws.db, found.id, today, why)  # type: ignore[arg-type]
        audit.record_void(
            ws.db, user=ws.user, action="grade.void", table="grade_appointments", row_id=found.id,
            staff_id=person.id, on=today, reason=why,
        )  # fmt: skip
        grade = grade_named(ws.profile, found.grade_code)
        step.label = Reason(
            N_("Void the appointment of {name} to {grade}"), {"name": person.name, "grade": grade}
        )
        now = store.current_grades(ws.db, today).get(person.id)  # type: ignore[arg-type]
    message = _("The appointment of {name} to {grade} from {date} is void.").format(
        name=person.name, grade=grade.label(), date=on.isoformat()
    )
    message = join_sentences(
        message,
        _("Their grade is now {grade}.").format(
            grade=grade_named(ws.profile, now.grade_code).label()
        )
        if now
        else _("They hold no grade now."),
    )
    return Changes.of({Area.GRADES}, {person.id}, message, found.id, step.entry)  # type: ignore[arg-type]


def current_grades(ws: Workspace, as_of: dt.date | None = None) -> dict[int, Appointment]:
    """Each person's grade on ``as_of``: their latest appointment dated on or before it."""
    return store.current_grades(ws.db, as_of or ws.today())


@dataclass(frozen=True)
class Promotable:
    staff: Staff
    current: Grade | None
    allowed_band: Band
    clause: str


def promotable(ws: Workspace, as_of: dt.date | None = None) -> list[Promotable]:
    """People whose credentials allow a grade of a higher band than the one they hold."""
    as_of = as_of or ws.today()
    profile = ws.profile
    grades = current_grades(ws, as_of)
    creds = all_credentials(ws)
    out = []
    for person in list_staff(ws):
        if not person.employed_on(as_of):
            continue
        levels = [c.level for c in creds.get(person.id, []) if c.obtained_on <= as_of]
        appointment = grades.get(person.id)
        current = profile.grade(appointment.grade_code) if appointment else None
        band = could_move_up(profile, current, levels)
        if band is not None:
            out.append(Promotable(person, current, band, profile.appointment_clause.ref))
    return out
