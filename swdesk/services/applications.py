"""Applications: one life for every claim (draft → submitted → approved/rejected → paid, or
withdrawn). Each step is one transaction, kept in application_steps and the audit log; nothing is
deleted. The level award is checked again at every step, so no step can pay it twice."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk.domain.applications import (
    Application,
    Kind,
    Status,
    Step,
    check_step,
    from_fen,
    money_text,
    next_number,
    parse_money,
    to_fen,
)
from swdesk.domain.awards import LEVEL_AWARD, check_claim
from swdesk.domain.claims import describe
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.levels import Level
from swdesk.i18n import _
from swdesk.services.awards import level_award_for
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import attachments, audit

_SELECT = """SELECT a.*, s.name AS person, s.id_number AS id_number
             FROM applications a LEFT JOIN staff s ON s.id = a.staff_id"""


def _steps(ws: Workspace, app_ids: list[int]) -> dict[int, list[Step]]:
    out: dict[int, list[Step]] = {i: [] for i in app_ids}
    if not app_ids:
        return out
    marks = ",".join("?" * len(app_ids))
    rows = ws.db.query(
        f"SELECT * FROM application_steps WHERE application_id IN ({marks}) ORDER BY id", app_ids
    )
    for r in rows:
        out[r["application_id"]].append(
            Step(
                Status(r["status"]),
                dt.date.fromisoformat(r["on_date"]),
                r["by_whom"],
                r["reason"],
                from_fen(r["amount_fen"]),
                r["recorded_at"],
                r["recorded_by"],
            )
        )
    return out


def _load(ws: Workspace, where: str, params: list[Any]) -> list[Application]:
    rows = list(ws.db.query(f"{_SELECT} WHERE {where} ORDER BY a.number", params))
    steps = _steps(ws, [r["id"] for r in rows])
    agency = (ws.agency_row() or {}).get("name", "")
    return [
        Application(
            id=r["id"],
            number=r["number"],
            kind=Kind(r["kind"]),
            award=r["award"],
            amount=from_fen(r["amount_fen"]) or Decimal("0.00"),
            status=Status(r["status"]),
            created_on=dt.date.fromisoformat(r["created_on"]),
            staff_id=r["staff_id"],
            level=Level(r["level"]) if r["level"] else None,
            claim_key=r["claim_key"],
            details=json.loads(r["details"]),
            person=r["person"] if r["staff_id"] is not None else agency,
            id_number=r["id_number"] or "",
            steps=tuple(steps[r["id"]]),
        )
        for r in rows
    ]


def get_application(ws: Workspace, number: str) -> Application:
    found = _load(ws, "a.number = ?", [number.strip()])
    if not found:
        raise NotFound(_("There is no application {number}.").format(number=number))
    return found[0]


def list_applications(
    ws: Workspace,
    *,
    status: Status | None = None,
    kind: Kind | None = None,
    staff_id: int | None = None,
) -> list[Application]:
    where, params = ["1 = 1"], []
    for column, value in (("status", status), ("kind", kind), ("staff_id", staff_id)):
        if value is not None:
            where.append(f"a.{column} = ?")
            params.append(value.value if isinstance(value, Status | Kind) else value)
    return _load(ws, " AND ".join(where), params)


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
    row = {
        "application_id": app.id,
        "status": status.value,
        "on_date": on.isoformat(),
        "by_whom": by.strip(),
        "reason": reason.strip(),
        "amount_fen": None if amount is None else to_fen(amount),
        "recorded_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "recorded_by": ws.user,
    }
    ws.db["application_steps"].insert(row)
    ws.db["applications"].update(app.id, {"status": status.value})
    audit.record(
        ws.db,
        user=ws.user,
        action=f"application.{status.value}",
        table="applications",
        row_id=app.id,
        old={"number": app.number, "status": app.status.value} if app.steps else None,
        new={"number": app.number, **row},
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
    prefix = f"{on.year}-%"
    existing = [
        r["number"]
        for r in ws.db.query("SELECT number FROM applications WHERE number LIKE ?", [prefix])
    ]
    row = {
        "number": next_number(on.year, existing),
        "kind": kind.value,
        "staff_id": staff_id,
        "honour_id": honour_id,
        "award": award,
        "level": level.value if level else None,
        "claim_key": claim_key,
        "amount_fen": to_fen(amount),
        "status": Status.DRAFT.value,
        "created_on": on.isoformat(),
        "details": json.dumps(details or {}, ensure_ascii=False, default=str),
    }
    try:
        new_id = ws.db["applications"].insert(row).last_pk
    except sqlite3.IntegrityError as exc:
        raise _duplicate(ws, kind, award, staff_id, claim_key) from exc
    app = get_application(ws, row["number"])
    _record_step(ws, app, Status.DRAFT, on)
    assert new_id == app.id
    return app


def _duplicate(
    ws: Workspace, kind: Kind, award: str, staff_id: int | None, claim_key: str
) -> RuleRefused:
    live = ws.db.query(
        """SELECT number, status FROM applications WHERE kind = ? AND COALESCE(staff_id, 0) = ?
           AND ((award = ? AND claim_key = ?) OR kind = 'level_award')
           AND status IN ('draft', 'submitted', 'approved', 'paid') ORDER BY id DESC""",
        [kind.value, staff_id or 0, award, claim_key],
    )
    first = next(iter(live), None)
    clause = describe(ws.profile, kind.value, award, {})[1]
    if first is None:
        return RuleRefused(_("The same claim is already recorded."), clause)
    return RuleRefused(
        _(
            "Application {number} ({status}) already claims this; a second claim is refused. "
            "Withdraw it first if it was a mistake."
        ).format(number=first["number"], status=Status(first["status"]).label()),
        clause,
    )


def _level_award_check(
    ws: Workspace, app: Application, on: dt.date, amount: Decimal, *, paying: bool = False
) -> int:
    """The whole-yuan amount, refused when it would pay the level award beyond what is due, or
    (``paying``) less than this application's part of it."""
    if app.staff_id is None:
        raise AssertionError("a level award belongs to a person")
    result = level_award_for(ws, app.staff_id, on)
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
    with ws.db.atomic():
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
    tables = {"applications", "application_steps"} | ({"award_payments"} if paid else set())
    return Changes.of(tables, [app.staff_id] if app.staff_id else [], message, app.id)


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
    try:
        new_id = ws.db["award_payments"].insert(row).last_pk
    except sqlite3.IntegrityError:
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
    with ws.db.atomic():
        new_id = record_attachment(ws, "applications", app.id, path, kind, app.staff_id)
    return Changes.of(
        {"attachments"},
        [app.staff_id] if app.staff_id else [],
        _("{file} attached to application {number}.").format(
            file=Path(path).name, number=app.number
        ),
        new_id,
    )


def attachments_of(ws: Workspace, app: Application) -> list[dict[str, Any]]:
    return attachments.attachments_of(ws.db, "applications", app.id)
