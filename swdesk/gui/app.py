"""Start the desktop program."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from swdesk.gui import ops
from swdesk.gui.appearance import (
    choose_ui_font,
    install_qt_translations,
    load_stylesheet,
    register_fonts,
)
from swdesk.gui.qt_fixes import mend_lost_references
from swdesk.gui.settings_store import SettingsStore
from swdesk.i18n import current_language, set_language
from swdesk.paths import APP_NAME, resources_dir

if TYPE_CHECKING:
    from swdesk.gui.main_window import MainWindow


def make_application(store: SettingsStore | None = None) -> QApplication:
    """The QApplication with fonts, translations and style set up (tests and benchmarks use it
    too). The language is the one saved in the settings, else SWDESK_LANG, else Chinese."""
    mend_lost_references()  # done on importing swdesk.gui; said here for a reader
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("swdesk")
    # The same icon as the shortcuts and the menu entry, for the title bar and the task bar.
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "swdesk.png")))
    if store is not None and store.language:
        set_language(store.language)
    install_qt_translations(app, current_language())  # type: ignore[arg-type]
    choose_ui_font(app, register_fonts())  # type: ignore[arg-type]
    load_stylesheet(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def launch(
    db: str | None = None, store: SettingsStore | None = None
) -> tuple[QApplication, MainWindow]:
    """The application and its main window, shown and opening ``db``, the last file, or the
    welcome: what ``swdesk`` does before its event loop runs (the benchmarks start it so too).
    The file's quick check starts first, on a thread of its own, so that SQLite reads the file
    while the window imports and builds itself; the open takes up its verdict."""
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    store = store or SettingsStore()
    path = db or store.last_file
    if path:
        ops.check_ahead(path)
    from swdesk.gui.main_window import MainWindow

    app = make_application(store)
    window = MainWindow(store)
    window.show()
    window.start(db)
    return app, window


def run(db: str | None = None) -> int:
    """``swdesk`` with no command: the main window on ``db``, the last file, or the welcome."""
    app, _window = launch(db)
    return app.exec()
