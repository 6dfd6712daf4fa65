"""The helper that finds cut text finds it: a label, a button, a check box, a combo box entry, a
table header and a cell too narrow for their text, and nothing where there is room."""

from __future__ import annotations

from elided import cut_texts
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

LONG = "社会工作师一级岗位（中级专业技术岗位）"


def window_with(*widgets: QWidget) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    for widget in widgets:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
    return window


def test_narrow_widgets_are_found_and_roomy_ones_are_not(qtbot) -> None:
    narrow = [QLabel(LONG), QPushButton("Awards and reimbursements"), QCheckBox(LONG)]
    combo = QComboBox()
    combo.addItems(["助理", LONG])
    for widget in [*narrow, combo]:
        widget.setFixedWidth(60)
    roomy = QLabel("人员")
    wrapped = QLabel(LONG)
    wrapped.setWordWrap(True)
    wrapped.setFixedWidth(60)
    window = window_with(*narrow, combo, roomy, wrapped)
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    found = {cut.text for cut in cut_texts(window)}
    assert found == {LONG, "Awards and reimbursements"}
    kinds = {cut.where.split("#")[0] for cut in cut_texts(window)}
    assert kinds == {"QLabel", "QPushButton", "QCheckBox", "QComboBox"}
    for widget in [*narrow, combo]:
        widget.setMinimumWidth(0)
        widget.setMaximumWidth(10000)
        widget.adjustSize()
        widget.setFixedWidth(widget.sizeHint().width())
    assert cut_texts(window) == []


def test_a_narrow_table_column_and_header_are_found(qtbot) -> None:
    model = QStandardItemModel(2, 3)
    model.setHorizontalHeaderLabels(["环节", "Hours required", "备注"])
    for row, cells in enumerate([("已报送", "50", "x"), ("不予批准", "72", "y")]):
        for column, text in enumerate(cells):
            model.setItem(row, column, QStandardItem(text))
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.setColumnWidth(0, 20)
    view.setColumnWidth(1, 40)
    window = window_with(view)
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    texts = {cut.text for cut in cut_texts(window)}
    assert {"环节", "已报送", "不予批准", "Hours required"} <= texts
    view.resizeColumnsToContents()
    assert cut_texts(window) == []
