"""The bureau's summary (统计汇总) of a period's applications: what the workbook and the printed
table both draw from, loaded once."""

from __future__ import annotations

import datetime as dt

from swdesk.domain.applications import AwardsSummary, Status, SummaryLine
from swdesk.domain.claims import describe
from swdesk.domain.errors import ValidationError
from swdesk.i18n import _
from swdesk.services.agency import get_agency
from swdesk.services.applications import list_applications
from swdesk.services.workspace import Workspace


def awards_summary(ws: Workspace, start: dt.date, end: dt.date) -> AwardsSummary:
    """Applications submitted to the bureau between ``start`` and ``end`` (inclusive), whatever
    became of them since, except those withdrawn; drafts are not yet the bureau's."""
    if end < start:
        raise ValidationError(
            _("The period ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()
            ),
            "to",
        )
    profile = ws.profile
    lines = []
    for app in list_applications(ws):
        submitted = app.step(Status.SUBMITTED)
        if submitted is None or app.status is Status.WITHDRAWN:
            continue
        if not start <= submitted.on <= end:
            continue
        decided = app.step(Status.APPROVED) or app.step(Status.REJECTED)
        paid = app.step(Status.PAID)
        award, clause = describe(profile, app.kind.value, app.award, app.details)
        lines.append(
            SummaryLine(
                app,
                award,
                clause,
                submitted.on,
                decided.on if decided else None,
                paid.on if paid else None,
            )
        )
    lines.sort(key=lambda x: (x.submitted_on, x.application.number))
    return AwardsSummary(get_agency(ws), start, end, ws.today(), tuple(lines))
