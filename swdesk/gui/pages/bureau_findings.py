"""核查 — what the bureau's checks found across its agencies, each with the agencies, the people
(identity numbers masked), the clause and why; resolving one with a note, not approving a claim
it names, the return file for an agency, and running the checks again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain import idnumber
from swdesk.domain.findings import KIND_LABELS
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import inform
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.save_dialog import Format, ask_save_path
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _
from swdesk.i18n.reasons import describe
from swdesk.services import bureau_checks, bureau_decisions
from swdesk.services.changes import Area

OPEN = QColor(255, 243, 205)
DONE = QColor(120, 120, 120)


def _state(f: bureau_checks.StoredFinding) -> str:
    if f.resolved:
        return _("resolved")
    return _("open") if f.present else _("no longer found")


class BureauFindingsPage(Page):
    key = "bureau_findings"
    areas = frozenset({Area.FINDINGS, Area.SUBMISSIONS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.found: dict[int, bureau_checks.StoredFinding] = {}
        title = QLabel(_("Checks"))
        title.setObjectName("pageTitle")
        self.period = QComboBox()
        self.period.addItem(_("All years"), None)
        self.period.currentIndexChanged.connect(self.refresh)
        self.gone = QCheckBox(_("Also those no longer found"))
        self.gone.toggled.connect(self.refresh)
        again = QPushButton(_("Check again"))
        again.clicked.connect(self.check_again)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.gone)
        top.addStretch(1)
        top.addWidget(again)

        self.model = RowsModel(
            lambda: [
                _("No."),
                _("Check"),
                _("Year"),
                _("Agencies"),
                _("Persons concerned"),
                _("State"),
            ]
        )
        self.table = make_table(self.model, sortable=True)
        self.remember("bureau_findings", self.table.horizontalHeader())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resolve_button = QPushButton(_("Mark resolved…"))
        self.resolve_button.clicked.connect(self.resolve)
        self.reopen_button = QPushButton(_("Open again"))
        self.reopen_button.clicked.connect(self.reopen)
        self.reject_button = QPushButton(_("Do not approve a claim…"))
        self.reject_button.clicked.connect(self.reject)
        self.return_button = QPushButton(_("Make a return file…"))
        self.return_button.clicked.connect(self.make_return)
        buttons = QHBoxLayout()
        for b in (self.resolve_button, self.reopen_button, self.reject_button, self.return_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_detail()

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        ops.Read(
            self.ctx,
            bureau_checks.findings_overview,
            self.period.currentData(),
            include_gone=self.gone.isChecked(),
        ).success(self._show).run()

    def _show(self, result: bureau_checks.FindingsOverview) -> None:
        found, periods = result.findings, result.periods
        chosen = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(_("All years"), None)
        for p in periods:
            self.period.addItem(str(p), p)
        self.period.setCurrentIndex(max(0, self.period.findData(chosen)))
        self.period.blockSignals(False)
        self.found = {f.id: f for f in found}
        self.model.set_rows(
            [
                Row(
                    [
                        str(f.id),
                        _(KIND_LABELS[f.finding.kind]),
                        str(f.finding.period),
                        "、".join(a.name for a in f.finding.agencies),
                        "、".join(f"{name} {idnumber.mask(n)}" for n, name in f.finding.people),
                        _state(f),
                    ],  # fmt: skip
                    key=f.id,
                    sort=[
                        f.id,
                        _(KIND_LABELS[f.finding.kind]),
                        f.finding.period,
                        None,
                        None,
                        _state(f),
                    ],  # fmt: skip
                    background=OPEN if f.present and not f.resolved else None,
                    foreground=DONE if f.resolved or not f.present else None,
                )
                for f in found
            ]
        )
        self._show_detail()

    def selected(self) -> bureau_checks.StoredFinding | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.found.get(rows[0].data(KeyRole))

    def select(self, finding_id: int) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.key == finding_id:
                self.table.selectRow(n)

    def _show_detail(self) -> None:
        f = self.selected()
        for b in (self.resolve_button, self.reopen_button, self.reject_button):
            b.setEnabled(f is not None)
        if f is None:
            self.detail.setText(_("Choose a finding to see why, and what to do about it."))
            return
        self.reopen_button.setEnabled(f.resolved)
        self.reject_button.setEnabled(bool(f.finding.claims))
        lines = [
            describe(f.finding.reason),
            _("Clause: {clause}").format(clause=f.finding.clause),
        ]
        if f.finding.claims:
            lines.append(
                _("Claims: {claims}").format(
                    claims="、".join(self._claim_text(c) for c in f.finding.claims)
                )
            )
        if f.resolution:
            lines.append(_("Resolved: {note}").format(note=f.resolution))
        self.detail.setText("\n\n".join(lines))

    def _claim_text(self, ref: tuple[str, int, str]) -> str:
        f = self.selected()
        names = {a.code: a.name for a in f.finding.agencies} if f else {}
        code, period, number = ref
        return _("{agency} {number} ({period})").format(
            agency=names.get(code, code), number=number, period=period
        )

    # ------------------------------------------------------------ actions

    def _run(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        ops.Write(self.ctx, fn, *args, **kwargs).over(self).run()

    def check_again(self) -> None:
        self._run(bureau_checks.check_again)

    def resolve(self) -> None:
        f = self.selected()
        if f is None:
            return
        note, ok = QInputDialog.getMultiLineText(
            self,
            _("Mark resolved"),
            _("How was it resolved? (kept in the audit log)"),
            f.resolution or "",
        )
        if ok:
            self._run(bureau_checks.resolve_finding, f.id, note)

    def reopen(self) -> None:
        f = self.selected()
        if f is not None and f.resolved:
            self._run(bureau_checks.resolve_finding, f.id, "", reopen=True)

    def reject(self) -> None:
        f = self.selected()
        if f is None or not f.finding.claims:
            return
        labels = [self._claim_text(c) for c in f.finding.claims]
        choice, ok = QInputDialog.getItem(
            self, _("Do not approve a claim"), _("Which claim is not approved?"), labels, 0, False
        )
        if not ok:
            return
        code, period, number = f.finding.claims[labels.index(choice)]
        reason, ok = QInputDialog.getMultiLineText(
            self, _("Do not approve a claim"),
            _("The reason (the agency reads it in the return file):"), describe(f.finding.reason),
        )  # fmt: skip
        if ok:
            self._run(bureau_decisions.reject_claim, code, period, number, reason, finding_id=f.id)

    def make_return(self) -> None:
        ops.Read(self.ctx, bureau_decisions.list_decisions).success(self._choose_return).run()

    def _choose_return(self, decisions: list) -> None:
        own = [d for d in decisions if d.own]
        if not own:
            inform(self, _("Make a return file"), _("No claim has been refused here yet."))
            return
        targets = sorted({(d.decision.agency_code, d.decision.period) for d in own})
        labels = [
            _("{code}, {period} ({n} claims, {open} not yet returned)").format(
                code=code,
                period=period,
                n=sum(
                    1 for d in own if (d.decision.agency_code, d.decision.period) == (code, period)
                ),
                open=sum(
                    1
                    for d in own
                    if (d.decision.agency_code, d.decision.period) == (code, period)
                    and not d.returned_at
                ),
            )  # fmt: skip
            for code, period in targets
        ]
        choice, ok = QInputDialog.getItem(
            self, _("Make a return file"), _("For which agency and year?"), labels, 0, False
        )
        if not ok:
            return
        code, period = targets[labels.index(choice)]
        name = _("{code} {period} return.zip").format(code=code, period=period)
        path = ask_save_path(self, self.ctx.store, Format.EXCHANGE, name, _("Save the return file"))
        if path is None:
            return

        ops.Write(self.ctx, bureau_decisions.make_return, code, period, path).success(
            lambda made: inform(self, _("Make a return file"), made.changes.message)
        ).over(self).run()
