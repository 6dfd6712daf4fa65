"""What the program remembers between runs (QSettings): the last file and recent files, window
geometry, column layouts, the last page, the language and the print font.

Tests hand in their own QSettings (an .ini in a temporary folder) so they never touch the real
user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter

from swdesk.paths import APP_NAME

MAX_RECENT = 8


class SettingsStore:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings(APP_NAME, APP_NAME)

    # ------------------------------------------------------------ files

    @property
    def last_file(self) -> str | None:
        value = self.qsettings.value("files/last", "")
        return str(value) if value else None

    @last_file.setter
    def last_file(self, path: str | None) -> None:
        self.qsettings.setValue("files/last", path or "")

    def recent_files(self) -> list[str]:
        value = self.qsettings.value("files/recent", [])
        if isinstance(value, str):
            # QSettings hands back a one-item list as a plain string on some back ends.
            value = [value] if value else []
        return [str(v) for v in value or []]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        self.qsettings.setValue("files/recent", recent[:MAX_RECENT])
        self.last_file = path

    def forget_recent(self, path: str) -> None:
        recent = [p for p in self.recent_files() if p != path]
        self.qsettings.setValue("files/recent", recent)
        if self.last_file == path:
            self.last_file = None

    # ------------------------------------------------------------ window

    def window_geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window_geometry(self, geometry: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)

    @property
    def last_page(self) -> str:
        return str(self.qsettings.value("window/page", "dashboard"))

    @last_page.setter
    def last_page(self, key: str) -> None:
        self.qsettings.setValue("window/page", key)

    def save_header(self, key: str, header: QHeaderView | QSplitter) -> None:
        """Column widths and sort order of one table (or the sizes of a splitter's panes), under
        a name stable across runs."""
        self.qsettings.setValue(f"tables/{key}", header.saveState())

    def restore_header(self, key: str, header: QHeaderView | QSplitter) -> bool:
        value = self.qsettings.value(f"tables/{key}")
        if isinstance(value, QByteArray) and not value.isEmpty():
            return bool(header.restoreState(value))
        return False

    # ------------------------------------------------------------ preferences

    @property
    def language(self) -> str | None:
        value = self.qsettings.value("ui/language", "")
        return str(value) if value else None

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("ui/language", value)

    @property
    def print_font(self) -> str:
        return str(self.qsettings.value("print/font", ""))

    @print_font.setter
    def print_font(self, family: str) -> None:
        self.qsettings.setValue("print/font", family)

    def sync(self) -> None:
        self.qsettings.sync()
