"""The open data file as the user sees it: a navigation list on the left, the pages on the right,
the agency and today's date in a header."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.gui.context import AppContext
from swdesk.gui.pages import PAGES, make_page
from swdesk.gui.pages.page import Page
from swdesk.i18n import _, current_language, format_date
from swdesk.services.changes import Area
from swdesk.services.workspace import Changes


class WorkspaceView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        # A page is built the first time it is shown: starting the program builds one page,
        # not seven (and imports only what that page needs).
        self._holders: dict[str, QWidget] = {}
        for n, spec in enumerate(PAGES):
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders[spec.key] = holder
            self.stack.addWidget(holder)
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(_("{page} (Ctrl+{n})").format(page=_(spec.title), n=n + 1))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setFixedWidth(min(240, max(150, self.nav.sizeHintForColumn(0) + 24)))

        self.agency_label = QLabel()
        self.agency_label.setObjectName("agencyName")
        self.context_label = QLabel()
        self.context_label.setObjectName("hint")
        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.agency_label)
        header.addWidget(self.context_label)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.nav)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(side)
        content = QWidget()
        content.setObjectName("content")
        content.setLayout(right)
        layout.addWidget(content, 1)
        ctx.changed.connect(self._on_changes)
        ctx.show_page.connect(self.go)
        self._show_agency()

    def go(self, key: str) -> None:
        keys = [spec.key for spec in PAGES]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))
            self._show_row(keys.index(key))

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return PAGES[row].key if 0 <= row < len(PAGES) else PAGES[0].key

    def page(self, key: str) -> Page:
        """The page, built now if it has not been shown yet."""
        if key not in self.pages:
            spec = next(s for s in PAGES if s.key == key)
            page = make_page(spec, self.ctx)
            self._holders[key].layout().addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row].key)
            self.stack.setCurrentIndex(row)

    def save_state(self) -> None:
        for page in self.pages.values():
            page.save_state()

    def _on_changes(self, changes: Changes) -> None:
        if Area.SETTINGS in changes.areas:
            self._show_agency()

    def _show_agency(self) -> None:
        profile = self.ctx.profile
        self.agency_label.setText(self.ctx.agency.name)
        self.context_label.setText(
            _("Policy: {profile} · Today: {date}").format(
                profile=f"{profile.label(current_language())} ({profile.document})",
                date=format_date(self.ctx.today()),
            )
        )
