"""Staff: the table with a search box that filters as you type; a double-click opens the person."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from swdesk.domain.grades import grade_named
from swdesk.gui import ops
from swdesk.gui.column_fit import fit_columns
from swdesk.gui.context import AppContext
from swdesk.gui.list_export import ids_in_view, save_list
from swdesk.gui.pages.page import Page
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.staff_model import StaffFilterProxy, StaffIdRole, StaffTableModel
from swdesk.i18n import _, ngettext
from swdesk.services.changes import Area
from swdesk.services.overviews import StaffRow, staff_first_screen, staff_table


class StaffPage(Page):
    key = "staff"
    areas = frozenset({Area.STAFF, Area.CREDENTIALS, Area.GRADES, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Staff"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            _("Search name (pinyin or initials too), identity number or phone (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.show_left = QCheckBox(_("Show people who have left"))
        self.show_left.setChecked(True)
        self.add_button = QPushButton(_("Add a person…"))
        self.add_button.setToolTip(_("Add a person (Ctrl+Shift+N)"))
        self.import_button = QPushButton(_("Import from a spreadsheet…"))
        self.excel_button = QPushButton(_("Save as Excel…"))
        self.excel_button.setToolTip(
            _("The people shown, in the order shown, with their certificates and grades")
        )
        self.excel_button.clicked.connect(self.save_excel)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")

        self.model = StaffTableModel(self)
        self.proxy = StaffFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("staffTable")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if not self.remember("staff", header):
            for column, width in enumerate((120, 60, 170, 120, 150, 190, 100)):
                header.resizeSection(column, width)

        # Filtering 20,000 rows takes a few milliseconds; a short pause lets fast typists finish.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._apply_filter)
        self.show_left.toggled.connect(self._apply_filter)
        self.actions = row_actions(
            self.table, edit=RowAction(_("Edit…"), self.ctx.open_person.emit)
        )
        self.add_button.clicked.connect(lambda: ctx.open_person.emit(0))
        self.import_button.clicked.connect(self._import)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.add_button.click)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_left)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.excel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        below = self.actions.buttons()
        below.insertWidget(0, self.count_label, 1)
        layout.addLayout(below)
        self.setTabOrder(self.search, self.show_left)
        self.setTabOrder(self.show_left, self.add_button)
        self.setTabOrder(self.add_button, self.table)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.count_label.setText(_("Loading…"))
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        # An empty table in the order people were added: its first screenful from one query
        # shows while the whole list (and its search keys) is read.
        if self.model.rowCount() == 0 and self.table.horizontalHeader().sortIndicatorSection() < 0:
            ops.Read(self.ctx, staff_first_screen).success(
                lambda rows: self._first_screen(rows, generation)
            ).run()
        ops.Read(self.ctx, staff_table).success(self._loaded).run()

    def _first_screen(self, rows: list[StaffRow], generation: int) -> None:
        if generation != self._generation or self.model.rowCount() > 0:
            return
        profile = self.ctx.profile
        self.model.set_rows(rows, self.ctx.today(), lambda code: grade_named(profile, code).label())

    def _loaded(self, rows: list[StaffRow]) -> None:
        self._generation = getattr(self, "_generation", 0) + 1  # a first screen still due: stale
        profile = self.ctx.profile
        self.model.set_rows(rows, self.ctx.today(), lambda code: grade_named(profile, code).label())
        fit_columns(self.table)
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        if 0 <= column < self.model.columnCount():
            self.model.sort(column, header.sortIndicatorOrder())
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.filter_by(self.search.text(), self.show_left.isChecked())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = ngettext("{n} person", "{n} people", total).format(n=total)
        else:
            text = _("{shown} of {total} shown").format(shown=shown, total=total)
        self.count_label.setText(text)

    # ------------------------------------------------------------ actions

    def save_excel(self) -> bool:
        """The rows in view, filtered and sorted as shown, as a workbook."""
        ids = ids_in_view(self.proxy, StaffIdRole)
        from swdesk.services.exports import export_staff  # openpyxl: when a list is saved

        return save_list(self.ctx, self, "staff_list", export_staff, only=ids)

    def _import(self) -> None:
        from swdesk.gui.import_wizard import ImportWizard

        ImportWizard(self.ctx, self).open()
