"""汇总 — a bureau's tables of a year on screen, per agency with the total in the last row (every
person counted once): certificate holders by level, continuing education, claims by agency and
by kind and level, and the award-funds budget line. The same figures as the printed tables."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTabWidget, QVBoxLayout

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, money_text
from swdesk.domain.bureau_summary import BureauSummary, ClaimTotals, Totals
from swdesk.domain.levels import Level
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _
from swdesk.services.bureau_summary import bureau_summary
from swdesk.services.changes import Area

LEVELS = (Level.ASSISTANT, Level.SOCIAL_WORKER, Level.SENIOR)
STATES = (ce.Status.MET, ce.Status.ON_PACE, ce.Status.BEHIND, ce.Status.NOT_REQUIRED)
TOTAL = QColor(232, 232, 232)  # the totals row, as on paper


def _claims(c: ClaimTotals) -> list[str]:
    return [str(c.count), money_text(c.asked), money_text(c.approved), money_text(c.paid),
            str(c.not_approved)]  # fmt: skip


def _name(t: Totals) -> str:
    return _("{agency} (through {bureau})").format(agency=t.name, bureau=t.via) if t.via else t.name


class BureauSummaryPage(Page):
    key = "bureau_summary"
    areas = frozenset({Area.SUBMISSIONS, Area.FINDINGS, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Summary"))
        title.setObjectName("pageTitle")
        self.period = QSpinBox()
        self.period.setRange(2008, ctx.today().year)
        self.period.setValue(ctx.today().year)
        self.period.setPrefix(_("Year "))
        self.period.valueChanged.connect(self.refresh)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.headline, 1)
        self.tabs = QTabWidget()
        self.models: dict[str, RowsModel] = {}
        for key, label, headers in (
            ("holders", _("Certificate holders"), lambda: [_("Agency"), _("People"),
             *[lv.label() for lv in LEVELS], _("Holders in all")]),
            ("ce", _("Continuing education"), lambda: [_("Agency"), _("Required"),
             *[st.label() for st in STATES], _("Met, share")]),
            ("claims", _("Claims by agency"), lambda: [_("Agency"), *self._claim_headers()]),
            ("kinds", _("Claims by kind"), lambda: [_("Kind"), _("Level"),
             *self._claim_headers()]),
            ("budget", _("Award funds"), lambda: [_("Budget item"), _("Claims standing"),
             _("To budget (CNY)"), _("Approved (CNY)"), _("Paid (CNY)"),
             _("Approved, not yet paid (CNY)")]),
        ):  # fmt: skip
            model = RowsModel(headers)
            self.models[key] = model
            view = make_table(model)
            self.remember(f"bureau_summary_{key}", view.horizontalHeader())
            self.tabs.addTab(view, label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    @staticmethod
    def _claim_headers() -> list[str]:
        return [_("Claims"), _("Asked (CNY)"), _("Approved (CNY)"), _("Paid (CNY)"),
                _("Not approved")]  # fmt: skip

    def refresh(self) -> None:
        ops.Read(self.ctx, bureau_summary, self.period.value()).success(self._show).run()

    def _fill(self, key: str, lines: Sequence[list[str]], total: list[str]) -> None:
        numbers = frozenset(range(1, len(total)))
        rows = [Row(cells, align_right=numbers) for cells in lines]
        rows.append(Row(total, background=TOTAL, align_right=numbers))
        self.models[key].set_rows(rows)

    def _show(self, s: BureauSummary) -> None:
        self.headline.setText(
            _(
                "{n} agencies, {people} people (each once), {holders} certificate holders; "
                "award funds to budget: {amount} CNY."
            ).format(
                n=len(s.agencies),
                people=s.total.people,
                holders=s.total.holders_total,
                amount=money_text(s.budget_total.standing),
            )  # fmt: skip
        )
        total = _("Total")
        self._fill(
            "holders",
            [[_name(t), str(t.people), *[str(t.holders.get(lv, 0)) for lv in LEVELS],
              str(t.holders_total)] for t in s.agencies],
            [total, str(s.total.people), *[str(s.total.holders.get(lv, 0)) for lv in LEVELS],
             str(s.total.holders_total)],
        )  # fmt: skip

        def ce_cells(t: Totals) -> list[str]:
            rate = "" if t.ce_rate is None else f"{t.ce_rate:.0%}"
            return [str(t.ce_required), *[str(t.ce.get(st, 0)) for st in STATES], rate]

        self._fill(
            "ce", [[_name(t), *ce_cells(t)] for t in s.agencies], [total, *ce_cells(s.total)]
        )
        self._fill(
            "claims",
            [[_name(t), *_claims(t.claims_total)] for t in s.agencies],
            [total, *_claims(s.total.claims_total)],
        )
        keys = sorted(
            s.total.claims, key=lambda k: (list(Kind).index(k[0]), k[1].rank if k[1] else 0)
        )
        self._fill(
            "kinds",
            [
                [k.label(), lv.label() if lv else "—", *_claims(s.total.claims[(k, lv)])]
                for k, lv in keys
            ],
            [total, "", *_claims(s.total.claims_total)],
        )

        def budget(c: ClaimTotals) -> list[str]:
            return [str(c.count - c.not_approved), money_text(c.standing), money_text(c.approved),
                    money_text(c.paid), money_text(c.approved - c.paid)]  # fmt: skip

        self._fill(
            "budget",
            [[line.kind.label(), *budget(line.totals)] for line in s.budget],
            [total, *budget(s.budget_total)],
        )
