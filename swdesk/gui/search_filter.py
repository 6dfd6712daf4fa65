"""The filter box of every list: type part of a name (in characters, pinyin or its initials: ``zw``,
``zhangwei`` → 张伟), a number or any other text of a row, and the list shows the rows that hold it.

A row's search key (`swdesk.i18n.pinyin_search.search_key`) is made once per load of the list —
by the page's worker job when it can, else here from the row's cells the first time the filter
runs after a load — and every keystroke then runs the filter once: one substring test per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from swdesk.gui.table_model import KeyRole, RowsModel
from swdesk.i18n import _
from swdesk.i18n.pinyin_search import normalise, search_key

TYPING_PAUSE_MS = 120  # a short pause lets a fast typist finish before the list is filtered
KeyOf = Callable[[int], str]
Accept = Callable[[int], bool]


def cells_key(model: QAbstractItemModel, row: int) -> str:
    """The key of a row from the text of its cells."""
    texts = []
    for column in range(model.columnCount()):
        value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
        if value:
            texts.append(str(value))
    return search_key(*texts)


class SearchFilterProxy(QSortFilterProxyModel):
    """Shows the rows of its source that hold the typed text and pass ``accept`` (another
    condition of the page, e.g. "people who have left"); the filter runs once per change."""

    def __init__(self, parent: Any = None, key_of: KeyOf | None = None) -> None:
        super().__init__(parent)
        self._key_of = key_of
        self._keys: list[str] | None = None
        self._query = ""
        self._accept: Accept | None = None
        self._accepted: set[int] | None = None
        self.key_builds = 0  # how often the keys were made: once per load (the tests check)
        self.filter_runs = 0

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        old = self.sourceModel()
        if old is not None:
            for signal in self._resets(old):
                signal.disconnect(self._forget_keys)
        super().setSourceModel(model)
        for signal in self._resets(model):
            signal.connect(self._forget_keys)
        self._forget_keys()

    @staticmethod
    def _resets(model: QAbstractItemModel) -> Sequence[Any]:
        # A new load, or rows that moved (a sort) or came and went: the keys by row are stale.
        return (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved)

    def _forget_keys(self, *_args: object) -> None:
        self._keys = None
        if self._query or self._accept is not None:
            self._run()

    def typed(self) -> str:
        return self._query

    def set_filter(self, text: str, accept: Accept | None = None) -> None:
        """Filter by ``text`` and ``accept`` at once: one run of the filter."""
        self._query = normalise(text)
        self._accept = accept
        self._run()

    def _keys_now(self) -> list[str]:
        if self._keys is None:
            model = self.sourceModel()
            key_of = self._key_of or (lambda row: cells_key(model, row))
            self._keys = [key_of(row) for row in range(model.rowCount())]
            self.key_builds += 1
        return self._keys

    def _run(self) -> None:
        self.beginFilterChange()
        self.filter_runs += 1
        if not self._query and self._accept is None:
            self._accepted = None
        else:
            query, accept = self._query, self._accept
            rows = range(self.sourceModel().rowCount())
            if query:
                keys = self._keys_now()
                rows = [row for row in rows if query in keys[row]]
            if accept is not None:
                rows = [row for row in rows if accept(row)]
            self._accepted = set(rows)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, _parent: QModelIndex) -> bool:  # noqa: N802
        return self._accepted is None or source_row in self._accepted


class RowsFilterProxy(SearchFilterProxy):
    """The filter over a `RowsModel` whose rows carry their key (``Row.search``, made when the
    page builds the rows of a load); a click on a header sorts the source by its sort keys
    (names by pinyin, amounts as numbers), and the filter runs again on the moved rows."""

    def __init__(self, model: RowsModel, parent: Any = None) -> None:
        super().__init__(parent, key_of=lambda row: model.row_at(row).search)
        self.setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class SearchBox(QLineEdit):
    """A filter box for ``proxy``: filters after a short pause in typing, or at once on Enter.
    ``accept`` gives the page's other condition each time; ``filtered`` is told after each run
    (to update a count). A page's other controls (a check box) call `apply`."""

    def __init__(
        self,
        proxy: SearchFilterProxy,
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        accept: Callable[[], Accept | None] | None = None,
        filtered: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self._accept = accept
        self._filtered = filtered
        self.setPlaceholderText(placeholder or _("Filter: name, pinyin or initials, number…"))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.apply)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.apply)

    def apply(self) -> None:
        self._timer.stop()
        self.proxy.set_filter(self.text(), self._accept() if self._accept is not None else None)
        if self._filtered is not None:
            self._filtered()


def filter_box(table: QTableView, model: RowsModel, placeholder: str) -> SearchBox:
    """Put a `RowsFilterProxy` between ``table`` and its ``model``; the box that filters it
    (its ``proxy`` is the table's model now)."""
    proxy = RowsFilterProxy(model, table)
    table.setModel(proxy)
    return SearchBox(proxy, placeholder=placeholder)


def select_row(table: QTableView, match: Callable[[Any], bool]) -> bool:
    """Select the first row in view whose key (`KeyRole`) ``match``es; False if none is shown."""
    model = table.model()
    for n in range(model.rowCount()):
        index = model.index(n, 0)
        if match(index.data(KeyRole)):
            table.selectRow(n)
            table.setCurrentIndex(index)
            return True
    return False
