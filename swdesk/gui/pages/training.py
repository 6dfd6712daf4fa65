"""Continuing education: the year's events with their attendees (record one, correct or delete
one, tick attendees, correct an attendee's hours, import a sign-in sheet) and the year's
compliance table with each status coloured."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.idnumber import mask
from swdesk.domain.training import TrainingEvent, form_label, hours_text
from swdesk.gui import ops
from swdesk.gui.column_fit import fit_columns
from swdesk.gui.context import AppContext
from swdesk.gui.list_export import ids_in_view, save_list
from swdesk.gui.messages import confirm
from swdesk.gui.pages.page import Page
from swdesk.gui.pages.training_compliance import CompliancePanel
from swdesk.gui.person_tabs import make_table
from swdesk.gui.registrations_tab import RegistrationsTab
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.search_filter import filter_box, select_row
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _
from swdesk.i18n.pinyin_search import search_key
from swdesk.services import exports, training
from swdesk.services import training_corrections as corrections
from swdesk.services.changes import Area


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
        self.excel_button = QPushButton(_("Save as Excel…"))
        self.excel_button.setToolTip(
            _("The events shown, in the order shown, with their attendees")
        )
        self.excel_button.clicked.connect(self.save_excel)
        bar.addWidget(self.excel_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._events_tab(), _("Events"))
        self.compliance = CompliancePanel(self)
        self.tabs.addTab(self.compliance, _("Compliance"))
        self.registrations = RegistrationsTab(ctx)
        self.tabs.addTab(self.registrations, _("Registrations"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _events_tab(self) -> QWidget:
        self.events_model = RowsModel(
            lambda: [_("Title"), _("Form"), _("Dates"), _("Hours"), _("Attendees"), _("Organiser")]
        )
        self.events_table = make_table(self.events_model, sortable=True)
        self.events_search = filter_box(
            self.events_table, self.events_model, _("Filter: title, organiser, pinyin or initials…")
        )
        self.events_proxy = self.events_search.proxy
        self.remember("training.events", self.events_table.horizontalHeader())
        self.events_table.selectionModel().selectionChanged.connect(self._event_selected)
        self.event_actions = row_actions(
            self.events_table,
            edit=RowAction(_("Edit…"), self.edit_event),
            void=RowAction(_("Delete…"), self.delete_event),
        )
        self.attendees_model = RowsModel(lambda: [_("Name"), _("Identity number"), _("Hours")])
        self.attendees_table = make_table(self.attendees_model)
        self.attendee_actions = row_actions(
            self.attendees_table,
            edit=RowAction(_("Correct the hours…"), self.set_hours),
            void=RowAction(_("Remove from event"), lambda _a: self.remove_attendee()),
            more=(
                RowAction(_("Open the person"), lambda a: self.ctx.open_person.emit(a["staff_id"])),
            ),
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
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.events_search)
        upper_layout.addWidget(self.events_table, 1)
        upper_layout.addLayout(self.event_actions.buttons())
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.attendees_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        return splitter

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.compliance.fill_requirements()
        ops.Read(self.ctx, training.list_events, self.year.value()).success(self._show_events).run()
        self.compliance.load(self.year.value())
        self.registrations.refresh()

    def save_excel(self) -> bool:
        """The events in view, in the order shown, one row per attendee, as a workbook."""
        ids = ids_in_view(self.events_proxy, KeyRole, key=lambda event: event.id)
        return save_list(
            self.ctx, self, "training_events", exports.export_training_events,
            year=self.year.value(), only=ids,
        )  # fmt: skip

    def _show_events(self, events: list[training.EventSummary]) -> None:
        chosen = self.selected_event()
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
                    search=search_key(e.event.title, e.event.organiser, form_label(e.event.form)),
                )
                for e in events
            ]
        )
        fit_columns(self.events_table)  # through the filter: the rows are there only now
        self.attendees_model.set_rows([])
        if chosen is None or not self.select_event(chosen.id):  # type: ignore[arg-type]
            self._event_selected()
        self.event_actions.update_buttons()

    def select_event(self, event_id: int) -> bool:
        return select_row(self.events_table, lambda event: event.id == event_id)

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
        ops.Read(self.ctx, training.attendees_of, event.id).success(
            lambda people: self._show_attendees(event, people)
        ).run()

    def _show_attendees(self, event: TrainingEvent, people: list[dict]) -> None:
        if self.selected_event() != event:
            return  # another event was chosen meanwhile
        self.attendees_model.set_rows(
            [Row([a["name"], mask(a["id_number"]), hours_text(a["hours"])], key=a) for a in people]
        )
        self.attendees_label.setText(
            _("{title}: {n} attendees").format(title=event.title, n=len(people))
        )
        self.attendee_actions.update_buttons()

    def record_event(self) -> None:
        from swdesk.gui.training_event_dialog import TrainingEventDialog

        TrainingEventDialog(self.ctx, None, self).open()

    def add_attendees(self) -> None:
        from swdesk.gui.training_event_dialog import TrainingEventDialog

        event = self.selected_event()
        if event is not None:
            TrainingEventDialog(self.ctx, event, self).open()

    def edit_event(self, event: TrainingEvent) -> None:
        from swdesk.gui.training_event_dialog import TrainingEventDialog

        TrainingEventDialog(self.ctx, event, self, correct=True).open()

    def delete_event(self, event: TrainingEvent) -> bool:
        if not confirm(
            self,
            _("Delete the training"),
            _(
                "Delete {title} ({dates}) with its attendance? The hours no longer count for "
                "anyone. Edit › Undo brings it back."
            ).format(title=event.title, dates=_date_span(event)),
            _("Delete"),
        ):
            return False
        ops.Write(self.ctx, corrections.delete_event, event.id).over(self).run()
        return True

    def set_hours(self, attendee: dict) -> bool:
        from PySide6.QtWidgets import QInputDialog

        event = self.selected_event()
        if event is None:
            return False
        text, ok = QInputDialog.getText(
            self,
            _("Correct the hours"),
            _("Hours of {name} at {title} (at most {most}):").format(
                name=attendee["name"], title=event.title, most=hours_text(event.hours)
            ),
            text=hours_text(attendee["hours"]),
        )
        if not ok:
            return False
        ops.Write(
            self.ctx, corrections.set_attendee_hours, event.id, attendee["id_number"], text
        ).over(self).run()
        return True

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
        ops.Write(self.ctx, training.remove_attendee, event.id, person["id_number"]).run()
        return True

    def _import(self) -> None:
        from swdesk.gui.import_wizard import ImportWizard

        ImportWizard(self.ctx, self, kind="training").open()


def _date_span(event: TrainingEvent) -> str:
    if event.start == event.end:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"
