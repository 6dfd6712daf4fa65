"""The registration history of a person's certificates with the hours of each period, and
correcting it: a registration's date moved, or one entered by mistake voided, each with the
reason and an audit entry (the voided row stays, marked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from swdesk.domain.ce_compliance import Compliance, Period, assess
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.registration import window_opens
from swdesk.domain.registration_history import RegistrationPeriod, RegistrationRecord, periods
from swdesk.domain.staff import Credential, Staff, certificate_text
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.services.registration import period_requirement
from swdesk.services.staff import get_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import registrations as store
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store


@dataclass(frozen=True)
class PeriodHours:
    credential: Credential
    period: RegistrationPeriod
    hours: Compliance | None  # the period's continuing education (None: no such requirement)


def registration_history(
    ws: Workspace, staff_id: int, as_of: dt.date | None = None
) -> list[PeriodHours]:
    """Every registration period of a person's certificates, oldest first, with the hours of
    each counted to its end (or ``as_of``, default today)."""
    return histories(ws, [get_staff(ws, staff_id)], as_of).get(staff_id, [])


def histories(
    ws: Workspace, people: Sequence[Staff], as_of: dt.date | None = None
) -> dict[int, list[PeriodHours]]:
    """The registration history of each of ``people``: three queries however many."""
    as_of = as_of or ws.today()
    rules = ws.profile.registration
    if rules is None:
        return {}
    held = staff_store.all_credentials(ws.db)
    records = store.all_live_registrations(ws.db)
    items = [
        (person, c, p)
        for person in people
        for c in held.get(person.id, [])  # type: ignore[arg-type]
        for p in periods(records.get(c.id, []), rules)  # type: ignore[arg-type]
        if p.start <= as_of
    ]
    requirement = period_requirement(ws)
    counted = (
        training_store.hours_in_ranges(
            ws.db,
            [(person.id, p.start, min(p.ends, as_of)) for person, _c, p in items],  # type: ignore[misc]
        )
        if requirement is not None and items
        else [({}, {}) for _i in items]
    )
    out: dict[int, list[PeriodHours]] = {}
    for (person, credential, period), (raw, subjects) in zip(items, counted, strict=True):
        hours = None
        if requirement is not None:
            hours = assess(
                staff=person,
                credentials=held.get(person.id, []),  # type: ignore[arg-type]
                requirement=requirement,
                period=Period(period.start, period.ends),
                as_of=min(period.ends, as_of),
                raw=raw,
                subjects=subjects,
            )
        out.setdefault(person.id, []).append(PeriodHours(credential, period, hours))  # type: ignore[arg-type]
    for found in out.values():
        found.sort(key=lambda p: p.period.start)
    return out


def registrations_of(ws: Workspace, certificate_number: str) -> list[RegistrationRecord]:
    """Every registration of a certificate, voided ones too (with their reason), by date."""
    return store.registrations_of(ws.db, _credential(ws, certificate_number).id)  # type: ignore[arg-type]


def _credential(ws: Workspace, certificate_number: str) -> Credential:
    number = certificate_text(certificate_number)
    found = staff_store.credential_with_number(ws.db, number)
    if found is None:
        raise NotFound(_("No certificate has number {number}.").format(number=number))
    return found


def _live_record(ws: Workspace, registration_id: int) -> RegistrationRecord:
    record = store.registration_by_id(ws.db, registration_id)
    if record is None:
        raise NotFound(_("There is no registration {id}.").format(id=registration_id))
    if record.voided:
        raise ValidationError(
            _("Registration {id} was voided ({reason}); it cannot be changed.").format(
                id=registration_id, reason=record.void_reason
            ),
            "registration",
        )
    return record


def _reason(reason: str) -> str:
    text = clean_text(reason or "", "reason", _("The reason"), multiline=True).strip()
    if not text:
        raise ValidationError(_("Give the reason for the correction."), "reason")
    return text


def correct_registration(ws: Workspace, registration_id: int, on: dt.date, reason: str) -> Changes:
    """Move a registration to the date it really was (a typing slip, a date read wrong)."""
    why = _reason(reason)
    with recorded(ws) as step:
        record = _live_record(ws, registration_id)
        credential = _credential_of(ws, record)
        step.label = Reason(
            N_("Correct the registration of certificate {number}"),
            {"number": credential.certificate_number},
        )
        if on > ws.today():
            raise ValidationError(_("The registration date cannot be in the future."), "date")
        if on < credential.obtained_on:
            raise ValidationError(
                _("The registration date is before the date obtained ({date}).").format(
                    date=credential.obtained_on.isoformat()
                ),
                "date",
            )
        _check_windows(ws, credential, record, on)
        if not store.move_registration(ws.db, registration_id, on):
            raise ValidationError(
                _("This certificate's registration of {date} is already recorded.").format(
                    date=on.isoformat()
                ),
                "date",
            )
        audit.record(
            ws.db,
            user=ws.user,
            action="registration.correct",
            table="registrations",
            row_id=registration_id,
            old={"registered_on": record.registered_on},
            new={"registered_on": on, "reason": why},
            staff_id=credential.staff_id,
        )
    return Changes.of(
        {Area.CREDENTIALS},
        {credential.staff_id},  # type: ignore[arg-type]
        _("Registration of certificate {number} moved from {old} to {new}.").format(
            number=credential.certificate_number,
            old=record.registered_on.isoformat(),
            new=on.isoformat(),
        ),
        undo=step.entry,
    )


def void_registration(ws: Workspace, registration_id: int, reason: str) -> Changes:
    """Mark a registration entered by mistake as void: it stays in the history, marked, and no
    longer counts; the certificate's current registration is the latest one left."""
    why = _reason(reason)
    with recorded(ws) as step:
        record = _live_record(ws, registration_id)
        credential = _credential_of(ws, record)
        staff_id = credential.staff_id
        assert staff_id is not None
        step.label = Reason(
            N_("Void the registration of certificate {number}"),
            {"number": credential.certificate_number},
        )
        store.void_registration(ws.db, registration_id, why)
        audit.record(
            ws.db,
            user=ws.user,
            action="registration.void",
            table="registrations",
            row_id=registration_id,
            old={"registered_on": record.registered_on, "voided": False},
            new={"voided": True, "reason": why},
            staff_id=staff_id,
        )
    return Changes.of(
        {Area.CREDENTIALS},
        {staff_id},
        _("Registration of {date} voided: {reason}").format(
            date=record.registered_on.isoformat(), reason=why
        ),
        undo=step.entry,
    )


def _credential_of(ws: Workspace, record: RegistrationRecord) -> Credential:
    credential = staff_store.credential_by_id(ws.db, record.credential_id)
    assert credential is not None  # a registration belongs to a stored credential
    return credential


def _check_windows(
    ws: Workspace, credential: Credential, record: RegistrationRecord, on: dt.date
) -> None:
    """A corrected date must leave every re-registration in its window (民发〔2009〕44号)."""
    rules = ws.profile.registration
    if rules is None:
        return
    days = sorted(
        on if r.id == record.id else r.registered_on
        for r in store.registrations_of(ws.db, credential.id)  # type: ignore[arg-type]
        if not r.voided
    )
    for earlier, later in zip(days, days[1:], strict=False):
        if later < window_opens(earlier, rules):
            raise RuleRefused(
                _(
                    "With that date, the registration of {later} would come before the "
                    "re-registration window of the one of {earlier} opens ({opens})."
                ).format(
                    later=later.isoformat(),
                    earlier=earlier.isoformat(),
                    opens=window_opens(earlier, rules).isoformat(),
                ),
                rules.clause.ref,
            )
