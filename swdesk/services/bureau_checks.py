"""The bureau's checks across its agencies (核查): run over every current record after each
receipt (or when asked), kept as findings, each resolvable with a note (audited)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from swdesk.domain import claim_checks, record_checks
from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.findings import CE_SUMS, TWO_STAFFS, Finding
from swdesk.domain.reasons import Reason
from swdesk.domain.submission import AgencyRecord
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.services.bureau import bureau_unit
from swdesk.services.security import must_note_reveal
from swdesk.services.undo import recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit, records
from swdesk.storage import findings as store
from swdesk.storage import submissions as received

StoredFinding = store.StoredFinding


@dataclass(frozen=True)
class CheckRun:
    found: int  # findings present after the run
    new: int
    gone: int  # found before, not any more
    by_kind: dict[str, int]


@dataclass
class ArrivedCE:
    """What a receipt changed: the CE results of the records it made current, judged as each
    arrived (what they found, and whose were judged), and the periods those records are of."""

    findings: list[Finding] = field(default_factory=list)
    judged: set[str] = field(default_factory=set)  # key prefixes: ce_sums:CODE:PERIOD:
    periods: set[int] = field(default_factory=set)

    def add(self, agency_code: str, period: int, found: Iterable[Finding]) -> None:
        """The findings of the record of ``agency_code`` and ``period`` that became current."""
        self.findings += found
        self.judged.add(f"{CE_SUMS}:{agency_code}:{period}:")
        self.periods.add(period)

    def judge(self, ws: Workspace, record: AgencyRecord) -> None:
        self.add(
            record.agency.credit_code,
            record.period,
            record_checks.record_ce_findings(record, ws.profile),
        )

    def covers(self, key: str) -> bool:
        """Whether the run after this receipt looked at the finding ``key`` (so that, not found
        again, it is gone)."""
        if key.startswith(CE_SUMS):
            return key[: key.rindex(":") + 1] in self.judged
        if key.startswith(f"{TWO_STAFFS}:"):
            # two_staffs:PERIOD:NUMBER: a period's staff lists change only when one of its
            # records does.
            return int(key.split(":", 2)[1]) in self.periods
        return True


def find_all(ws: Workspace, arrived: ArrivedCE | None = None) -> list[Finding]:
    """Everything the checks find in the current records, judged by the bureau's profile; the
    CE sums of ``arrived`` as they were judged on arrival (all of them again when None)."""
    profile = ws.profile
    ce_found = (
        record_checks.ce_sums(records.seen_ce_results(ws.db), profile)
        if arrived is None
        else arrived.findings
    )
    # Two staffs at once is a question within one period: after a receipt, only the periods
    # it brought records of are asked again (each receipt would otherwise read every year on
    # file once more).
    spells = records.shared_people(ws.db, None if arrived is None else arrived.periods)
    claims = records.seen_claims(ws.db)
    payments = records.seen_payments(ws.db)
    return [
        *claim_checks.double_claims(claims, profile),
        *claim_checks.paid_before(claims, payments, profile),
        *record_checks.certificates_twice(records.shared_certificates(ws.db), profile),
        *record_checks.two_staffs(spells, profile),
        *claim_checks.amounts(claims, payments, profile),
        *claim_checks.civil_servant_claims(claims, profile),
        *ce_found,
    ]


def run_checks(ws: Workspace, arrived: ArrivedCE | None = None) -> CheckRun:
    """Run the checks and keep what they find (inside the caller's transaction, if any).

    Every check runs over all the current records, except that after a receipt the CE sums are
    those judged as its records arrived (``arrived``) — nothing else changes them, and judging a
    province's million results again at every receipt would grow with every year on file — and
    two staffs at once is asked again only of the periods the receipt brought records of.
    ``swdesk bureau check`` (``arrived`` None) judges every CE result again."""
    bureau_unit(ws)
    found = find_all(ws, arrived)
    at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    scope = arrived.covers if arrived is not None else None
    with ws.db.atomic():
        new, gone = store.record_findings(ws.db, found, at, scope)
        audit.record(
            ws.db, user=ws.user, action="findings.check", table="findings", row_id=None,
            new={"found": len(found), "new": new, "gone": gone},
        )  # fmt: skip
    return CheckRun(len(found), new, gone, dict(Counter(f.kind for f in found)))


def list_findings(
    ws: Workspace, period: int | None = None, *, include_gone: bool = False
) -> list[StoredFinding]:
    bureau_unit(ws)
    return store.findings(ws.db, period=period, include_gone=include_gone)


def check_again(ws: Workspace) -> Changes:
    """Every check once more, over every current record (the window's 重新核查)."""
    run = run_checks(ws)
    return Changes.of(
        {"findings"},
        message=_("The checks found {n}, {new} new.").format(n=run.found, new=run.new),
    )


@dataclass(frozen=True)
class FindingsOverview:
    findings: list[StoredFinding]
    periods: list[int]  # the years records are held for, newest first


def findings_overview(
    ws: Workspace, period: int | None = None, *, include_gone: bool = False
) -> FindingsOverview:
    """What the checks page shows, read in one job."""
    found = list_findings(ws, period, include_gone=include_gone)
    periods = sorted({r.period for r in received.records(ws.db)}, reverse=True)
    return FindingsOverview(found, periods)


def record_reveal(ws: Workspace, finding_ids: list[int]) -> None:
    """Note in the audit log that the whole identity numbers of these findings were shown."""
    must_note_reveal(ws)
    with ws.db.atomic():
        audit.record(
            ws.db, user=ws.user, action="personal.reveal", table="findings", row_id=None,
            new={"fields": ["id_number"], "via": "bureau findings", "findings": finding_ids},
        )  # fmt: skip


def get_finding(ws: Workspace, finding_id: int) -> StoredFinding:
    found = store.finding_by_id(ws.db, finding_id)
    if found is None:
        raise NotFound(_("There is no finding {id}.").format(id=finding_id))
    return found


def resolve_finding(ws: Workspace, finding_id: int, note: str, *, reopen: bool = False) -> Changes:
    """Mark a finding resolved with the note that says how (or open it again)."""
    bureau_unit(ws)
    note = clean_text(note or "", "note", _("The note"), multiline=True).strip()
    if not reopen and not note:
        raise ValidationError(_("Say how the finding was resolved."), "note")
    label = Reason(
        N_("Reopen finding {id}") if reopen else N_("Resolve finding {id}"), {"id": finding_id}
    )
    with recorded(ws, label) as step:
        old = get_finding(ws, finding_id)
        if reopen:
            store.resolve(ws.db, finding_id, at=None, by=None, note=None)
        else:
            at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            store.resolve(ws.db, finding_id, at=at, by=ws.user, note=note)
        audit.record(
            ws.db,
            user=ws.user,
            action="finding.reopen" if reopen else "finding.resolve",
            table="findings",
            row_id=finding_id,
            old={"key": old.finding.key, "resolution": old.resolution},
            new={"key": old.finding.key, "resolution": None if reopen else note},
        )
    message = (_("Finding {id} is open again.") if reopen else _("Finding {id} resolved.")).format(
        id=finding_id
    )
    return Changes.of({"findings"}, message=message, created_id=finding_id, undo=step.entry)
