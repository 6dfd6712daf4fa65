"""Columns and drop-downs fitted to what they hold: nothing cut in either language."""

from __future__ import annotations

from elided import cut_texts
from PySide6.QtWidgets import QComboBox, QTableView, QVBoxLayout, QWidget

from swdesk.gui.column_fit import fit_columns, fit_combo
from swdesk.gui.table_model import Row, RowsModel

GRADES = ["社会工作师一级岗位", "助理社会工作师二级岗位", "Assistant social worker, grade 1"]


def test_columns_are_fitted_to_their_contents(qtbot) -> None:
    model = RowsModel(lambda: ["Step", "Post grade", "Reason", "Note"])
    model.set_rows([Row(["不予批准", g, "材料不全，补交后重新报送", "x"]) for g in GRADES])
    table = QTableView()
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(True)
    for column in range(3):
        table.setColumnWidth(column, 30)
    window = QWidget()
    QVBoxLayout(window).addWidget(table)
    qtbot.addWidget(window)
    window.resize(1000, 300)
    window.show()
    qtbot.waitExposed(window)
    assert cut_texts(window)
    fit_columns(table)
    assert cut_texts(window) == []


def test_a_drop_down_is_as_wide_as_its_longest_entry(qtbot) -> None:
    combo = QComboBox()
    combo.addItems(GRADES)
    window = QWidget()
    QVBoxLayout(window).addWidget(combo)
    qtbot.addWidget(window)
    combo.setMaximumWidth(80)
    window.show()
    qtbot.waitExposed(window)
    assert cut_texts(window)
    combo.setMaximumWidth(10000)
    fit_combo(combo)
    window.adjustSize()
    assert cut_texts(window) == []
