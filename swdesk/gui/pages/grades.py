"""Post grades: each person's grade with appointing (the rule checked before saving, the reason and
clause shown when it refuses; the person, grade and date confirmed before it is recorded), the
ladder of the profile, and who could move up."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.domain.grades import REQUIRED_LEVEL, check_appointment
from swdesk.domain.staff import Staff
from swdesk.gui import ops
from swdesk.gui.column_fit import fit_combo
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.messages import confirm, error_text
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.search_filter import SearchFilterProxy
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, current_language, format_date, format_money
from swdesk.i18n.reasons import describe
from swdesk.services import grades as grade_service
from swdesk.services.changes import Area
from swdesk.services.overviews import GradeOverview, grade_overview


class GradesPage(Page):
    key = "grades"
    areas = frozenset({Area.STAFF, Area.CREDENTIALS, Area.GRADES, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._held: dict[int, list] = {}  # staff id -> (level, obtained) of each certificate
        title = QLabel(_("Post grades"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._people_tab(), _("Staff and grades"))
        self.tabs.addTab(self._promotable_tab(), _("Could move up"))
        self.tabs.addTab(self._ladder_tab(), _("Grade ladder"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    # ------------------------------------------------------------ building

    def _people_tab(self) -> QWidget:
        self.people_model = RowsModel(
            lambda: [
                _("Name"),
                _("Identity number"),
                _("Highest certificate"),
                _("Post grade"),
                _("Since"),
            ]
        )
        # Found by name, its pinyin or initials, as on the staff page.
        self.people_proxy = SearchFilterProxy(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.people_table = make_table(self.people_model)
        self.people_table.setModel(self.people_proxy)
        self.people_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.people_table.setSortingEnabled(True)
        self.people_table.selectionModel().selectionChanged.connect(self._person_selected)
        row_actions(
            self.people_table,
            edit=RowAction(_("Open the person"), lambda p: self.ctx.open_person.emit(p.id)),
        )
        self.remember("grades.people", self.people_table.horizontalHeader())
        self.people_search = QLineEdit()
        self.people_search.setPlaceholderText(_("Search by name (pinyin or initials too)"))
        self.people_search.setClearButtonEnabled(True)
        self.people_search.textChanged.connect(self.people_proxy.set_filter)

        box = QGroupBox(_("Appoint to a grade"))
        self.person_label = QLabel(_("Choose a person in the list."))
        self.person_label.setWordWrap(True)
        self.grade_combo = QComboBox()
        self.date = date_field(optional=False)
        self.note = QLineEdit()
        self.check_label = QLabel()
        self.check_label.setObjectName("ruleCheck")
        self.check_label.setWordWrap(True)
        self.appoint_button = QPushButton(_("Appoint"))
        self.appoint_button.setEnabled(False)
        self.appoint_button.clicked.connect(self.appoint)
        self.grade_combo.currentIndexChanged.connect(self._check)
        self.date.edit.textChanged.connect(self._check)
        form = QFormLayout(box)
        form.addRow(_("Person"), self.person_label)
        form.addRow(_("Grade"), self.grade_combo)
        form.addRow(_("From"), self.date)
        form.addRow(_("Note"), self.note)
        form.addRow(self.check_label)
        form.addRow(self.appoint_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.people_search)
        left_layout.addWidget(self.people_table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        box.setMaximumWidth(440)
        return splitter

    def _promotable_tab(self) -> QWidget:
        self.promotable_model = RowsModel(
            lambda: [_("Name"), _("Current grade"), _("Certificates allow"), _("Clause")]
        )
        self.promotable_table = make_table(self.promotable_model, sortable=True)
        row_actions(
            self.promotable_table,
            edit=RowAction(_("Appoint…"), lambda _s: self._appoint_promotable()),
        )
        hint = QLabel(_("Double-click a person to appoint them."))
        hint.setObjectName("hint")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.promotable_table, 1)
        layout.addWidget(hint)
        return page

    def _ladder_tab(self) -> QWidget:
        self.ladder_model = RowsModel(
            lambda: [
                _("Code"),
                _("Post grade"),
                _("Professional-technical post level"),
                _("Band"),
                _("Certificate needed"),
                _("Pay guidance (monthly)"),
            ]
        )
        self.ladder_table = make_table(self.ladder_model)
        self.clause_label = QLabel()
        self.clause_label.setWordWrap(True)
        self.clause_label.setObjectName("clauseText")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.ladder_table, 1)
        layout.addWidget(self.clause_label)
        return page

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        profile = self.ctx.profile
        lang = current_language()
        self.grade_combo.blockSignals(True)
        chosen = self.grade_combo.currentData()
        self.grade_combo.clear()
        for g in profile.grades:
            self.grade_combo.addItem(g.label(lang), g.code)
        if chosen is not None and self.grade_combo.findData(chosen) >= 0:
            self.grade_combo.setCurrentIndex(self.grade_combo.findData(chosen))
        self.grade_combo.blockSignals(False)
        fit_combo(
            self.grade_combo
        )  # 社会工作师一级岗位 and "Assistant social worker, grade 1" whole
        if not self.date.text():
            self.date.setText(self.ctx.today().isoformat())
        self.ladder_model.set_rows(
            [
                Row(
                    [
                        g.code,
                        g.label(lang),
                        str(g.post_level),
                        g.band.label(),
                        REQUIRED_LEVEL[g.band].label(),
                        format_money(profile.pay_guidance[g.code])
                        if g.code in profile.pay_guidance
                        else "",
                    ]
                )
                for g in profile.grades
            ]
        )
        clause = profile.appointment_clause
        self.clause_label.setText(
            _("Appointment rule, {ref}: {text}").format(ref=clause.ref, text=clause.text)
        )
        ops.Read(self.ctx, grade_overview).success(self._loaded).run()

    def _loaded(self, snap: GradeOverview) -> None:
        self._held = snap.held
        profile = self.ctx.profile
        lang = current_language()

        def grade(code: str | None) -> str:
            if not code:
                return ""
            try:
                return profile.grade(code).label(lang)
            except KeyError:
                return code

        selected = self.selected_staff()
        self.people_model.set_rows(
            [
                Row(
                    [
                        p.name,
                        p.masked_id(),
                        level.label() if level else _("no certificate"),
                        grade(a.grade_code if a else None),
                        format_date(a.appointed_on, "iso") if a else "",
                    ],
                    key=p,
                )
                for p, level, a in snap.people
            ]
        )
        self.promotable_model.set_rows(
            [
                Row(
                    [
                        item.staff.name,
                        item.current.label(lang) if item.current else _("none"),
                        item.allowed_band.label(),
                        item.clause,
                    ],
                    key=item.staff,
                )
                for item in snap.promotable
            ]
        )
        if selected is not None:
            self.select_staff(selected.id)  # type: ignore[arg-type]
        self._check()

    # ------------------------------------------------------------ appointing

    def selected_staff(self) -> Staff | None:
        rows = self.people_table.selectionModel().selectedRows()
        return rows[0].data(KeyRole) if rows else None

    def select_staff(self, staff_id: int) -> bool:
        for n, row in enumerate(self.people_model.rows()):
            if row.key.id == staff_id:
                index = self.people_proxy.mapFromSource(self.people_model.index(n, 0))
                self.people_table.selectRow(index.row())
                self.people_table.scrollTo(index)
                return True
        return False

    def _person_selected(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        person = self.selected_staff()
        self.person_label.setText(person.name if person else _("Choose a person in the list."))
        self._check()

    def _appoint_promotable(self) -> None:
        rows = self.promotable_table.selectionModel().selectedRows()
        if rows:
            self.tabs.setCurrentIndex(0)
            self.people_search.clear()
            self.select_staff(rows[0].data(KeyRole).id)

    def _check(self) -> bool:
        """Run the appointment rule on what is chosen, before anything is saved."""
        person = self.selected_staff()
        code = self.grade_combo.currentData()
        self.appoint_button.setEnabled(False)
        if person is None or code is None:
            self._show_check("", ok=True)
            return False
        try:
            on = self.date.value()
        except SwdeskError:
            self._show_check("", ok=True)
            return False
        held = self._held.get(person.id, [])  # type: ignore[arg-type]
        result = check_appointment(self.ctx.profile, code, held, on)
        text = "{reason}\n{clause}".format(
            reason=describe(result.reason),
            clause=_("Clause: {clause}").format(clause=result.clause.ref),
        )
        self._show_check(text, ok=result.allowed)
        self.appoint_button.setEnabled(result.allowed)
        return result.allowed

    def _show_check(self, text: str, *, ok: bool) -> None:
        self.check_label.setProperty("refused", not ok)
        self.check_label.style().unpolish(self.check_label)
        self.check_label.style().polish(self.check_label)
        self.check_label.setText(text)
        self.check_label.setVisible(bool(text))

    def appoint(self) -> bool:
        """Record the appointment chosen, once the user confirms who, which grade and from
        when; False when the rule refuses or the user does not confirm."""
        person = self.selected_staff()
        if person is None or not self._check():
            return False
        on = self.date.value()
        if not confirm(
            self,
            _("Appoint to a grade"),
            _("Appoint {name} to {grade} from {date}?").format(
                name=person.name, grade=self.grade_combo.currentText(), date=on.isoformat()
            ),
            _("Appoint"),
        ):
            return False
        ops.Write(
            self.ctx,
            grade_service.appoint,
            person.id_number,
            self.grade_combo.currentData(),
            on,
            self.note.text().strip(),
        ).success(lambda _c: self.note.clear()).failure(self._refused).over(self).run()
        return True

    def _refused(self, exc: Exception) -> None:
        self._show_check(error_text(exc), ok=False)
        self.appoint_button.setEnabled(False)
