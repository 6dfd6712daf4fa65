"""Start-up and the large lists (issue 17): the day's backup made beside the worker, the staff
table's first screenful and its filter, the dashboard's reminders a page at a time, and queued
reads that a newer refresh made stale dropped before they run."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading

from gui_helpers import wait_idle
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from threads_kit import threads_calling

from swdesk.gui.collation import text_key
from swdesk.gui.staff_model import StaffFilterProxy, StaffTableModel
from swdesk.gui.table_model import Row, RowsModel
from swdesk.gui.tasks import TaskRunner
from swdesk.services.overviews import StaffRow


def test_the_window_paints_before_the_storage_stack_or_the_print_libraries_are_imported() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from swdesk.gui.app import make_application\n"
        "from swdesk.gui.main_window import MainWindow\n"
        "app = make_application()\n"
        "from swdesk.gui.settings_store import SettingsStore\n"
        "from PySide6.QtCore import QSettings\n"
        "import tempfile, os\n"
        "ini = os.path.join(tempfile.mkdtemp(), 's.ini')\n"
        "w = MainWindow(SettingsStore(QSettings(ini, QSettings.Format.IniFormat)))\n"
        "w.show()\n"
        "heavy = ('sqlite_utils', 'reportlab', 'openpyxl', 'pypdf', 'pypdfium2', 'stdnum', 'babel',\n"
        "         'pypinyin', 'swdesk.storage.database', 'swdesk.services.workspace',\n"
        "         'swdesk.gui.form_dialog', 'swdesk.gui.help_viewer', 'swdesk.domain.profiles')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_days_backup_is_made_after_opening_on_a_thread_of_its_own(
    qtbot, new_window, store, data_dir, monkeypatch
) -> None:
    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace
    from swdesk.storage import backup as storage_backup
    from swdesk.storage.backup import DAILY, backups_dir, list_backups

    path = data_dir / "agency.db"
    ws = Workspace.open(path, clock=lambda: dt.date(2026, 11, 21))
    fill_demo(ws)
    ws.close()
    for info in list_backups(backups_dir(path), path.stem):
        info.path.unlink()
    threads = threads_calling(monkeypatch, "make_backup", storage_backup)
    window = new_window(store)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.start(str(path))
    wait_idle(qtbot, window)
    made = [b for b in list_backups(backups_dir(path), path.stem) if b.kind == DAILY]
    assert len(made) == 1
    assert threads and threading.main_thread().name not in threads
    # Once a day: opening again the same day makes none.
    window.daily_backup()
    wait_idle(qtbot, window)
    assert len([b for b in list_backups(backups_dir(path), path.stem) if b.kind == DAILY]) == 1


def _people(n: int) -> list[StaffRow]:
    from swdesk.domain.staff import Staff
    from swdesk.i18n.pinyin_search import search_key

    rows = []
    for i in range(n):
        name = ("张伟", "李娜", "王芳")[i % 3] + str(i)
        person = Staff(
            name, f"4528221990010{i:05d}", "F", dt.date(1990, 1, 1), f"139{i:08d}",
            "", "", dt.date(2020, 1, 1), dt.date(2024, 1, 1) if i % 2 else None,
            False, None, "", i + 1,
        )  # fmt: skip
        rows.append(StaffRow(person, None, None, search_key(person.name, person.phone)))
    return rows


def test_the_staff_filter_keeps_the_selected_person_and_follows_a_sort(qtbot) -> None:
    model = StaffTableModel()
    proxy = StaffFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(_people(30), dt.date(2026, 11, 21), str)
    assert proxy.rowCount() == 30 and proxy.key_builds == 1
    held = QPersistentModelIndex(proxy.index(3, 0))  # 张伟3, as a selection holds it
    proxy.set_text("zw")  # 张伟 by its initials: every third person
    assert proxy.rowCount() == 10
    assert held.isValid() and held.data() == "张伟3"
    assert all(proxy.index(r, 0).data().startswith("张伟") for r in range(10))
    proxy.filter_by("zw", show_left=False)  # the even ones are in post
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        f"张伟{i}" for i in range(0, 30, 6)
    ]
    assert not held.isValid()  # 张伟3 left: no longer shown
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=text_key, reverse=True)
    assert set(names) == {f"张伟{i}" for i in range(0, 30, 6)}
    assert proxy.key_builds == 2  # the rows moved: their keys were made again, once


def test_a_painted_cell_gets_in_one_call_what_data_gives_role_by_role(qtbot) -> None:
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan
    from PySide6.QtWidgets import QTableView

    from swdesk.gui.staff_model import StaffIdRole

    model = StaffTableModel()
    proxy = StaffFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(_people(12), dt.date(2026, 11, 21), str)
    proxy.set_text("lina")  # 李娜: rows 1, 4, 7, 10, so that shown and stored rows differ
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, StaffIdRole,
             Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.TextAlignmentRole]  # fmt: skip
    given = 0
    for r in range(proxy.rowCount()):
        for c in range(proxy.columnCount()):
            index = proxy.index(r, c)
            for role in roles:
                item = QModelRoleData(int(role))
                proxy.multiData(index, QModelRoleDataSpan(item))
                assert item.data() == proxy.data(index, role), (r, c, role)
                given += item.data() is not None
    assert given > 0  # names, ids and the leavers' grey were among them
    # And a view painting the table asks for them that way, not role by role.
    asked = {"multiData": 0, "data": 0}

    class Counted(StaffFilterProxy):
        def multiData(self, index, roles) -> None:  # noqa: N802 - Qt override
            asked["multiData"] += 1
            super().multiData(index, roles)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
            asked["data"] += 1
            return super().data(index, role)

    counted = Counted()
    counted.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(counted)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().update()
    qtbot.waitUntil(lambda: asked["multiData"] > 0)
    assert asked["data"] == 0


def test_a_long_list_is_made_a_page_at_a_time_as_the_view_asks(qtbot) -> None:
    made: list[int] = []

    def row(n: int) -> Row:
        made.append(n)
        return Row([str(n)], key=n)

    model = RowsModel(lambda: ["n"])
    model.set_rows_paged(list(range(450)), row, page=200)
    assert model.rowCount() == 200 and len(made) == 200 and model.total() == 450
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400 and model.row_at(399).key == 399
    model.sort(0, Qt.SortOrder.DescendingOrder)  # a sort takes in every row
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert len(made) == 450


def test_a_silent_read_cancelled_before_it_began_is_dropped(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    ran: list[str] = []
    answered: list[str] = []
    runner.run(lambda _ws, _p: gate.wait(10), lambda _r: answered.append("first"))
    second = runner.run(lambda _ws, _p: ran.append("second"), lambda _r: answered.append("2"))
    runner.run(lambda _ws, _p: ran.append("third"), lambda _r: answered.append("third"))
    runner.cancel(second)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10000)
    assert ran == ["third"]
    assert answered == ["first", "third"]
    runner.shutdown()


def test_broken_references_are_found_after_opening_and_told_in_a_box_and_the_status_bar(
    qtbot, new_window, store, data_dir
) -> None:
    import sqlite3

    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace

    path = data_dir / "agency.db"
    ws = Workspace.open(path, clock=lambda: dt.date(2026, 11, 21))
    fill_demo(ws)
    ws.close()
    from swdesk.storage.backup import backups_dir

    for made in backups_dir(path).glob("*"):
        made.unlink()  # no backup today yet: the first open of the day
    conn = sqlite3.connect(path)  # the way a tool outside swdesk could break the file
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "UPDATE credentials SET staff_id = 999999 WHERE id = (SELECT MIN(id) FROM credentials)"
    )
    conn.commit()
    conn.close()
    window = new_window(store)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.start(str(path))
    from swdesk.i18n import _

    told = _("The data file {path} has {n} broken references.").format(
        path=str(path.resolve()), n=1
    )
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == told, timeout=10000)
    assert window.view is not None  # opened all the same: nothing is lost by looking
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == told and "File › Check the data file" in box.informativeText()
    box.close()


def test_swdesk_checks_its_file_on_a_thread_of_its_own_while_the_window_is_built(
    qtbot, app, store, data_dir, monkeypatch
) -> None:
    # The quick check (a fifth of a second on a large file) used to run on the worker before
    # the file opened; it now starts before the window builds itself, and the open takes up
    # its verdict instead of reading every page again.
    from swdesk.gui.app import launch
    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace
    from swdesk.storage import database, integrity

    path = data_dir / "agency.db"
    ws = Workspace.open(path, clock=lambda: dt.date(2026, 11, 21))
    fill_demo(ws)
    ws.close()
    database._checked.clear()  # as in a program just started
    ran = threads_calling(monkeypatch, "quick_check", integrity, database)
    _app, window = launch(str(path), store)
    try:
        qtbot.waitUntil(lambda: window.view is not None, timeout=30000)
        wait_idle(qtbot, window)
        assert window.ctx is not None and window.ctx.path == path.resolve()
        assert ran == ["swdesk-check-ahead"]
    finally:
        window.tasks.shutdown()
        window.close()
        window.deleteLater()
