"""Applications: one life for every claim (draft → submitted → approved/rejected → paid, or
withdrawn). Each step is one transaction, kept in application_steps and the audit log; nothing is
deleted. The level award is checked again at every step, so no step can pay it twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk.domain.applications import (
    Application,
    Kind,
    Status,
    Step,
    check_step,
    money_text,
    next_number,
    parse_money,
)
from swdesk.domain.awards import LEVEL_AWARD, check_claim
from swdesk.domain.claims import describe
from swdesk.domain.errors import NotFound, RuleRefused, SwdeskError, ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Named, Reason
from swdesk.i18n import N_, _, ngettext
from swdesk.services.awards import level_award_for
from swdesk.services.reading import once
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import applications as store
from swdesk.storage import attachments, audit
from swdesk.storage import awards as awards_store


def get_application(ws: Workspace, number: str) -> Application:
    found = store.application_with_number(ws.db, number.strip())
    if found is None:
        raise NotFound(_("There is no application {number}.").format(number=number))
    return found


def list_applications(
    ws: Workspace,
    *,
    status: Status | None = None,
    kind: Kind | None = None,
    staff_id: int | None = None,
) -> list[Application]:
    if status is None and kind is None and staff_id is None:
        # Shared inside one reading (the reminders and the dashboard): a copy for the caller.
        return list(once(ws, "applications", lambda: store.applications(ws.db)))
    return store.applications(ws.db, status=status, kind=kind, staff_id=staff_id)


def _record_step(
    ws: Workspace,
    app: Application,
    status: Status,
    on: dt.date,
    *,
    by: str = "",
    reason: str = "",
    amount: Decimal | None = None,
) -> None:
    step = Step(
        status,
        on,
        by.strip(),
        reason.strip(),
        amount,
        dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        ws.user,
    )
    store.insert_step(ws.db, app.id, step)
    audit.record(
        ws.db,
        user=ws.user,
        action=f"application.{status.value}",
        table="applications",
        row_id=app.id,
        old={"number": app.number, "status": app.status.value} if app.steps else None,
        new={"number": app.number, **store.step_to_row(app.id, step)},
        staff_id=app.staff_id,
    )


def insert_application(
    ws: Workspace,
    *,
    kind: Kind,
    award: str,
    claim_key: str,
    amount: Decimal,
    on: dt.date,
    staff_id: int | None = None,
    honour_id: int | None = None,
    level: Level | None = None,
    details: dict[str, Any] | None = None,
) -> Application:
    """Store a new draft inside the caller's transaction, with its number and first step."""
    if on > ws.today():
        raise ValidationError(_("An application cannot be dated in the future."), "date")
    number = next_number(on.year, store.numbers_of_year(ws.db, on.year))
    new_id = store.insert_application(
        ws.db,
        number=number,
        kind=kind,
        award=award,
        claim_key=claim_key,
        amount=amount,
        created_on=on,
        staff_id=staff_id,
        honour_id=honour_id,
        level=level,
        details=details or {},
    )
    if new_id is None:
        raise _duplicate(ws, kind, award, staff_id, claim_key)
    app = get_application(ws, number)
    _record_step(ws, app, Status.DRAFT, on)
    assert new_id == app.id
    return app


def _duplicate(
    ws: Workspace, kind: Kind, award: str, staff_id: int | None, claim_key: str
) -> RuleRefused:
    live = store.live_claims(ws.db, kind, staff_id, award, claim_key)
    clause = describe(ws.profile, kind.value, award, {})[1]
    if not live:
        return RuleRefused(_("The same claim is already recorded."), clause)
    number, status = live[0]
    return RuleRefused(
        _(
            "Application {number} ({status}) already claims this; a second claim is refused. "
            "Withdraw it first if it was a mistake."
        ).format(number=number, status=status.label()),
        clause,
    )


