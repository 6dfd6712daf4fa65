"""A person's registration history on their page: each registration period of their
certificates, the hours done in it against the hours required, a lapse before it, and a
re-registration made with the hours short with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from swdesk.domain.training import hours_text
from swdesk.gui.context import AppContext
from swdesk.gui.person_tabs import PersonTab, make_table
from swdesk.gui.registration_fix_dialog import RegistrationFixDialog
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe, describe_all
from swdesk.services.registration_history import PeriodHours


class RegistrationsTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [
                _("Certificate"),
                _("Registration"),
                _("From"),
                _("To"),
                _("Hours"),
                _("Note"),
            ]  # fmt: skip
        )
        self.table = make_table(self.model)
        self.items: list[PeriodHours] = []
        hint = QLabel(_("Registrations are recorded on the Continuing education page."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.correct_button = QPushButton(_("Correct the date…"))
        self.correct_button.clicked.connect(lambda: self.fix(void=False))
        self.void_button = QPushButton(_("Void…"))
        self.void_button.clicked.connect(lambda: self.fix(void=True))
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.fix(void=False))
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.correct_button)
        row.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._selected()

    def title(self) -> str:
        return _("Registrations")

    def refresh(self) -> None:
        if self.record is None:
            return
        rules = self.ctx.profile.registration
        clause = rules.clause.ref if rules else ""
        rows = []
        self.items = self.record.registrations
        for item in self.items:
            p, hours = item.period, item.hours
            rows.append(
                Row(
                    [
                        item.credential.certificate_number,
                        p.kind.label(),
                        format_date(p.start, "iso"),
                        format_date(p.ends, "iso"),
                        f"{hours_text(hours.hours.total)}/{hours_text(hours.required)}"
                        if hours is not None and hours.required is not None
                        else "",
                        describe_all(p.notes(clause)),
                    ],
                    tooltip=describe(hours.reason) if hours is not None else "",
                )
            )
        self.model.set_rows(rows)
        self._selected()

    def selected(self) -> PeriodHours | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _selected(self, *_args: object) -> None:
        record = self.selected()
        can = record is not None and not self.ctx.facts.read_only
        self.correct_button.setEnabled(can)
        self.void_button.setEnabled(can)

    def fix(self, void: bool) -> None:
        item = self.selected()
        if item is None or self.ctx.facts.read_only:
            return
        record = item.period.record
        dialog = RegistrationFixDialog(
            self.ctx, record.id, item.credential.certificate_number, record.registered_on,  # type: ignore[arg-type]
            void, self,
        )  # fmt: skip
        dialog.open()
