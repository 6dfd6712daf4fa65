"""Awards and reimbursements: who is eligible for what, with every condition and its clause; the
applications with their history; and the steps of their life (submit, approve, reject, pay,
withdraw). The rules and the life are the services'; this page asks and shows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import Application, Status, check_step, money_text
from swdesk.domain.errors import ValidationError
from swdesk.domain.reasons import Reason
from swdesk.gui import ops
from swdesk.gui.application_files import ApplicationFiles
from swdesk.gui.column_fit import fit_columns
from swdesk.gui.context import AppContext
from swdesk.gui.list_export import ids_in_view, save_list
from swdesk.gui.messages import error_text
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.search_filter import filter_box, select_row
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.pinyin_search import search_key
from swdesk.i18n.reasons import describe
from swdesk.services import awards, claims
from swdesk.services.changes import Area
from swdesk.services.exports import export_applications
from swdesk.services.overviews import ApplicationsOverview, applications_overview

_STATUS_COLOURS = {
    Status.DRAFT: QColor("#eef1f4"),
    Status.SUBMITTED: QColor("#fff1cc"),
    Status.APPROVED: QColor("#dcebfa"),
    Status.PAID: QColor("#dcefdc"),
    Status.REJECTED: QColor("#fbdcdc"),
}
_ELIGIBLE = QColor("#dcefdc")
# The steps several applications take at once; rejecting or withdrawing is decided one by one.
_BATCH_STEPS = frozenset({Status.SUBMITTED, Status.APPROVED, Status.PAID})


class ApplicationsPage(Page):
    key = "applications"
    areas = frozenset(
        {Area.APPLICATIONS, Area.AWARDS, Area.STAFF, Area.CREDENTIALS, Area.SETTINGS,
         Area.ATTACHMENTS}
    )  # fmt: skip

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._pending: str | None = None  # an application to select once the list has loaded
        title = QLabel(_("Awards and reimbursements"))
        title.setObjectName("pageTitle")
        self.new_button = QPushButton(_("New application…"))
        self.new_button.clicked.connect(self._new)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._applications_tab(), _("Applications"))
        self.tabs.addTab(self._eligibility_tab(), _("Who is eligible"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    # ------------------------------------------------------------ building

    def _applications_tab(self) -> QWidget:
        self.filter = QComboBox()
        self.filter.addItem(_("All"), None)
        for status in Status:
            self.filter.addItem(status.label(), status.value)
        self.filter.currentIndexChanged.connect(lambda _i: self._show_applications())
        self.apps_model = RowsModel(
            lambda: [
                _("Number"),
                _("Kind"),
                _("Person"),
                _("Amount (CNY)"),
                _("Status"),
                _("Last step"),
            ]
        )
        self.apps_table = make_table(self.apps_model, sortable=True)
        self.search = filter_box(
            self.apps_table, self.apps_model, _("Filter: number, name, pinyin or initials…")
        )
        self.apps_proxy = self.search.proxy
        # Several at once (Ctrl or Shift and click): submit, approve or record the payment of all.
        self.apps_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remember("applications.list", self.apps_table.horizontalHeader())
        self.apps_table.selectionModel().currentRowChanged.connect(self._app_selected)
        self.apps_table.selectionModel().selectionChanged.connect(self._app_selected)
        # An application is never edited or deleted: it is withdrawn, with a reason, and a wrong
        # step is undone (Edit › Undo); its person is corrected on the person's page.
        self.app_actions = row_actions(
            self.apps_table,
            edit=RowAction(
                _("Open the person"),
                lambda app: self.ctx.open_person.emit(app.staff_id),
                lambda app: app.staff_id is not None,
            ),
            void=RowAction(
                _("Withdraw…"),
                lambda _app: self.step(Status.WITHDRAWN),
                lambda app: _step_allowed(app, Status.WITHDRAWN, self.ctx.today()),
            ),
        )
        self.step_buttons: dict[Status, QPushButton] = {}
        buttons = QHBoxLayout()
        labels = {
            Status.SUBMITTED: _("Submit…"),
            Status.APPROVED: _("Approve…"),
            Status.REJECTED: _("Reject…"),
            Status.PAID: _("Record payment…"),
            Status.WITHDRAWN: _("Withdraw…"),
        }
        for status, text in labels.items():
            button = QPushButton(text)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, s=status: self.step(s))
            self.step_buttons[status] = button
            buttons.addWidget(button)
        self.print_button = QPushButton(_("Print packet…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self._print)
        self.excel_button = QPushButton(_("Save as Excel…"))
        self.excel_button.setToolTip(_("The applications shown, in the order shown"))
        self.excel_button.clicked.connect(self.save_excel)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.excel_button)
        self.history_model = RowsModel(
            lambda: [_("Step"), _("Date"), _("By"), _("Reason"), _("Amount"), _("Recorded")]
        )
        self.history_table = make_table(self.history_model)
        self.details = QLabel()
        self.details.setObjectName("clauseText")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show")))
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.apps_table, 1)
        upper_layout.addLayout(buttons)
        steps = QWidget()
        steps_layout = QVBoxLayout(steps)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("History"))
        heading.setObjectName("sectionTitle")
        steps_layout.addWidget(heading)
        steps_layout.addWidget(self.history_table, 1)
        # The conditions can run to a dozen lines: they scroll in their own pane, which the user
        # sizes against the history (remembered), so the history keeps room for its steps.
        conditions = QScrollArea()
        conditions.setWidgetResizable(True)
        conditions.setFrameShape(QFrame.Shape.NoFrame)
        conditions.setWidget(self.details)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        history = QSplitter(Qt.Orientation.Vertical)
        history.setObjectName("historySplitter")
        history.addWidget(steps)
        history.addWidget(conditions)
        history.setStretchFactor(0, 3)
        history.setStretchFactor(1, 2)
        history.setCollapsible(0, False)  # the conditions may be dragged away, not the steps
        self.history_splitter = history
        self.remember("applications.history", history)
        self.files = ApplicationFiles(self.ctx)
        lower = QSplitter()
        lower.addWidget(history)
        lower.addWidget(self.files)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        self.remember("applications.split", splitter)
        return splitter

    def _eligibility_tab(self) -> QWidget:
        self.elig_model = RowsModel(
            lambda: [
                _("Name"),
                _("Award"),
                _("Level"),
                _("Eligible"),
                _("Amount due"),
                _("Already paid"),
                _("Application"),
            ]
        )
        self.elig_table = make_table(self.elig_model, sortable=True)
        self.elig_search = filter_box(
            self.elig_table, self.elig_model, _("Filter: name, pinyin or initials, award…")
        )
        self.remember("applications.eligible", self.elig_table.horizontalHeader())
        self.elig_table.selectionModel().currentRowChanged.connect(self._standing_selected)
        row_actions(
            self.elig_table,
            edit=RowAction(_("Open the person"), lambda s: self.ctx.open_person.emit(s.staff.id)),
        )
        self.explain = QLabel(_("Choose a person to see every condition and its clause."))
        self.explain.setObjectName("clauseText")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.create_button = QPushButton(_("Create the level-award application"))
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_level_award)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.elig_search)
        layout.addWidget(self.elig_table, 1)
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        return page

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        ops.Read(self.ctx, applications_overview).success(self._loaded).run()

    def _loaded(self, snap: ApplicationsOverview) -> None:
        self._snap = snap
        self._show_applications()
        selected = self.selected_standing()
        self.elig_model.set_rows(
            [
                Row(
                    [
                        s.staff.name,
                        s.award_label,
                        s.level.label() if s.level else "",
                        _eligible_text(s),
                        money_text(s.amount_due) if s.kind == "cash" else "",
                        money_text(s.already_paid) if s.kind == "cash" else "",
                        s.open_application or "",
                    ],
                    key=s,
                    sort=[s.staff.name, s.award_label, s.level.rank if s.level else 0,
                          (not s.eligible, s.eligible_from or s.staff.hire_date),
                          s.amount_due, s.already_paid, s.open_application or ""],
                    background=_ELIGIBLE if s.eligible and s.amount_due > 0 else None,
                    search=search_key(s.staff.name, s.award_label, _eligible_text(s)),
                )
                for s in snap.standings
            ]
        )  # fmt: skip
        fit_columns(self.elig_table)
        if selected is not None:
            self.select_standing(selected.staff.id, selected.award)  # type: ignore[arg-type]
        self._standing_selected()

    def _show_applications(self) -> None:
        chosen = self.selected_application()
        wanted = self.filter.currentData()
        apps = [a for a in getattr(self, "_snap", ApplicationsOverview([], [])).applications
                if wanted is None or a.status.value == wanted]  # fmt: skip
        self.apps_model.set_rows(
            [
                Row(
                    [a.number, a.kind.label(), a.person, money_text(a.amount), a.status.label(),
                     a.last_date.isoformat()],
                    key=a,
                    sort=[a.number, a.kind.value, a.person, a.amount, a.status.value, a.last_date],
                    background=_STATUS_COLOURS.get(a.status),
                    search=search_key(a.number, a.person, a.kind.label(), a.status.label()),
                )
                for a in apps
            ]
        )  # fmt: skip
        fit_columns(self.apps_table)
        wanted = self._pending or (chosen.number if chosen else None)
        if wanted is not None:
            self.select_application(wanted)
        self._app_selected()

    # ------------------------------------------------------------ applications

    def selected_application(self) -> Application | None:
        index = self.apps_table.selectionModel().currentIndex()
        return index.data(KeyRole) if index.isValid() else None

    def select_application(self, number: str) -> bool:
        """Select it; if the list is still loading, select it once it is there."""
        self.tabs.setCurrentIndex(0)
        if select_row(self.apps_table, lambda app: app.number == number):
            self._pending = None
            return True
        if self.search.text() and any(r.key.number == number for r in self.apps_model.rows()):
            self.search.clear()  # it is there but filtered out: show the whole list again
            self.search.apply()
            return self.select_application(number)
        self._pending = number
        return False

    def selected_applications(self) -> list[Application]:
        """Every application selected, in the order of the list."""
        rows = sorted(self.apps_table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(KeyRole) for index in rows]

    def _app_selected(self, *_args: object) -> None:
        app = self.selected_application()
        chosen = self.selected_applications() or ([app] if app is not None else [])
        today = self.ctx.today()
        for status, button in self.step_buttons.items():
            button.setEnabled(
                bool(chosen)
                and all(_step_allowed(a, status, today) for a in chosen)
                and (len(chosen) == 1 or status in _BATCH_STEPS)
            )
        self.print_button.setEnabled(app is not None)
        self.files.show_application(app)
        if app is None:
            self.history_model.set_rows([])
            self.details.setText("")
            return
        undone = app.undone_steps
        self.history_model.set_rows(
            [
                Row([_("Undone") if s.is_undo else s.status.label(), s.on.isoformat(), s.by,
                     _("back to {status}").format(status=s.status.label()) if s.is_undo
                     else s.reason,
                     money_text(s.amount) if s.amount is not None else "",
                     _recorded(s.recorded_at, s.recorded_by)],
                    struck=s.id in undone)
                for s in app.steps
            ]
        )  # fmt: skip
        fit_columns(self.history_table)  # 环节 and 原因 whole (已报送, 不予批准 …)
        self.details.setText(_application_details(app))

    def step(self, target: Status) -> None:
        from swdesk.gui.step_dialog import StepDialog

        chosen = self.selected_applications()
        app = self.selected_application()
        if len(chosen) > 1:
            StepDialog(self.ctx, chosen, target, self).open()
        elif app is not None:
            StepDialog(self.ctx, app, target, self).open()

    def save_excel(self) -> bool:
        """The applications in view, in the order shown, as a workbook."""
        ids = ids_in_view(self.apps_proxy, KeyRole, key=lambda app: app.id)
        return save_list(self.ctx, self, "applications_list", export_applications, only=ids)

    def _new(self) -> None:
        from swdesk.gui.new_application_dialog import NewApplicationDialog

        NewApplicationDialog(self.ctx, self).open()

    def _print(self) -> None:
        app = self.selected_application()
        window = self.ctx.window
        view = getattr(window, "view", None)
        if app is None or view is None:
            return
        page = view.page("printing")
        self.ctx.show_page.emit("printing")
        if hasattr(page, "select"):
            page.select("packet")
            index = page.application.findData(app.number)
            if index >= 0:
                page.application.setCurrentIndex(index)

    # ------------------------------------------------------------ eligibility

    def selected_standing(self) -> awards.Standing | None:
        index = self.elig_table.selectionModel().currentIndex()
        return index.data(KeyRole) if index.isValid() else None

    def select_standing(self, staff_id: int, award: str) -> bool:
        return select_row(self.elig_table, lambda s: s.staff.id == staff_id and s.award == award)

    def _standing_selected(self, *_args: QModelIndex) -> None:
        s = self.selected_standing()
        self.create_button.setEnabled(
            s is not None and s.kind == "cash" and s.eligible and s.amount_due > 0
            and not s.open_application
        )  # fmt: skip
        if s is None:
            self.explain.setText(_("Choose a person to see every condition and its clause."))
            return
        lines = [f"{s.staff.name} — {s.award_label}"]
        for r in s.reasons:
            lines.append(
                "{mark} {text}  [{clause}]".format(
                    mark="✔" if r.held else "✘", text=describe(r), clause=r.clause
                )
            )
        self.explain.setText("\n".join(lines))

    def create_level_award(self) -> bool:
        s = self.selected_standing()
        if s is None:
            return False
        ops.Write(self.ctx, claims.create_level_award, s.staff.id_number).success(
            lambda _c: self.tabs.setCurrentIndex(0)
        ).failure(lambda exc: self.explain.setText(error_text(exc))).run()
        return True


def _recorded(at: str, by: str) -> str:
    """When and by whom a step was entered: 2026-11-21 09:30 黄丽华 (the stored value is ISO)."""
    try:
        when = dt.datetime.fromisoformat(at).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        when = at
    return f"{when} {by}".strip()


def _step_allowed(app: Application, target: Status, today: dt.date) -> bool:
    """Whether the life of an application lets it take ``target`` next: the domain's own check,
    asked with today's date and placeholders for what the step dialog will ask."""
    try:
        check_step(app, target, today, today, by="-", reason="-")
    except ValidationError as exc:
        return exc.field != "status"
    return True


