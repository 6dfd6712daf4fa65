"""Finds text the user cannot read in full: a label, button, check box, tab, group title, combo
box entry, table header or visible table cell narrower than its text. A GUI test calls
`cut_texts(window)` with the window laid out at 1366×768 and asserts nothing that matters is
cut ("社会工作师一级岗…", "Hours requirec", "Submit…" were).

Text a widget wraps is never cut; a cell whose column is the table's last and stretches, or that
says in a tooltip that its full text is there (notes), is left out: what ``allowed`` decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)


@dataclass(frozen=True)
class Cut:
    where: str  # the widget's class and object name, and the column for a table
    text: str
    needs: int  # pixels the text needs
    has: int  # pixels it is given

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} needs {self.needs} px, has {self.has}"


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.width() > 0


def _text_width(widget: QWidget, text: str) -> int:
    metrics = QFontMetrics(widget.font())
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _label(label: QLabel) -> list[Cut]:
    text = label.text()
    if not text or label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText:
        return []
    if "<" in text and Qt.mightBeRichText(text):
        return []
    has = label.contentsRect().width() - 2 * label.margin() - label.indent() * (label.indent() > 0)
    needs = _text_width(label, text.replace("&", "") if label.buddy() else text)
    return [Cut(_name(label), text, needs, has)] if needs > has + 1 else []


def _button(button: QAbstractButton) -> list[Cut]:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return []
    option = QStyleOptionButton()
    option.initFrom(button)
    style = button.style()
    if isinstance(button, QCheckBox | QRadioButton):
        indicator = style.pixelMetric(
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            option,
            button,
        )
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, option, button)
        has = button.width() - indicator - spacing
    else:
        # What the style needs around the text: its own size for an empty text, less the text.
        option.text = text
        bare = style.sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, option.fontMetrics.size(0, text), button
        ).width() - option.fontMetrics.horizontalAdvance(text)
        has = button.width() - max(0, bare)
        if isinstance(button, QPushButton) and not button.icon().isNull():
            has -= button.iconSize().width() + 4
    needs = _text_width(button, text)
    return [Cut(_name(button), text, needs, has)] if needs > has + 1 else []


def _combo(combo: QComboBox) -> list[Cut]:
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    cuts = []
    has = field.width()
    texts = (
        [combo.currentText()]
        if combo.isEditable()
        else [combo.itemText(i) for i in range(combo.count())]
    )
    for text in texts:
        needs = _text_width(combo, text)
        if needs > has:
            cuts.append(Cut(_name(combo), text, needs, has))
    # The list that drops down is as wide as its longest entry (or wider than the box).
    view = combo.view()
    for i in range(combo.count()):
        text = combo.itemText(i)
        needs = _text_width(view, text)
        room = max(view.sizeHintForColumn(0), combo.width()) - 4
        if needs > room:
            cuts.append(Cut(_name(combo) + " (list)", text, needs, room))
    return cuts


def _tabs(tabs: QTabBar) -> list[Cut]:
    cuts = []
    for i in range(tabs.count()):
        text = tabs.tabText(i).replace("&", "")
        needs = _text_width(tabs, text)
        has = tabs.tabRect(i).width() - 8
        if needs > has:
            cuts.append(Cut(_name(tabs), text, needs, has))
    return cuts


def _group(group: QGroupBox) -> list[Cut]:
    text = group.title().replace("&", "")
    needs = _text_width(group, text)
    has = group.width() - 16
    return [Cut(_name(group), text, needs, has)] if text and needs > has else []


CellAllowed = Callable[[QTableView, int, int, str], bool]


def _never(_view: QTableView, _row: int, _column: int, _text: str) -> bool:
    return False


def _table(view: QTableView, allowed: CellAllowed) -> list[Cut]:
    model = view.model()
    if model is None:
        return []
    header: QHeaderView = view.horizontalHeader()
    cuts = []
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for column in range(model.columnCount()):
        if view.isColumnHidden(column) or header.sectionSize(column) == 0:
            continue
        width = header.sectionSize(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # The title and the header's margins, and the sort arrow's room where it is shown.
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        needs = QFontMetrics(header.font()).horizontalAdvance(title) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            needs += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if title and needs > width:
            cuts.append(Cut(f"{_name(view)} header {column}", title, needs, width))
        last = column == model.columnCount() - 1 and header.stretchLastSection()
        first = view.rowAt(0)
        if first < 0:
            continue
        final = view.rowAt(view.viewport().height() - 1)
        final = model.rowCount() - 1 if final < 0 else final
        for row in range(first, final + 1):
            if view.isRowHidden(row):
                continue
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            if not text or "\n" in text:
                continue
            needs = QFontMetrics(view.font()).horizontalAdvance(text) + margin
            if needs > width and not last and not allowed(view, row, column, text):
                cuts.append(Cut(f"{_name(view)} column {column} ({title})", text, needs, width))
    return cuts


def cut_texts(root: QWidget, allowed: CellAllowed = _never) -> list[Cut]:
    """Every text shown cut under ``root`` (only widgets that are shown)."""
    cuts: list[Cut] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _visible(widget):
            continue
        if isinstance(widget, QLabel):
            cuts += _label(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QTabBar):
            if widget.parent() is not None and isinstance(widget.parent(), QTabBar):
                continue  # a tab's close or scroll button
            cuts += _button(widget)
        elif isinstance(widget, QComboBox):
            cuts += _combo(widget)
        elif isinstance(widget, QTabBar):
            cuts += _tabs(widget)
        elif isinstance(widget, QTableView):
            cuts += _table(widget, allowed)
        if isinstance(widget, QGroupBox):
            cuts += _group(widget)
    return cuts
