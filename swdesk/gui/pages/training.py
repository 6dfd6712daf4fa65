"""Continuing education: the year's events with their attendees (record one, tick attendees, import
a sign-in sheet) and the year's compliance table with each status coloured."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.ce_compliance import Status, status_tally
from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.domain.profiles import CERequirement
from swdesk.domain.training import TrainingEvent, form_label, hours_text
from swdesk.gui.context import AppContext
from swdesk.gui.messages import confirm
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _
from swdesk.i18n.reasons import describe
from swdesk.services import training
from swdesk.services.ce_report import CEReport, ce_report, choose_requirement
from swdesk.services.changes import Area

STATUS_COLOURS = {
    Status.MET: QColor("#dcefdc"),
    Status.ON_PACE: QColor("#fff1cc"),
    Status.BEHIND: QColor("#fbdcdc"),
}


class TrainingPage(Page):
    key = "training"
    areas = frozenset({Area.TRAINING, Area.STAFF, Area.CREDENTIALS, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Continuing education"))
        title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setRange(2008, ctx.today().year + 1)
        self.year.setValue(ctx.today().year)
        self.year.setPrefix(_("Year") + " ")
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.add_button = QPushButton(_("Record a training event…"))
        self.add_button.clicked.connect(self.record_event)
        self.import_button = QPushButton(_("Import a sign-in sheet…"))
        self.import_button.clicked.connect(self._import)
        bar = QHBoxLayout()
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._events_tab(), _("Events"))
        self.tabs.addTab(self._compliance_tab(), _("Compliance"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _events_tab(self) -> QWidget:
        self.events_model = RowsModel(
            lambda: [_("Title"), _("Form"), _("Dates"), _("Hours"), _("Attendees"), _("Organiser")]
        )
        self.events_table = make_table(self.events_model, sortable=True)
        self.remember("training.events", self.events_table.horizontalHeader())
        self.events_table.selectionModel().selectionChanged.connect(self._event_selected)
        self.attendees_model = RowsModel(lambda: [_("Name"), _("Identity number"), _("Hours")])
        self.attendees_table = make_table(self.attendees_model)
        self.attendees_table.activated.connect(
            lambda index: self.ctx.open_person.emit(index.data(KeyRole)["staff_id"])
        )
        self.attendees_label = QLabel(_("Choose an event to see who attended."))
        self.attendees_label.setObjectName("hint")
        self.add_attendees_button = QPushButton(_("Add attendees…"))
        self.remove_button = QPushButton(_("Remove from event"))
        self.add_attendees_button.clicked.connect(self.add_attendees)
        self.remove_button.clicked.connect(self.remove_attendee)
        for button in (self.add_attendees_button, self.remove_button):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attendees_label, 1)
        buttons.addWidget(self.add_attendees_button)
        buttons.addWidget(self.remove_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.attendees_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.events_table)
        splitter.addWidget(lower)
        return splitter

    def _compliance_tab(self) -> QWidget:
        self.requirement = QComboBox()
        self._fill_requirements()
        self.requirement.currentIndexChanged.connect(lambda _i: self._load_compliance())
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
        self.remember("training.compliance", self.compliance_table.horizontalHeader())
        self.compliance_table.activated.connect(
            lambda index: self.ctx.open_person.emit(index.data(KeyRole))
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Requirement")))
        top.addWidget(self.requirement)
        top.addWidget(self.compliance_summary, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.compliance_table, 1)
        return page

    def _fill_requirements(self) -> None:
        """The profile's requirements (a profile change may bring others)."""
        wanted = [(_requirement_label(q), q.id) for q in self.ctx.ws.profile.ce_requirements]
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
            default = choose_requirement(self.ctx.ws.profile).id
            self.requirement.setCurrentIndex(max(0, self.requirement.findData(default)))
        self.requirement.blockSignals(False)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self._fill_requirements()
        year = self.year.value()
        self.ctx.background(lambda ws, _p: training.list_events(ws, year), self._show_events)
        self._load_compliance()

    def _show_events(self, events: list[training.EventSummary]) -> None:
        self.events_model.set_rows(
            [
                Row(
                    [
                        e.event.title,
                        form_label(e.event.form),
                        _date_span(e.event),
                        hours_text(e.event.hours),
                        str(e.attendees),
                        e.event.organiser,
                    ],
                    key=e.event,
                    sort=[
                        e.event.title,
                        e.event.form,
                        e.event.start,
                        e.event.hours,
                        e.attendees,
                        e.event.organiser,
                    ],
                )
                for e in events
            ]
        )
        self.attendees_model.set_rows([])
        self._event_selected()

    def _load_compliance(self) -> None:
        year, requirement = self.year.value(), self.requirement.currentData()
        as_of = min(self.ctx.today(), self.ctx.today().replace(year=year, month=12, day=31))

        def job(ws, _p):  # noqa: ANN001, ANN202 - worker job
            try:
                return ce_report(ws, year, as_of, requirement)
            except SwdeskError as exc:
                return exc

        self.ctx.background(job, self._show_compliance)

    def _show_compliance(self, report: CEReport | SwdeskError) -> None:
        if isinstance(report, SwdeskError):
            self.compliance_model.set_rows([])
            self.compliance_summary.setText(str(report))
            return
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
                    tooltip="{reason}\n{clause}".format(
                        reason=describe(c.reason),
                        clause=_("Clause: {clause}").format(clause=c.clause.ref),
                    ),
                )
            )  # fmt: skip
        self.compliance_model.set_rows(rows)
        self.compliance_summary.setText(
            _("As of {date}: {tally}.").format(
                date=report.as_of.isoformat(), tally=status_tally(report.counts())
            )
        )

    # ------------------------------------------------------------ events and attendees

    def selected_event(self) -> TrainingEvent | None:
        rows = self.events_table.selectionModel().selectedRows()
        return rows[0].data(KeyRole) if rows else None

    def _event_selected(self, *_args: QItemSelection) -> None:
        event = self.selected_event()
        self.add_attendees_button.setEnabled(event is not None)
        self.remove_button.setEnabled(event is not None)
        if event is None:
            self.attendees_model.set_rows([])
            self.attendees_label.setText(_("Choose an event to see who attended."))
            return
        people = training.attendees_of(self.ctx.ws, event.id)  # type: ignore[arg-type]
        from swdesk.domain.idnumber import mask

        self.attendees_model.set_rows(
            [Row([a["name"], mask(a["id_number"]), hours_text(a["hours"])], key=a) for a in people]
        )
        self.attendees_label.setText(
            _("{title}: {n} attendees").format(title=event.title, n=len(people))
        )

    def record_event(self) -> None:
        from swdesk.gui.training_event_dialog import TrainingEventDialog

        TrainingEventDialog(self.ctx, None, self).open()

    def add_attendees(self) -> None:
        from swdesk.gui.training_event_dialog import TrainingEventDialog

        event = self.selected_event()
        if event is not None:
            TrainingEventDialog(self.ctx, event, self).open()

    def remove_attendee(self) -> bool:
        event = self.selected_event()
        rows = self.attendees_table.selectionModel().selectedRows()
        if event is None or not rows:
            return False
        person = rows[0].data(KeyRole)
        if not confirm(
            self,
            _("Remove from event"),
            _("Remove {name} from {title}? Their {hours} hours no longer count.").format(
                name=person["name"], title=event.title, hours=hours_text(person["hours"])
            ),
            _("Remove"),
        ):
            return False
        return self.ctx.perform(training.remove_attendee, event.id, person["id_number"]) is not None

    def _import(self) -> None:
        from swdesk.gui.import_wizard import ImportWizard

        ImportWizard(self.ctx, self, kind="training").open()


def _requirement_label(q: CERequirement) -> str:
    """50 hours a year (FCG-2023 (八)); 72/90 hours per registration period (...)."""
    levels = [q.hours_by_level[lv] for lv in Level if lv in q.hours_by_level]
    hours = "/".join(hours_text(h) for h in levels) if levels else hours_text(q.hours)
    if q.period == "calendar_year":
        text = _("{hours} hours a year").format(hours=hours)
    else:
        text = _("{hours} hours per registration period").format(hours=hours)
    return f"{text} ({q.clause.ref})"


def _date_span(event: TrainingEvent) -> str:
    if event.start == event.end:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"
