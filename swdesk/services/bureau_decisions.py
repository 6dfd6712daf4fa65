"""The bureau's decisions on claims (不予批准) and the return file (退回文件) that passes them
back to the agency, which imports it as a step of each application (services.returns)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from swdesk import __version__
from swdesk.domain.applications import Status
from swdesk.domain.claims import describe
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.reasons import Reason
from swdesk.domain.submission import Decision, Outcome, ReturnFile
from swdesk.domain.text import clean_text
from swdesk.exchange.submission_file import write_return_file
from swdesk.i18n import N_, _, ngettext
from swdesk.i18n.reasons import describe as words
from swdesk.printing.forms import return_notice
from swdesk.printing.layout import AgencyHeader
from swdesk.services.bureau import bureau_unit
from swdesk.services.bureau_checks import get_finding
from swdesk.services.undo import recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import findings as store
from swdesk.storage import submissions as received

StoredDecision = store.StoredDecision


def _at() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def reject_claim(
    ws: Workspace,
    agency_code: str,
    period: int,
    number: str,
    reason: str = "",
    *,
    finding_id: int | None = None,
    on: dt.date | None = None,
) -> Changes:
    """Decide not to approve a claim of an agency's current record, with the reason (by default
    the finding's) and the clause; it goes back to the agency in the next return file."""
    me = bureau_unit(ws)
    on = on or ws.today()
    if on > ws.today():
        raise ValidationError(_("A decision cannot be dated in the future."), "date")
    finding = get_finding(ws, finding_id) if finding_id is not None else None
    if not reason.strip() and finding is not None:
        reason = words(finding.finding.reason)
    reason = clean_text(reason, "reason", _("The reason"), multiline=True).strip()
    if not reason:
        raise ValidationError(_("Give the reason."), "reason")
    label = Reason(N_("Claim {number} not approved"), {"number": number.strip()})
    with recorded(ws, label) as step:
        found = received.current_claim(ws.db, agency_code, period, number.strip())
        if found is None:
            raise NotFound(
                _("The current submission of {code} for {period} has no claim {number}.").format(
                    code=agency_code, period=period, number=number
                )
            )
        record, claim = found
        if claim.status is not Status.SUBMITTED:
            # The agency could not record it: an approved or paid claim is not refused after.
            raise RuleRefused(
                _(
                    "Claim {number} of {agency} is {status} in the agency's record: only a claim "
                    "still waiting for approval can be refused."
                ).format(
                    number=claim.number, agency=record.agency_name, status=claim.status.label()
                ),
                claim.clause,
            )
        clause = finding.finding.clause if finding else claim.clause
        decision = Decision(
            record.agency_code, record.submission_id, period, claim.number, Outcome.REJECTED,
            reason, me.name, on, clause,
        )  # fmt: skip
        new_id = store.insert_decision(
            ws.db, decision, recorded_at=_at(), recorded_by=ws.user, finding_id=finding_id
        )
        if new_id is None:
            raise RuleRefused(
                _("{bureau} has already decided on claim {number} of {agency}.").format(
                    bureau=me.name, number=claim.number, agency=record.agency_name
                ),
                clause,
            )
        audit.record(
            ws.db, user=ws.user, action="claim.reject", table="claim_decisions", row_id=new_id,
            new={"agency": record.agency_code, "period": period, "claim": claim.number,
                 "reason": reason, "finding": finding_id},
        )  # fmt: skip
    return Changes.of(
        {"claim_decisions"},
        message=_("Claim {number} of {agency} not approved: {reason}").format(
            number=claim.number, agency=record.agency_name, reason=reason
        ),
        created_id=new_id,
        undo=step.entry,
    )


def list_decisions(
    ws: Workspace, period: int | None = None, agency_code: str | None = None
) -> list[StoredDecision]:
    bureau_unit(ws)
    return store.decisions(ws.db, period=period, agency_code=agency_code)


@dataclass(frozen=True)
class ReturnMade:
    path: Path
    returned: ReturnFile
    changes: Changes


def make_return(ws: Workspace, agency_code: str, period: int, output: Path | str) -> ReturnMade:
    """The return file for one agency and period: every claim of it this bureau did not approve,
    with a printed notice; the agency imports it (``swdesk import-return``)."""
    me = bureau_unit(ws)
    own = [d for d in list_decisions(ws, period, agency_code) if d.own]
    if not own:
        raise NotFound(
            _("This bureau has decided on no claim of {code} for {period}.").format(
                code=agency_code, period=period
            )
        )
    made_at = dt.datetime.combine(ws.today(), dt.datetime.now().time()).astimezone()
    returned = ReturnFile(
        str(uuid.uuid4()), me, agency_code, period, made_at, __version__,
        tuple(d.decision for d in own),
    )  # fmt: skip
    lines = []
    agency_name = agency_code
    for d in own:
        found = received.current_claim(ws.db, agency_code, period, d.decision.claim_number)
        if found is None:
            continue
        record, claim = found
        agency_name = record.agency_name
        lines.append(
            return_notice.ReturnedClaim(
                claim.number,
                claim.name,
                claim.id_number,
                describe(ws.profile, claim.kind.value, claim.award, dict(claim.details))[0],
                claim.amount,
                d.decision.reason,
                d.decision.clause,
                d.decision.on,
            )  # fmt: skip
        )
    notice = return_notice.ReturnNotice(agency_name, agency_code, period, ws.today(), lines)
    header = AgencyHeader(me.name, me.credit_code, me.address, me.contact_person, me.phone)
    path = write_return_file(Path(output), returned, return_notice.render(header, notice))
    # The file is out once written; undo takes back only that its claims were returned, so
    # that they go out again in the next return file.
    label = Reason(N_("Return file for {agency}"), {"agency": agency_name})
    with recorded(ws, label) as step:
        store.mark_returned(ws.db, [d.id for d in own], _at())
        audit.record(
            ws.db, user=ws.user, action="return.make", table="claim_decisions", row_id=None,
            new={"return_id": returned.return_id, "agency": agency_code, "period": period,
                 "claims": [d.decision.claim_number for d in own], "file": str(path)},
        )  # fmt: skip
    message = ngettext(
        "Return file for {agency} written to {file}: {n} claim not approved.",
        "Return file for {agency} written to {file}: {n} claims not approved.",
        len(own),
    ).format(agency=agency_name, file=str(path), n=len(own))
    return ReturnMade(
        path, returned, Changes.of({"claim_decisions"}, message=message, undo=step.entry)
    )
