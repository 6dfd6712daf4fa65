"""The files of the application chosen on the applications page: receipts and documents attached
with a button or by dropping them on the list, and opened with the program the computer uses for
them. They go into the application's packet when it is printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from swdesk.domain.applications import Application, Kind
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.person_activity import open_stored_file
from swdesk.gui.person_tabs import make_table
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _
from swdesk.services import applications as service

RECEIPT, DOCUMENT = "receipt", "document"


class ApplicationFiles(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.app: Application | None = None
        self.setAcceptDrops(True)
        self.model = RowsModel(lambda: [_("File"), _("Kind"), _("Added")])
        self.table = make_table(self.model)
        self.table.setAcceptDrops(False)  # the drop lands on this widget
        self.actions = row_actions(self.table, edit=RowAction(_("Open"), self.open))
        self.attach_button = QPushButton(_("Attach a file…"))
        self.attach_button.clicked.connect(self.choose)
        self.attach_button.setEnabled(False)
        self.hint = QLabel(_("Drop receipts and documents here to attach them."))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        heading = QLabel(_("Receipts and documents"))
        heading.setObjectName("sectionTitle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_application(self, app: Application | None) -> None:
        self.app = app
        self.attach_button.setEnabled(app is not None)
        if app is None:
            self.model.set_rows([])
            return
        ops.Read(self.ctx, service.attachments_of, app).success(
            lambda rows: self._show(app, rows)
        ).run()

    def _show(self, app: Application, rows: list[dict[str, Any]]) -> None:
        if self.app is None or self.app.id != app.id:
            return  # another application was chosen meanwhile
        self.model.set_rows(
            [
                Row([r["original_name"], _kind(r["kind"]), r["added_at"][:10]], key=r["id"])
                for r in rows
            ]
        )

    def choose(self) -> bool:
        if self.app is None:
            return False
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach to application {number}").format(number=self.app.number),
            "",
            _("Receipts and documents (*.pdf *.jpg *.jpeg *.png *.doc *.docx);;All files (*)"),
        )
        return self.attach(paths)

    def attach(self, paths: list[str]) -> bool:
        """Attach the files to the chosen application, each one step of the undo history."""
        if self.app is None or not paths:
            return False
        kind = RECEIPT if self.app.kind is Kind.EXAM_REIMBURSEMENT else DOCUMENT
        for path in paths:
            ops.Write(self.ctx, service.attach, self.app.number, path, kind).over(self).run()
        return True

    def open(self, attachment_id: int) -> None:
        open_stored_file(self.ctx, attachment_id, self.hint.setText)

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.app is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if Path(p).is_file()]
        if self.attach(files):
            event.acceptProposedAction()


def _kind(kind: str) -> str:
    return {RECEIPT: _("Receipt"), DOCUMENT: _("Document")}.get(kind, kind)
