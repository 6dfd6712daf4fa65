"""The open data file as the user sees it: a navigation list on the left, the pages on the right,
the agency (or the bureau) and today's date in a header. A bureau's file shows the bureau's
pages."""

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
from swdesk.gui.pages import PageSpec, make_page, pages_for
from swdesk.gui.pages.page import Page
from swdesk.i18n import _, current_language, format_date
from swdesk.services.changes import Area, Changes


class WorkspaceView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.specs: tuple[PageSpec, ...] = pages_for(ctx.facts.kind)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        # A page is built the first time it is shown: starting the program builds one page,
        # not seven (and imports only what that page needs).
        self._holders: dict[str, QWidget] = {}
        for n, spec in enumerate(self.specs):
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
        keys = [spec.key for spec in self.specs]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))
            self._show_row(keys.index(key))

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else self.specs[0].key

    def page(self, key: str) -> Page:
        """The page, built now if it has not been shown yet."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            page = make_page(spec, self.ctx)
            self._holders[key].layout().addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.page(self.specs[row].key)
            self.stack.setCurrentIndex(row)

    def save_state(self) -> None:
        for page in self.pages.values():
            page.save_state()

    def _on_changes(self, changes: Changes) -> None:
        if Area.SETTINGS in changes.areas:
            self._show_agency()

    def _show_agency(self) -> None:
        facts = self.ctx.facts
        profile = self.ctx.profile
        policy = f"{profile.label(current_language())} ({profile.document})"
        self.agency_label.setText(facts.owner)
        if facts.bureau_level is not None:
            from swdesk.domain.submission import BureauLevel

            text = _("{level} · Policy: {profile} · Today: {date}").format(
                level=BureauLevel(facts.bureau_level).label(),
                profile=policy,
                date=format_date(self.ctx.today()),
            )
        else:
            text = _("Policy: {profile} · Today: {date}").format(
                profile=policy, date=format_date(self.ctx.today())
            )
        self.context_label.setText(text)
