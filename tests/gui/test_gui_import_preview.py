"""The import preview shows what will be stored, not the raw cells: dates as dates (an Excel
date-time, full-width digits), a name without the spaces offices type into it, 是 as yes; and the
file dialogs open in the user's Documents folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui_helpers import wait_idle
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog
from test_gui_safety_import import LI, WANG

from swdesk.gui.import_wizard import ImportWizard
from swdesk.gui.save_dialog import documents_dir


def roster(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "身份证号", "入职日期", "是否在编公务员"])
    sheet.append([1, "梁  伟", LI, dt.datetime(2016, 7, 15), "否"])
    sheet.append([2, "王芳", WANG, "２０２３－０７－０１", "是"])
    book.save(path)
    return path


def preview(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.rows_model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_preview_shows_the_values_as_stored(qtbot, agency_window, tmp_path) -> None:
    wizard = ImportWizard(agency_window.ctx, agency_window, kind="staff")
    qtbot.addWidget(wizard)
    wizard.path.setText(str(roster(tmp_path / "花名册.xlsx")))
    wizard.check()
    wait_idle(qtbot, agency_window)
    rows = preview(wizard)
    assert rows[0][1:] == ["1", "梁伟", LI, "2016-07-15", "no"]
    assert rows[1][1:] == ["2", "王芳", WANG, "2023-07-01", "yes"]
    assert "00:00:00" not in " ".join(rows[0])


def test_the_file_dialogs_open_in_documents(qtbot, agency_window, monkeypatch) -> None:
    asked: list[str] = []

    def answer(_parent, _title, start, _filter):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    wizard = ImportWizard(agency_window.ctx, agency_window, kind="staff")
    qtbot.addWidget(wizard)
    wizard._browse()
    assert wizard.save_template() is None
    assert asked[0] == str(documents_dir())
    assert Path(asked[1]).parent == documents_dir()
    assert Path(asked[1]).name.endswith(".xlsx") and "swdesk" not in Path(asked[1]).parent.name
