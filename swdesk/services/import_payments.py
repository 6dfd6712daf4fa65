"""Importing award payments made before the agency used this program, so that the award rules
know what was already paid (no double claiming, FCG-2023 (十二))."""

from __future__ import annotations

from swdesk.domain.awards import LEVEL_AWARD
from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level, parse_level
from swdesk.domain.limits import check_amount
from swdesk.domain.reasons import Reason
from swdesk.exchange import values
from swdesk.exchange.rows import RowFields
from swdesk.i18n import N_, _, format_number
from swdesk.services.import_batch import Batch, StaffLookup, counted, record_import
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import awards as awards_store


class AwardBatch(Batch):
    kind = "awards"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        self._staff = StaffLookup(ws)
        try:
            rule = ws.profile.level_award
        except SwdeskError:
            rule = None  # no agency yet: no policy amounts to compare with
        self._amounts: dict[Level, int] = dict(rule.amounts) if rule else {}
        # With the difference rule, all level-award payments to one person add up to at most the
        # award of the highest level paid: (level, amount) per person, on file and in this file.
        self._cap_total = bool(rule and rule.pay_difference)
        self._level_paid: dict[int, list[tuple[Level, int]]] = {}
        # A payment is the same as another when all of it agrees; the level award is paid once
        # per level and person whatever the amount or date (the data file enforces it too).
        self._seen: dict[tuple, int | None] = {}
        for r in awards_store.payment_rows(ws.db):
            self._seen[_identity(r)] = None
            if r["award"] == LEVEL_AWARD and r["level"]:
                self._level_paid.setdefault(r["staff_id"], []).append(
                    (Level(r["level"]), r["amount"])
                )
        self.payments: list[dict] = []

    def check_row(self, row: RowFields) -> None:
        staff_id = self._staff.person(row)
        award = row.get("award", values.award, required=True)
        level = row.get("level", parse_level)
        amount = row.get("amount", self._amount, required=True)
        paid_on = row.get("paid_on", values.date, required=True)
        if not row.ok or staff_id is None:
            return
        if award == LEVEL_AWARD and level is None:
            row.fail("level", _("The level award needs the certificate level it was paid for."))
        if amount <= 0 or not amount.is_integer():
            row.fail("amount", _("The amount must be a whole number of yuan, more than 0."))
        elif award == LEVEL_AWARD and level in self._amounts and amount > self._amounts[level]:
            row.fail(
                "amount",
                _(
                    "{amount} yuan is more than the policy's award for {level} ({most} yuan); "
                    "check the amount."
                ).format(amount=int(amount), level=level.label(), most=self._amounts[level]),
            )
        if paid_on > self.today:
            row.fail(
                "paid_on",
                _("The payment date is in the future; only payments already made can be imported."),
            )
        if not row.ok:
            return
        payment = {
            "staff_id": staff_id,
            "award": award,
            "level": level.value if level else None,
            "amount": int(amount),
            "paid_on": paid_on.isoformat(),
            "source": "import",
        }
        key = _identity(payment)
        if key in self._seen:
            row.fail(
                "level" if award == LEVEL_AWARD else "paid_on",
                _duplicate(award, level, self._seen[key]),
            )
            return
        if award == LEVEL_AWARD and not self._within_total(row, staff_id, level, int(amount)):
            return
        self._seen[key] = row.number
        self.payments.append(payment)

    def _amount(self, value: object) -> float:
        amount = values.number(value)
        check_amount(amount, self.ws.limits)  # 10^19 yuan would overflow the data file
        return amount

    def _within_total(self, row: RowFields, staff_id: int, level: Level, amount: int) -> bool:
        """Refuse a level-award payment that takes the person's total past the award of the
        highest level paid (FCG-2023 (十二): a later level is paid the difference only)."""
        paid = [*self._level_paid.get(staff_id, []), (level, amount)]
        if self._cap_total and all(lv in self._amounts for lv, _a in paid):
            top = max((lv for lv, _a in paid), key=lambda lv: lv.rank)
            total = sum(a for _lv, a in paid)
            if total > self._amounts[top]:
                row.fail(
                    "amount",
                    _(
                        "Level-award payments to this person would total {total} yuan, more than "
                        "the award for {level} ({most} yuan): a later level is paid only the "
                        "difference. Check the amounts."
                    ).format(
                        total=format_number(total),
                        level=top.label(),
                        most=format_number(self._amounts[top]),
                    ),
                )
                return False
        self._level_paid.setdefault(staff_id, []).append((level, amount))
        return True

    def to_add(self) -> dict[str, int]:
        return {"award_payments": len(self.payments)}

    def label(self) -> Reason:
        return counted(
            N_("Import 1 award payment"), N_("Import {n} award payments"), len(self.payments)
        )

    def write(self, source: str) -> Changes:
        for payment in self.payments:
            new_id = awards_store.insert_payment(self.ws.db, payment)
            if new_id is None:  # checked above; only a file changed under us gets here
                raise SwdeskError(_duplicate(payment["award"], Level(payment["level"]), None))
            audit.record(
                self.ws.db,
                user=self.ws.user,
                action="award_payment.import",
                table="award_payments",
                row_id=new_id,
                new=payment,
                staff_id=payment["staff_id"],
            )
        record_import(self.ws, "award_payments", source, len(self.payments))
        return Changes.of(
            {Area.AWARDS},
            {p["staff_id"] for p in self.payments},
            _("Imported {n} award payments.").format(n=len(self.payments)),
        )


def _identity(payment: dict) -> tuple:
    if payment["award"] == LEVEL_AWARD:
        return (payment["staff_id"], LEVEL_AWARD, payment["level"])
    return (
        payment["staff_id"],
        payment["award"],
        payment["level"],
        payment["amount"],
        payment["paid_on"],
    )


def _duplicate(award: str, level: Level | None, first_row: int | None) -> str:
    if award == LEVEL_AWARD and level is not None:
        # FCG-2023 (十二): no double claiming.
        if first_row:
            return _(
                "The level award for {level} to this person is already in row {other}; it is "
                "paid once per level."
            ).format(level=level.label(), other=first_row)
        return _(
            "The level award for {level} to this person is already recorded; it is paid once "
            "per level."
        ).format(level=level.label())
    if first_row:
        return _("The same payment is already in row {other}.").format(other=first_row)
    return _("This payment is already recorded.")
