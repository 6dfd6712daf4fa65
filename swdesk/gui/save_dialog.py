"""Where files are saved and opened from: the user's Documents folder the first time, then the
folder they chose last (remembered between runs), with a name that says what the file holds
(`swdesk.services.file_names`) — never the program's own folder, never ``packet.pdf``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from swdesk.gui.settings_store import SettingsStore
from swdesk.i18n import _

_FOLDER_KEY = "files/save_folder"


class Format(Enum):
    PDF = "pdf"
    WORD = "docx"
    EXCEL = "xlsx"
    EXCHANGE = "zip"  # a submission file or a return file (报送文件, 退回文件)

    def title(self) -> str:
        return {
            Format.PDF: _("Save as PDF"),
            Format.WORD: _("Save as Word"),
            Format.EXCEL: _("Save as Excel"),
            Format.EXCHANGE: _("Save the file"),
        }[self]

    def file_filter(self) -> str:
        return {
            Format.PDF: _("PDF document (*.pdf)"),
            Format.WORD: _("Word document (*.docx)"),
            Format.EXCEL: _("Excel workbook (*.xlsx)"),
            Format.EXCHANGE: _("Submission or return file (*.zip)"),
        }[self]


def documents_dir() -> Path:
    """The user's Documents folder (文档 / Documents), or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(store: SettingsStore) -> Path:
    """The folder a save or open dialog starts in: the last one chosen while it still exists."""
    last = store.qsettings.value(_FOLDER_KEY, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_dir()


def remember_folder(store: SettingsStore, path: Path) -> None:
    store.qsettings.setValue(_FOLDER_KEY, str(path.parent))


def with_extension(path: Path, fmt: Format) -> Path:
    """The path with the format's extension (a name typed without one gets it)."""
    return (
        path
        if path.suffix.lower() == f".{fmt.value}"
        else path.with_name(path.name + f".{fmt.value}")
    )


def suggested_path(store: SettingsStore, fmt: Format, suggested_name: str) -> Path:
    """``suggested_name`` with the format's extension, in the folder a dialog starts in."""
    return start_folder(store) / with_extension(Path(Path(suggested_name).name), fmt).name


def ask_save_path(
    parent: QWidget | None,
    store: SettingsStore,
    fmt: Format,
    suggested_name: str,
    title: str = "",
) -> Path | None:
    """Ask where to save a file of ``fmt``, proposing ``suggested_name`` in the start folder (a
    whole path: in its own folder); None when the user cancels. The chosen folder is
    remembered."""
    if Path(suggested_name).is_absolute():
        proposed = with_extension(Path(suggested_name), fmt)
    else:
        proposed = start_folder(store) / Path(suggested_name).with_suffix(f".{fmt.value}").name
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title or fmt.title(), str(proposed), fmt.file_filter()
    )
    if not chosen:
        return None
    path = with_extension(Path(chosen), fmt)
    remember_folder(store, path)
    return path


def ask_open_paths(
    parent: QWidget | None, store: SettingsStore, fmt: Format, title: str, *, many: bool = False
) -> list[Path]:
    """Ask for the file (or, with ``many``, the files) of ``fmt`` to open, from the folder last
    chosen; [] when the user cancels. The folder is remembered."""
    start = str(start_folder(store))
    if many:
        chosen, _filter = QFileDialog.getOpenFileNames(parent, title, start, fmt.file_filter())
    else:
        one, _filter = QFileDialog.getOpenFileName(parent, title, start, fmt.file_filter())
        chosen = [one] if one else []
    paths = [Path(p) for p in chosen if p]
    if paths:
        remember_folder(store, paths[0])
    return paths


def ask_open_path(
    parent: QWidget | None, store: SettingsStore, title: str, file_filter: str
) -> Path | None:
    """Ask for a file to open, starting in the start folder; the folder is remembered."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(store)), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(store, path)
    return path
