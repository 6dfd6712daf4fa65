"""Certificate registrations: where each person's stands, and recording a (re-)registration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.domain.ce_compliance import Compliance
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.registration import (
    RegistrationStatus,
    current_credential,
    registration_status,
    valid_until,
    window_opens,
)
from swdesk.domain.staff import Staff, certificate_text
from swdesk.i18n import N_, _
from swdesk.services.ce_report import ce_report
from swdesk.services.staff import all_credentials, list_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import staff as store


@dataclass(frozen=True)
class PersonRegistration:
    staff: Staff
    status: RegistrationStatus
    hours: (
        Compliance | None
    )  # the registration period's continuing education, if the profile has it

    @property
    def hours_done(self) -> bool | None:
        if self.hours is None or self.hours.required is None:
            return None
        return self.hours.hours.total >= self.hours.required and not self.hours.short_of_minimum


def registration_overview(ws: Workspace, as_of: dt.date | None = None) -> list[PersonRegistration]:
    """Everyone working at the agency on ``as_of`` who holds a certificate, with the state of
    its registration and the hours of its period (from the one report of the profile's
    registration-period requirement, when it has one)."""
    as_of = as_of or ws.today()
    profile = ws.profile
    rules = profile.registration
    if rules is None:
        return []
    requirement = next((q for q in profile.ce_requirements if q.period == "registration"), None)
    if requirement is not None:
        report = ce_report(ws, as_of.year, as_of, requirement.id)
        people = [(row.staff, row.credentials, row.result) for row in report.rows]
    else:
        creds = all_credentials(ws)
        people = [(p, tuple(creds.get(p.id, ())), None) for p in list_staff(ws)]  # type: ignore[arg-type]
    out = []
    for person, credentials, hours in people:
        if not person.employed_on(as_of):
            continue
        credential = current_credential(credentials, as_of)
        if credential is not None:
            status = registration_status(credential, rules, as_of)
            out.append(PersonRegistration(person, status, hours))
    return out


def record_registration(ws: Workspace, certificate_number: str, on: dt.date) -> Changes:
    """Record that a certificate was registered (first time) or re-registered on ``on``."""
    number = certificate_text(certificate_number)
    old = store.credential_with_number(ws.db, number)
    if old is None:
        raise NotFound(_("No certificate has number {number}.").format(number=number))
    if on > ws.today():
        raise ValidationError(_("The registration date cannot be in the future."), "date")
    if on < old.obtained_on:
        raise ValidationError(
            _("The registration date is before the date obtained ({date}).").format(
                date=old.obtained_on.isoformat()
            ),
            "date",
        )
    if old.registered_on is not None and on <= old.registered_on:
        raise ValidationError(
            _(
                "Certificate {number} was already registered on {date}; a new registration "
                "must be later."
            ).format(number=number, date=old.registered_on.isoformat()),
            "date",
        )
    rules = ws.profile.registration
    if old.registered_on is not None and rules is not None:
        # 民发〔2009〕44号: re-registration is applied for in the months before the term ends;
        # an early one would restart the 3-year term and hide the period's missing hours.
        expires = valid_until(old.registered_on, rules)
        opens = window_opens(old.registered_on, rules)
        if on < opens:
            raise RuleRefused(
                _(
                    "Certificate {number} is registered until {expires}; re-registration opens "
                    "on {opens}, not before."
                ).format(number=number, expires=expires.isoformat(), opens=opens.isoformat()),
                rules.clause.ref,
            )
    label = Reason(N_("Record the registration of certificate {number}"), {"number": number})
    with recorded(ws, label) as step:
        store.set_registered_on(ws.db, old.id, on)  # type: ignore[arg-type]
        audit.record(
            ws.db,
            user=ws.user,
            action="credential.register",
            table="credentials",
            row_id=old.id,
            old={"registered_on": old.registered_on},
            new={"registered_on": on},
            staff_id=old.staff_id,
        )
    return Changes.of(
        {Area.CREDENTIALS},
        {old.staff_id},  # type: ignore[arg-type]
        _("Certificate {number} registered on {date}.").format(number=number, date=on.isoformat()),
        undo=step.entry,
    )
