"""The bureau's tables of a period (汇总) from the current records: read with a fixed number of
queries however many agencies, then printed (PDF) or written (.xlsx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.domain.bureau_summary import (
    BureauSummary,
    ClaimKey,
    ClaimTotals,
    Missing,
    Totals,
    add_claims,
    budget_lines,
)
from swdesk.domain.submission import period_bounds
from swdesk.exchange.merged_workbook import write_summary_workbook
from swdesk.i18n.collate import name_key
from swdesk.printing.forms import merged_tables
from swdesk.printing.layout import AgencyHeader
from swdesk.services.bureau import bureau_unit, period_status
from swdesk.services.workspace import Workspace
from swdesk.storage import record_totals as totals
from swdesk.storage import submissions as received


def bureau_summary(ws: Workspace, period: int, as_of: dt.date | None = None) -> BureauSummary:
    """Per agency and in total, for ``period`` as of ``as_of`` (its last day, or today)."""
    me = bureau_unit(ws)
    as_of = as_of or min(ws.today(), period_bounds(period)[1])
    rows = received.records(ws.db, period)
    people, people_total = totals.people(ws.db, period)
    holders, holders_total = totals.holders(ws.db, period, as_of)
    ce, ce_total = totals.ce_counts(ws.db, period)
    claims = totals.claims(ws.db, period)
    agencies = []
    all_claims: dict[ClaimKey, ClaimTotals] = {}
    for r in sorted(rows, key=lambda r: name_key(r.agency_name)):
        mine = claims.get(r.id, {})
        add_claims(all_claims, mine)
        agencies.append(
            Totals(
                r.agency_name,
                r.agency_code,
                people.get(r.id, 0),
                holders.get(r.id, {}),
                ce.get(r.id, {}),
                mine,
                r.created_at,
                r.via,
            )  # fmt: skip
        )
    total = Totals("", "", people_total, holders_total, ce_total, all_claims)
    status = period_status(ws, period)
    missing = tuple(
        Missing(u.unit.name, u.unit.credit_code, u.state_label, status.due_on)
        for u in status.missing()
    )
    return BureauSummary(
        me, period, as_of, ws.today(), tuple(agencies), total, missing,
        len(status.units), status.due_on, budget_lines(all_claims),
    )  # fmt: skip


def bureau_header(ws: Workspace) -> AgencyHeader:
    me = bureau_unit(ws)
    return AgencyHeader(me.name, me.credit_code, me.address, me.contact_person, me.phone)


def print_bureau_summary(
    ws: Workspace, period: int, output: str | Path | None = None, *, as_of: dt.date | None = None
) -> bytes:
    """Every table of the period in one PDF: submissions, holders, CE, claims, the budget."""
    summary = bureau_summary(ws, period, as_of)
    return merged_tables.render(bureau_header(ws), summary, output)


def print_missing(ws: Workspace, period: int, output: str | Path | None = None) -> bytes:
    """The list of units that have not submitted for the period."""
    summary = bureau_summary(ws, period)
    return merged_tables.render_missing(bureau_header(ws), summary, output)


def export_bureau_summary(
    ws: Workspace, period: int, output: str | Path, *, as_of: dt.date | None = None
) -> tuple[Path, BureauSummary]:
    summary = bureau_summary(ws, period, as_of)
    return write_summary_workbook(summary, output), summary
