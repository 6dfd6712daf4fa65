"""The compliance tab of the continuing-education page: each person's hours of the year against
the requirement chosen, each status coloured, the reason and clause in the tooltip."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from swdesk.domain.ce_compliance import Status, choose_requirement, status_tally
from swdesk.domain.levels import Level
from swdesk.domain.profiles import CERequirement
from swdesk.domain.training import hours_text
from swdesk.gui import ops
from swdesk.gui.column_fit import fit_columns
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.search_filter import filter_box
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _
from swdesk.i18n.pinyin_search import search_key
from swdesk.i18n.reasons import describe
from swdesk.services.ce_report import CEReport, ce_report

STATUS_COLOURS = {
    Status.MET: QColor("#dcefdc"),
    Status.ON_PACE: QColor("#fff1cc"),
    Status.BEHIND: QColor("#fbdcdc"),
}


class CompliancePanel(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.ctx = page.ctx
        self._year = self.ctx.today().year
        self.requirement = QComboBox()
        self.fill_requirements()
        self.requirement.currentIndexChanged.connect(lambda _i: self.load(self._year))
        self.compliance_summary = QLabel()
        self.compliance_summary.setObjectName("hint")
        self.compliance_summary.setWordWrap(True)
        self.compliance_model = RowsModel(
            lambda: [
                _("Name"),
                _("Certificate"),
                _("Hours required"),
                _("Hours counted"),
                _("Expected by now"),
                _("Still needed"),
                _("Status"),
            ]
        )
        self.compliance_table = make_table(self.compliance_model, sortable=True)
        self.search = filter_box(
            self.compliance_table,
            self.compliance_model,
            _("Filter: name, pinyin or initials, status…"),
        )
        self.compliance_proxy = self.search.proxy
        page.remember("training.compliance", self.compliance_table.horizontalHeader())
        self.actions = row_actions(
            self.compliance_table,
            edit=RowAction(_("Open the person"), self.ctx.open_person.emit),
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Requirement")))
        top.addWidget(self.requirement)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.compliance_summary)
        layout.addWidget(self.compliance_table, 1)

    def fill_requirements(self) -> None:
        """The profile's requirements (a profile change may bring others)."""
        wanted = [(_requirement_label(q), q.id) for q in self.ctx.profile.ce_requirements]
        have = [
            (self.requirement.itemText(i), self.requirement.itemData(i))
            for i in range(self.requirement.count())
        ]
        if wanted == have:
            return
        self.requirement.blockSignals(True)
        self.requirement.clear()
        for text, code in wanted:
            self.requirement.addItem(text, code)
        if wanted:
            # The one the bureau's annual table uses, as the report service chooses it.
            default = choose_requirement(self.ctx.profile).id
            self.requirement.setCurrentIndex(max(0, self.requirement.findData(default)))
        self.requirement.blockSignals(False)

    def load(self, year: int) -> None:
        self._year = year
        requirement = self.requirement.currentData()
        as_of = min(self.ctx.today(), self.ctx.today().replace(year=year, month=12, day=31))
        ops.Read(self.ctx, ce_report, year, as_of, requirement).success(
            self._show_compliance
        ).failure(self._no_compliance).run()

    def _no_compliance(self, exc: Exception) -> None:
        self.compliance_model.set_rows([])
        self.compliance_summary.setText(str(exc))

    def _show_compliance(self, report: CEReport) -> None:
        rows = []
        for r in report.rows:
            c = r.result
            rows.append(
                Row(
                    [
                        r.staff.name,
                        c.level.label() if c.level else "",
                        hours_text(c.required),
                        hours_text(c.hours.total),
                        hours_text(c.expected_by_now),
                        hours_text(c.shortfall),
                        c.status.label(),
                    ],
                    key=r.staff.id,
                    sort=[r.staff.name, c.level.rank if c.level else 0, c.required or 0, c.hours.total,
                          c.expected_by_now or 0, c.shortfall or 0, c.status.value],
                    background=STATUS_COLOURS.get(c.status),
                    search=search_key(r.staff.name, c.status.label()),
                    tooltip="{reason}\n{clause}".format(
                        reason=describe(c.reason),
                        clause=_("Clause: {clause}").format(clause=c.clause.ref),
                    ),
                )
            )  # fmt: skip
        self.compliance_model.set_rows(rows)
        fit_columns(self.compliance_table)
        self.compliance_summary.setText(
            _("As of {date}: {tally}.").format(
                date=report.as_of.isoformat(), tally=status_tally(report.counts())
            )
        )


def _requirement_label(q: CERequirement) -> str:
    """50 hours a year (FCG-2023 (八)); 72/90 hours per registration period (...)."""
    levels = [q.hours_by_level[lv] for lv in Level if lv in q.hours_by_level]
    hours = "/".join(hours_text(h) for h in levels) if levels else hours_text(q.hours)
    if q.period == "calendar_year":
        text = _("{hours} hours a year").format(hours=hours)
    else:
        text = _("{hours} hours per registration period").format(hours=hours)
    return f"{text} ({q.clause.ref})"
