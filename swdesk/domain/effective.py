"""From when a policy's awards and reimbursements may be claimed (``effective_from`` of each award
in the profile): a claim dated earlier is refused with the clause. What was obtained before that
date still counts (FCG-2023 (十二): certificates of 2022 or earlier are awarded by the highest
level); only the date of the claim is held against it."""

from __future__ import annotations

import datetime as dt

from swdesk.domain.reasons import Reason
from swdesk.i18n import N_


def effective_reason(effective_from: dt.date | None, claimed_on: dt.date, clause: str) -> Reason:
    """Whether a claim dated ``claimed_on`` falls in the policy's time; a profile without an
    effective date accepts any date, as the program did before, and the reason says so."""
    if effective_from is None:
        return Reason(
            N_(
                "The policy profile gives no effective date (effective_from): a claim of any "
                "date is accepted."
            ),
            {},
            clause,
        )
    params = {"date": effective_from.isoformat(), "claim": claimed_on.isoformat()}
    if claimed_on < effective_from:
        return Reason(
            N_("The policy takes effect on {date}: a claim dated {claim} is earlier."),
            params,
            clause,
            held=False,
        )
    return Reason(N_("In effect from {date}; claimed on {claim}."), params, clause)
