"""The user guide, shipped with the program (resources/help/guide.LANG.html), in a window of its
own: F1 opens it at the section of the page in view; 帮助 › 使用说明 at its beginning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from swdesk.i18n import _, current_language
from swdesk.paths import resources_dir

# The sections of the guide, by anchor: one per page of the main window, and the topics.
SECTIONS = (
    "start",
    "dashboard",
    "staff",
    "training",
    "grades",
    "applications",
    "interns",
    "printing",
    "settings",
    "rules",
    "import",
    "backup",
)


def guide_path(language: str | None = None) -> Path:
    """The guide in ``language`` (the window's by default); the Chinese one if there is none."""
    folder = resources_dir() / "help"
    wanted = folder / f"guide.{language or current_language()}.html"
    return wanted if wanted.is_file() else folder / "guide.zh_CN.html"


def section_for(page_key: str | None) -> str:
    return page_key if page_key in SECTIONS else "start"


class HelpViewer(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("swdesk user guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self._language = ""
        self.resize(760, 640)

    def show_section(self, section: str) -> None:
        """Show the guide (in the current language) at ``section`` and bring the window up."""
        language = current_language()
        if language != self._language:
            self.browser.setSource(QUrl.fromLocalFile(str(guide_path(language))))
            self._language = language
        self.browser.scrollToAnchor(section_for(section))
        self.show()
        self.raise_()
        self.activateWindow()

    def anchor_top(self, name: str) -> float | None:
        """Where the heading of section ``name`` is, from the top of the guide, in pixels."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                if name in iterator.fragment().charFormat().anchorNames():
                    return document.documentLayout().blockBoundingRect(block).top()
                iterator += 1
            block = block.next()
        return None
