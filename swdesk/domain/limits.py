"""The most a single value may be: hours of a training record, yuan of an amount.

Past these a value is a typing slip or an attack (10,000 online hours, 1e300 hours, 10^19 yuan),
and would either count for years or break every report and the data file's integers. A policy
profile may set its own (``[limits]``); these are the values when it says nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _, format_number


@dataclass(frozen=True)
class Limits:
    # In-person training fits in the day: more is a slip (80 for 8).
    hours_per_day: float = 16
    # Any one training record, online included: an online course is often dated by its
    # completion day alone, so its dates cannot bound it; a whole year's requirement is 50.
    hours_per_record: float = 200
    # Yuan in one amount (a claim item, a payment, an award): the largest subsidy is 20,000.
    amount: int = 1_000_000


DEFAULT_LIMITS = Limits()


def check_record_hours(hours: float, limits: Limits, field: str = "hours") -> float:
    if not math.isfinite(hours) or hours > limits.hours_per_record:
        raise ValidationError(
            _(
                "{hours} hours in one training record is more than the {most} the policy allows; "
                "check the hours."
            ).format(hours=format_number(hours), most=format_number(limits.hours_per_record)),
            field,
        )
    return hours


def check_amount(amount: Decimal | float | int, limits: Limits, field: str = "amount") -> None:
    """Refuse an amount of more than ``limits.amount`` yuan (or one that is not a number)."""
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    if not value.is_finite() or value > limits.amount:
        raise ValidationError(
            _("{amount} yuan is more than the {most} yuan one amount may be; check it.").format(
                amount=format_number(amount), most=format_number(limits.amount)
            ),
            field,
        )
