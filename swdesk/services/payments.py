"""Award payments as a record: every payment of a person (imported from before the program, or
paid through an application), and voiding one imported by mistake. A voided payment stays in the
record, struck through, and counts for nothing: the award rules see it as never paid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from swdesk.domain.awards import award_label
from swdesk.domain.errors import NotFound, RuleRefused
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Number, Reason
from swdesk.domain.text import void_reason
from swdesk.i18n import N_, _, format_number
from swdesk.services.changes import Area, Changes
from swdesk.services.undo import recorded
from swdesk.services.workspace import Workspace
from swdesk.storage import audit
from swdesk.storage import awards as store
from swdesk.storage import staff as staff_store

__all__ = ["PaymentRecord", "award_label", "list_payments", "void_payment"]


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    staff_id: int
    name: str
    award: str
    level: Level | None
    amount: int
    paid_on: dt.date
    source: str  # "import", or "application" with the application's number
    application: str | None
    voided_on: dt.date | None
    void_reason: str  # "" when an undo took it back

    @property
    def voided(self) -> bool:
        return self.voided_on is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "award": self.award,
            "level": self.level.value if self.level else None,
            "amount": self.amount,
            "paid_on": self.paid_on,
            "source": self.source,
            "application": self.application,
            "voided_on": self.voided_on,
            "void_reason": self.void_reason,
        }


def _record(row: dict[str, Any], names: dict[int, str]) -> PaymentRecord:
    return PaymentRecord(
        row["id"],
        row["staff_id"],
        names.get(row["staff_id"], ""),
        row["award"],
        Level(row["level"]) if row["level"] else None,
        row["amount"],
        dt.date.fromisoformat(row["paid_on"]),
        row["source"],
        row["number"],
        dt.date.fromisoformat(row["voided_on"]) if row["voided_on"] else None,
        row["void_reason"],
    )


def list_payments(ws: Workspace, staff_id: int | None = None) -> list[PaymentRecord]:
    """Every payment (of one person when asked), the voided ones too, by date."""
    names = staff_store.staff_names(ws.db)
    return [_record(r, names) for r in store.payments_of(ws.db, staff_id)]


def void_payment(ws: Workspace, payment_id: int, reason: str) -> Changes:
    """Void an imported payment entered by mistake. A payment made through an application is
    part of that application's history: it is taken back by undoing the payment step."""
    why = void_reason(reason)
    with recorded(ws) as step:
        row = store.payment_by_id(ws.db, payment_id)
        if row is None:
            raise NotFound(_("There is no payment {id}.").format(id=payment_id))
        payment = _record({**row, "number": None}, staff_store.staff_names(ws.db))
        if payment.voided:
            raise RuleRefused(_("Payment {id} is already void.").format(id=payment_id), "")
        if payment.source != "import":
            clause = ws.profile.level_award.clause.ref if ws.profile.level_award else ""
            raise RuleRefused(
                _(
                    "Payment {id} was recorded by its application's payment step; it is taken "
                    "back with that step (Edit › Undo), not voided on its own."
                ).format(id=payment_id),
                clause,
            )
        today = ws.today()
        store.void_payment(ws.db, payment_id, today, why)
        audit.record_void(
            ws.db, user=ws.user, action="award_payment.void", table="award_payments", row_id=payment_id,
            staff_id=payment.staff_id, on=today, reason=why,
        )  # fmt: skip
        step.label = Reason(
            N_("Void a payment of {amount} CNY to {name}"),
            {"amount": Number(payment.amount), "name": payment.name},
        )
    return Changes.of(
        {Area.AWARDS},
        {payment.staff_id},
        _("The payment of {amount} CNY to {name} on {date} is void: {reason}").format(
            amount=format_number(payment.amount),
            name=payment.name,
            date=payment.paid_on.isoformat(),
            reason=why,
        ),
        payment_id,
        step.entry,
    )
