"""The first window fits the screen: maximised on a 1366×768 laptop (the status bar on screen),
1200×780 in the middle of a larger one, a remembered size that no longer fits fitted again."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMainWindow

from swdesk.gui.window_fit import first_geometry, fits, place_window


def test_a_laptop_screen_maximises_and_a_large_one_centres() -> None:
    assert first_geometry(QRect(0, 0, 1366, 728)) is None  # 768 less the task bar
    assert first_geometry(QRect(0, 0, 1280, 760)) is None
    rect = first_geometry(QRect(0, 0, 1920, 1040))
    assert rect is not None and (rect.width(), rect.height()) == (1200, 780)
    assert rect.center() == QRect(0, 0, 1920, 1040).center()
    # A second screen to the right: the window opens on it.
    rect = first_geometry(QRect(1920, 0, 1600, 860))
    assert rect is not None and fits(rect, QRect(1920, 0, 1600, 860))
    assert rect.height() <= 860 - 48


def test_the_window_is_placed_on_its_screen(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    place_window(window, restored=False)
    expected = first_geometry(available)
    if expected is None:
        assert window.windowState() & window.windowState().WindowMaximized
    else:
        assert window.geometry() == expected
    # A geometry remembered from a larger screen is fitted again.
    window.setWindowState(window.windowState().WindowNoState)
    window.setGeometry(QRect(available.right() - 100, 0, 1900, 1200))
    place_window(window, restored=True)
    assert (
        fits(window.geometry(), available)
        or window.isMaximized()
        or (window.windowState() & window.windowState().WindowMaximized)
    )
