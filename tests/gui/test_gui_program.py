"""What every desktop program does: long work on a worker with its own connection and a progress
dialog only when it takes long, the language switch (Qt's own dialogs too), the bundled font,
what is remembered between runs, shortcuts, and a clean exit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from conftest import make_store
from gui_helpers import wait_idle
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from swdesk.gui.tasks import Cancelled, TaskRunner
from swdesk.i18n import current_language, set_language


def test_jobs_run_on_the_worker_and_its_connection(qtbot, demo_window) -> None:
    results = []

    def job(ws, _progress):
        return threading.get_ident(), id(ws.db.conn), ws.db["staff"].count

    demo_window.tasks.run(job, results.append)
    demo_window.tasks.run(job, results.append)
    wait_idle(qtbot, demo_window)
    (thread, conn, count), (again, same, _n) = results
    assert thread != threading.get_ident()  # not the window's thread
    assert (again, same) == (thread, conn)  # one worker, one connection
    assert count == 60


def test_progress_shows_only_for_long_work_and_cancel_stops_it(qtbot, demo_window) -> None:
    tasks: TaskRunner = demo_window.tasks
    outcome: list[object] = []

    def quick(ws, progress):
        time.sleep(0.1)
        return "quick"

    tasks.run(quick, outcome.append, label="Quick work…")
    wait_idle(qtbot, demo_window)
    assert outcome == ["quick"]
    assert not any(
        isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )

    def slow(ws, progress):
        for n in range(200):
            progress.report(n, 200, f"step {n}")
            progress.check()
            time.sleep(0.02)
        return "finished"

    errors: list[Exception] = []
    job = tasks.run(slow, outcome.append, lambda exc, _t: errors.append(exc),
                    label="Long work…", cancellable=True)  # fmt: skip
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=3000)  # fmt: skip
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    )
    qtbot.waitUntil(lambda: dialog.labelText().startswith("step "))
    assert dialog.maximum() == 200
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, demo_window)
    assert outcome == ["quick"]  # the slow job never finished
    assert isinstance(errors[0], Cancelled)
    assert job > 0


def test_switching_to_chinese_rebuilds_the_window_and_qt_dialogs(qtbot, demo_window, store) -> None:
    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    try:
        demo_window.switch_language("zh_CN")
        qtbot.waitUntil(lambda: current_language() == "zh_CN" and demo_window.view is not None
                        and demo_window.view.nav.item(1).text() == "人员")  # fmt: skip
        wait_idle(qtbot, demo_window)
        view = demo_window.view
        assert [view.nav.item(i).text() for i in range(view.nav.count())] == [
            "工作台", "人员", "继续教育", "岗位等级", "奖励与报销", "见习人员", "打印与报表",
            "设置",
        ]  # fmt: skip
        assert view.current_key() == "staff"  # the page stays
        assert view.page("staff").count_label.text() == "60 人"
        assert store.language == "zh_CN"
        # Qt's own buttons and dialogs speak Chinese too (qtbase_zh_CN.qm).
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        demo_window.switch_language("en")
        qtbot.waitUntil(lambda: current_language() == "en")
        set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_bundled_font_draws_chinese(app) -> None:
    families = QFontDatabase.applicationFontFamilies(0) + [
        f for i in range(1, 4) for f in QFontDatabase.applicationFontFamilies(i)
    ]
    assert "WenQuanYi Micro Hei" in families
    assert "WenQuanYi Micro Hei" in QApplication.font().families()
    raw = QRawFont.fromFont(QFont("WenQuanYi Micro Hei"))
    assert raw.familyName() == "WenQuanYi Micro Hei"
    assert all(raw.supportsCharacter(ord(c)) for c in "防城港市社会工作服务中心")


def test_window_size_column_widths_and_page_are_remembered(
    qtbot, new_window, settings_path: Path
) -> None:
    first = new_window(make_store(settings_path))
    first.start(None)
    with qtbot.waitSignal(first.workspace_opened, timeout=30000):
        first.open_demo()
    wait_idle(qtbot, first)
    first.resize(950, 666)
    first.go("staff")
    wait_idle(qtbot, first)
    header = first.view.page("staff").table.horizontalHeader()
    header.resizeSection(0, 234)
    first.close()

    second = new_window(make_store(settings_path))
    second.start(None)
    wait_idle(qtbot, second)
    # The height as left (the width is kept within the small offscreen screen by Qt).
    assert second.size().height() == 666
    assert second.view.current_key() == "staff"
    assert second.view.page("staff").table.horizontalHeader().sectionSize(0) == 234


def test_keyboard_shortcuts_go_to_the_pages(qtbot, demo_window) -> None:
    with qtbot.waitActive(demo_window):
        demo_window.activateWindow()
    qtbot.keyClick(demo_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.view.current_key() == "grades"
    qtbot.keyClick(demo_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.view.current_key() == "staff"
    page = demo_window.view.page("staff")
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_quitting_closes_the_data_file_and_stops_the_worker(qtbot, demo_window) -> None:
    from gui_helpers import read

    ws = read(qtbot, demo_window, lambda ws: ws)
    demo_window.close()
    assert demo_window.ctx is None and demo_window.view is None
    assert not demo_window.tasks.busy()
    # The data file was closed: its connection no longer answers.
    import sqlite3

    try:
        ws.db.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        pass
    else:
        raise AssertionError("the data file is still open")


def test_signals_emitted_from_python_do_not_wear_true_out(app) -> None:
    """PySide6 6.12.0's emit() gives back a True it holds no reference to; before Python 3.12 a
    session of some thousands of emits would abort the interpreter (gui/app.py works around)."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        fired = Signal(object)

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(20_000):
        probe.fired.emit(None)
    assert (
        sys.version_info >= (3, 12)
        or sys.getrefcount(True) > (1 << 30)
        or (sys.getrefcount(True) >= before)
    )