def _eligible_text(s: awards.Standing) -> str:
    if s.eligible:
        return _("Yes")
    if s.eligible_from is not None:
        return _("From {date}").format(date=format_date(s.eligible_from, "iso"))
    return _("No")


def _application_details(app: Application) -> str:
    lines = [_("{number}: {kind}, {person}, {amount} CNY").format(
        number=app.number, kind=app.kind.label(), person=app.person, amount=money_text(app.amount))]  # fmt: skip
    if app.details.get("reasons"):
        lines.append(_("Conditions when the application was made:"))
    for data in app.details.get("reasons", []) or []:
        if isinstance(data, dict):  # a nomination's reasons are the nominator's own words
            reason = Reason.from_data(data)
            mark = "✔" if reason.held else "✘"
            lines.append(f"{mark} {describe(reason)}  [{reason.clause}]")
    if app.details.get("clause"):
        lines.append(_("Clause: {clause}").format(clause=app.details["clause"]))
    paid = [
        s
        for s in app.steps
        if s.status is Status.PAID and not s.is_undo and s.id not in app.undone_steps
    ]
    if app.status is Status.PAID and paid:
        lines.append(
            _("Paid on {date}: {amount} CNY. Nothing more is due for it.").format(
                date=paid[-1].on.isoformat(), amount=money_text(paid[-1].amount or app.amount)
            )
        )
    elif app.status in (Status.REJECTED, Status.WITHDRAWN):
        lines.append(_("Now {status}: nothing is paid for it.").format(status=app.status.label()))
    return "\n".join(lines)
