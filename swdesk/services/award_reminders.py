"""Reminders from the awards: money due with no application yet (or due soon), and applications
waiting at a step (two providers of swdesk.services.reminders). How long a step may wait before
it is worth a nudge is office practice, not policy: constants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from swdesk.domain.applications import OPEN, Status
from swdesk.domain.claims import describe
from swdesk.domain.dates import add_months
from swdesk.domain.reasons import Number, Reason
from swdesk.domain.reminders import Reminder, Severity
from swdesk.i18n import N_
from swdesk.services.applications import list_applications
from swdesk.services.awards import Standing, evaluate_awards
from swdesk.services.workspace import Workspace

# Someone who becomes eligible within this many months is worth a low reminder now.
ELIGIBLE_SOON_MONTHS = 1
# Days an application may rest at a step before the reminder becomes medium.
WAIT_DAYS = {Status.DRAFT: 14, Status.SUBMITTED: 60, Status.APPROVED: 30}


def award_reminders(
    ws: Workspace, as_of: dt.date, *, standings: Iterable[Standing] | None = None
) -> list[Reminder]:
    """Level award due and no application in progress; or eligibility within a month (from
    ``standings`` when given: a test passes the straightforward ones)."""
    rule = ws.profile.level_award
    if rule is None:
        return []
    out = []
    soon = add_months(as_of, ELIGIBLE_SOON_MONTHS)
    for s in evaluate_awards(ws, as_of) if standings is None else standings:
        if s.kind != "cash" or s.open_application or s.level is None:
            continue
        who = {"staff_id": s.staff.id, "id_number": s.staff.id_number, "name": s.staff.name}
        if s.amount_due > 0 and s.eligible_from is not None:
            message = Reason(
                N_(
                    "{name} is owed {amount} CNY of the professional-level award ({level}) since "
                    "{date}; no application yet."
                ),
                {
                    "name": s.staff.name,
                    "amount": Number(s.amount_due),
                    "level": s.level,
                    "date": s.eligible_from.isoformat(),
                },
                rule.clause.ref,
            )
            out.append(
                Reminder(
                    "award_eligible",
                    **who,
                    due=s.eligible_from,
                    severity=Severity.MEDIUM,
                    message=message,
                    clause=rule.clause.ref,
                )
            )
        elif (
            not s.eligible
            and s.eligible_from is not None
            and as_of < s.eligible_from <= soon
            and s.already_paid < rule.amounts.get(s.level, 0)
        ):
            message = Reason(
                N_("{name} becomes eligible for the professional-level award ({level}) on {date}."),
                {"name": s.staff.name, "level": s.level, "date": s.eligible_from.isoformat()},
                rule.clause.ref,
            )
            out.append(
                Reminder(
                    "award_eligible_soon",
                    **who,
                    due=s.eligible_from,
                    severity=Severity.LOW,
                    message=message,
                    clause=rule.clause.ref,
                )
            )
    return out


def application_reminders(ws: Workspace, as_of: dt.date) -> list[Reminder]:
    """Every application still open (draft, submitted, approved): what it waits for, since
    when; medium once it has waited longer than the office usually lets it."""
    profile = ws.profile
    next_step = {
        Status.DRAFT: Reason(N_("submit it or withdraw it")),
        Status.SUBMITTED: Reason(N_("waiting for the decision")),
        Status.APPROVED: Reason(N_("waiting for the payment")),
    }
    out = []
    for app in list_applications(ws):
        if app.status not in OPEN or app.created_on > as_of:
            continue
        since = app.last_date
        due = since + dt.timedelta(days=WAIT_DAYS[app.status])
        award, clause = describe(profile, app.kind.value, app.award, app.details)
        message = Reason(
            N_("Application {number} ({award}): {status} since {date}; {next}."),
            {
                "number": app.number,
                "award": award,  # already in words: what it claims, under the profile of now
                "status": app.status,
                "date": since.isoformat(),
                "next": next_step[app.status],
            },
            clause,
        )
        out.append(
            Reminder(
                "application_waiting",
                app.staff_id,
                app.id_number,
                app.person,
                due,
                Severity.MEDIUM if as_of >= due else Severity.LOW,
                message,
                clause,
            )
        )
    return out
