"""File › Restore from a backup: the backups of the data file with their date, size and what they
hold (or another backup file, e.g. on a USB stick). The one chosen is checked in full first; only
then, once the user confirms, is it put in place — the data as it is now is backed up before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import confirm, error_text
from swdesk.gui.person_tabs import make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_number
from swdesk.services import backup
from swdesk.services.backup import BackupListing, CheckedBackup


def kind_text(kind: str) -> str:
    return {
        "daily": _("Automatic, daily"),
        "manual": _("Made by hand"),
        "before-migration": _("Before an upgrade"),
        "before-restore": _("Before a restore"),
    }.get(kind, kind)


def size_text(size: int) -> str:
    return _("{n} KB").format(n=format_number(max(1, round(size / 1024))))


class RestoreDialog(QDialog):
    """``chosen`` is the backup checked and confirmed; the main window restores it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: CheckedBackup | None = None
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from a backup"))
        self.resize(860, 480)
        about = QLabel(
            _(
                "Choose the backup to put back. It is checked first; the data as it is now is "
                "backed up before it is replaced, so a restore can be taken back by restoring "
                "that backup. The undo history starts again after a restore."
            )
        )
        about.setWordWrap(True)
        self.model = RowsModel(
            lambda: [_("Made"), _("Why"), _("Staff"), _("Attached files"), _("Size"), _("File")]
        )
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda _i: self.check())
        self.other_button = QPushButton(_("Another backup file…"))
        self.other_button.clicked.connect(self.choose_file)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            _("Check and restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        ops.Read(ctx, backup.backups_of, ctx.path).without_file().success(self._show).run()

    def _show(self, found: list[BackupListing]) -> None:
        self.model.set_rows([self._row(b) for b in found])
        if found:
            self.table.selectRow(0)
        else:
            self.message.setText(_("There are no backups beside this data file yet."))

    @staticmethod
    def _row(b: BackupListing) -> Row:
        return Row(
            [
                b.made.strftime("%Y-%m-%d %H:%M"),
                kind_text(b.kind),
                "" if b.staff is None else str(b.staff),
                "" if b.attachments is None else str(b.attachments),
                size_text(b.size),
                b.path.name,
            ],
            key=b.path,
            align_right=frozenset({2, 3, 4}),
        )

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup file"), "", _("swdesk backups (*.zip)")
        )
        if path:
            ops.Read(self.ctx, backup.listing, Path(path)).without_file().success(self._add).run()

    def _add(self, found: BackupListing) -> None:
        self.model.set_rows([self._row(found), *self.model.rows()])
        self.table.selectRow(0)

    def selected(self) -> Path | None:
        index = self.table.currentIndex()
        return index.data(KeyRole) if index.isValid() else None

    def check(self) -> bool:
        """Check the backup chosen in full; if it is good, ask, then hand it to the window."""
        path = self.selected()
        if path is None:
            return False
        self.message.setText(_("Checking {file}…").format(file=path.name))
        ops.Read(self.ctx, backup.check_backup, path, self.ctx.path).without_file().with_progress(
            _("Checking {file}…").format(file=path.name)
        ).success(self._checked).failure(lambda exc: self.message.setText(error_text(exc))).run()
        return True

    def _checked(self, checked: CheckedBackup) -> None:
        self.message.setText(
            _("The backup is good: made {made}, {staff} staff, {files} attached files.").format(
                made=checked.made, staff=checked.staff, files=checked.attachments
            )
        )
        if confirm(
            self,
            _("Restore from a backup"),
            _(
                "Put the backup made {made} ({staff} staff) in place of the data now? The data "
                "as it is now is backed up first."
            ).format(made=checked.made, staff=checked.staff),
            _("Restore"),
        ):
            self.chosen = checked
            self.accept()
