"""A small read-only table model for the program's lists (ladder, history, compliance, …): rows
of text with the id of what each row is about, a sort key per cell, an optional status colour,
and struck through when the row is a voided record (kept in the history, counting nowhere).
Qt asks only for the cells on screen, so even long lists stay quick. A very long list (the
dashboard's reminders of a large agency) can be given in pages (`set_rows_paged`): the rows of the
first page are made at once, the others as the user scrolls down to them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from swdesk.gui.collation import text_key

KeyRole = Qt.ItemDataRole.UserRole + 1
_STRUCK_COLOUR = QColor("#8a8f98")

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
PAGE = 200  # rows made at a time for a list given in pages: a few screenfuls


@dataclass
class Row:
    cells: Sequence[str]
    key: Any = None  # the id of what the row is about
    sort: Sequence[Any] | None = None  # values to sort by, one per cell; the text when absent
    background: QColor | None = None
    foreground: QColor | None = None
    tooltip: str = ""
    align_right: frozenset[int] = field(default_factory=frozenset)
    struck: bool = False  # a voided record: shown, struck through and grey
    search: str = ""  # what a filter box finds the row by (`search_key`), made with the row


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Callable[[], Sequence[str]], parent: Any = None) -> None:
        super().__init__(parent)
        # Headers are a callable so they are translated when shown, not when the model is made.
        self._headers = headers
        self._rows: list[Row] = []
        self._given: list[Row] = []  # in the order the page gave them
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._later: Sequence[Any] = ()  # items of a paged list whose rows are not made yet
        self._make: Callable[[Any], Row] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New rows, kept in the order the user last sorted by (or as given)."""
        self._later, self._make = (), None
        self.beginResetModel()
        self._given = list(rows)
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows.sort(
                key=self._key(self._sorted_by[0]),
                reverse=self._sorted_by[1] == Qt.SortOrder.DescendingOrder,
            )
        self.endResetModel()

    def set_rows_paged(
        self, items: Sequence[T], make: Callable[[T], Row], page: int = PAGE
    ) -> None:
        """New rows made from ``items`` by ``make``, a page at a time: the first now, the next
        when the view scrolls to the end of those made (Qt's fetchMore). Sorting makes them all
        first, since every row takes part in it."""
        if self._sorted_by is not None or len(items) <= page:
            self.set_rows([make(item) for item in items])
            return
        self.beginResetModel()
        self._make = make
        self._rows = [make(item) for item in items[:page]]
        self._given = list(self._rows)
        self._later = items[page:]
        self._page = page
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and bool(self._later)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._fetch(self._page)

    def fetch_all(self) -> None:
        """Make the rows still to come (e.g. to look through every row)."""
        if self._later:
            self._fetch(len(self._later))

    def _fetch(self, n: int) -> None:
        assert self._make is not None
        batch, self._later = self._later[:n], self._later[n:]
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        made = [self._make(item) for item in batch]
        self._rows.extend(made)
        self._given.extend(made)
        self.endInsertRows()

    def total(self) -> int:
        """How many rows the list has, those still to be made included."""
        return len(self._rows) + len(self._later)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        self.fetch_all()
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self._headers()
            return headers[section] if section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col] if col < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or (row.cells[col] if col < len(row.cells) else None)
        if role == Qt.ItemDataRole.BackgroundRole and row.background is not None:
            return QBrush(row.background)
        if role == Qt.ItemDataRole.ForegroundRole and (row.foreground or row.struck):
            return QBrush(row.foreground or _STRUCK_COLOUR)
        if role == Qt.ItemDataRole.FontRole and row.struck:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in row.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KeyRole:
            return row.key
        return None

    @staticmethod
    def _key(column: int) -> Callable[[Row], Any]:
        def key(row: Row) -> Any:
            value = row.sort[column] if row.sort is not None else row.cells[column]
            if isinstance(value, str):
                value = text_key(value)  # names and titles by pinyin
            # None sorts first; mixed types never meet because a column holds one kind.
            return (value is not None, value if value is not None else 0)

        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.fetch_all()
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in old]
        if 0 <= column < self.columnCount():
            self._sorted_by = (column, order)
            self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        else:
            # No sort column: back to the order the page gave.
            self._sorted_by = None
            self._rows = list(self._given)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(where[id(r)], i.column()) for r, i in zip(old_rows, old, strict=True)]
        )
        self.layoutChanged.emit()
