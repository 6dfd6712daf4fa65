"""Edit › Undo (Ctrl+Z) and Edit › Redo (Ctrl+Y, Ctrl+Shift+Z), named by the step they take
("撤销：导入人员 6 人"), the name worded now, in the language of the window. Both run through
gui/ops.py like every change; the history itself is the data file's (services/undo.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.i18n import _
from swdesk.i18n.reasons import describe

if TYPE_CHECKING:
    from swdesk.services.undo import UndoStatus


class UndoActions:
    def __init__(self, window: QWidget, menu: QMenu) -> None:
        self.ctx: AppContext | None = None
        self.undo_action = QAction(_("Undo"), window)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.redo_action = QAction(_("Redo"), window)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(lambda _checked=False: self.redo())
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        self.show(None)

    def attach(self, ctx: AppContext | None) -> None:
        """Follow the open data file's history (None: no file open)."""
        self.ctx = ctx
        if ctx is None:
            self.show(None)
            return
        from swdesk.services import undo as undo_service  # the storage stack: not before the window

        ctx.undo_changed.connect(self.show)
        self.show(ctx.undo_status)
        ops.Read(ctx, undo_service.undo_status).success(self._read).run()

    def _read(self, status: UndoStatus) -> None:
        if self.ctx is not None:
            self.ctx.undo_status = status
            self.show(status)

    def show(self, status: UndoStatus | None) -> None:
        """The actions named by the steps of ``status`` (None: no file open, nothing to undo)."""
        writable = self.ctx is not None and not self.ctx.facts.read_only
        for action, entry, plain, named in (
            (self.undo_action, status.undo if status else None, _("Undo"), _("Undo: {step}")),
            (self.redo_action, status.redo if status else None, _("Redo"), _("Redo: {step}")),
        ):
            action.setText(named.format(step=describe(entry.label)) if entry else plain)
            action.setEnabled(writable and entry is not None)

    def undo(self) -> None:
        if self.ctx is not None and self.undo_action.isEnabled():
            from swdesk.services import undo as undo_service

            ops.Write(self.ctx, undo_service.undo).run()

    def redo(self) -> None:
        if self.ctx is not None and self.redo_action.isEnabled():
            from swdesk.services import undo as undo_service

            ops.Write(self.ctx, undo_service.redo).run()
