"""Save and open dialogs start in the user's Documents folder, then in the folder chosen last
(remembered between runs), and propose a name that says what the file holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_store
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from swdesk.gui.save_dialog import Format, ask_open_path, ask_save_path, documents_dir


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    QStandardPaths.setTestModeEnabled(False)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


class Dialog:
    """Stands in for the user at QFileDialog: records what was proposed, answers ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.proposed: list[str] = []
        self.titles: list[str] = []
        self.answer = ""
        for name in ("getSaveFileName", "getOpenFileName"):
            monkeypatch.setattr(QFileDialog, name, self._ask)

    def _ask(self, _parent, title: str, proposed: str, _filter: str) -> tuple[str, str]:
        self.titles.append(title)
        self.proposed.append(proposed)
        return self.answer, ""


def test_the_first_save_proposes_the_name_in_documents_then_the_last_folder(
    qtbot, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path / "settings.ini")
    dialog = Dialog(monkeypatch)
    assert documents_dir() == documents
    elsewhere = tmp_path / "U盘" / "申请"
    elsewhere.mkdir(parents=True)
    dialog.answer = str(elsewhere / "我的材料")  # typed without an extension
    saved = ask_save_path(None, store, Format.PDF, "申请材料-2026-0001-黄丽华.pdf")
    assert dialog.proposed[0] == str(documents / "申请材料-2026-0001-黄丽华.pdf")
    assert saved == elsewhere / "我的材料.pdf"
    # The next time, and after a restart, the folder chosen last; the extension of the format.
    dialog.answer = ""
    again = make_store(tmp_path / "settings.ini")
    assert ask_save_path(None, again, Format.WORD, "申请材料-2026-0001-黄丽华.pdf") is None
    assert dialog.proposed[1] == str(elsewhere / "申请材料-2026-0001-黄丽华.docx")
    assert dialog.titles[1] == "Save as Word"


def test_a_folder_gone_since_falls_back_to_documents(
    qtbot, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path / "settings.ini")
    dialog = Dialog(monkeypatch)
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog.answer = str(stick / "名册.xlsx")
    assert ask_open_path(None, store, "Import", "*.xlsx") == stick / "名册.xlsx"
    stick.rmdir()  # the USB stick was taken out
    ask_save_path(None, store, Format.EXCEL, "2026年度社会工作者继续教育学时汇总表.xlsx")
    assert dialog.proposed[-1] == str(documents / "2026年度社会工作者继续教育学时汇总表.xlsx")
