"""The tabs of a person's page after the details: certificates (adding one, correcting or voiding
one), and the grade history (voiding a mistaken appointment). Voided records stay in the lists,
struck through. Each tab shows the page's record (services/person_record.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.domain.grades import Appointment, grade_named
from swdesk.domain.levels import Level
from swdesk.domain.staff import Credential
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormError
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.table_model import Row, RowsModel
from swdesk.gui.void_dialog import ask_reason
from swdesk.i18n import _, format_date
from swdesk.services import credentials, grades
from swdesk.services import staff as staff_service
from swdesk.services.person_record import PersonRecord

# Printed on every certificate of the national exam; offices rarely need another.
ISSUER = "人力资源和社会保障部 民政部"


def make_table(model: RowsModel, *, sortable: bool = False) -> QTableView:
    """A read-only table over ``model``; ``sortable`` tables start in the order given and sort
    when a header is clicked."""
    table = QTableView()
    table.setModel(model)
    if sortable:
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)

    def fit_once() -> None:
        # Columns fit their content the first time there is some, unless the user's own widths
        # were restored (Page.remember); after that the widths are the user's.
        if model.rowCount() and not header.property("fitted"):
            header.setProperty("fitted", True)
            if not header.property("restored"):
                table.resizeColumnsToContents()

    model.modelReset.connect(fit_once)
    row_actions(table)  # every table copies its rows; pages add edit and void where they apply
    return table


def voided_text(on: Any, reason: str) -> str:
    """What a voided record says of itself: 已作废（2026-11-21：录错了）."""
    return _("Voided ({date}: {reason})").format(
        date=format_date(on, "iso"), reason=reason or _("undone")
    )


def _live(record: Credential | Appointment) -> bool:
    return not record.voided


class PersonTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: PersonRecord | None = None

    def title(self) -> str:
        raise NotImplementedError

    def show_record(self, record: PersonRecord) -> None:
        self.record = record
        self.refresh()

    def refresh(self) -> None:
        """Show ``self.record``."""

    def form_state(self) -> tuple[Any, ...]:
        """Input typed into the tab and not saved yet (the dialog asks before it is lost)."""
        return ()


class CredentialsTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [
                _("Certificate"),
                _("Certificate number"),
                _("Obtained on"),
                _("Registered on"),
                _("Issued by"),
                _("Voided"),
            ]
        )
        self.table = make_table(self.model)
        self.actions = row_actions(
            self.table,
            edit=RowAction(_("Edit…"), self.edit, _live),
            void=RowAction(_("Void…"), self.void, _live),
        )
        self.level = QComboBox()
        for level in Level:
            self.level.addItem(level.label(), level.value)
        self.number = QLineEdit()
        self.obtained = date_field(optional=False)
        self.registered = date_field()
        self.issuer = QLineEdit(ISSUER)
        self.add_button = QPushButton(_("Add certificate"))
        self.add_button.clicked.connect(self.add)
        self.error = FormError({"obtained_on": self.obtained, "registered_on": self.registered})
        form = QFormLayout()
        form.addRow(_("Level"), self.level)
        form.addRow(_("Certificate number"), self.number)
        form.addRow(_("Obtained on"), self.obtained)
        form.addRow(_("Registered on"), self.registered)
        form.addRow(_("Issued by"), self.issuer)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        heading = QLabel(_("Record a certificate"))
        heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions.buttons())
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def title(self) -> str:
        return _("Certificates")

    def form_state(self) -> tuple[Any, ...]:
        return (self.number.text().strip(), self.obtained.text(), self.registered.text())

    def refresh(self) -> None:
        assert self.record is not None
        self.model.set_rows(
            [
                Row(
                    [
                        c.level.label(),
                        c.certificate_number,
                        format_date(c.obtained_on, "iso"),
                        format_date(c.registered_on, "iso"),
                        c.issuing_body,
                        voided_text(c.voided_on, c.void_reason) if c.voided else "",
                    ],
                    key=c,
                    struck=c.voided,
                )
                for c in self.record.credentials
            ]
        )
        self.actions.update_buttons()

    def add(self) -> bool:
        assert self.record is not None
        self.error.hide()
        try:
            obtained, registered = self.obtained.value(), self.registered.value()
        except SwdeskError as exc:  # a date not right yet: said under it
            self.error.show_error(exc)
            return False
        ops.Write(
            self.ctx,
            staff_service.add_credential,
            self.record.staff.id_number,
            level=Level(self.level.currentData()),
            certificate_number=self.number.text(),
            obtained_on=obtained,
            registered_on=registered,
            issuing_body=self.issuer.text(),
        ).success(lambda _c: self._added()).failure(self.error.show_error).over(self).run()
        return True

    def _added(self) -> None:
        self.number.clear()
        self.obtained.setText("")
        self.registered.setText("")

    def edit(self, credential: Credential) -> None:
        from swdesk.gui.credential_dialog import CredentialDialog

        CredentialDialog(self.ctx, credential, self).open()

    def void(self, credential: Credential) -> bool:
        reason = ask_reason(
            self,
            _("Void certificate"),
            _(
                "Void certificate {number} ({level})? It stays on this page, struck through, "
                "and counts nowhere: not for the continuing-education requirement, grades or "
                "awards."
            ).format(number=credential.certificate_number, level=credential.level.label()),
            _("Void certificate"),
        )
        if reason is None:
            return False
        ops.Write(
            self.ctx, credentials.void_credential, credential.certificate_number, reason
        ).over(self).run()
        return True


class GradeHistoryTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(lambda: [_("Post grade"), _("From"), _("Note"), _("Voided")])
        self.table = make_table(self.model)
        self.actions = row_actions(self.table, void=RowAction(_("Void…"), self.void, _live))
        hint = QLabel(
            _("Appointments are made on the Post grades page, where the rule is checked.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        go = QPushButton(_("Open Post grades"))
        go.clicked.connect(self._go)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(go)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions.buttons())
        layout.addLayout(row)

    def title(self) -> str:
        return _("Grade history")

    def refresh(self) -> None:
        assert self.record is not None
        profile = self.ctx.profile
        self.model.set_rows(
            [
                Row(
                    [
                        grade_named(profile, a.grade_code).label(),
                        format_date(a.appointed_on, "iso"),
                        a.note,
                        voided_text(a.voided_on, a.void_reason) if a.voided else "",
                    ],
                    key=a,
                    struck=a.voided,
                )
                for a in self.record.appointments
            ]
        )
        self.actions.update_buttons()

    def void(self, appointment: Appointment) -> bool:
        assert self.record is not None
        person = self.record.staff
        grade = grade_named(self.ctx.profile, appointment.grade_code).label()
        reason = ask_reason(
            self,
            _("Void the appointment"),
            _(
                "Void the appointment of {name} to {grade} from {date}? It stays in the "
                "history, struck through; the grade held before it counts again."
            ).format(name=person.name, grade=grade, date=appointment.appointed_on.isoformat()),
            _("Void the appointment"),
        )
        if reason is None:
            return False
        ops.Write(
            self.ctx, grades.void_appointment, person.id_number, appointment.appointed_on, reason
        ).over(self).run()
        return True

    def _go(self) -> None:
        self.ctx.show_page.emit("grades")
        self.window().close()


def make_tabs(ctx: AppContext, parent: QWidget) -> list[PersonTab]:
    from swdesk.gui.person_activity import activity_tabs
    from swdesk.gui.person_registrations import RegistrationsTab

    return [
        CredentialsTab(ctx, parent),
        RegistrationsTab(ctx, parent),
        GradeHistoryTab(ctx, parent),
        *activity_tabs(ctx, parent),
    ]
