"""The staff table: quick with 20,000 people.

The rows come in one job on the worker (services/overviews.py ``staff_table``: name, identity
number, phone, dates, highest certificate and grade today, in a fixed number of queries); Qt asks
only for the cells on screen. Identity numbers are shown masked. Sorting reorders the rows in
Python by a key per column; filtering as you type matches name (its pinyin and initials too), identity number and phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from swdesk.domain.staff import Staff, mask_phone
from swdesk.gui.collation import text_key
from swdesk.gui.search_filter import SearchFilterProxy
from swdesk.i18n import N_, _, format_date
from swdesk.services.overviews import StaffRow

StaffIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("name", N_("Name")),
    ("sex", N_("Sex")),
    ("id_number", N_("Identity number")),
    ("phone", N_("Phone")),
    ("level", N_("Highest certificate")),
    ("grade", N_("Post grade")),
    ("hire_date", N_("Hired")),
    ("status", N_("Status")),
)
_LEFT_COLOUR = QColor("#8a8f98")


class StaffTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StaffRow] = []
        self._grade_label: Callable[[str], str] = str
        self.today = dt.date.today()

    # ------------------------------------------------------------ loading

    def set_rows(
        self, rows: Sequence[StaffRow], today: dt.date, grade_label: Callable[[str], str]
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
        self._grade_label = grade_label
        self.endResetModel()

    def person(self, row: int) -> Staff:
        return self._rows[row].staff

    def row_of(self, staff_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.staff.id == staff_id), None)

    def search_key(self, row: int) -> str:
        return self._rows[row].search

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == StaffIdRole:
            return row.staff.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.staff.employed_on(self.today):
            return QBrush(_LEFT_COLOUR)
        return None

    def _text(self, row: StaffRow, column: str) -> str:
        p = row.staff
        if column == "name":
            return p.name
        if column == "sex":
            return _("male") if p.sex == "M" else _("female")
        if column == "id_number":
            return p.masked_id()
        if column == "phone":
            return mask_phone(p.phone)
        if column == "level":
            return row.level.label() if row.level else ""
        if column == "grade":
            return self._grade_label(row.grade_code) if row.grade_code else ""
        if column == "hire_date":
            return format_date(p.hire_date, "iso")
        if column == "status":
            today = self.today
            if p.employed_on(today):
                return _("In post")
            if p.leave_date is not None and p.leave_date <= today:
                return _("Left {date}").format(date=format_date(p.leave_date, "iso"))
            return _("Not yet started")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # No sort column: the order people were added in.
        name = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "id"
        key = self._sort_key(name)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].staff.id for i in persistent]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        row_of = {r.staff.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(row_of[i], idx.column()) for i, idx in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _sort_key(self, name: str) -> Callable[[StaffRow], Any]:
        far = dt.date.max
        keys: dict[str, Callable[[Staff], Any]] = {
            "id": lambda p: p.id,
            "name": lambda p: text_key(p.name),
            "sex": lambda p: p.sex,
            "id_number": lambda p: p.id_number,
            "phone": lambda p: p.phone,
            "hire_date": lambda p: p.hire_date or far,
            "status": lambda p: (p.leave_date or far, p.hire_date or far),
        }
        if name == "level":
            return lambda r: r.level.rank if r.level else 0
        if name == "grade":
            return lambda r: text_key(self._grade_label(r.grade_code)) if r.grade_code else ""
        return lambda r: keys[name](r.staff)


class StaffFilterProxy(SearchFilterProxy):
    """The filter box's filter (name, its pinyin or initials, identity number, phone) and "show
    people who have left", in one run per change; sorting is left to the source, which knows how
    to sort certificates and dates."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, key_of=lambda row: self.source().search_key(row))
        self._show_left = True

    def source(self) -> StaffTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_text(self, text: str) -> None:
        self.filter_by(text, self._show_left)

    def filter_by(self, text: str, show_left: bool) -> None:
        self._show_left = show_left
        self.set_filter(text, None if show_left else self._in_post)

    def refilter(self) -> None:
        self.filter_by(self.typed(), self._show_left)

    def _in_post(self, row: int) -> bool:
        model = self.source()
        return model.person(row).employed_on(model.today)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)  # the rows move: the filter runs again on their keys
