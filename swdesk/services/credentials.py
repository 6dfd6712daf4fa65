"""Correcting a certificate: its level, number, date obtained and issuer edited, or the whole
record voided when it was entered by mistake. Each correction is one step of the undo history,
is written to the audit log old → new, and is checked again against the rules that rest on the
certificate: an appointment it allows (the appointment rule) and a level award paid on it.
Registration is corrected where it is recorded (swdesk.services.registration)."""

from __future__ import annotations

import dataclasses
from typing import Any

from swdesk.domain.awards import payment_resting_on
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.grades import appointment_resting_on
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import Credential, certificate_text, make_credential
from swdesk.domain.text import void_reason
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe
from swdesk.services.changes import Area, Changes
from swdesk.services.undo import recorded
from swdesk.services.workspace import Workspace
from swdesk.storage import audit
from swdesk.storage import awards as awards_store
from swdesk.storage import grades as grades_store
from swdesk.storage import registrations as registrations_store
from swdesk.storage import staff as store


def find_credential(ws: Workspace, certificate_number: str) -> Credential:
    """The live certificate of that number (in any case of its letters)."""
    number = certificate_text(certificate_number)
    found = store.credential_with_number(ws.db, number)
    if found is None:
        raise NotFound(_("No certificate has number {number}.").format(number=number))
    return found


def credential_history(ws: Workspace, staff_id: int) -> list[Credential]:
    """A person's certificates with the voided ones, for their page (struck through there)."""
    return store.credentials_of(ws.db, staff_id, voided=True)


def _refuse_if_resting(ws: Workspace, old: Credential, new: Credential | None) -> None:
    """Refuse a correction (``new`` None: voiding) that would take away what an appointment or
    a paid level award rests on."""
    assert old.staff_id is not None
    profile = ws.profile
    others = [c for c in store.credentials_of(ws.db, old.staff_id) if c.id != old.id]
    held_before = [(c.level, c.obtained_on) for c in [*others, old]]
    held_after = [(c.level, c.obtained_on) for c in [*others, *([new] if new else [])]]
    appointments = grades_store.history(ws.db, old.staff_id)
    reason = appointment_resting_on(profile, appointments, held_before, held_after)
    if (
        reason is None
        and profile.level_award is not None
        and (new is None or new.level != old.level)
    ):
        paid = awards_store.level_award_payments(ws.db, old.staff_id).get(old.staff_id, [])
        reason = payment_resting_on(profile.level_award, old.level, paid)
    if reason is not None:
        raise RuleRefused(describe(reason), reason.clause)


def _refuse_if_after_a_registration(ws: Workspace, old: Credential, new: Credential) -> None:
    """A certificate is registered after it is obtained: a corrected date obtained may not come
    after any live registration in its history (the latest one is checked with the certificate)."""
    assert old.id is not None
    history = registrations_store.registrations_of(ws.db, old.id)
    first = min((r.registered_on for r in history if not r.voided), default=None)
    if first is not None and new.obtained_on > first:
        raise ValidationError(
            _(
                "The date obtained cannot be after the certificate's registration of {date}; "
                "correct or void that registration first."
            ).format(date=first.isoformat()),
            "obtained_on",
        )


def edit_credential(ws: Workspace, number: str, /, **fields: Any) -> Changes:
    """Correct the certificate numbered ``number``: its ``level``, ``certificate_number``,
    ``obtained_on``, ``issuing_body`` (the fields not given stay as they are)."""
    unknown = set(fields) - {"level", "certificate_number", "obtained_on", "issuing_body"}
    if unknown:
        raise ValidationError(
            _("A certificate has no field {field}.").format(field=", ".join(sorted(unknown))),
            "field",
        )
    with recorded(ws) as step:
        old = find_credential(ws, number)
        merged = {
            "level": old.level,
            "certificate_number": old.certificate_number,
            "obtained_on": old.obtained_on,
            "issuing_body": old.issuing_body,
            **{k: v for k, v in fields.items() if v is not None},
        }
        checked = make_credential(today=ws.today(), registered_on=old.registered_on, **merged)
        new = dataclasses.replace(old, **{f: getattr(checked, f) for f in merged})
        if new == old:
            raise ValidationError(_("Nothing to change: the certificate is as given."), "field")
        same = store.credential_with_number(ws.db, new.certificate_number)
        if same is not None and same.id != old.id:
            raise ValidationError(
                _(
                    "Certificate number {number} is already recorded; certificate numbers are "
                    "unique."
                ).format(number=new.certificate_number),
                "certificate_number",
            )
        _refuse_if_resting(ws, old, new)
        _refuse_if_after_a_registration(ws, old, new)
        store.update_credential(ws.db, old.id, new)  # type: ignore[arg-type]
        audit.record(
            ws.db,
            user=ws.user,
            action="credential.update",
            table="credentials",
            row_id=old.id,
            old=store.credential_to_row(old, old.staff_id),  # type: ignore[arg-type]
            new=store.credential_to_row(new, old.staff_id),  # type: ignore[arg-type]
            staff_id=old.staff_id,
        )
        step.label = Reason(N_("Correct certificate {number}"), {"number": old.certificate_number})
    return Changes.of(
        {Area.CREDENTIALS},
        {old.staff_id},  # type: ignore[arg-type]
        _("Certificate {number} corrected.").format(number=new.certificate_number),
        old.id,
        step.entry,
    )


def void_credential(ws: Workspace, certificate_number: str, reason: str) -> Changes:
    """Void a certificate entered by mistake: it stays on the person's page, struck through,
    and counts for nothing (CE requirement, grades, awards, printouts)."""
    why = void_reason(reason)
    with recorded(ws) as step:
        old = find_credential(ws, certificate_number)
        _refuse_if_resting(ws, old, None)
        today = ws.today()
        store.void_credential(ws.db, old.id, today, why)  # type: ignore[arg-type]
        audit.record_void(
            ws.db, user=ws.user, action="credential.void", table="credentials", row_id=old.id,
            staff_id=old.staff_id, on=today, reason=why,
        )  # fmt: skip
        step.label = Reason(N_("Void certificate {number}"), {"number": old.certificate_number})
    return Changes.of(
        {Area.CREDENTIALS},
        {old.staff_id},  # type: ignore[arg-type]
        _("Certificate {number} voided: {reason}").format(
            number=old.certificate_number, reason=why
        ),
        old.id,
        step.entry,
    )
