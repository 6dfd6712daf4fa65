"""The main window's first size: it fits the screen it opens on. A 1366×768 laptop (the common
office machine) gets the window maximised — 1200×780 with its title bar would put the status
bar below the screen's edge — and a larger screen gets 1200×780 in its middle. A size remembered
from a larger screen that no longer fits (the laptop without its monitor) is fitted again."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1200, 780)
MAXIMISE_BELOW = QSize(1280, 800)  # an available area smaller than this: maximise
FRAME = QSize(16, 48)  # room for the window's frame and title bar, which the size leaves out


def first_geometry(available: QRect) -> QRect | None:
    """Where the first window goes on a screen whose free area is ``available``; None: maximise."""
    if available.width() < MAXIMISE_BELOW.width() or available.height() < MAXIMISE_BELOW.height():
        return None
    width = min(PREFERRED.width(), available.width() - FRAME.width())
    height = min(PREFERRED.height(), available.height() - FRAME.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a window's frame lies wholly on the free area of its screen."""
    return available.contains(frame)


def place_window(window: QWidget, restored: bool) -> None:
    """Size a window not yet shown: a restored geometry that fits stays; otherwise the first
    geometry for its screen (or maximised)."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    if restored and (window.isMaximized() or fits(window.frameGeometry(), available)):
        return
    rect = first_geometry(available)
    if rect is None:
        # Un-maximised later, it still fits.
        window.setGeometry(available.adjusted(0, 0, -FRAME.width(), -FRAME.height()))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.setGeometry(rect)
