"""The dashboard: what to act on (reminders, most urgent first; each opens its person), the year's
continuing-education progress, certificate holders by level, and applications waiting at each
step. Everything is gathered on the worker in one job."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from swdesk.domain.applications import OPEN
from swdesk.domain.errors import SwdeskError
from swdesk.domain.grades import highest_level
from swdesk.domain.levels import Level
from swdesk.gui.ce_chart import CEProgressChart
from swdesk.gui.context import AppContext
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.services import staff as staff_service
from swdesk.services.applications import list_applications
from swdesk.services.ce_report import ce_report
from swdesk.services.changes import Area
from swdesk.services.reminders import collect_reminders
from swdesk.services.workspace import Workspace

_SEVERITY_COLOURS = {"high": QColor("#fde2e1"), "medium": QColor("#fff3d6")}


@dataclass
class _Snapshot:
    reminders: list[Any] = field(default_factory=list)
    ce_counts: Counter[str] | None = None  # None when the profile sets no requirement
    ce_caption: str = ""
    ce_problem: str = ""
    levels: Counter[Level | None] = field(default_factory=Counter)
    applications: Counter[str] = field(default_factory=Counter)


def _gather(ws: Workspace, _progress: object) -> _Snapshot:
    snap = _Snapshot()
    today = ws.today()
    creds = staff_service.all_credentials(ws)
    for person in staff_service.list_staff(ws, include_left=False):
        snap.levels[highest_level(c.level for c in creds.get(person.id, []))] += 1  # type: ignore[arg-type]
    snap.reminders = collect_reminders(ws, today)
    try:
        report = ce_report(ws, today.year, today)
    except SwdeskError as exc:
        snap.ce_problem = str(exc)
    else:
        snap.ce_counts = Counter(str(s.value) for s in (r.result.status for r in report.rows))
        snap.ce_caption = _("{year}, as of {date} · {clause}").format(
            year=today.year,
            date=format_date(report.as_of),
            clause=report.requirement.clause.ref,
        )
    snap.applications = Counter(a.status.value for a in list_applications(ws))
    return snap


class DashboardPage(Page):
    key = "dashboard"
    areas = frozenset(
        {Area.STAFF, Area.CREDENTIALS, Area.TRAINING, Area.APPLICATIONS, Area.SETTINGS, Area.GRADES}
    )

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Dashboard"))
        title.setObjectName("pageTitle")

        self.reminder_model = RowsModel(
            lambda: [_("Urgency"), _("Due"), _("Person"), _("What to do")]
        )
        self.reminder_table = make_table(self.reminder_model)
        self.reminder_table.activated.connect(self._open_reminder)
        self.reminder_table.selectionModel().currentRowChanged.connect(self._reminder_detail)
        self.reminder_detail = QLabel()
        self.reminder_detail.setObjectName("clauseText")
        self.reminder_detail.setWordWrap(True)
        self.reminder_detail.hide()
        self.reminder_note = QLabel()
        self.reminder_note.setObjectName("hint")
        reminders = self._box(
            _("To do"), self.reminder_table, self.reminder_detail, self.reminder_note
        )

        self.chart = CEProgressChart()
        self.ce_note = QLabel()
        self.ce_note.setObjectName("hint")
        self.ce_note.setWordWrap(True)
        ce = self._box(_("Continuing education this year"), self.chart, self.ce_note)

        self.levels_label = QLabel()
        self.levels_label.setObjectName("figures")
        levels = self._box(_("Certificate holders (staff in post)"), self.levels_label)

        self.applications_label = QLabel()
        self.applications_label.setObjectName("figures")
        self.applications_label.setWordWrap(True)
        applications = self._box(_("Applications waiting"), self.applications_label)

        side = QVBoxLayout()
        side.addWidget(ce)
        side.addWidget(levels)
        side.addWidget(applications)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(reminders, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(columns, 1)

    @staticmethod
    def _box(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def refresh(self) -> None:
        self.reminder_note.setText(_("Loading…"))
        self.ctx.background(_gather, self._show)

    def _show(self, snap: _Snapshot) -> None:
        self.reminder_detail.hide()
        self.reminder_model.set_rows(
            [
                Row(
                    [r.severity.label(), format_date(r.due, "iso"), r.name, describe(r.message)],
                    key=r,
                    background=_SEVERITY_COLOURS.get(str(r.severity.value)),
                    tooltip="{message}\n{clause}".format(
                        message=describe(r.message),
                        clause=_("Clause: {clause}").format(clause=r.clause),
                    ),
                )
                for r in snap.reminders
            ]
        )
        self.reminder_note.setText(
            _("{n} reminders. Double-click one to open what it is about.").format(
                n=len(snap.reminders)
            )
            if snap.reminders
            else _("Nothing to act on today.")
        )
        if snap.ce_counts is not None:
            c = snap.ce_counts
            self.chart.set_counts(c["met"], c["on_pace"], c["behind"], snap.ce_caption)
            self.chart.show()
            self.ce_note.setText(
                _(
                    "{n} staff have no requirement this year (no certificate yet, or not in post)."
                ).format(n=c["not_required"])
            )
        else:
            self.chart.hide()
            self.ce_note.setText(snap.ce_problem)
        lines = [
            _("{label}: {n}").format(
                label=level.label() if level else _("No certificate"), n=snap.levels.get(level, 0)
            )
            for level in (Level.SENIOR, Level.SOCIAL_WORKER, Level.ASSISTANT, None)
        ]
        self.levels_label.setText("\n".join(lines))
        # The steps at which an application still waits for someone (the domain's OPEN).
        self.applications_label.setText(
            "\n".join(
                _("{label}: {n}").format(label=s.label(), n=snap.applications.get(s.value, 0))
                for s in OPEN
            )
        )

    def _reminder_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reminder_detail.hide()
            return
        self.reminder_detail.setText(self.reminder_model.row_at(current.row()).tooltip)
        self.reminder_detail.show()

    def _open_reminder(self, index: QModelIndex) -> None:
        """The application a waiting-application reminder is about, else the person."""
        if not index.isValid():
            return
        reminder = index.data(KeyRole)
        if reminder.kind == "application_waiting":
            self.open_waiting_application(reminder.staff_id)
        elif reminder.staff_id:
            self.ctx.open_person.emit(int(reminder.staff_id))

    def open_waiting_application(self, staff_id: int | None) -> None:
        from swdesk.services.applications import list_applications

        waiting = [
            a for a in list_applications(self.ctx.ws) if a.status in OPEN and a.staff_id == staff_id
        ]
        self.ctx.show_page.emit("applications")
        view = getattr(self.ctx.window, "view", None)
        if view is not None and waiting:
            view.page("applications").select_application(waiting[0].number)
