"""Certificate registrations: where each person's stands, and recording a (re-)registration.

A re-registration needs the continuing education of the period it closes (民发〔2009〕44号,
123号): short hours are refused with the hours done and required, unless the user records why it
was registered all the same; the registration history then shows the shortfall and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from swdesk.domain.ce_compliance import CEReport, Compliance, Period, assess
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.profiles import CERequirement, Registration
from swdesk.domain.reasons import Reason
from swdesk.domain.registration import (
    RegistrationStatus,
    valid_until,
    window_opens,
)
from swdesk.domain.registration_history import RegistrationPeriod, periods
from swdesk.domain.staff import Credential, Staff, certificate_text
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _, join_sentences
from swdesk.i18n.reasons import describe
from swdesk.services.ce_report import registration_period_report, registration_states
from swdesk.services.staff import (
    all_credentials,
    get_staff,
    insert_registration,
    list_staff,
    new_registration,
)
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import registrations as store
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store

_ONE_DAY = dt.timedelta(days=1)


class HoursShort(RuleRefused):
    """A re-registration whose period lacks its continuing education: ``compliance`` has the
    hours done and required. Recording it needs the reason."""

    def __init__(self, message: str, clause: str, compliance: Compliance) -> None:
        super().__init__(message, clause)
        self.compliance = compliance


@dataclass(frozen=True, slots=True)
class PersonRegistration:
    staff: Staff
    status: RegistrationStatus
    hours: (
        Compliance | None
    )  # the registration period's continuing education, if the profile has it
    current: RegistrationPeriod | None = None  # the latest registration, with any lapse before

    @property
    def hours_done(self) -> bool | None:
        if self.hours is None or self.hours.required is None:
            return None
        return self.hours.complete

    def lapse(self) -> Reason | None:
        """ "Unregistered from … to …" when the current registration came after an expiry."""
        if self.current is None:
            return None
        return self.current.lapse_reason(self.status.clause.ref)


def period_requirement(ws: Workspace) -> CERequirement | None:
    """The profile's requirement per registration period (national: 72/90 hours)."""
    return next((q for q in ws.profile.ce_requirements if q.period == "registration"), None)


def registration_overview(
    ws: Workspace,
    as_of: dt.date | None = None,
    *,
    report_of: Callable[[Workspace, int, dt.date, str], CEReport] = registration_period_report,
) -> list[PersonRegistration]:
    """Everyone working at the agency on ``as_of`` who holds a certificate, with the state of
    its registration, the hours of its period (from the one report of the profile's
    registration-period requirement, when it has one) and any lapse before it. ``report_of``
    makes that report (a test passes the straightforward one)."""
    as_of = as_of or ws.today()
    profile = ws.profile
    rules = profile.registration
    if rules is None:
        return []
    requirement = period_requirement(ws)
    if requirement is not None:
        report = report_of(ws, as_of.year, as_of, requirement.id)
        people = [(row.staff, row.credentials, row.result) for row in report.rows]
    else:
        creds = all_credentials(ws)
        people = [(p, tuple(creds.get(p.id, ())), None) for p in list_staff(ws)]  # type: ignore[arg-type]
    history = store.all_live_registrations(ws.db)
    states = registration_states(ws, as_of, {p.id: held for p, held, _hours in people})  # type: ignore[misc]
    out = []
    for person, _credentials, hours in people:
        if not person.employed_on(as_of):
            continue
        status = states.get(person.id)  # type: ignore[arg-type]
        if status is not None:
            credential = status.credential
            mine = [r for r in history.get(credential.id, []) if r.registered_on <= as_of]  # type: ignore[arg-type]
            current = periods(mine, rules)[-1] if mine else None
            out.append(PersonRegistration(person, status, hours, current))
    return out


def period_hours(
    ws: Workspace, person: Staff, credentials: list[Credential], period: Period, upto: dt.date
) -> Compliance | None:
    """The continuing education of one registration period of one person, counted to ``upto``
    (None when the profile sets no registration-period requirement). One query."""
    requirement = period_requirement(ws)
    if requirement is None or upto < period.start:
        return None
    window = {person.id: (period.start, period.start, upto)}
    current, _previous, subjects = training_store.hours_in_periods(ws.db, window)  # type: ignore[dict-item]
    return assess(
        staff=person,
        credentials=credentials,
        requirement=requirement,
        period=period,
        as_of=upto,
        raw=current.get(person.id, {}),  # type: ignore[arg-type]
        subjects=subjects.get(person.id, {}),  # type: ignore[arg-type]
    )