def _level_award_check(
    ws: Workspace, app: Application, on: dt.date, amount: Decimal, *, paying: bool = False
) -> int:
    """The whole-yuan amount, refused when it would pay the level award beyond what is due, or
    (``paying``) less than this application's part of it."""
    if app.staff_id is None:
        raise AssertionError("a level award belongs to a person")
    result = level_award_for(ws, app.staff_id, on, claimed_on=app.created_on)
    yuan = int(amount)
    if Decimal(yuan) != amount:
        raise ValidationError(_("The professional-level award is paid in whole yuan."), "amount")
    check_claim(result, yuan)
    # A paid application keeps its level claimed: a rest left unpaid could never be applied for.
    full = min(int(app.amount), result.amount_due)
    if paying and yuan != full:
        raise ValidationError(
            _(
                "The professional-level award is paid in full: {due} CNY is due on this "
                "application, not {amount} CNY."
            ).format(due=money_text(Decimal(full)), amount=money_text(Decimal(yuan))),
            "amount",
        )
    return yuan


_STEP_LABELS = {
    Status.SUBMITTED: N_("Submit application {number}"),
    Status.APPROVED: N_("Record the approval of application {number}"),
    Status.REJECTED: N_("Record the rejection of application {number}"),
    Status.PAID: N_("Record the payment of application {number}"),
    Status.WITHDRAWN: N_("Withdraw application {number}"),
}


def _advance(
    ws: Workspace,
    number: str,
    target: Status,
    on: dt.date | None,
    *,
    by: str = "",
    reason: str = "",
    amount: object = None,
) -> Changes:
    on = on or ws.today()
    # Read and check inside the transaction: the step is decided on what is stored now.
    with recorded(ws, Reason(_STEP_LABELS[target], {"number": number})) as step:
        app = get_application(ws, number)
        check_step(app, target, on, ws.today(), by=by, reason=reason)
        paid: Decimal | None = None
        if target is Status.PAID:
            paid = app.amount if amount in (None, "") else parse_money(amount, "amount", ws.limits)
            if paid <= 0 or paid > app.amount:
                raise ValidationError(
                    _(
                        "The amount paid must be more than 0 and at most the {asked} asked for."
                    ).format(asked=money_text(app.amount)),
                    "amount",
                )
        if app.kind is Kind.LEVEL_AWARD and target in (
            Status.SUBMITTED,
            Status.APPROVED,
            Status.PAID,
        ):
            yuan = _level_award_check(
                ws, app, on, paid if paid is not None else app.amount, paying=paid is not None
            )
            if paid is not None:
                _write_payment(ws, app, yuan, on)
        _record_step(ws, app, target, on, by=by, reason=reason, amount=paid)
    message = {
        Status.SUBMITTED: _("Application {number} submitted on {date}."),
        Status.APPROVED: _("Application {number} approved on {date}."),
        Status.REJECTED: _("Application {number} rejected on {date}."),
        Status.PAID: _("Application {number} paid on {date}: {amount} CNY."),
        Status.WITHDRAWN: _("Application {number} withdrawn on {date}."),
    }[target].format(number=app.number, date=on.isoformat(), amount=money_text(paid or 0))
    areas = {Area.APPLICATIONS} | ({Area.AWARDS} if paid else set())
    return Changes.of(areas, [app.staff_id] if app.staff_id else [], message, app.id, step.entry)


def _write_payment(ws: Workspace, app: Application, yuan: int, on: dt.date) -> None:
    row = {
        "staff_id": app.staff_id,
        "award": LEVEL_AWARD,
        "level": app.level.value if app.level else None,
        "amount": yuan,
        "paid_on": on.isoformat(),
        "source": "application",
        "application_id": app.id,
    }
    new_id = awards_store.insert_payment(ws.db, row)
    if new_id is None:
        raise RuleRefused(
            _("{level} has already been paid to this person: it cannot be paid twice.").format(
                level=app.level.label() if app.level else ""
            ),
            ws.profile.level_award.clause.ref if ws.profile.level_award else "",
        ) from None
    audit.record(
        ws.db,
        user=ws.user,
        action="award.pay",
        table="award_payments",
        row_id=new_id,
        new=row,
        staff_id=app.staff_id,
    )


def submit(ws: Workspace, number: str, on: dt.date | None = None) -> Changes:
    return _advance(ws, number, Status.SUBMITTED, on)


