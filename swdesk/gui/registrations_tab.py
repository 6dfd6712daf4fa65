"""The Continuing education page's registrations: each certificate holder's registration (due,
overdue, valid, open for renewal, expired), the hours of its period, any lapse before it, and
recording a (re-)registration."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from swdesk.domain.registration import RegState
from swdesk.domain.training import hours_text
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.services.registration import PersonRegistration, registration_overview

_STATE_COLOURS = {
    RegState.OVERDUE: QColor("#fbdcdc"),
    RegState.EXPIRED: QColor("#fbdcdc"),
    RegState.OPEN: QColor("#fff1cc"),
    RegState.DUE: QColor("#fff1cc"),
}


class RegistrationsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsModel(
            lambda: [
                _("Name"),
                _("Certificate"),
                _("State"),
                _("Date"),
                _("Hours of the period"),
                _("Lapse"),
            ]
        )
        self.table = make_table(self.model, sortable=True)
        self.table.activated.connect(
            lambda index: self.ctx.open_person.emit(index.data(KeyRole).staff.id)
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.record_button = QPushButton(_("Record a registration…"))
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        ops.Read(self.ctx, registration_overview).success(self._show).failure(self._show).run()

    def _show(self, items: list[PersonRegistration] | Exception) -> None:
        if isinstance(items, Exception):
            self.model.set_rows([])
            self.summary.setText(str(items))
            return
        rows = []
        for i in items:
            hours = i.hours
            shown = (
                f"{hours_text(hours.hours.total)}/{hours_text(hours.required)}"
                if hours is not None and hours.required is not None
                else ""
            )
            lapse = describe(i.lapse())
            rows.append(
                Row(
                    [
                        i.staff.name,
                        i.status.credential.certificate_number,
                        i.status.state.label(),
                        format_date(i.status.due, "iso"),
                        shown,
                        lapse,
                    ],
                    key=i,
                    sort=[
                        i.staff.name,
                        i.status.credential.certificate_number,
                        i.status.state.value,
                        i.status.due,
                        hours.hours.total if hours else 0,
                        lapse,
                    ],  # fmt: skip
                    background=_STATE_COLOURS.get(i.status.state),
                    tooltip=_("Clause: {clause}").format(clause=i.status.clause.ref),
                )
            )
        self.model.set_rows(rows)
        self.summary.setText(
            _("{n} certificate holders. Choose one to record a registration.").format(n=len(items))
        )
        self._selected()

    def selected(self) -> PersonRegistration | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(KeyRole) if rows else None

    def _selected(self, *_args: QItemSelection) -> None:
        self.record_button.setEnabled(self.selected() is not None)

    def record(self) -> None:
        from swdesk.gui.registration_dialog import RegistrationDialog

        item = self.selected()
        if item is not None:
            RegistrationDialog(self.ctx, item, self).open()
