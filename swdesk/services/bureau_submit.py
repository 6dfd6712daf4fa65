"""A bureau's own submission to the level above (向上级报送): every agency record that counts for
the period, unchanged (each keeps its agency's identity and submission id, so the level above
counts each agency once however it arrives), the decisions taken on their claims here and
below, and the bureau's tables as PDF and .xlsx."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from swdesk import __version__
from swdesk.domain.errors import ValidationError
from swdesk.domain.submission import Submission
from swdesk.exchange.merged_workbook import summary_workbook
from swdesk.exchange.submission_file import write_submission_file
from swdesk.i18n import _
from swdesk.printing.forms import merged_tables
from swdesk.services.bureau import bureau_unit
from swdesk.services.bureau_summary import bureau_header, bureau_summary
from swdesk.services.submission import check_period, new_id
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import findings as decisions_store
from swdesk.storage import submissions as store


@dataclass(frozen=True)
class BureauSubmissionMade:
    path: Path
    submission: Submission
    changes: Changes


def submit_up(
    ws: Workspace, period: int, output: Path | str, *, made_at: dt.datetime | None = None
) -> BureauSubmissionMade:
    me = bureau_unit(ws)
    check_period(period, ws.today())
    if not me.credit_code:
        raise ValidationError(
            _(
                "The bureau has no unified social credit code: the level above knows its "
                "bureaus by it. Set it when making the data file (--credit-code)."
            ),
            "credit_code",
        )
    rows = store.records(ws.db, period)
    if not rows:
        raise ValidationError(
            _("No agency has submitted for {period} yet: there is nothing to pass on.").format(
                period=period
            ),
            "period",
        )
    records = store.RecordsOnFile(ws.db, [r.id for r in rows])
    # A decision names the claim by agency, period and number; it is passed on against the
    # record that counts now (the agency may have submitted again since).
    current = store.current_claims(ws.db, period)
    decisions = tuple(
        dataclasses.replace(d.decision, submission_id=current[key])
        for d in decisions_store.decisions(ws.db, period=period)
        if (key := (d.decision.agency_code, d.decision.claim_number)) in current
    )
    made_at = made_at or dt.datetime.combine(ws.today(), dt.datetime.now().time()).astimezone()
    submission = Submission(new_id(), me, period, made_at, __version__, records, decisions)  # type: ignore[arg-type]
    summary = bureau_summary(ws, period)
    pdf = merged_tables.render(bureau_header(ws), summary)
    path = write_submission_file(Path(output), submission, pdf, summary_workbook(summary))
    with ws.db.atomic():
        audit.record(
            ws.db, user=ws.user, action="submission.make", table="", row_id=None,
            new={"submission_id": submission.submission_id, "period": period, "file": str(path),
                 "records": len(records), "decisions": len(decisions)},
        )  # fmt: skip
    message = _("Submission for {period} written to {file}: {n} agencies, {people} people.").format(
        period=period,
        file=str(path),
        n=len(records),
        people=summary.total.people,
    )
    return BureauSubmissionMade(path, submission, Changes(message=message))
