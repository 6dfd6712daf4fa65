"""The bureau's tables of a period (汇总表), landscape A4 in the official style, the bureau on
top: certificate holders by level, continuing-education compliance, claims by kind and level,
the budget line (奖励资金) — each per agency with a totals row — and the units that have not
submitted. Each table ends with the signatures and the bureau's seal."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import ce_compliance as ce
from swdesk.domain import titles
from swdesk.domain.applications import Kind
from swdesk.domain.bureau_summary import BureauSummary, ClaimTotals, Totals
from swdesk.domain.levels import Level
from swdesk.i18n import _, format_date
from swdesk.printing.blocks import Section
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader
from swdesk.printing.output import write_document
from swdesk.printing.styles import LANDSCAPE_CONTENT_WIDTH as WIDTH
from swdesk.printing.tables import (
    Column,
    SignatureBox,
    Signatures,
    data_table,
    signature_boxes,
)

LEVELS = (Level.ASSISTANT, Level.SOCIAL_WORKER, Level.SENIOR)
CE_STATES = (ce.Status.MET, ce.Status.ON_PACE, ce.Status.BEHIND, ce.Status.NOT_REQUIRED)


def _signatures() -> Signatures:
    return signature_boxes(
        [
            SignatureBox(_("Filled in by:")),
            SignatureBox(_("Checked by:")),
            SignatureBox(_("Civil-affairs bureau:"), seal=True),
        ],
        width=WIDTH,
        # Room enough to sign (the seal is stamped across the box): with more, a district's
        # ten or twelve agencies pushed their last rows and the signatures onto a second page
        # (12 mm: eleven agencies did in English, whose column titles take two lines).
        room=9 * mm,
    )


def _agency_cell(t: Totals) -> str:
    if not t.via:
        return t.name
    return _("{agency} (through {bureau})").format(agency=t.name, bureau=t.via)


def _rate(t: Totals) -> str:
    rate = t.ce_rate
    return "" if rate is None else f"{rate:.0%}"


def _period_line(s: BureauSummary) -> str:
    return _("Period {period}, as of {date}: {n} agencies.").format(
        period=s.period, date=format_date(s.as_of), n=len(s.agencies)
    )


def holders_body(s: BureauSummary) -> list[object]:
    rows = [
        [
            _agency_cell(t),
            t.credit_code,
            t.people,
            *[t.holders.get(lv, 0) for lv in LEVELS],
            t.holders_total,
        ]  # fmt: skip
        for t in s.agencies
    ]
    table = data_table(
        [
            Column(_("Agency"), 70),
            Column(_("Unified social credit code"), 44, "centre"),
            Column(_("People"), 20, "right"),
            *[Column(lv.label(), 30, "right") for lv in LEVELS],
            Column(_("Holders in all"), 25, "right"),
        ],  # fmt: skip
        rows,
        totals=[
            None,
            None,
            s.total.people,
            *[s.total.holders.get(lv, 0) for lv in LEVELS],
            s.total.holders_total,
        ],  # fmt: skip
        numbered=True,
        width=WIDTH,
    )
    note = _("The totals count each person once, however many agencies list them.")
    # The note in the line above the table, not a line of its own below it: see _signatures.
    return [parts.text(f"{_period_line(s)} {note}"), table, _signatures()]


def ce_body(s: BureauSummary) -> list[object]:
    def line(t: Totals) -> list[object]:
        return [t.ce_required, *[t.ce.get(st, 0) for st in CE_STATES], _rate(t)]

    table = data_table(
        [
            Column(_("Agency"), 70),
            Column(_("Required"), 22, "right"),
            *[Column(st.label(), 22, "right") for st in CE_STATES],
            Column(_("Met, share"), 22, "right"),
        ],  # fmt: skip
        [[_agency_cell(t), *line(t)] for t in s.agencies],
        totals=[None, *line(s.total)],
        numbered=True,
        width=WIDTH,
    )
    return [parts.text(_period_line(s)), table, _signatures()]


def _claim_cells(c: ClaimTotals) -> list[object]:
    return [c.count, c.asked, c.approved, c.paid, c.not_approved]


def _claim_columns() -> list[Column]:
    return [
        Column(_("Claims"), 16, "right"),
        Column(_("Asked (CNY)"), 26, "right"),
        Column(_("Approved (CNY)"), 26, "right"),
        Column(_("Paid (CNY)"), 26, "right"),
        Column(_("Not approved"), 20, "right"),
    ]


def claims_body(s: BureauSummary) -> list[object]:
    keys = sorted(
        s.total.claims,
        key=lambda k: (list(Kind).index(k[0]), k[1].rank if k[1] else 0),
    )
    by_kind = data_table(
        [Column(_("Kind"), 50), Column(_("Level"), 40), *_claim_columns()],
        [
            [kind.label(), level.label() if level else "—", *_claim_cells(s.total.claims[key])]
            for key in keys
            for kind, level in (key,)
        ],
        totals=[None, None, *_claim_cells(s.total.claims_total)],
        numbered=True,
        width=WIDTH,
    )
    per_agency = data_table(
        [Column(_("Agency"), 90), *_claim_columns()],
        [[_agency_cell(t), *_claim_cells(t.claims_total)] for t in s.agencies],
        totals=[None, *_claim_cells(s.total.claims_total)],
        numbered=True,
        width=WIDTH,
    )
    return [
        parts.text(_period_line(s)),
        *parts.heading(_("By kind and level")),
        by_kind,
        *parts.heading(_("By agency")),
        per_agency,
        parts.muted(
            _(
                "Approved: claims the agency recorded as approved or paid that no bureau has "
                "refused. Not approved: rejected by the agency's record or by a bureau."
            )
        ),
        _signatures(),
    ]


def budget_body(s: BureauSummary) -> list[object]:
    def cells(c: ClaimTotals) -> list[object]:
        return [c.count - c.not_approved, c.standing, c.approved, c.paid, c.approved - c.paid]

    table = data_table(
        [
            Column(_("Budget item"), 70),
            Column(_("Claims standing"), 24, "right"),
            Column(_("To budget (CNY)"), 30, "right"),
            Column(_("Approved (CNY)"), 30, "right"),
            Column(_("Paid (CNY)"), 30, "right"),
            Column(_("Approved, not yet paid (CNY)"), 34, "right"),
        ],  # fmt: skip
        [[line.kind.label(), *cells(line.totals)] for line in s.budget],
        totals=[None, *cells(s.budget_total)],
        numbered=True,
        width=WIDTH,
    )
    text = _("Award funds for {period}: {amount} CNY to budget for the claims standing.").format(
        period=s.period, amount=parts.money(s.budget_total.standing)
    )
    note = _(
        "The professional-level award is paid from public funds and the agency subsidies by "
        "the civil-affairs bureau; exam costs are reimbursed by the person's own unit and are "
        "not in the budget."
    )
    return [parts.text(text), table, parts.muted(note), _signatures()]


def missing_body(s: BureauSummary) -> list[object]:
    due = (
        _("Due on {date}.").format(date=format_date(s.due_on))
        if s.due_on
        else _("No deadline is set for this period.")
    )
    head = _("{expected} units report to this bureau for {period}; {missing} have not submitted.")
    flow: list[object] = [
        parts.text(
            head.format(expected=s.units_expected, period=s.period, missing=len(s.missing))
            + " "
            + due
        )
    ]
    if s.missing:
        flow.append(
            data_table(
                [
                    Column(_("Unit"), 90),
                    Column(_("Unified social credit code"), 50, "centre"),
                    Column(_("State"), 40, "centre"),
                ],
                [[m.name, m.credit_code, m.state] for m in s.missing],
                numbered=True,
                width=WIDTH,
            )
        )
    else:
        flow.append(parts.text(_("Every unit has submitted.")))
    flow.append(_signatures())
    return flow


def holders_title(period: int) -> str:
    return titles.title("bureau_holders", period=period)


def ce_title(period: int) -> str:
    return titles.title("bureau_ce", period=period)


def claims_title(period: int) -> str:
    return titles.title("bureau_claims", period=period)


def budget_title(period: int) -> str:
    return titles.title("bureau_budget", period=period)


def missing_title(period: int) -> str:
    return titles.title("bureau_missing", period=period)


def render(bureau: AgencyHeader, s: BureauSummary, output: str | Path | None = None) -> bytes:
    on = s.made_on
    sections = [
        Section(holders_title(s.period), holders_body(s), on),
        Section(ce_title(s.period), ce_body(s), on),
        Section(claims_title(s.period), claims_body(s), on),
        Section(budget_title(s.period), budget_body(s), on),
        Section(missing_title(s.period), missing_body(s), on),
    ]
    title = titles.title("bureau_tables", period=s.period)
    return write_document(bureau, sections, title=title, landscape=True, output=output)


def render_missing(
    bureau: AgencyHeader, s: BureauSummary, output: str | Path | None = None
) -> bytes:
    section = Section(missing_title(s.period), missing_body(s), s.made_on)
    return write_document(bureau, [section], landscape=True, output=output)
