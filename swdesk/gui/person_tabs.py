"""The tabs of a person's page after the details: certificates (with adding one), grade history,
and the tabs whose services may not be in this version yet."""

from __future__ import annotations

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
from swdesk.domain.levels import Level
from swdesk.domain.staff import Staff
from swdesk.gui.context import AppContext
from swdesk.gui.fields import CheckedField, date_field
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _, current_language, format_date
from swdesk.services import grades as grade_service
from swdesk.services import staff as staff_service

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
    return table


class PersonTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person: Staff | None = None

    def title(self) -> str:
        raise NotImplementedError

    def show_person(self, person: Staff) -> None:
        self.person = person
        self.refresh()

    def refresh(self) -> None:
        """Reload from the services for ``self.person``."""


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
            ]
        )
        self.table = make_table(self.model)
        self.level = QComboBox()
        for level in Level:
            self.level.addItem(level.label(), level.value)
        self.number = QLineEdit()
        self.obtained = date_field(optional=False)
        self.registered = date_field()
        self.issuer = QLineEdit(ISSUER)
        self.add_button = QPushButton(_("Add certificate"))
        self.add_button.clicked.connect(self.add)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
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
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def title(self) -> str:
        return _("Certificates")

    def refresh(self) -> None:
        assert self.person is not None and self.person.id is not None
        rows = [
            Row(
                [
                    c.level.label(),
                    c.certificate_number,
                    format_date(c.obtained_on, "iso"),
                    format_date(c.registered_on, "iso"),
                    c.issuing_body,
                ],
                key=c.id,
            )
            for c in staff_service.credentials_of(self.ctx.ws, self.person.id)
        ]
        self.model.set_rows(rows)

    def add(self) -> bool:
        assert self.person is not None
        self.error.hide()
        try:
            changes = staff_service.add_credential(
                self.ctx.ws,
                self.person.id_number,
                level=Level(self.level.currentData()),
                certificate_number=self.number.text(),
                obtained_on=self.obtained.value(),
                registered_on=self.registered.value(),
                issuing_body=self.issuer.text(),
            )
        except SwdeskError as exc:
            field = {"obtained_on": self.obtained, "registered_on": self.registered}.get(
                getattr(exc, "field", None) or ""
            )
            if isinstance(field, CheckedField):
                field.show_error(str(exc))
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.ctx.announce(changes)
        self.number.clear()
        self.obtained.setText("")
        self.registered.setText("")
        self.refresh()
        return True


class GradeHistoryTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(lambda: [_("Post grade"), _("From"), _("Note")])
        self.table = make_table(self.model)
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
        layout.addLayout(row)

    def title(self) -> str:
        return _("Grade history")

    def refresh(self) -> None:
        assert self.person is not None and self.person.id is not None
        profile = self.ctx.ws.profile
        rows = []
        for a in grade_service.history(self.ctx.ws, self.person.id):
            try:
                label = profile.grade(a.grade_code).label(current_language())
            except KeyError:
                label = a.grade_code
            rows.append(Row([label, format_date(a.appointed_on, "iso"), a.note]))
        self.model.set_rows(rows)

    def _go(self) -> None:
        self.ctx.show_page.emit("grades")
        window = self.window()
        window.close()


def make_tabs(ctx: AppContext, parent: QWidget) -> list[PersonTab]:
    from swdesk.gui.person_activity import activity_tabs
    from swdesk.gui.person_registrations import RegistrationsTab

    return [
        CredentialsTab(ctx, parent),
        RegistrationsTab(ctx, parent),
        GradeHistoryTab(ctx, parent),
        *activity_tabs(ctx, parent),
    ]
