"""报送情况 — a bureau's submissions of a year: every unit that reports to it, whether and when it
submitted, who is late, missing or overdue; the agency records that count, with their history;
receiving files, the deadline, and the units expected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.domain.submission import UnitKind
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import inform, show_error
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.save_dialog import Format, ask_open_paths
from swdesk.gui.table_model import Row, RowsModel
from swdesk.gui.tasks import Cancelled
from swdesk.i18n import _, format_date
from swdesk.services import bureau as bureau_service
from swdesk.services.bureau_receive import receive_told
from swdesk.services.changes import Area

LATE = QColor(255, 243, 205)
MISSING = QColor(248, 215, 218)


def when(text: str | None) -> str:
    return (text or "")[:16].replace("T", " ")


class BureauStatusPage(Page):
    key = "bureau_status"
    areas = frozenset({Area.SUBMISSIONS, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Submissions"))
        title.setObjectName("pageTitle")
        self.period = QSpinBox()
        self.period.setRange(2008, ctx.today().year)
        self.period.setValue(ctx.today().year)
        self.period.setPrefix(_("Year "))
        self.period.valueChanged.connect(self.refresh)
        self.due = QLabel()
        self.due.setObjectName("hint")
        self.receive_button = QPushButton(_("Receive submission files…"))
        self.receive_button.setDefault(True)
        self.receive_button.clicked.connect(self.choose_and_receive)
        deadline = QPushButton(_("Set the deadline…"))
        deadline.clicked.connect(self.ask_deadline)
        expect = QPushButton(_("Add a unit…"))
        expect.clicked.connect(self.ask_unit)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.due, 1)
        top.addWidget(deadline)
        top.addWidget(expect)
        top.addWidget(self.receive_button)

        self.units = RowsModel(
            lambda: [
                _("Unit"),
                _("Credit code"),
                _("State"),
                _("Received"),
                _("Files"),
                _("Agency records"),
            ]  # fmt: skip
        )
        self.units_view = make_table(self.units, sortable=True)
        self.remember("bureau_units", self.units_view.horizontalHeader())
        self.history = QCheckBox(_("Also the submissions replaced by newer ones"))
        self.history.toggled.connect(self.refresh)
        self.records = RowsModel(
            lambda: [
                _("Agency"),
                _("Credit code"),
                _("Made"),
                _("Through"),
                _("Counts"),
                _("People"),
                _("Claims"),
            ]  # fmt: skip
        )
        self.records_view = make_table(self.records, sortable=True)
        self.remember("bureau_records", self.records_view.horizontalHeader())
        self.summary = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(_("Agency records that count")), 1)
        heading.addWidget(self.history)
        lower_layout.addLayout(heading)
        lower_layout.addWidget(self.records_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.units_view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        ops.Read(
            self.ctx,
            bureau_service.period_overview,
            self.period.value(),
            history=self.history.isChecked(),
        ).success(self._show).run()

    def _show(self, snap: bureau_service.PeriodOverview) -> None:
        status = snap.status
        self.due.setText(
            _("Due on {date}").format(date=format_date(status.due_on))
            if status.due_on
            else _("No deadline is set for this period.")
        )
        missing = len(status.missing())
        self.summary.setText(
            _("{units} units, {missing} not yet submitted; {n} agency records count.").format(
                units=len(status.units), missing=missing, n=status.agencies
            )
        )
        colour = {bureau_service.LATE: LATE, bureau_service.OVERDUE: MISSING}
        self.units.set_rows(
            [
                Row(
                    [
                        u.unit.name,
                        u.unit.credit_code,
                        u.state_label,
                        when(u.received_at),
                        str(u.files),
                        str(u.records),
                    ],  # fmt: skip
                    key=u.unit.credit_code,
                    background=colour.get(u.state),
                    align_right=frozenset({4, 5}),
                )
                for u in status.units
            ]
        )
        self.records.set_rows(
            [
                Row(
                    [
                        r.agency_name,
                        r.agency_code,
                        when(r.created_at),
                        r.via,
                        _("yes") if r.current else _("no (replaced)"),
                        str(r.people),
                        str(r.claims),
                    ],  # fmt: skip
                    key=r.id,
                    foreground=None if r.current else QColor(120, 120, 120),
                    align_right=frozenset({5, 6}),
                )
                for r in snap.records
            ]
        )

    # ------------------------------------------------------------ actions

    def choose_and_receive(self) -> None:
        paths = ask_open_paths(
            self, self.ctx.store, Format.EXCHANGE, _("Receive submission files"), many=True
        )
        if paths:
            self.receive([str(p) for p in paths])

    def receive(self, paths: list[str]) -> None:
        """Receive the files on the worker; say what each brought, or why all were refused."""

        def done(receipt: Any) -> None:
            lines = [receipt.changes.message, ""]
            for f in receipt.files:
                if f.again:
                    lines.append(_("{file}: already received.").format(file=f.path.name))
                    continue
                lines.append(_("{file}: from {sender}, period {period}.").format(
                    file=f.path.name, sender=f.submitter.name, period=f.period
                ))  # fmt: skip
                lines += ["    " + _("{agency}: {outcome}").format(agency=r.agency_name,
                          outcome=r.label) for r in f.records]  # fmt: skip
            inform(self, _("Submission files received"), "\n".join(lines))

        def failed(exc: Exception) -> None:
            if isinstance(exc, Cancelled):  # the dialog's Cancel: said as such, not as an error
                self.ctx.status.emit(_("Receiving stopped: nothing was received."))
            else:
                show_error(self, exc)

        ops.Write(self.ctx, receive_told, paths).with_progress(
            _("Receiving {n} files…").format(n=len(paths)), cancellable=True, reporting=True
        ).success(done).failure(failed).over(self).run()

    def ask_deadline(self) -> None:
        period = self.period.value()
        text, ok = QInputDialog.getText(
            self,
            _("Set the deadline"),
            _("Submissions for {period} are due on (e.g. {period}-12-31):").format(period=period),
            text=f"{period + 1}-01-31",
        )
        if not ok:
            return
        from swdesk.domain.dates import parse_date

        try:
            due = parse_date(text, "due")
        except SwdeskError as exc:
            show_error(self, exc)
            return
        ops.Write(self.ctx, bureau_service.set_deadline, period, due).over(self).run()

    def ask_unit(self) -> None:
        code, ok = QInputDialog.getText(
            self, _("Add a unit"), _("Unified social credit code of the unit that reports here:")
        )
        if not ok or not code.strip():
            return
        name, ok = QInputDialog.getText(self, _("Add a unit"), _("Its name:"))
        if ok:
            ops.Write(self.ctx, bureau_service.expect_unit, code, name, kind=UnitKind.AGENCY).over(
                self
            ).run()
