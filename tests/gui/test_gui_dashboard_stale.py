"""A dashboard's work that nobody will see any more stops (issue 17): a newer refresh, another
data file or another day cancels the job still gathering the reminders, which stops at its next
stage, untold; the dashboard then shows the newer answer."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, make_store
from gui_helpers import wait_idle
from PySide6.QtWidgets import QMessageBox

from swdesk.gui.form_dialog import FormDialog
from swdesk.gui.main_window import MainWindow
from swdesk.i18n import _
from swdesk.services.reading import checkpoint
from swdesk.services.reminders import register_provider, unregister_provider


class SlowProvider:
    """A reminder provider whose first run once armed goes on until its work is cancelled (or
    20 s pass): the stand-in for reminders of a very large agency. Other runs end at once."""

    def __init__(self) -> None:
        self.armed = False
        self.started = threading.Event()
        self.days: list[dt.date] = []  # the day of each run since armed
        self.ended: list[str] = []  # how the slow run ended

    def arm(self) -> None:
        self.armed = True

    def __call__(self, _ws, as_of: dt.date) -> list:
        if not self.armed:
            return []
        self.days.append(as_of)
        if len(self.days) > 1:
            return []
        self.started.set()
        give_up = time.monotonic() + 20
        try:
            while time.monotonic() < give_up:
                checkpoint()
                time.sleep(0.005)
        except Exception as exc:
            self.ended.append(type(exc).__name__)
            raise
        self.ended.append("ran to the end")
        return []


@pytest.fixture
def slow() -> Iterator[SlowProvider]:
    provider = SlowProvider()
    register_provider("slow test provider", provider)
    yield provider
    unregister_provider("slow test provider")


def _dashboard(window: MainWindow):
    assert window.view is not None
    return window.view.page("dashboard")


def _no_error_box(window: MainWindow) -> None:
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def _shows_its_reminders(page) -> None:
    n = page.reminder_model.total()
    assert n > 0 and not page.busy()
    assert page.reminder_note.text() == _(
        "{n} reminders. Double-click one to open what it is about."
    ).format(n=n)


def test_a_newer_refresh_stops_the_dashboard_work_still_running(qtbot, demo_window, slow) -> None:
    demo_window.go("dashboard")
    wait_idle(qtbot, demo_window)
    slow.arm()
    page = _dashboard(demo_window)
    page.refresh()
    qtbot.waitUntil(slow.started.is_set, timeout=10000)
    assert page.busy() and page.reminder_note.text() == _("Loading…")
    page.refresh()  # a change, say: the reminders being gathered are stale
    wait_idle(qtbot, demo_window, timeout=10000)
    assert slow.ended == ["Cancelled"]
    assert slow.days == [TODAY, TODAY]
    _no_error_box(demo_window)  # stopped untold
    _shows_its_reminders(page)


def test_opening_another_file_stops_the_dashboard_work_of_the_file_before(
    qtbot, demo_window, slow, data_dir: Path
) -> None:
    other = data_dir / "other.db"
    source = sqlite3.connect(demo_window.ctx.path)
    copy = sqlite3.connect(other)
    source.backup(copy)
    source.close()
    copy.close()
    demo_window.go("dashboard")
    wait_idle(qtbot, demo_window)
    slow.arm()
    _dashboard(demo_window).refresh()
    qtbot.waitUntil(slow.started.is_set, timeout=10000)
    started = time.monotonic()
    with qtbot.waitSignal(demo_window.workspace_opened, timeout=15000):
        demo_window.open_file(str(other))
    # The window did not wait for the old file's reminders (their run would take 20 s).
    assert time.monotonic() - started < 15
    wait_idle(qtbot, demo_window, timeout=15000)
    assert slow.ended == ["Cancelled"]
    assert Path(demo_window.ctx.path).resolve() == other.resolve()
    assert demo_window.view.current_key() == "dashboard"
    _no_error_box(demo_window)
    _shows_its_reminders(_dashboard(demo_window))


def test_a_new_day_gathers_the_dashboard_again_and_stops_the_work_for_the_day_before(
    qtbot, app, data_dir: Path, tmp_path: Path, slow
) -> None:
    day = [TODAY]
    window = MainWindow(
        make_store(tmp_path / "day.ini"), clock=lambda: day[0], user="tester", data_dir=data_dir
    )
    window.show()
    try:
        window.start(None)
        with qtbot.waitSignal(window.workspace_opened, timeout=30000):
            window.open_demo()
        window.go("dashboard")
        wait_idle(qtbot, window, timeout=30000)
        page = _dashboard(window)
        page.watch_day()  # the same day: nothing to do
        assert not window.tasks.busy()
        slow.arm()
        page.refresh()
        qtbot.waitUntil(slow.started.is_set, timeout=10000)
        day[0] = TODAY + dt.timedelta(days=1)  # midnight passed
        page.watch_day()
        wait_idle(qtbot, window, timeout=10000)
        assert slow.ended == ["Cancelled"]
        assert slow.days == [TODAY, TODAY + dt.timedelta(days=1)]
        _no_error_box(window)
        _shows_its_reminders(page)
    finally:
        window.tasks.shutdown()
        for dialog in window.findChildren(FormDialog):
            dialog.done(0)
        window.close()
        window.deleteLater()


def test_a_silent_read_stopped_while_running_ends_untold_but_a_labelled_one_is_told(
    qtbot,
) -> None:
    from swdesk.gui.tasks import Cancelled, TaskRunner

    runner = TaskRunner()
    running = threading.Event()
    told: list[str] = []

    def work(_ws, progress) -> str:
        running.set()
        for _step in range(2000):  # 10 s unless stopped
            progress.check()
            time.sleep(0.005)
        return "finished"

    silent = runner.run(work, told.append, lambda exc, _t: told.append(type(exc).__name__))
    qtbot.waitUntil(running.is_set, timeout=5000)
    runner.cancel(silent)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert told == []  # nobody waits for a stale read: no answer, no error
    running.clear()
    labelled = runner.run(
        work,
        told.append,
        lambda exc, _t: told.append(type(exc).__name__),
        label="Working…",
        cancellable=True,
    )
    qtbot.waitUntil(running.is_set, timeout=5000)
    runner.cancel(labelled)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert told == [Cancelled.__name__]  # the user pressed Cancel and hears it stopped
    runner.shutdown()
