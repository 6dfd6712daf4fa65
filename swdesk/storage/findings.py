"""What the bureau's checks found (``findings``) and what the bureaus decided on claims
(``claim_decisions``) ⇄ values. A finding is kept by its key: the checks run again update it
(present or gone) and never touch its resolution. Every function works inside the caller's
transaction; none writes the audit log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from swdesk.domain.findings import Agency, Finding
from swdesk.domain.reasons import Reason
from swdesk.domain.submission import Decision, Outcome


@dataclass(frozen=True)
class StoredFinding:
    id: int
    finding: Finding
    found_at: str
    seen_at: str
    present: bool
    resolved_at: str | None
    resolved_by: str | None
    resolution: str | None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


# The columns a finding is written to, in the order of `_finding_values`.
_FINDING_COLUMNS = ("check_kind", "period", "agencies", "people", "claims", "clause", "reason")


def _finding_values(f: Finding) -> tuple[Any, ...]:
    return (
        f.kind,
        f.period,
        json.dumps([[a.code, a.name] for a in f.agencies], ensure_ascii=False),
        json.dumps([list(p) for p in f.people], ensure_ascii=False),
        json.dumps([list(c) for c in f.claims], ensure_ascii=False),
        f.clause,
        json.dumps(f.reason.to_data(), ensure_ascii=False),
    )


def _stored(row: dict[str, Any]) -> StoredFinding:
    finding = Finding(
        row["key"],
        row["check_kind"],
        row["period"],
        tuple(Agency(code, name) for code, name in json.loads(row["agencies"])),
        tuple((n, name) for n, name in json.loads(row["people"])),
        tuple((code, period, number) for code, period, number in json.loads(row["claims"])),
        row["clause"],
        Reason.from_data(json.loads(row["reason"])),
    )
    return StoredFinding(
        row["id"], finding, row["found_at"], row["seen_at"], bool(row["present"]),
        row["resolved_at"], row["resolved_by"], row["resolution"],
    )  # fmt: skip


def record_findings(
    db: Database, found: Sequence[Finding], at: str, scope: Callable[[str], bool] | None = None
) -> tuple[int, int]:
    """Keep what a run of the checks found: new findings added, known ones brought up to date,
    those no longer found marked gone — of the keys ``scope`` says the run looked at (all when
    None). Returns (new, gone)."""
    # Plain statements, one for each kind of change: sqlite-utils' update and insert look the
    # table's columns up again for every finding (a tenth of a second for a city's 227).
    known = {key: (row_id, present) for row_id, key, present in db.conn.execute(
        "SELECT id, key, present FROM findings"
    )}  # fmt: skip
    updates, inserts = [], []
    for f in found:
        values = _finding_values(f)
        hit = known.pop(f.key, None)
        if hit is not None:
            updates.append((*values, at, hit[0]))
        else:
            inserts.append((f.key, *values, at, at))
    assigned = ", ".join(f"{c} = ?" for c in _FINDING_COLUMNS)
    db.conn.executemany(
        f"UPDATE findings SET {assigned}, seen_at = ?, present = 1 WHERE id = ?", updates
    )
    written = ("key", *_FINDING_COLUMNS, "found_at", "seen_at")
    marks = ", ".join("?" * len(written))
    db.conn.executemany(f"INSERT INTO findings ({', '.join(written)}) VALUES ({marks})", inserts)
    new = len(inserts)
    gone = [
        row_id
        for key, (row_id, present) in known.items()
        if present and (scope is None or scope(key))
    ]
    for start in range(0, len(gone), 500):
        chunk = gone[start : start + 500]
        db.execute(
            f"UPDATE findings SET present = 0 WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
    return new, len(gone)


def findings(
    db: Database, *, period: int | None = None, include_gone: bool = False
) -> list[StoredFinding]:
    where, params = [], []
    if period is not None:
        where.append("period = ?")
        params.append(period)
    if not include_gone:
        where.append("present = 1")
    rows = db["findings"].rows_where(" AND ".join(where) or None, params, order_by="id")
    return [_stored(r) for r in rows]


def finding_by_id(db: Database, finding_id: int) -> StoredFinding | None:
    rows = list(db["findings"].rows_where("id = ?", [finding_id]))
    return _stored(rows[0]) if rows else None


def resolve(
    db: Database, finding_id: int, *, at: str | None, by: str | None, note: str | None
) -> None:
    db["findings"].update(finding_id, {"resolved_at": at, "resolved_by": by, "resolution": note})


# ---------------------------------------------------------------- decisions on claims


@dataclass(frozen=True)
class StoredDecision:
    id: int
    decision: Decision
    own: bool  # this bureau's, or one that came in a file from below
    finding_id: int | None
    recorded_at: str
    returned_at: str | None


def _decision(row: dict[str, Any]) -> StoredDecision:
    d = Decision(
        row["agency_code"], row["submission_id"], row["period"], row["claim_number"],
        Outcome(row["outcome"]), row["reason"], row["by_whom"],
        dt.date.fromisoformat(row["on_date"]), row["clause"],
    )  # fmt: skip
    return StoredDecision(
        row["id"], d, row["file_id"] is None, row["finding_id"],
        row["recorded_at"], row["returned_at"],
    )  # fmt: skip


def insert_decision(
    db: Database,
    d: Decision,
    *,
    recorded_at: str,
    recorded_by: str,
    finding_id: int | None = None,
    file_row_id: int | None = None,
) -> int | None:
    """Keep a decision; None when the same bureau already decided on that claim."""
    row = {
        "agency_code": d.agency_code,
        "period": d.period,
        "submission_id": d.submission_id,
        "claim_number": d.claim_number,
        "outcome": d.outcome.value,
        "reason": d.reason,
        "by_whom": d.by,
        "on_date": d.on.isoformat(),
        "clause": d.clause,
        "finding_id": finding_id,
        "file_id": file_row_id,
        "recorded_at": recorded_at,
        "recorded_by": recorded_by,
    }
    existing = list(
        db["claim_decisions"].rows_where(
            "agency_code = ? AND period = ? AND claim_number = ? AND by_whom = ?",
            [d.agency_code, d.period, d.claim_number, d.by],
            limit=1,
        )
    )
    if existing:
        return None
    return db["claim_decisions"].insert(row).last_pk


def decisions(
    db: Database,
    *,
    period: int | None = None,
    agency_code: str | None = None,
) -> list[StoredDecision]:
    where, params = [], []
    for column, value in (("period", period), ("agency_code", agency_code)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = db["claim_decisions"].rows_where(" AND ".join(where) or None, params, order_by="id")
    return [_decision(r) for r in rows]


def mark_returned(db: Database, decision_ids: Sequence[int], at: str) -> None:
    for decision_id in decision_ids:
        db["claim_decisions"].update(decision_id, {"returned_at": at})