def record_registration(
    ws: Workspace, certificate_number: str, on: dt.date, *, hours_short_reason: str = ""
) -> Changes:
    """Record that a certificate was registered (first time) or re-registered on ``on``. A
    re-registration with the closing period's hours short is refused (``HoursShort``) unless
    ``hours_short_reason`` says why it was registered all the same."""
    number = certificate_text(certificate_number)
    reason = clean_text(hours_short_reason or "", "reason", _("The reason"), multiline=True).strip()
    label = Reason(N_("Record the registration of certificate {number}"), {"number": number})
    with recorded(ws, label) as step:
        old = staff_store.credential_with_number(ws.db, number)
        if old is None:
            raise NotFound(_("No certificate has number {number}.").format(number=number))
        _check_date(ws, old, on)
        rules = ws.profile.registration
        hours = None
        if old.registered_on is not None and rules is not None:
            hours = _closing_period(ws, old, on, rules, reason)
        record = new_registration(
            ws,
            old.id,  # type: ignore[arg-type]
            on,
            hours=hours.hours.total if hours else None,
            hours_required=hours.required if hours else None,
            short_reason=reason if hours is not None and hours.complete is False else "",
        )
        new_id = insert_registration(ws, record, old.staff_id, old=old.registered_on)  # type: ignore[arg-type]
    message = _("Certificate {number} registered on {date}.").format(
        number=number, date=on.isoformat()
    )
    if record.short_reason:
        message = join_sentences(
            message,
            _("Recorded with the hours short ({hours} of {required}).").format(
                hours=_hours(record.hours), required=_hours(record.hours_required)
            ),
        )
    return Changes.of({Area.CREDENTIALS}, {old.staff_id}, message, new_id, undo=step.entry)  # type: ignore[arg-type]


def _hours(value: float | None) -> str:
    from swdesk.domain.training import hours_text

    return hours_text(value)


def _check_date(ws: Workspace, old: Credential, on: dt.date) -> None:
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
            ).format(number=old.certificate_number, date=old.registered_on.isoformat()),
            "date",
        )


def _closing_period(
    ws: Workspace, old: Credential, on: dt.date, rules: Registration, reason: str
) -> Compliance | None:
    """The hours of the period a re-registration on ``on`` closes; refused when it opens before
    the window, or when the hours are short and no reason is given."""
    registered = old.registered_on
    assert registered is not None
    expires = valid_until(registered, rules)
    opens = window_opens(registered, rules)
    clause = rules.clause.ref
    if on < opens:
        # 民发〔2009〕44号: re-registration is applied for in the months before the term ends;
        # an early one would restart the 3-year term and hide the period's missing hours.
        raise RuleRefused(
            _(
                "Certificate {number} is registered until {expires}; re-registration opens "
                "on {opens}, not before."
            ).format(
                number=old.certificate_number, expires=expires.isoformat(), opens=opens.isoformat()
            ),
            clause,
        )
    person = get_staff(ws, old.staff_id)  # type: ignore[arg-type]
    held = staff_store.credentials_of(ws.db, old.staff_id)  # type: ignore[arg-type]
    period = Period(registered, expires)
    hours = period_hours(ws, person, held, period, min(on - _ONE_DAY, expires))
    if hours is None or hours.complete is not False:
        return hours
    if not reason:
        message = _(
            "Certificate {number}: {hours} of {required} hours of continuing education in the "
            "registration period from {start} to {end}; re-registration needs the period's "
            "hours."
        ).format(
            number=old.certificate_number,
            hours=_hours(hours.hours.total),
            required=_hours(hours.required),
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
        for more in hours.reason.then if hours.reason else ():  # minimums, subject shares
            message = join_sentences(message, describe(more))
        message = join_sentences(message, _("If it was registered all the same, record why."))
        raise HoursShort(message, clause, hours)
    return hours
