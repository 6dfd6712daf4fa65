"""Columns as wide as what they hold, in either language: a table's columns are fitted to their
header and the rows on screen after each load, so that no grade name, step or reason is cut
("社会工作师一级岗…", "已…"); a column of long free text (a note, a reason) is held to ``cap``
pixels and shows its full text as a tooltip, and the last column takes what room is left."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableView

DEFAULT_CAP = 420  # pixels: wider than any name, grade or date; a long note wraps into a tooltip


def fit_columns(table: QTableView, *, cap: int = DEFAULT_CAP, keep_restored: bool = True) -> None:
    """Fit every column to its contents (at most ``cap``). Columns the user sized themselves
    (restored from the settings) keep their width unless that cuts their text."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    restored = keep_restored and bool(header.property("restored"))
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        if column == last and header.stretchLastSection():
            continue
        current = header.sectionSize(column)
        if restored and current >= wanted:
            continue
        header.resizeSection(column, min(wanted, max(cap, header.sectionSizeHint(column))))


def fit_combo(combo: QComboBox) -> None:
    """A drop-down as wide as its longest entry, and its list too."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
    # A splitter or a form may not squeeze it below that.
    combo.setMinimumWidth(combo.sizeHint().width())
    combo.updateGeometry()