def approve(
    ws: Workspace, number: str, by: str, on: dt.date | None = None, reason: str = ""
) -> Changes:
    return _advance(ws, number, Status.APPROVED, on, by=by, reason=reason)


def reject(ws: Workspace, number: str, by: str, reason: str, on: dt.date | None = None) -> Changes:
    return _advance(ws, number, Status.REJECTED, on, by=by, reason=reason)


def pay(ws: Workspace, number: str, amount: object = None, on: dt.date | None = None) -> Changes:
    """Record the payment (the amount asked for unless ``amount`` says less)."""
    return _advance(ws, number, Status.PAID, on, amount=amount)


def withdraw(ws: Workspace, number: str, reason: str, on: dt.date | None = None) -> Changes:
    return _advance(ws, number, Status.WITHDRAWN, on, reason=reason)


def record_attachment(
    ws: Workspace,
    owner_table: str,
    owner_id: int,
    path: Path | str,
    kind: str = "",
    staff_id: int | None = None,
) -> int:
    """Keep a file (receipt, certificate scan, case write-up) for a row, inside the caller's
    transaction: copied into the attachment store beside the data file, recorded and audited."""
    return attachments.attach(
        ws.db,
        ws.path,
        Path(path),
        owner_table=owner_table,
        owner_id=owner_id,
        user=ws.user,
        kind=kind,
        staff_id=staff_id,
    )


def attach(ws: Workspace, number: str, path: Path | str, kind: str = "document") -> Changes:
    app = get_application(ws, number)
    label = Reason(
        N_("Attach {file} to application {number}"), {"file": Path(path).name, "number": number}
    )
    with recorded(ws, label) as step:
        new_id = record_attachment(ws, "applications", app.id, path, kind, app.staff_id)
    return Changes.of(
        {Area.ATTACHMENTS},
        [app.staff_id] if app.staff_id else [],
        _("{file} attached to application {number}.").format(
            file=Path(path).name, number=app.number
        ),
        new_id,
        step.entry,
    )


def attachments_of(ws: Workspace, app: Application) -> list[dict[str, Any]]:
    return attachments.attachments_of(ws.db, "applications", app.id)


def advance_many(
    ws: Workspace,
    numbers: Sequence[str],
    target: Status,
    on: dt.date | None = None,
    *,
    by: str = "",
    reason: str = "",
) -> Changes:
    """Move several applications the same step at once (submit, approve, record the payment of
    what was asked for): all of them or none — the first refused names its application — and one
    undo step for the whole batch."""
    if not numbers:
        raise ValidationError(_("Choose the applications first."), "applications")
    step = {
        Status.SUBMITTED: lambda n: submit(ws, n, on),
        Status.APPROVED: lambda n: approve(ws, n, by, on, reason),
        Status.REJECTED: lambda n: reject(ws, n, by, reason, on),
        Status.PAID: lambda n: pay(ws, n, None, on),
        Status.WITHDRAWN: lambda n: withdraw(ws, n, reason, on),
    }[target]
    label = Reason(
        N_("{step}: {n} applications"), {"step": Named(*_STEP_NAMES[target]), "n": len(numbers)}
    )
    changes = Changes()
    with recorded(ws, label) as recording:
        for number in numbers:
            try:
                changes = changes | step(number)
            except SwdeskError as exc:
                raise SwdeskError(
                    _("Application {number}: {problem} Nothing was changed.").format(
                        number=number, problem=str(exc)
                    )
                ) from exc
    message = ngettext(
        "{n} application: {step}.", "{n} applications: {step}.", len(numbers)
    ).format(n=len(numbers), step=target.label())
    return Changes.of(changes.areas, changes.staff_ids, message, None, recording.entry)


_STEP_NAMES = {
    Status.SUBMITTED: ("报送", "Submit"),
    Status.APPROVED: ("批准", "Approve"),
    Status.REJECTED: ("不予批准", "Reject"),
    Status.PAID: ("发放", "Pay"),
    Status.WITHDRAWN: ("撤回", "Withdraw"),
}
