"""What every table of records offers on a row: 编辑 (Edit, also a double-click or Enter), 作废
(Void — or Delete, Remove, whatever that record allows) and 复制 (Copy the row as text), in a
context menu and as buttons under the table. Which of them a row allows is the page's to say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QMenu, QPushButton, QTableView

from swdesk.gui.table_model import KeyRole
from swdesk.i18n import _


@dataclass
class RowAction:
    text: str  # menu text, e.g. _("Edit…")
    run: Callable[[Any], Any]  # given the row's key
    allowed: Callable[[Any], bool] = lambda _key: True
    button: QPushButton | None = None


class RowActions:
    """Edit / void / copy on the rows of ``table``; ``edit`` also on double-click and Enter.
    Made once per table (``row_actions``); every table has Copy."""

    def __init__(self, table: QTableView) -> None:
        self.table = table
        self.edit: RowAction | None = None
        self.actions: list[RowAction] = []
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        table.activated.connect(self._activated)
        copy = QAction(_("Copy"), table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(lambda _c=False: self.copy())
        table.addAction(copy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def configure(
        self,
        edit: RowAction | None = None,
        void: RowAction | None = None,
        more: tuple[RowAction, ...] = (),
    ) -> RowActions:
        self.edit = edit
        self.actions = [a for a in (edit, void, *more) if a is not None]
        if self.table.selectionModel() is not None:
            self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.update_buttons())
        return self

    def _activated(self, index: QModelIndex) -> None:
        if self.edit is not None:
            self._run(self.edit, index)

    def buttons(self) -> QHBoxLayout:
        """A row of buttons for the actions, enabled as the chosen row allows."""
        row = QHBoxLayout()
        row.addStretch(1)
        for action in self.actions:
            action.button = QPushButton(action.text)
            action.button.clicked.connect(lambda _c=False, a=action: self._run(a, self.current()))
            row.addWidget(action.button)
        self.update_buttons()
        return row

    def current(self) -> QModelIndex:
        return self.table.currentIndex()

    def key(self, index: QModelIndex | None = None) -> Any:
        index = index if index is not None else self.current()
        return index.data(KeyRole) if index is not None and index.isValid() else None

    def update_buttons(self) -> None:
        key = self.key()
        for action in self.actions:
            if action.button is not None:
                action.button.setEnabled(key is not None and action.allowed(key))

    def _run(self, action: RowAction, index: QModelIndex) -> None:
        key = self.key(index)
        if key is not None and action.allowed(key):
            action.run(key)

    def _menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        key = self.key(index)
        for action in self.actions:
            item = menu.addAction(action.text)
            item.setEnabled(key is not None and action.allowed(key))
            item.triggered.connect(lambda _c=False, a=action: self._run(a, index))
        menu.addSeparator()
        menu.addAction(_("Copy"), self.copy)
        menu.popup(self.table.viewport().mapToGlobal(point))

    def copy(self) -> str:
        """The chosen rows as text, cells separated by tabs (for a spreadsheet or a message)."""
        model = self.table.model()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()}) or (
            [self.current().row()] if self.current().isValid() else []
        )
        text = "\n".join(
            "\t".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in rows
        )
        QGuiApplication.clipboard().setText(text)
        return text


def row_actions(
    table: QTableView,
    *,
    edit: RowAction | None = None,
    void: RowAction | None = None,
    more: tuple[RowAction, ...] = (),
) -> RowActions:
    """The table's row actions (made the first time), with what its page gives."""
    actions = getattr(table, "_row_actions", None)
    if actions is None:
        actions = RowActions(table)
        table._row_actions = actions  # type: ignore[attr-defined] - lives as long as the table
    if edit or void or more:
        actions.configure(edit, void, more)
    return actions
