"""The data-safety tools in the window: File › Back up to… (a USB stick, a shared folder), File ›
Restore from a backup…, File › Check the data file, and Tools › Change log. They run the same
services as ``swdesk backup``, ``restore``, ``check`` and ``audit``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from swdesk.gui import ops
from swdesk.gui.messages import confirm, inform, show_error
from swdesk.i18n import _
from swdesk.storage.errors import PasswordWouldBeLost

if TYPE_CHECKING:
    from swdesk.gui.main_window import MainWindow
    from swdesk.services.backup import CheckedBackup, CheckInWords, RestoreResult


class SafetyMenu:
    def __init__(
        self, window: MainWindow, file_menu: QMenu, tools_menu: QMenu, *, before: QAction
    ) -> None:
        self.window = window
        self.actions = []
        for text, slot in (
            (_("&Back up to…"), self.back_up),
            (_("Restore from a &backup…"), self.restore),
            (_("&Check the data file"), self.check),
        ):
            action = QAction(text, window)
            action.triggered.connect(lambda _c=False, s=slot: s())
            file_menu.insertAction(before, action)
            self.actions.append(action)
        self.actions.append(window._action(tools_menu, _("&Change log"), self.change_log))
        self.enable(False)

    def enable(self, on: bool) -> None:
        for action in self.actions:
            action.setEnabled(on)

    # ------------------------------------------------------------ back up, check, log

    def back_up(self) -> None:
        from swdesk.services import backup  # the storage stack: not before the window

        ctx = self.window.ctx
        if ctx is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, _("Back up to which folder (e.g. a USB stick)?"), str(Path.home())
        )
        if not folder:
            return
        ops.Read(ctx, backup.backup_now, ctx.path, Path(folder)).without_file().with_progress(
            _("Backing up…")
        ).success(
            lambda info: inform(
                self.window,
                _("Back up"),
                _("Backup written: {path}").format(path=str(info.path)),
            )
        ).run()

    def check(self) -> None:
        from swdesk.services import backup  # the storage stack: not before the window

        ctx = self.window.ctx
        if ctx is not None:
            ops.Read(
                ctx, backup.check_in_words, ctx.path, self.window.clock()
            ).without_file().with_progress(_("Checking the data file…")).success(
                self._checked
            ).run()

    def _checked(self, found: CheckInWords) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information if found.ok else QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Check the data file"))
        box.setText("\n".join(found.lines))
        repair = None
        if found.repairable:
            repair = box.addButton(
                _("Make the training hours again"), QMessageBox.ButtonRole.AcceptRole
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if repair is not None and box.clickedButton() is repair:
            self.repair_hours()

    def repair_hours(self) -> None:
        """The training hours by year made again from the attendance, then checked again."""
        from swdesk.services.training import rebuild_hours_by_year

        ctx = self.window.ctx
        if ctx is not None:
            ops.Write(ctx, rebuild_hours_by_year).success(lambda _changes: self.check()).run()

    def change_log(self) -> None:
        from swdesk.gui.audit_viewer import AuditViewer

        if self.window.ctx is not None:
            viewer = AuditViewer(self.window.ctx, self.window)
            self.window._keep(viewer)
            viewer.open()

    # ------------------------------------------------------------ restore

    def restore(self) -> None:
        from swdesk.gui.restore_dialog import RestoreDialog

        ctx = self.window.ctx
        if ctx is None:
            return
        dialog = RestoreDialog(ctx, self.window)
        self.window._keep(dialog)
        dialog.accepted.connect(lambda: self.put_back(dialog.chosen))  # type: ignore[arg-type]
        dialog.open()

    def put_back(self, checked: CheckedBackup) -> None:
        """Close the data file, restore ``checked`` in its place, and open it again."""
        window = self.window
        assert window.ctx is not None
        path = window.ctx.path
        window._close_workspace()  # a restore replaces the file: nobody may hold it
        self._restore(path, checked, without_password=False)

    def _restore(self, path: Path, checked: CheckedBackup, *, without_password: bool) -> None:
        from swdesk.services import backup  # the storage stack: not before the window

        ops.detached(
            self.window.tasks,
            backup.restore,
            path,
            checked.path,
            user=self.window.user,
            drop_password=without_password,
            on_done=lambda result: self._restored(path, result),
            on_error=lambda exc, trace: self._failed(path, checked, exc, trace),
            label=_("Restoring the backup…"),
        )

    def _restored(self, path: Path, result: RestoreResult) -> None:
        text = _("Restored the backup made {made} ({staff} staff, {files} attached files).").format(
            made=result.restored.made,
            staff=result.restored.staff,
            files=result.restored.attachments,
        )
        if result.safety_backup:
            text += "\n" + _("The data as it was before is saved in {path}.").format(
                path=str(result.safety_backup)
            )
        self.window.open_file(str(path))
        self.window.statusBar().showMessage(text, 15000)
        inform(self.window, _("Restore from a backup"), text)

    def _failed(self, path: Path, checked: CheckedBackup, exc: Exception, trace: str) -> None:
        if isinstance(exc, PasswordWouldBeLost) and confirm(
            self.window,
            _("Restore from a backup"),
            _(
                "This backup was made before the program password was set: restoring it "
                "leaves the data without a password (set one again in Settings). Restore it "
                "without the password?"
            ),
            _("Restore without password"),
        ):
            self._restore(path, checked, without_password=True)
            return
        if not isinstance(exc, PasswordWouldBeLost):
            show_error(self.window, exc, trace)
        self.window.open_file(str(path))
