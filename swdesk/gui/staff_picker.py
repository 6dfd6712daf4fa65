"""Tick people from the staff list: filter as you type, select all shown, clear. One model over
the whole list (not a widget per person), so it stays quick with thousands of staff."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.staff import Staff
from swdesk.i18n import _

SearchRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class _PickModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[Staff] = []
        self.checked: set[int] = set()

    def set_people(self, people: Sequence[Staff]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.checked &= {p.id for p in self.people}  # type: ignore[misc]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{p.name}    {p.masked_id()}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if p.id in self.checked else Qt.CheckState.Unchecked
        if role == SearchRole:
            return f"{p.name} {p.id_number} {p.phone}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        staff_id = self.people[index.row()].id
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self.checked.add(staff_id)  # type: ignore[arg-type]
        else:
            self.checked.discard(staff_id)  # type: ignore[arg-type]
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_checked(self, rows: Iterable[int], checked: bool) -> None:
        for row in rows:
            staff_id = self.people[row].id
            if checked:
                self.checked.add(staff_id)  # type: ignore[arg-type]
            else:
                self.checked.discard(staff_id)  # type: ignore[arg-type]
        if self.people:
            self.dataChanged.emit(
                self.index(0), self.index(len(self.people) - 1), [Qt.ItemDataRole.CheckStateRole]
            )


class StaffPicker(QWidget):
    selection_changed = Signal(int)  # how many are ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = _PickModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SearchRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Filter by name, identity number or phone"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text.strip()))
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.all_button = QPushButton(_("Select all shown"))
        self.none_button = QPushButton(_("Clear"))
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.all_button.clicked.connect(lambda: self._tick_shown(True))
        self.none_button.clicked.connect(self.clear)
        self.model.dataChanged.connect(lambda *_a: self._count())
        self.model.modelReset.connect(self._count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._count()

    def set_people(self, people: Sequence[Staff]) -> None:
        self.model.set_people(people)

    def checked_people(self) -> list[Staff]:
        return [p for p in self.model.people if p.id in self.model.checked]

    def tick(self, staff_ids: Iterable[int]) -> None:
        wanted = set(staff_ids)
        self.model.set_checked([n for n, p in enumerate(self.model.people) if p.id in wanted], True)

    def clear(self) -> None:
        self.model.set_checked(range(len(self.model.people)), False)

    def _tick_shown(self, checked: bool) -> None:
        rows = [
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        ]
        self.model.set_checked(rows, checked)

    def _count(self) -> None:
        n = len(self.model.checked)
        self.count.setText(_("{n} ticked").format(n=n))
        self.selection_changed.emit(n)
