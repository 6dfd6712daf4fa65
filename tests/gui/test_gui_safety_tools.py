"""The data-safety tools in the window: File › Back up to… a folder, File › Restore from a backup
(the list, the check first, the current data backed up before), File › Check the data file, and
Tools › Change log read in Chinese, numbers masked until shown (which is logged)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui_helpers import answer_next_box, read, wait_idle, write
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from swdesk.domain import idnumber
from swdesk.gui.audit_viewer import AuditViewer
from swdesk.gui.restore_dialog import RestoreDialog
from swdesk.i18n import set_language
from swdesk.services import staff
from swdesk.storage import audit
from swdesk.storage.backup import backups_dir, list_backups

LU = idnumber.make("452822", dt.date(1990, 7, 8), 151)


@pytest.fixture
def huang_window(qtbot, agency_window):
    write(qtbot, agency_window, staff.add_staff, name="黄丽华", id_number="452822198904170429",
          hire_date=dt.date(2019, 3, 1))  # fmt: skip
    return agency_window


def _names(qtbot, window) -> list[str]:
    return [p.name for p in read(qtbot, window, staff.list_staff)]


def test_back_up_to_a_folder_then_restore_it_from_the_list(
    qtbot, huang_window, tmp_path: Path, monkeypatch
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    seen = answer_next_box()
    huang_window.safety.back_up()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    [made] = list(stick.glob("*.zip"))
    assert seen[0] == f"Backup written: {made}"

    write(qtbot, huang_window, staff.add_staff, name="陆海燕", id_number=LU)
    assert _names(qtbot, huang_window) == ["黄丽华", "陆海燕"]

    huang_window.safety.restore()
    dialog = next(w for w in huang_window._dialogs if isinstance(w, RestoreDialog))
    wait_idle(qtbot, huang_window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    dialog.choose_file()
    wait_idle(qtbot, huang_window)
    cells = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert cells[1:4] == ["Made by hand", "1", "0"] and cells[5] == made.name
    assert cells[4].endswith("KB")
    assert dialog.selected() == made
    asked = answer_next_box("Cancel")  # the check ran; the user still says no
    dialog.check()
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert "1 staff" in asked[0] and "backed up first" in asked[0]
    assert dialog.isVisible() and "The backup is good" in dialog.message.text()
    assert _names(qtbot, huang_window) == ["黄丽华", "陆海燕"]

    with qtbot.waitSignal(huang_window.workspace_opened, timeout=30000):
        confirmed = answer_next_box("Restore")
        dialog.check()
        qtbot.waitUntil(lambda: bool(confirmed), timeout=15000)
        done = answer_next_box()
        qtbot.waitUntil(lambda: bool(done), timeout=30000)
    wait_idle(qtbot, huang_window)
    assert _names(qtbot, huang_window) == ["黄丽华"]  # as at the backup
    assert "The data as it was before is saved in" in done[0]
    path = huang_window.ctx.path
    kinds = [b.kind for b in list_backups(backups_dir(path), path.stem)]
    assert "before-restore" in kinds  # the current data was backed up first
    assert huang_window.undo_actions.undo_action.text() == "Undo"  # a new history
    assert not huang_window.undo_actions.undo_action.isEnabled()


def test_check_the_data_file(qtbot, huang_window) -> None:
    seen = answer_next_box()
    huang_window.safety.check()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert seen[0].startswith("The data file is whole.")
    assert "Every attached file is present and unaltered." in seen[0]


def test_the_change_log_in_chinese(qtbot, huang_window) -> None:
    person = read(qtbot, huang_window, staff.list_staff)[0]
    write(qtbot, huang_window, staff.update_staff, person.id, hire_date=dt.date(2019, 2, 1))
    write(qtbot, huang_window, staff.add_credential, person.id_number, level="social_worker",
          certificate_number="S2020450001", obtained_on=dt.date(2020, 6, 20))  # fmt: skip
    set_language("zh_CN")
    try:
        viewer = AuditViewer(huang_window.ctx, huang_window)
        viewer.show()
        wait_idle(qtbot, huang_window)
        rows = {viewer.model.index(r, 2).data(): viewer.model.index(r, 4).data()
                for r in range(viewer.model.rowCount())}  # fmt: skip
        assert "入职时间：2019-03-01 → 2019-02-01" in rows["人员信息已更正"]
        assert "证书等级：社会工作师" in rows["证书已录入"]
        added = rows["已添加人员"]
        assert "身份证号：4528**********0429" in added and "452822198904170429" not in added
        assert "性别：女" in added
        assert viewer.model.headerData(2, Qt.Orientation.Horizontal) == "事项"
        # Whole numbers: asked first, then shown, and the looking is logged.
        viewer.kind.setCurrentIndex(viewer.kind.findData("staff"))
        viewer.whole.setChecked(True)
        answer_next_box("显示")
        viewer.load()
        wait_idle(qtbot, huang_window)
        shown = [viewer.model.index(r, 4).data() for r in range(viewer.model.rowCount())]
        assert any("452822198904170429" in text for text in shown)
        assert {viewer.model.index(r, 2).data() for r in range(viewer.model.rowCount())} == {
            "已添加人员", "人员信息已更正",
        }  # fmt: skip
    finally:
        set_language("en")
    log = read(qtbot, huang_window, lambda ws: audit.entries(ws.db))
    assert log[-1]["action"] == "personal.reveal" and log[-1]["new"]["via"] == "audit"


def test_receipts_are_attached_to_an_application_by_dropping_them_and_opened(
    qtbot, demo_window, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDesktopServices, QDropEvent

    from swdesk.services.claims import create_level_award

    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    owed = next(
        page.elig_model.row_at(n).key
        for n in range(page.elig_model.rowCount())
        if page.elig_model.row_at(n).key.eligible and page.elig_model.row_at(n).key.amount_due
    )
    created = write(qtbot, demo_window, create_level_award, owed.staff.id_number)
    number = next(r.key.number for r in page.apps_model.rows() if r.key.id == created.created_id)
    page.select_application(number)
    wait_idle(qtbot, demo_window)
    files = page.files
    assert files.attach_button.isEnabled() and files.model.rowCount() == 0
    receipt = tmp_path / "发票.pdf"
    receipt.write_bytes(b"%PDF-1.4 a receipt")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(receipt))])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    files.dropEvent(drop)
    wait_idle(qtbot, demo_window)
    page.select_application(number)
    wait_idle(qtbot, demo_window)
    assert files.model.rowCount() == 1
    assert files.model.index(0, 0).data() == "发票.pdf"
    assert demo_window.undo_actions.undo_action.text() == (
        f"Undo: Attach 发票.pdf to application {number}"
    )
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    files.actions.edit.run(files.model.row_at(0).key)  # Open (or a double-click)
    wait_idle(qtbot, demo_window)
    assert Path(opened[0].toLocalFile()).read_bytes() == receipt.read_bytes()


def test_the_check_offers_to_make_the_training_hours_again(qtbot, huang_window) -> None:
    import sqlite3

    path = huang_window.ctx.path
    conn = sqlite3.connect(path)
    with conn:  # a hand edit: seven hours online that no attendance holds
        conn.execute(
            "INSERT INTO ce_hours_by_year (staff_id, year, online, general) "
            "SELECT MIN(id), 2026, 700, 700 FROM staff"
        )
    conn.close()
    seen = answer_next_box("Make the training hours again")
    huang_window.safety.check()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert "differ from the attendance for 1 people and years" in seen[0]
    # The repair, then the check once more: the second box says all is well.
    again = answer_next_box()
    qtbot.waitUntil(lambda: bool(again), timeout=15000)
    assert again[0].startswith("The data file is whole.")
    assert "differ from the attendance" not in again[0]
    from swdesk.services.audit_trail import change_log

    log = read(qtbot, huang_window, change_log)
    [entry] = [e for e in log if e.entry.action == "training.hours_rebuilt"]
    assert entry.what == "Training hours by year made again"
    assert [(c.field, c.new) for c in entry.entry.changes] == [("differed", 1)]
