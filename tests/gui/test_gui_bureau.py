"""The bureau's window, as its staff would use it: a bureau's data file opens with the bureau's
pages (报送情况, 汇总, 核查, 打印与报表); files are received from the submissions page; a double
claim is found, resolved, refused and returned; the agency imports the return from its print
page; and the agency makes its submission from there too."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import bureau_kit as kit
import pytest
from gui_helpers import answer_next_box, read, wait_idle, write
from PySide6.QtWidgets import QFileDialog, QInputDialog

from swdesk.domain.applications import Status
from swdesk.gui.main_window import MainWindow
from swdesk.services.applications import get_application
from swdesk.services.bureau_decisions import list_decisions
from swdesk.services.bureau_receive import receive


def open_in(qtbot, window: MainWindow, path: Path) -> None:
    window.start(None)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.open_file(str(path))
    wait_idle(qtbot, window)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Two agencies claiming the same person's award, one with a late leave date."""
    huang = kit.staff(11, "黄丽华", left=dt.date(2026, 7, 1))
    moved = dataclasses.replace(huang, hire_date=dt.date(2026, 7, 1), leave_date=None)
    return [
        kit.record_file(tmp_path, kit.record(1, [huang, kit.staff(12, "梁伟")],
                        [kit.level_claim("2026-0001", huang, 2000)], name="阳光社工")),
        kit.record_file(tmp_path, kit.record(2, [moved], [kit.level_claim("2026-0003", moved, 2000)],
                        name="明德社工")),
    ]  # fmt: skip


@pytest.fixture
def district_path(tmp_path: Path) -> Path:
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    path = ws.path
    ws.close()
    return path


def test_a_bureau_file_opens_with_the_bureau_pages(qtbot, window, district_path) -> None:
    open_in(qtbot, window, district_path)
    view = window.view
    titles = [view.nav.item(n).text() for n in range(view.nav.count())]
    assert titles == ["Submissions", "Summary", "Checks", "Print and reports"]
    assert view.agency_label.text() == "港口区民政局"
    assert "District (county) civil-affairs bureau" in view.context_label.text()
    assert window.windowTitle().startswith("港口区民政局")
    assert [a.text() for a in window.go_menu.actions()] == titles


def test_receiving_files_and_refusing_a_bad_one(qtbot, window, district_path, files, tmp_path):
    open_in(qtbot, window, district_path)
    page = window.view.page("bureau_status")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    seen = answer_next_box()
    page.receive([str(files[0]), str(bad)])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen))
    assert "bad.zip was refused, nothing was changed" in seen[0]
    assert page.units.rowCount() == 0

    seen = answer_next_box()
    page.receive([str(f) for f in files])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen))
    assert "2 files received" in seen[0] and "阳光社工: new" in seen[0]
    wait_idle(qtbot, window)
    assert {page.units.row_at(n).cells[0] for n in range(2)} == {"阳光社工", "明德社工"}
    assert page.records.rowCount() == 2
    assert "2 agency records count" in page.summary.text()


def test_a_double_claim_is_resolved_refused_and_returned(
    qtbot, window, new_window, store, district_path, files, tmp_path, monkeypatch
) -> None:
    agency = kit.agency(tmp_path, "明德社工", 2)
    number = kit.person(agency, "黄丽华", 11, hired=dt.date(2026, 7, 1))
    app = kit.claim(agency, number, dt.date(2026, 8, 3))
    district = kit.open_ws(district_path)
    receive(district, [files[0], kit.submit(agency, tmp_path, at=kit.at(dt.date(2026, 11, 1)))])
    district.close()
    agency_path = agency.path
    agency.close()

    open_in(qtbot, window, district_path)
    window.go("bureau_findings")
    page = window.view.page("bureau_findings")
    wait_idle(qtbot, window)
    kinds = [page.model.row_at(n).cells[1] for n in range(page.model.rowCount())]
    assert "Claimed by two agencies" in kinds
    row = kinds.index("Claimed by two agencies")
    page.table.selectRow(row)
    assert "may not be claimed twice" in page.detail.text()
    assert "FCG-2023 (十二)" in page.detail.text()
    assert "4528**********0111" in page.model.row_at(row).cells[4]

    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("已电话核实：由明德社工撤回。", True)
    )
    page.resolve()
    wait_idle(qtbot, window)
    resolved = [page.model.row_at(n) for n in range(page.model.rowCount())]
    assert any(
        r.cells[1] == "Claimed by two agencies" and r.cells[5] == "resolved" for r in resolved
    )

    page.select(next(r.key for r in resolved if r.cells[1] == "Claimed by two agencies"))
    labels: list[list[str]] = []

    def pick(_parent, _title, _label, items, *_a, **_k):
        labels.append(list(items))
        return next(i for i in items if "明德社工" in i), True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("重复申领", True))
    page.reject()
    wait_idle(qtbot, window)
    assert [d.decision.claim_number for d in read(qtbot, window, list_decisions)] == [app]
    # The refusal is a step of the undo history, named in the Edit menu.
    assert window.undo_actions.undo_action.text() == f"Undo: Claim {app} not approved"

    target = tmp_path / "return.zip"
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda _p, _t, _l, items, *a, **k: (items[0], True)
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    seen = answer_next_box()
    page.make_return()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen))
    assert target.is_file() and "1 claim not approved" in seen[0]

    # The agency imports it from its print page; the application shows the step.
    other = new_window(store)
    open_in(qtbot, other, agency_path)
    other.go("printing")
    printing = other.view.page("printing")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    seen = answer_next_box()
    printing.return_button.click()
    wait_idle(qtbot, other)
    qtbot.waitUntil(lambda: bool(seen))
    assert "1 application not approved" in seen[0]
    step = read(qtbot, other, get_application, app).steps[-1]
    assert (
        step.status is Status.REJECTED and step.by == "港口区民政局" and "重复申领" in step.reason
    )
    # The whole import is one step: undone, the application waits for approval again.
    assert other.undo_actions.undo_action.text() == "Undo: Import the return from 港口区民政局"
    other.undo_actions.undo()
    wait_idle(qtbot, other)
    assert read(qtbot, other, get_application, app).status is Status.SUBMITTED


