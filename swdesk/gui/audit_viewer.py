"""Tools › Change log: who changed what, and when, in the user's language — narrowed by dates,
person, user and kind. Identity and phone numbers are masked unless the user asks to see them
whole, which is noted in the log itself."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.domain.staff import Staff
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.list_export import ids_in_view, save_list
from swdesk.gui.messages import confirm
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, ngettext
from swdesk.services.audit_trail import WordedEntry, change_log
from swdesk.services.audit_wording import KINDS
from swdesk.services.exports import export_audit
from swdesk.services.staff import list_staff


class AuditViewer(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditViewer")
        self.setWindowTitle(_("Change log"))
        self.resize(1100, 640)
        self.since = date_field()
        self.until = date_field()
        self.person = QComboBox()
        self.person.addItem(_("Everyone"), None)
        self.user = QComboBox()
        self.user.addItem(_("All users"), None)
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), None)
        for code, (label, _prefixes) in KINDS.items():
            self.kind.addItem(_(label), code)
        self.whole = QCheckBox(_("Show identity and phone numbers whole"))
        self.whole.setToolTip(_("Who looked is noted in the change log."))
        self.show_button = QPushButton(_("Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        filters = QGridLayout()
        filters.addWidget(QLabel(_("From")), 0, 0)
        filters.addWidget(self.since, 0, 1)
        filters.addWidget(QLabel(_("To")), 0, 2)
        filters.addWidget(self.until, 0, 3)
        filters.addWidget(QLabel(_("Person")), 1, 0)
        filters.addWidget(self.person, 1, 1)
        filters.addWidget(QLabel(_("User")), 1, 2)
        filters.addWidget(self.user, 1, 3)
        filters.addWidget(QLabel(_("Kind")), 2, 0)
        filters.addWidget(self.kind, 2, 1)
        filters.addWidget(self.whole, 2, 2, 1, 1)
        filters.addWidget(self.show_button, 2, 3)
        self.model = RowsModel(lambda: [_("When"), _("Who"), _("What"), _("Person"), _("Changes")])
        self.table = make_table(self.model, sortable=True)
        self.table.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.excel_button = buttons.addButton(
            _("Save as Excel…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.excel_button.setToolTip(_("The entries shown, in the order shown, one row a field"))
        self.excel_button.clicked.connect(self.save_excel)
        self._shown: dict[str, object] | None = None  # the filters of the entries shown
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        ops.Read(ctx, list_staff).success(self._people).run()
        self.load()

    def _people(self, people: list[Staff]) -> None:
        for p in people:
            self.person.addItem(f"{p.name}  {p.masked_id()}", p.id_number)

    def load(self) -> bool:
        """Read the log with the filters chosen; False when a date is not right yet."""
        try:
            since, until = self.since.value(), self.until.value()
        except SwdeskError as exc:
            self.count.setText(str(exc))
            return False
        whole = self.whole.isChecked()
        if whole and not confirm(
            self,
            _("Show whole numbers"),
            _("Show identity and phone numbers whole? That you looked is noted in the log."),
            _("Show"),
        ):
            self.whole.setChecked(False)
            whole = False
        self.count.setText(_("Loading…"))
        filters = {
            "show_personal": whole,
            "since": since,
            "until": until,
            "staff_id_number": self.person.currentData(),
            "user": self.user.currentData(),
            "kind": self.kind.currentData(),
        }
        ops.Write(self.ctx, change_log, **filters).even_read_only().success(
            lambda entries: self._show(entries, filters)
        ).failure(lambda exc: self.count.setText(str(exc))).over(self).run()
        return True

    def save_excel(self) -> bool:
        """The entries shown — with the filters they were read with, whole numbers only if
        they are shown whole (noted in the log, as the listing is) — in the order shown."""
        if self._shown is None:
            return False
        ids = ids_in_view(self.model, KeyRole)
        return save_list(self.ctx, self, "audit_log", export_audit, **self._shown, only=ids)

    def _show(self, entries: list[WordedEntry], filters: dict[str, object]) -> None:
        self._shown = filters
        users = sorted({w.entry.user for w in entries})
        known = {self.user.itemData(i) for i in range(self.user.count())}
        for user in users:
            if user not in known:
                self.user.addItem(user, user)
        newest_first = list(reversed(entries))
        self.model.set_rows(
            [
                Row(
                    [
                        w.entry.at.replace("T", " ")[:16],
                        w.entry.user,
                        w.what,
                        w.entry.staff_name,
                        "\n".join(w.changes),
                    ],
                    key=w.entry.id,
                    tooltip="\n".join(w.changes),
                )  # fmt: skip
                for w in newest_first
            ]
        )
        self.table.resizeRowsToContents()
        self.count.setText(
            ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries))
        )
