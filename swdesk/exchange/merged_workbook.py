"""The bureau's tables of a period as one workbook, a sheet per table as on paper: holders by
level, CE compliance, claims by kind and level and by agency, the budget line, the units that
have not submitted. Totals are values; every person is counted once in them."""

from __future__ import annotations

from pathlib import Path

from swdesk.domain import ce_compliance as ce
from swdesk.domain import titles
from swdesk.domain.applications import Kind
from swdesk.domain.bureau_summary import BureauSummary, ClaimTotals, Totals
from swdesk.domain.levels import Level
from swdesk.exchange.table_sheets import MONEY, Col, SheetTable, workbook_bytes, write_workbook
from swdesk.i18n import _

LEVELS = (Level.ASSISTANT, Level.SOCIAL_WORKER, Level.SENIOR)
CE_STATES = (ce.Status.MET, ce.Status.ON_PACE, ce.Status.BEHIND, ce.Status.NOT_REQUIRED)


def _lines(s: BureauSummary) -> list[str]:
    return [
        _("Bureau: {name}    Unified social credit code: {code}").format(
            name=s.bureau.name, code=s.bureau.credit_code or "—"
        ),
        _("Period {period}, as of {date}    Made on {today}").format(
            period=s.period, date=s.as_of.isoformat(), today=s.made_on.isoformat()
        ),
    ]


def _agency(t: Totals) -> list[object]:
    return [t.name, t.credit_code, t.via]


def _agency_cols() -> list[Col]:
    return [Col(_("Agency"), 30), Col(_("Unified social credit code"), 21), Col(_("Through"), 20)]


def _claims(c: ClaimTotals) -> list[object]:
    return [c.count, c.asked, c.approved, c.paid, c.not_approved]


def _claim_cols() -> list[Col]:
    return [
        Col(_("Claims"), 8),
        Col(_("Asked (CNY)"), 14, MONEY),
        Col(_("Approved (CNY)"), 14, MONEY),
        Col(_("Paid (CNY)"), 14, MONEY),
        Col(_("Not approved"), 10),
    ]


def summary_sheets(s: BureauSummary) -> list[SheetTable]:
    lines = _lines(s)
    total = [_("Total"), "", ""]
    holders = SheetTable(
        _("Holders"),
        titles.title("bureau_holders", period=s.period),
        lines,
        [
            *_agency_cols(),
            Col(_("People"), 9),
            *[Col(lv.label(), 12) for lv in LEVELS],
            Col(_("Holders in all"), 10),
        ],  # fmt: skip
        [
            [*_agency(t), t.people, *[t.holders.get(lv, 0) for lv in LEVELS], t.holders_total]
            for t in s.agencies
        ],
        [
            *total,
            s.total.people,
            *[s.total.holders.get(lv, 0) for lv in LEVELS],
            s.total.holders_total,
        ],  # fmt: skip
        [_("The totals count each person once, however many agencies list them.")],
    )

    def ce_line(t: Totals) -> list[object]:
        rate = t.ce_rate
        return [t.ce_required, *[t.ce.get(st, 0) for st in CE_STATES],
                None if rate is None else round(rate, 4)]  # fmt: skip

    training = SheetTable(
        _("Continuing education"),
        titles.title("bureau_ce", period=s.period),
        lines,
        [
            *_agency_cols(),
            Col(_("Required"), 9),
            *[Col(st.label(), 10) for st in CE_STATES],
            Col(_("Met, share"), 10, "0%"),
        ],  # fmt: skip
        [[*_agency(t), *ce_line(t)] for t in s.agencies],
        [*total, *ce_line(s.total)],
    )
    keys = sorted(s.total.claims, key=lambda k: (list(Kind).index(k[0]), k[1].rank if k[1] else 0))
    by_kind = SheetTable(
        _("Claims by kind"),
        titles.title("bureau_claims", period=s.period),
        lines,
        [Col(_("Kind"), 24), Col(_("Level"), 20), *_claim_cols()],
        [
            [k.label(), lv.label() if lv else "", *_claims(s.total.claims[(k, lv)])]
            for k, lv in keys
        ],
        [_("Total"), "", *_claims(s.total.claims_total)],
    )
    by_agency = SheetTable(
        _("Claims by agency"),
        titles.title("bureau_claims", period=s.period),
        lines,
        [*_agency_cols(), *_claim_cols()],
        [[*_agency(t), *_claims(t.claims_total)] for t in s.agencies],
        [*total, *_claims(s.total.claims_total)],
    )

    def budget_line(c: ClaimTotals) -> list[object]:
        return [c.count - c.not_approved, c.standing, c.approved, c.paid, c.approved - c.paid]

    budget = SheetTable(
        _("Budget"),
        titles.title("bureau_budget", period=s.period),
        lines,
        [
            Col(_("Budget item"), 30),
            Col(_("Claims standing"), 10),
            Col(_("To budget (CNY)"), 14, MONEY),
            Col(_("Approved (CNY)"), 14, MONEY),
            Col(_("Paid (CNY)"), 14, MONEY),
            Col(_("Approved, not yet paid (CNY)"), 16, MONEY),
        ],  # fmt: skip
        [[line.kind.label(), *budget_line(line.totals)] for line in s.budget],
        [_("Total"), *budget_line(s.budget_total)],
    )
    missing = SheetTable(
        _("Not submitted"),
        titles.title("bureau_missing", period=s.period),
        [*lines, _("Due on {date}").format(date=s.due_on.isoformat()) if s.due_on else ""],
        [Col(_("Unit"), 30), Col(_("Unified social credit code"), 21), Col(_("State"), 14)],
        [[m.name, m.credit_code, m.state] for m in s.missing],
    )
    return [holders, training, by_kind, by_agency, budget, missing]


def summary_workbook(s: BureauSummary) -> bytes:
    return workbook_bytes(summary_sheets(s))


def write_summary_workbook(s: BureauSummary, path: Path | str) -> Path:
    return write_workbook(summary_sheets(s), path)
