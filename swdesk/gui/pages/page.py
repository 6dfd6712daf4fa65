"""What every page of the main window shares: it reloads itself when a change touches the areas
it shows — at once if it is on screen, otherwise the next time it is shown — and remembers its
tables' column widths."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from swdesk.gui.context import AppContext
from swdesk.services.changes import Area, Changes


class Page(QWidget):
    key: ClassVar[str] = ""
    areas: ClassVar[frozenset[Area]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._headers: dict[str, QHeaderView | QSplitter] = {}
        ctx.changed.connect(self._on_changes)

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def on_changes(self, changes: Changes) -> bool:
        """Whether the page must reload for ``changes``; a page may patch itself and say no."""
        return changes.touches(self.areas)

    def remember(self, key: str, header: QHeaderView | QSplitter) -> bool:
        """Restore a table's column widths and sort order (or a splitter's sizes) now and save
        them when the window closes; False when nothing was saved yet."""
        self._headers[key] = header
        restored = self.ctx.store.restore_header(key, header)
        header.setProperty("restored", restored)
        return restored

    def save_state(self) -> None:
        """Remember column widths and the like in the settings store."""
        for key, header in self._headers.items():
            self.ctx.store.save_header(key, header)

    def _on_changes(self, changes: Changes) -> None:
        if not self.on_changes(changes):
            return
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
