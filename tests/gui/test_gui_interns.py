"""The interns page: the base's recognition first (the add button waits for it), an intern
recorded from the form (a practice the rule does not cover refused with its clause, under the
date it is about), found by pinyin, removed with a reason and brought back by Undo."""

from __future__ import annotations

import datetime as dt

from gui_helpers import answer_next_dialog, wait_idle

from swdesk.domain import idnumber
from swdesk.gui.intern_dialog import BaseDialog, InternDialog
from swdesk.gui.void_dialog import VoidDialog

LI = idnumber.make("450602", dt.date(2002, 5, 4), 32)  # 防城区 since 1993


def test_interns_are_recorded_after_the_recognition_removed_and_restored(
    qtbot, agency_window
) -> None:
    window = agency_window
    window.go("interns")
    page = window.view.page("interns")
    wait_idle(qtbot, window)
    assert "Not recorded as an employment-practice base yet" in page.base.text()
    assert "FCG-2023 (十六)" in page.base.text()
    assert not page.add_button.isEnabled() and page.model.rowCount() == 0

    page.record_base()
    [base] = page.findChildren(BaseDialog)
    base.by.setText("防城港市人力资源和社会保障局")
    base.date.setText("2025-03-01")
    base.save()
    wait_idle(qtbot, window)
    assert not base.isVisible()
    assert page.base.text() == (
        "Employment-practice base recognised by 防城港市人力资源和社会保障局 on 2025-03-01 "
        "(FCG-2023 (十六))."
    )
    assert page.add_button.isEnabled()

    page.add()
    [dialog] = page.findChildren(InternDialog)
    dialog.name.setText("李静")
    dialog.id_number.setText(LI)
    dialog.school.setText("广西民族大学")
    dialog.graduated.setText("2023-06-30")
    dialog.started.setText("2025-09-01")  # more than 2 years after graduating
    dialog.months.setValue(6)
    dialog.save()
    wait_idle(qtbot, window)
    assert dialog.isVisible()
    assert "more than 2 years after graduating on 2023-06-30" in dialog.error.text()
    dialog.graduated.setText("2025-06-30")
    dialog.save()
    wait_idle(qtbot, window)
    assert not dialog.isVisible()
    assert [page.model.index(0, c).data() for c in range(8)] == [
        "李静", idnumber.mask(LI), "广西民族大学", "2025-06-30", "2025-09-01", "6", "2026-03-01",
        "Practice subsidy and Accident insurance subsidy",
    ]  # fmt: skip

    page.search.setText("lj")  # the initials of 李静
    page.search.apply()  # as Enter does, without the typing pause
    assert page.table.model().rowCount() == 1
    page.search.setText("zhang")
    page.search.apply()
    assert page.table.model().rowCount() == 0
    page.search.setText("")
    page.search.apply()

    page.table.selectRow(0)
    seen = answer_next_dialog(VoidDialog, lambda d: d.reason.setText("录入错误"))
    page.actions.actions[0].button.click()
    wait_idle(qtbot, window)
    assert (
        "Remove the record of 李静, practice from 2025-09-01?"
        in seen[0].findChildren(type(page.base))[0].text()
    )
    assert page.model.rowCount() == 0

    window.undo_actions.undo_action.trigger()
    wait_idle(qtbot, window)
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "李静"
