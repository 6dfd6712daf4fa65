"""The dashboard: what to act on (reminders, most urgent first; each opens its person), the year's
continuing-education progress, certificate holders by level, and applications waiting at each
step. Gathered on the worker in two stages: the counts first, then what to act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import OPEN, Application
from swdesk.domain.levels import Level
from swdesk.domain.reminders import Reminder
from swdesk.gui import ops
from swdesk.gui.ce_chart import CEProgressChart
from swdesk.gui.context import AppContext
from swdesk.gui.list_export import save_list
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.services import dashboard as dashboard_facts
from swdesk.services.applications import list_applications
from swdesk.services.changes import Area
from swdesk.services.overviews import Dashboard

# How often the page looks whether the day changed (a window left open overnight).
DAY_CHECK_MS = 60_000

_SEVERITY_COLOURS = {"high": QColor("#fde2e1"), "medium": QColor("#fff3d6")}


def _reminder_row(r: Reminder) -> Row:
    message = describe(r.message)
    return Row(
        [r.severity.label(), format_date(r.due, "iso"), r.name, message],
        key=r,
        background=_SEVERITY_COLOURS.get(str(r.severity.value)),
        tooltip="{message}\n{clause}".format(
            message=message, clause=_("Clause: {clause}").format(clause=r.clause)
        ),
    )


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
        row_actions(self.reminder_table, edit=RowAction(_("Open"), self.open_reminder))
        self.reminder_table.selectionModel().currentRowChanged.connect(self._reminder_detail)
        self.reminder_detail = QLabel()
        self.reminder_detail.setObjectName("clauseText")
        self.reminder_detail.setWordWrap(True)
        self.reminder_detail.hide()
        self.reminder_note = QLabel()
        self.reminder_note.setObjectName("hint")
        self.excel_button = QPushButton(_("Save as Excel…"))
        self.excel_button.setToolTip(_("The reminders shown, most urgent first"))
        self.excel_button.clicked.connect(self.save_excel)
        below = QHBoxLayout()
        below.addWidget(self.reminder_note, 1)
        below.addWidget(self.excel_button)
        reminders = self._box(_("To do"), self.reminder_table, self.reminder_detail)
        reminders.layout().addLayout(below)

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

        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self.watch_day)
        self._day_timer.start()

    @staticmethod
    def _box(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def refresh(self) -> None:
        # In two stages: the counts (a few small queries) show at once; the reminders and the
        # chart (the rules for everyone) follow. A refresh asked meanwhile (another file, a new
        # day, a change) makes the answers of the one before stale: they are dropped.
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        # The stages of the refresh before, if still queued, are dropped before they run: the
        # rules for everyone are not worked out twice for one dashboard.
        for job_id in getattr(self, "_jobs", ()):
            self.ctx.tasks.cancel(job_id)
        self._pending = 2
        self.reminder_note.setText(_("Loading…"))

        def current(show: Callable[[Any], None]) -> Callable[[Any], None]:
            def shown(result: Any) -> None:
                if generation == self._generation:
                    self._pending -= 1
                    show(result)

            return shown

        # The day the dashboard is of: the worker's workspace reads the same clock.
        self._day = self.ctx.today()
        self._jobs = [
            ops.Read(self.ctx, dashboard_facts.counts).success(current(self._show_counts)).run(),
            # Long: on a reader of its own, so the pages' reads do not wait behind it.
            # Stoppable: when a newer refresh cancels it while it runs, it stops at its next
            # stage instead of working out reminders nobody will see.
            ops.Read(self.ctx, dashboard_facts.to_do)
            .long()
            .stoppable()
            .success(current(self._show_to_do))
            .run(),
        ]

    def watch_day(self) -> None:
        """Past midnight the reminders and the year's progress are of another day: gathered
        again (the work for the day before is cancelled), now if shown, else when next shown."""
        if getattr(self, "_day", None) in (None, self.ctx.today()):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def busy(self) -> bool:
        """Whether a stage of the dashboard is still being gathered."""
        return getattr(self, "_pending", 0) > 0

    def _show(self, snap: Dashboard) -> None:
        self._show_counts(dashboard_facts.Counts(snap.levels, snap.applications))
        self._show_to_do(
            dashboard_facts.ToDo(snap.reminders, snap.ce_counts, snap.ce_caption, snap.ce_problem)
        )

    def _show_to_do(self, snap: dashboard_facts.ToDo) -> None:
        self.reminder_detail.hide()
        # The most urgent page now, the rest as the user scrolls: a large agency has tens of
        # thousands of reminders, and wording each costs the window's thread.
        self.reminder_model.set_rows_paged(snap.reminders, _reminder_row)
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

    def _show_counts(self, snap: dashboard_facts.Counts) -> None:
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

    def save_excel(self) -> bool:
        """The reminders of today, as listed (the same service, most urgent first)."""
        from swdesk.services.exports import export_reminders  # openpyxl: when a list is saved

        return save_list(self.ctx, self, "reminders_list", export_reminders, as_of=self.ctx.today())

    def _reminder_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reminder_detail.hide()
            return
        self.reminder_detail.setText(self.reminder_model.row_at(current.row()).tooltip)
        self.reminder_detail.show()

    def _open_reminder(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_reminder(index.data(KeyRole))

    def open_reminder(self, reminder: Reminder) -> None:
        """The application a waiting-application reminder is about, else the person."""
        if reminder.kind == "application_waiting":
            self.open_waiting_application(reminder.staff_id)
        elif reminder.staff_id:
            self.ctx.open_person.emit(int(reminder.staff_id))

    def open_waiting_application(self, staff_id: int | None) -> None:
        ops.Read(self.ctx, list_applications).success(
            lambda apps: self._show_waiting([a for a in apps if a.staff_id == staff_id])
        ).run()

    def _show_waiting(self, apps: list[Application]) -> None:
        waiting = [a for a in apps if a.status in OPEN]
        self.ctx.show_page.emit("applications")
        view = getattr(self.ctx.window, "view", None)
        if view is not None and waiting:
            view.page("applications").select_application(waiting[0].number)
