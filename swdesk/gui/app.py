"""Start the desktop program."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from swdesk.gui.appearance import (
    choose_ui_font,
    install_qt_translations,
    load_stylesheet,
    register_fonts,
)
from swdesk.gui.settings_store import SettingsStore
from swdesk.i18n import current_language, set_language
from swdesk.paths import APP_NAME, resources_dir

_bools_kept = False


def keep_bools_alive() -> bool:
    """Work around PySide6 6.12.0: ``SignalInstance.emit()`` (and ``disconnect()``) return
    ``True``/``False`` without a reference of their own, so every signal emitted from Python takes
    one reference away from ``True``. Before Python 3.12 (where ``True`` and ``False`` are
    immortal) the count reaches zero after some thousands of emits — a long session, or one that
    reads much through the worker — and the interpreter aborts ("bool_dealloc"). If an emit here
    takes a reference away, ``True`` and ``False`` are given as many as no session uses up (what
    Python 3.12 does for them). Returns whether it was needed."""
    global _bools_kept
    if sys.version_info >= (3, 12) or _bools_kept:
        return False

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    if sys.getrefcount(True) >= before:
        return False  # a PySide6 that counts right
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40
    _bools_kept = True
    return True


def make_application(store: SettingsStore | None = None) -> QApplication:
    """The QApplication with fonts, translations and style set up (tests and benchmarks use it
    too). The language is the one saved in the settings, else SWDESK_LANG, else Chinese."""
    keep_bools_alive()
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


def run(db: str | None = None) -> int:
    """``swdesk`` with no command: the main window on ``db``, the last file, or the welcome."""
    from swdesk.gui.main_window import MainWindow

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    store = SettingsStore()
    app = make_application(store)
    window = MainWindow(store)
    window.show()
    window.start(db)
    return app.exec()
