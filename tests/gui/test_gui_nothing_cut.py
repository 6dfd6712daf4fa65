"""Nothing that matters is cut at 1366×768, in Chinese or in English: every page of the demo data
and each of its tabs, the history of an application (its 环节 and 原因), the person's page and its
tabs, the grade names in the drop-down and the grade column. A long free text (a note) may be
held to its capped column with the whole text in a tooltip; nothing else may be cut."""

from __future__ import annotations

import pytest
from elided import cut_texts
from gui_helpers import wait_idle
from PySide6.QtWidgets import QTableView, QTabWidget

from swdesk.gui.column_fit import DEFAULT_CAP
from swdesk.gui.pages import PAGES
from swdesk.i18n import set_language

SCREEN = (1366, 768 - 40)  # the laptop's screen less the task bar


def capped_free_text(view: QTableView, _row: int, column: int, _text: str) -> bool:
    return view.horizontalHeader().sectionSize(column) >= DEFAULT_CAP


def every_tab(qtbot, window, widget) -> list[str]:
    found: list[str] = []
    tabs = widget.findChildren(QTabWidget)
    for tab_widget in tabs or [None]:
        for n in range(tab_widget.count() if tab_widget is not None else 1):
            if tab_widget is not None:
                tab_widget.setCurrentIndex(n)
            wait_idle(qtbot, window)
            qtbot.wait(30)
            found += [str(c) for c in cut_texts(widget.window(), capped_free_text)]
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_nothing_is_cut_on_any_page(qtbot, demo_window, language: str) -> None:
    window = demo_window
    if language != "en":
        set_language(language)
        window.switch_language(language)
        qtbot.wait(50)
        wait_idle(qtbot, window)
    window.resize(*SCREEN)
    cut: list[str] = []
    for spec in PAGES:
        window.go(spec.key)
        wait_idle(qtbot, window)
        page = window.view.page(spec.key)
        if spec.key == "applications":
            page.apps_table.selectRow(0)
            wait_idle(qtbot, window)
        cut += [f"{spec.key}: {c}" for c in every_tab(qtbot, window, page)]
    # The person's page, of someone with a grade and certificates.
    staff = window.view.page("staff")
    window.go("staff")
    wait_idle(qtbot, window)
    dialog = window.open_person(staff.model.person(4).id)
    wait_idle(qtbot, window)
    cut += [f"person: {c}" for c in every_tab(qtbot, window, dialog)]
    dialog.close()
    assert cut == [], "\n".join(sorted(set(cut)))
