"""The staff table: quick with 20,000 people.

The list itself (name, identity number, phone, dates) comes in one query on the worker; the
columns that need more queries per person (highest certificate, current grade) are fetched only
for the rows Qt asks about, a block at a time, and cached until a change touches that person
(the shape of Anki's browser model). Identity numbers are shown masked. Sorting reorders the rows
in Python by a key per column; filtering as you type matches name, identity number and phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from swdesk.domain.grades import highest_level
from swdesk.domain.levels import Level
from swdesk.domain.staff import Staff
from swdesk.gui.collation import text_key
from swdesk.i18n import N_, _, current_language, format_date
from swdesk.services import grades as grade_service
from swdesk.services import staff as staff_service
from swdesk.services.security import mask_phone
from swdesk.services.workspace import Workspace

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
_LAZY = {"level", "grade"}
BLOCK = 64
_LEFT_COLOUR = QColor("#8a8f98")


class StaffTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._people: list[Staff] = []
        self._row_of: dict[int, int] = {}
        self._extra: dict[int, tuple[Level | None, str]] = {}  # staff id -> (level, grade label)
        self.fetches = 0  # blocks fetched: the tests check that only visible rows are fetched

    # ------------------------------------------------------------ loading

    def set_people(self, people: Sequence[Staff]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._row_of = {p.id: n for n, p in enumerate(self._people)}  # type: ignore[misc]
        self._extra.clear()
        self.endResetModel()

    def forget(self, staff_ids: Iterable[int]) -> None:
        """Drop cached columns of these people so that they are fetched again."""
        for staff_id in staff_ids:
            self._extra.pop(staff_id, None)
            row = self._row_of.get(staff_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def person(self, row: int) -> Staff:
        return self._people[row]

    def search_key(self, row: int) -> str:
        p = self._people[row]
        return f"{p.name}\n{p.id_number}\n{p.phone}".lower()

    def _fetch_block(self, row: int) -> None:
        """Certificates and grade for the block of rows around ``row``: one visit per screenful."""
        self.fetches += 1
        start = row - row % BLOCK
        today = self.ws.today()
        profile = self.ws.profile
        for p in self._people[start : start + BLOCK]:
            if p.id in self._extra:
                continue
            levels = [c.level for c in staff_service.credentials_of(self.ws, p.id)]
            grade = ""
            for appointment in reversed(grade_service.history(self.ws, p.id)):
                if appointment.appointed_on <= today:
                    grade = _grade_label(profile, appointment.grade_code)
                    break
            self._extra[p.id] = (highest_level(levels), grade)  # type: ignore[index]

    def _fetch_all(self) -> None:
        """Every person's certificate and grade at once, for sorting by those columns."""
        creds = staff_service.all_credentials(self.ws)
        current = grade_service.current_grades(self.ws)
        profile = self.ws.profile
        for p in self._people:
            levels = [c.level for c in creds.get(p.id, [])]  # type: ignore[arg-type]
            appointment = current.get(p.id)  # type: ignore[arg-type]
            grade = _grade_label(profile, appointment.grade_code) if appointment else ""
            self._extra[p.id] = (highest_level(levels), grade)  # type: ignore[index]

    def _extra_of(self, row: int) -> tuple[Level | None, str]:
        staff_id = self._people[row].id
        if staff_id not in self._extra:
            self._fetch_block(row)
        return self._extra[staff_id]  # type: ignore[index]

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

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
        p = self._people[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), p, column)
        if role == StaffIdRole:
            return p.id
        if role == Qt.ItemDataRole.ForegroundRole and not p.employed_on(self.ws.today()):
            return QBrush(_LEFT_COLOUR)
        return None

    def _text(self, row: int, p: Staff, column: str) -> str:
        if column == "name":
            return p.name
        if column == "sex":
            return _("male") if p.sex == "M" else _("female")
        if column == "id_number":
            return p.masked_id()
        if column == "phone":
            return mask_phone(p.phone)
        if column == "level":
            level = self._extra_of(row)[0]
            return level.label() if level else ""
        if column == "grade":
            return self._extra_of(row)[1]
        if column == "hire_date":
            return format_date(p.hire_date, "iso")
        if column == "status":
            today = self.ws.today()
            if p.employed_on(today):
                return _("In post")
            if p.leave_date is not None and p.leave_date <= today:
                return _("Left {date}").format(date=format_date(p.leave_date, "iso"))
            return _("Not yet started")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # No sort column: the order people were added in.
        name = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "id"
        if name in _LAZY and len(self._extra) < len(self._people):
            self._fetch_all()
        key = self._sort_key(name)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._people[i.row()].id for i in persistent]
        self._people.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {p.id: n for n, p in enumerate(self._people)}  # type: ignore[misc]
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._row_of[i], idx.column())
                for i, idx in zip(ids, persistent, strict=True)
            ],  # type: ignore[index]
        )
        self.layoutChanged.emit()

    def _sort_key(self, name: str) -> Callable[[Staff], Any]:
        far = dt.date.max
        keys: dict[str, Callable[[Staff], Any]] = {
            "id": lambda p: p.id,
            "name": _name_key,
            "sex": lambda p: p.sex,
            "id_number": lambda p: p.id_number,
            "phone": lambda p: p.phone,
            "level": lambda p: lv.rank if (lv := self._extra[p.id][0]) else 0,  # type: ignore[index]
            "grade": lambda p: self._extra[p.id][1],  # type: ignore[index]
            "hire_date": lambda p: p.hire_date or far,
            "status": lambda p: (p.leave_date or far, p.hire_date or far),
        }
        return keys[name]


def _grade_label(profile: Any, code: str) -> str:
    try:
        return profile.grade(code).label(current_language())
    except KeyError:
        return code


def _name_key(p: Staff) -> Any:
    return text_key(p.name)


class StaffFilterProxy(QSortFilterProxyModel):
    """Filter as you type (name, identity number, phone); sorting is left to the source, which
    knows how to sort certificates and dates."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accepted: set[int] | None = None
        self._text = ""
        self._show_left = True

    def source(self) -> StaffTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_text(self, text: str) -> None:
        self._text = "".join(text.split()).lower()
        self._recompute()

    def set_show_left(self, show: bool) -> None:
        self._show_left = show
        self._recompute()

    def refilter(self) -> None:
        self._recompute()

    def _recompute(self) -> None:
        self.beginFilterChange()
        model = self.source()
        if not self._text and self._show_left:
            self._accepted = None
        else:
            today = model.ws.today()
            rows = range(model.rowCount())
            if self._text:
                rows = [r for r in rows if self._text in model.search_key(r)]
            if not self._show_left:
                rows = [r for r in rows if model.person(r).employed_on(today)]
            self._accepted = set(rows)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self._accepted is None or source_row in self._accepted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)
        self._recompute()
