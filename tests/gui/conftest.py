"""GUI fixtures: a main window with its own settings file (never the user's), a fixed 'today', and
helpers that answer a message box the way a user would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import wait_idle
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from swdesk.gui.app import make_application
from swdesk.gui.form_dialog import FormDialog
from swdesk.gui.main_window import MainWindow
from swdesk.gui.settings_store import SettingsStore

# The same fixed day as the shared fixtures (tests/conftest.py).
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    # Fonts, Qt's translations and the stylesheet, as the program sets them up.
    return make_application()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def make_store(path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.fixture
def store(settings_path: Path) -> SettingsStore:
    return make_store(settings_path)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def new_window(
    qtbot, app: QApplication, data_dir: Path
) -> Iterator[Callable[[SettingsStore], MainWindow]]:
    """Make main windows as `swdesk` does at start, closed (and so saved) at the end."""
    made: list[MainWindow] = []

    def make(store: SettingsStore) -> MainWindow:
        # Closed by this fixture, not by qtbot: work must stop before the window closes.
        window = MainWindow(store, clock=lambda: TODAY, user="tester", data_dir=data_dir)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        # Stop work first, so that closing never waits on a question to the user; dialogs a
        # test left with typed input would ask whether to discard it: nobody is there.
        window.tasks.shutdown()
        for dialog in window.findChildren(FormDialog):
            dialog.done(0)
        if window.isVisible():
            window.close()
        window.deleteLater()


@pytest.fixture
def window(new_window, store: SettingsStore) -> MainWindow:
    return new_window(store)


@pytest.fixture
def demo_window(qtbot, window: MainWindow) -> MainWindow:
    window.start(None)
    with qtbot.waitSignal(window.workspace_opened, timeout=30000):
        window.open_demo()
    wait_idle(qtbot, window)
    return window


@pytest.fixture
def agency_window(qtbot, window: MainWindow, data_dir: Path) -> MainWindow:
    """A new data file with an agency on the Fangchenggang profile, created through the welcome
    form, its pages open."""
    window.start(None)
    window.welcome.show_create(str(data_dir / "a.db"), fixed_path=True)
    window.welcome.form.name.setText("测试社会工作服务中心")
    window.welcome.form.select_profile("fangchenggang-2023")
    with qtbot.waitSignal(window.workspace_opened):
        window.welcome.submit_button.click()
    wait_idle(qtbot, window)
    return window
