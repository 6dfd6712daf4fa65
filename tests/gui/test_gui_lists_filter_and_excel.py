"""Every list as a user meets it: the applications and the training events filter by pinyin and
initials as the staff page does (keys with the load, one filter run per keystroke) and are saved
as Excel with the rows in view; the reminders and the change log are saved as Excel as shown,
numbers masked unless shown whole (and the looking noted); the history of an application keeps
its room at 1366×768, the sizes the user gave remembered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_helpers import answer_next_box, read, wait_idle, write
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from swdesk.domain.applications import Status
from swdesk.domain.titles import title
from swdesk.gui.audit_viewer import AuditViewer
from swdesk.gui.step_dialog import StepDialog
from swdesk.i18n.pinyin_search import spellings
from swdesk.services import awards, claims
from swdesk.storage import audit

WHOLE_ID = re.compile(r"\d{17}[\dXx]")


@pytest.fixture
def save_to(monkeypatch, tmp_path: Path) -> list[Path]:
    """Answers each save dialog with its proposed name in tmp_path; the files saved."""
    saved: list[Path] = []

    def answer(_parent, _title, start, _filter):
        saved.append(tmp_path / Path(start).name)
        return str(saved[-1]), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return saved


def cells_of(path: Path) -> list[list[object]]:
    return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]


def column(table, n: int) -> list[str]:
    model = table.model()
    return [model.index(r, n).data() for r in range(model.rowCount())]


def drafts(qtbot, window, n: int) -> None:
    """Level-award applications for the first ``n`` people owed one (the demo has none)."""
    standings = read(qtbot, window, awards.evaluate_awards)
    owed = [s for s in standings if s.kind == "cash" and s.eligible and s.amount_due > 0
            and not s.open_application][:n]  # fmt: skip
    assert len(owed) == n
    for s in owed:
        write(qtbot, window, claims.create_level_award, s.staff.id_number)


def type_filter(qtbot, box, text: str) -> None:
    """Types as a user does and waits for the pause after the last key."""
    box.clear()
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: box.proxy.typed() == text.lower(), timeout=3000)


def test_applications_filter_by_initials_and_save_the_rows_in_view(
    qtbot, demo_window, save_to
) -> None:
    drafts(qtbot, demo_window, 3)
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    people = column(page.apps_table, 2)
    name = people[0]
    initials = spellings(name)[1]
    builds, runs = page.apps_proxy.key_builds, page.apps_proxy.filter_runs
    type_filter(qtbot, page.search, initials)
    shown = column(page.apps_table, 2)
    assert name in shown and len(shown) < len(people)
    assert all(initials in "".join(spellings(p)) for p in shown)
    assert page.apps_proxy.key_builds - builds <= 1  # the keys came with the rows
    assert page.apps_proxy.filter_runs - runs <= len(initials)  # at most one run a key
    # Sorted by number, newest first, as the user clicks the header twice.
    header = page.apps_table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    numbers = column(page.apps_table, 0)
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == len(shown)
    page.excel_button.click()
    qtbot.waitUntil(lambda: bool(save_to) and save_to[-1].exists(), timeout=10000)
    wait_idle(qtbot, demo_window)
    rows = cells_of(save_to[-1])
    every = {r.cells[0] for r in page.apps_model.rows()}
    found = [c for row in rows for c in row if c in every]
    assert found == numbers  # only the rows in view, in the order shown
    # Selecting an application filtered out shows the whole list again.
    hidden = next(r.key.number for r in page.apps_model.rows() if r.cells[2] not in shown)
    assert page.select_application(hidden)
    assert page.search.text() == "" and page.selected_application().number == hidden


def test_training_events_filter_by_pinyin_and_save_the_events_in_view(
    qtbot, demo_window, save_to
) -> None:
    demo_window.go("training")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("training")
    page.year.setValue(page.year.value() - 1)  # a year with several events in the demo
    wait_idle(qtbot, demo_window)
    titles = column(page.events_table, 0)
    assert len(titles) > 1, titles
    wanted = titles[-1]
    pinyin = spellings(wanted[len("2025年") :])[1]  # the initials, past the year all share
    type_filter(qtbot, page.events_search, pinyin)
    shown = column(page.events_table, 0)
    assert wanted in shown and len(shown) < len(titles)
    page.events_table.selectRow(0)
    wait_idle(qtbot, demo_window)
    assert page.selected_event().title == shown[0]
    page.excel_button.click()
    qtbot.waitUntil(lambda: bool(save_to) and save_to[-1].exists(), timeout=10000)
    wait_idle(qtbot, demo_window)
    cells = {c for row in cells_of(save_to[-1]) for c in row}
    assert set(shown) <= cells and not (set(titles) - set(shown)) & cells


def test_the_reminders_are_saved_as_shown_with_numbers_masked(qtbot, demo_window, save_to) -> None:
    demo_window.go("dashboard")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("dashboard")
    shown = [page.reminder_model.row_at(r).key for r in range(page.reminder_model.rowCount())]
    assert shown
    page.excel_button.click()
    qtbot.waitUntil(lambda: bool(save_to) and save_to[-1].exists(), timeout=10000)
    wait_idle(qtbot, demo_window)
    assert save_to[-1].name == f"{title('reminders_list')}-{demo_window.ctx.today()}.xlsx"
    rows = cells_of(save_to[-1])
    names = [row[3] for row in rows if len(row) > 3 and row[3] in {r.name for r in shown}]
    assert names == [r.name for r in shown]  # every reminder, most urgent first, as listed
    assert not any(WHOLE_ID.search(str(c)) for row in rows for c in row if c)
    assert demo_window.statusBar().currentMessage().startswith("Saved")


def test_the_change_log_is_saved_as_shown_and_whole_numbers_are_noted(
    qtbot, demo_window, save_to
) -> None:
    viewer = AuditViewer(demo_window.ctx, demo_window)
    qtbot.addWidget(viewer)
    viewer.show()
    wait_idle(qtbot, demo_window)
    viewer.kind.setCurrentIndex(viewer.kind.findData("staff"))
    viewer.show_button.click()
    wait_idle(qtbot, demo_window)
    viewer.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # by person
    people = [p for p in column(viewer.table, 3) if p]
    assert len(people) > 1
    viewer.excel_button.click()
    qtbot.waitUntil(lambda: bool(save_to) and save_to[-1].exists(), timeout=10000)
    wait_idle(qtbot, demo_window)
    rows = cells_of(save_to[-1])
    in_book = [row[5] for row in rows if len(row) > 5 and row[5] in set(people)]
    assert list(dict.fromkeys(in_book)) == list(dict.fromkeys(people))  # the order shown
    assert not any(WHOLE_ID.search(str(c)) for row in rows for c in row if c)

    viewer.whole.setChecked(True)
    answer_next_box()  # 显示 / Show: the user agrees to see them whole
    viewer.show_button.click()
    wait_idle(qtbot, demo_window)
    viewer.excel_button.click()
    qtbot.waitUntil(lambda: len(save_to) == 2 and save_to[-1].exists(), timeout=10000)
    wait_idle(qtbot, demo_window)
    assert any(WHOLE_ID.search(str(c)) for row in cells_of(save_to[-1]) for c in row if c)
    log = read(qtbot, demo_window, lambda ws: audit.entries(ws.db))
    assert log[-1]["action"] == "personal.reveal" and log[-1]["new"]["via"] == "audit workbook"
    viewer.close()


def test_the_history_keeps_its_room_at_1366_by_768_and_its_size_is_remembered(
    qtbot, demo_window, store
) -> None:
    drafts(qtbot, demo_window, 1)
    demo_window.resize(1366, 768 - 40)
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.apps_table.selectRow(0)
    page.step_buttons[Status.SUBMITTED].click()
    dialog = next(w for w in page.children() if isinstance(w, StepDialog) and w.isVisible())
    dialog.save()
    wait_idle(qtbot, demo_window)
    page.apps_table.selectRow(0)
    wait_idle(qtbot, demo_window)
    qtbot.wait(50)
    table = page.history_table
    rows_seen = table.viewport().height() / table.verticalHeader().defaultSectionSize()
    assert rows_seen >= 4, rows_seen
    assert page.details.isVisibleTo(page) and page.details.text()
    # The user gives the conditions more room; the next start has it so.
    sizes = page.history_splitter.sizes()
    wanted = [sizes[0] - 40, sizes[1] + 40]
    page.history_splitter.setSizes(wanted)
    page.save_state()
    store.sync()
    again = type(page)(demo_window.ctx)
    qtbot.addWidget(again)
    again.resize(page.size())
    again.show()
    qtbot.waitExposed(again)
    kept, given = again.history_splitter.sizes(), page.history_splitter.sizes()
    assert given[1] > sizes[1]
    assert all(abs(a - b) <= 4 for a, b in zip(kept, given, strict=True)), (kept, given)


def test_the_compliance_list_filters_by_initials_and_by_status(qtbot, demo_window) -> None:
    demo_window.go("training")
    wait_idle(qtbot, demo_window)
    panel = demo_window.view.page("training").compliance
    demo_window.view.page("training").tabs.setCurrentIndex(1)
    wait_idle(qtbot, demo_window)
    names = column(panel.compliance_table, 0)
    statuses = column(panel.compliance_table, 6)
    behind = next(s for s in statuses if s)
    type_filter(qtbot, panel.search, behind)
    assert set(column(panel.compliance_table, 6)) == {behind}
    assert len(column(panel.compliance_table, 0)) == statuses.count(behind) < len(names)
    type_filter(qtbot, panel.search, spellings(names[-1])[1])
    assert names[-1] in column(panel.compliance_table, 0)
    assert len(column(panel.compliance_table, 0)) < len(names)


def test_who_is_eligible_filters_by_pinyin_and_keeps_the_person_chosen(qtbot, demo_window) -> None:
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    page.tabs.setCurrentIndex(1)
    names = column(page.elig_table, 0)
    name = names[-1]
    type_filter(qtbot, page.elig_search, spellings(name)[0])  # the whole pinyin
    shown = column(page.elig_table, 0)
    assert name in shown and len(shown) < len(names)
    page.elig_table.selectRow(shown.index(name))
    chosen = page.selected_standing()
    assert chosen.staff.name == name and page.explain.text().startswith(name)
    assert page.select_standing(chosen.staff.id, chosen.award)