def test_the_summary_page_counts_every_person_once(qtbot, window, district_path, files) -> None:
    district = kit.open_ws(district_path)
    receive(district, files)
    district.close()
    open_in(qtbot, window, district_path)
    window.go("bureau_summary")
    page = window.view.page("bureau_summary")
    wait_idle(qtbot, window)
    holders = page.models["holders"]
    assert holders.rowCount() == 3
    total = holders.row_at(2).cells
    assert total[0] == "Total" and total[1] == "2"  # 黄丽华 is in both agencies' lists
    assert "2 people (each once)" in page.headline.text()
    kinds = page.models["kinds"]
    assert kinds.row_at(0).cells[:3] == ["Professional-level award", "Social worker", "2"]


def test_the_bureau_prints_its_tables_and_submits_up(
    qtbot, window, district_path, files, tmp_path, monkeypatch
) -> None:
    district = kit.open_ws(district_path)
    receive(district, files)
    district.close()
    open_in(qtbot, window, district_path)
    window.go("bureau_printing")
    page = window.view.page("bureau_printing")
    assert page.reports.count() == 2 and not hasattr(page, "return_button")
    page.preview()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(page.pdf.data), timeout=30000)
    assert page.pdf.data.startswith(b"%PDF")

    dialog = page.submit()
    target = tmp_path / "up.zip"
    dialog.path.setText(str(target))
    seen = answer_next_box()
    dialog._make()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen))
    assert target.is_file() and "2 agencies" in seen[0]


def test_the_agency_submits_from_its_print_page(qtbot, window, tmp_path) -> None:
    agency = kit.agency(tmp_path, "阳光社工", 1)
    number = kit.person(agency, "黄丽华", 11)
    kit.claim(agency, number, dt.date(2026, 3, 2))
    path = agency.path
    agency.close()
    open_in(qtbot, window, path)
    window.go("printing")
    page = window.view.page("printing")
    dialog = page.submit()
    assert dialog.year.value() == 2026 and "阳光社工 2026" in dialog.path.text()
    target = tmp_path / "sub.zip"
    dialog.path.setText(str(target))
    seen = answer_next_box()
    dialog._make()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen))
    assert target.is_file() and "1 people, 1 claims" in seen[0]


def test_a_bureau_file_has_the_change_log_and_undo(qtbot, window, district_path, files) -> None:
    from swdesk.gui.audit_viewer import AuditViewer

    district = kit.open_ws(district_path)
    receive(district, files)
    district.close()
    open_in(qtbot, window, district_path)
    window.go("bureau_findings")
    page = window.view.page("bureau_findings")
    wait_idle(qtbot, window)
    assert page.model.rowCount() > 0
    first = page.model.row_at(0)
    page.select(first.key)
    from swdesk.services.bureau_checks import resolve_finding

    write(qtbot, window, resolve_finding, first.key, "已核实")
    assert page.model.row_at(0).cells[5] == "resolved"
    assert window.undo_actions.undo_action.text() == f"Undo: Resolve finding {first.key}"
    window.undo_actions.undo()
    wait_idle(qtbot, window)
    assert page.model.row_at(0).cells[5] == "open"  # the page heard the undo
    viewer = AuditViewer(window.ctx, window)
    viewer.show()
    wait_idle(qtbot, window)
    assert viewer.model.rowCount() > 0
    viewer.close()


def test_a_receipt_stopped_with_cancel_receives_nothing(
    qtbot, window, district_path, files, monkeypatch
) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from swdesk.gui import tasks
    from swdesk.services import bureau_receive
    from swdesk.storage.submissions import files_of_period

    open_in(qtbot, window, district_path)
    page = window.view.page("bureau_status")
    # The first file is held until Cancel is pressed, so that the press comes mid-receipt:
    # pressed once the receipt is taking it (pressed while the file is still being read, the
    # receipt stops before taking any, and this test would not see a file taken then undone).
    holding, pressed, taken = threading.Event(), threading.Event(), []
    real = bureau_receive._take_file

    def take_file(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real one's signature
        holding.set()
        pressed.wait(30)
        taken.append(real(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(bureau_receive, "_take_file", take_file)
    monkeypatch.setattr(tasks, "SHOW_PROGRESS_AFTER_MS", 0)
    said: list[str] = []
    window.ctx.status.connect(said.append)
    page.receive([str(f) for f in files])
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=10000
    )
    [dialog] = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.waitUntil(holding.is_set, timeout=30000)
    cancel.click()
    pressed.set()
    wait_idle(qtbot, window, timeout=30000)
    assert len(taken) == 1  # the first file was taken, then the receipt stopped
    assert said[-1] == "Receiving stopped: nothing was received."
    assert page.units.rowCount() == 0 and page.records.rowCount() == 0
    assert read(qtbot, window, lambda ws: files_of_period(ws.db, 2026)) == []
