"""见习人员 — the interns of the agency as an employment-practice base (FCG-2023 (十六)): the
recognition that must come first, each intern with the months of practice and the subsidies the
bureau pays for them, recorded and removed here; the claim list is printed from 打印与报表."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from swdesk.domain import idnumber
from swdesk.domain.interns import SUBSIDY_LABELS, Intern, subsidies_of
from swdesk.gui import ops
from swdesk.gui.column_fit import fit_columns
from swdesk.gui.context import AppContext
from swdesk.gui.pages.page import Page
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.search_filter import filter_box
from swdesk.gui.table_model import Row, RowsModel
from swdesk.gui.void_dialog import ask_reason
from swdesk.i18n import _, format_list
from swdesk.i18n.pinyin_search import search_key
from swdesk.services.changes import Area
from swdesk.services.interns import InternsOverview, interns_overview, remove_intern


class InternsPage(Page):
    key = "interns"
    areas = frozenset({Area.INTERNS, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.overview: InternsOverview | None = None
        self._by_id: dict[int, Intern] = {}
        title = QLabel(_("Interns"))
        title.setObjectName("pageTitle")
        self.base = QLabel()
        self.base.setWordWrap(True)
        self.base_button = QPushButton(_("Record the recognition…"))
        self.base_button.clicked.connect(self.record_base)
        self.add_button = QPushButton(_("Record an intern…"))
        self.add_button.clicked.connect(self.add)
        self.add_button.setEnabled(False)
        self.model = RowsModel(
            lambda: [
                _("Name"),
                _("Identity number"),
                _("School"),
                _("Graduated on"),
                _("Practice from"),
                _("Months"),
                _("Until"),
                _("Subsidies"),
            ]
        )
        self.table = make_table(self.model, sortable=True)
        self.search = filter_box(
            self.table, self.model, _("Filter: name, pinyin or initials, school…")
        )
        self.remember("interns.table", self.table.horizontalHeader())
        self.actions = row_actions(
            self.table, void=RowAction(_("Remove…"), self.remove, lambda key: key is not None)
        )
        top = QHBoxLayout()
        top.addWidget(self.base, 1)
        top.addWidget(self.base_button)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.add_button)
        hint = QLabel(_("The claim list of a period is printed from Print and reports."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions.buttons())
        layout.addWidget(hint)

    def refresh(self) -> None:
        ops.Read(self.ctx, interns_overview).success(self._show).run()

    def _show(self, overview: InternsOverview) -> None:
        self.overview = overview
        if overview.clause is None:
            self.base.setText(
                _("The policy profile {profile} has no rules for interns.").format(
                    profile=self.ctx.profile.id
                )
            )
        elif overview.recognised_on is None:
            self.base.setText(
                _(
                    "Not recorded as an employment-practice base yet: record which bureau "
                    "recognised the agency, and when, before the first intern ({clause})."
                ).format(clause=overview.clause)
            )
        else:
            self.base.setText(
                _("Employment-practice base recognised by {by} on {date} ({clause}).").format(
                    by=overview.recognised_by,
                    date=overview.recognised_on.isoformat(),
                    clause=overview.clause,
                )
            )
        self.base_button.setEnabled(overview.clause is not None)
        self.add_button.setEnabled(overview.recognised_on is not None)
        self._by_id = {i.id: i for i in overview.interns if i.id is not None}
        self.model.set_rows([_row(i) for i in overview.interns])
        fit_columns(self.table)
        self.actions.update_buttons()

    def record_base(self) -> None:
        from swdesk.gui.intern_dialog import BaseDialog

        if self.overview is None or self.overview.clause is None:
            return
        dialog = BaseDialog(self.ctx, self.overview.clause, self)
        if self.overview.recognised_on is not None:
            dialog.by.setText(self.overview.recognised_by)
            dialog.date.setText(self.overview.recognised_on.isoformat())
            dialog.remember_input()
        dialog.open()

    def add(self) -> None:
        from swdesk.gui.intern_dialog import InternDialog

        if self.overview is None or self.overview.clause is None:
            return
        InternDialog(self.ctx, self.overview.clause, self).open()

    def remove(self, intern_id: int) -> bool:
        intern = self._by_id.get(intern_id)
        if intern is None:
            return False
        reason = ask_reason(
            self,
            _("Remove an intern"),
            _("Remove the record of {name}, practice from {date}?").format(
                name=intern.name, date=intern.started_on.isoformat()
            ),
            _("Remove"),
            _("The record is removed; the change log keeps it. Edit › Undo takes this back."),
        )
        if reason is None:
            return False
        ops.Write(self.ctx, remove_intern, intern_id, reason).over(self).run()
        return True


def _row(intern: Intern) -> Row:
    subsidies = format_list([_(SUBSIDY_LABELS[code]) for code in subsidies_of(intern)])
    return Row(
        [
            intern.name,
            idnumber.mask(intern.id_number),
            intern.school,
            intern.graduated_on.isoformat(),
            intern.started_on.isoformat(),
            str(intern.months),
            intern.ends_on.isoformat(),
            subsidies,
        ],
        key=intern.id,
        sort=[
            intern.name,
            intern.id_number,
            intern.school,
            intern.graduated_on,
            intern.started_on,
            intern.months,
            intern.ends_on,
            subsidies,
        ],  # fmt: skip
        search=search_key(intern.name, intern.school),
        tooltip=subsidies,
    )
