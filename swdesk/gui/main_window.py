"""The main window: menus, the welcome screen or the open data file, and what a document program
does with files (New, Open, Recent; the last file reopened next time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QStackedWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.gui.appearance import install_qt_translations
from swdesk.gui.context import ALL_TABLES, AppContext
from swdesk.gui.lock_screen import IdleWatcher, LockScreen
from swdesk.gui.messages import confirm, inform, show_error
from swdesk.gui.pages import PAGES, PageSpec
from swdesk.gui.settings_store import SettingsStore
from swdesk.gui.tasks import TaskRunner
from swdesk.gui.welcome import FILE_FILTER, Welcome
from swdesk.gui.workspace_view import WorkspaceView
from swdesk.i18n import _, current_language, set_language
from swdesk.paths import user_data_dir
from swdesk.services import security
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage.backup import daily_backup
from swdesk.storage.errors import ReadOnlyDataFile

DEMO_FILE = "demo.db"


class MainWindow(QMainWindow):
    workspace_opened = Signal()  # a data file with an agency is open and its pages are built

    def __init__(
        self,
        store: SettingsStore,
        *,
        clock: Callable[[], dt.date] = dt.date.today,
        user: str | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.user = user
        self.data_dir = data_dir or user_data_dir()
        self.tasks = TaskRunner(self)
        self.tasks.default_error = lambda exc, trace: show_error(self, exc, trace)
        self.ws: Workspace | None = None
        self.ctx: AppContext | None = None
        self.view: WorkspaceView | None = None
        self._dialogs: list[Any] = []
        self._locked_ws: Workspace | None = None  # opened, waiting for its password
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        # A program left open for days still makes the day's backup (normally made at opening).
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)
        self.backup_timer.timeout.connect(self.daily_backup)
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._build()
        self.resize(1200, 780)
        geometry = store.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        """Menus and the welcome screen in the current language (run again on a switch)."""
        self.menuBar().clear()
        self.welcome = Welcome(self.data_dir / "swdesk.db")
        self.welcome.create_requested.connect(self.create_agency)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.open_requested.connect(self.choose_and_open)
        # Back from File › New with a data file still open: return to it.
        self.welcome.back_button.clicked.connect(
            lambda: self.stack.setCurrentWidget(self.view) if self.view is not None else None
        )
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.view = None
        self.stack.addWidget(self.welcome)
        self.lock_screen = LockScreen()
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.given_up.connect(self._give_up)
        self.stack.addWidget(self.lock_screen)

        file_menu = self.menuBar().addMenu(_("&File"))
        self._action(file_menu, _("&New…"), self.new_file, QKeySequence.StandardKey.New)
        self._action(file_menu, _("&Open…"), self.choose_and_open, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, _("Open the &demo data"), self.open_demo)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        self.go_menu = self.menuBar().addMenu(_("&Go"))
        self._fill_go_menu(PAGES)
        self.go_menu.setEnabled(False)

        language_menu = self.menuBar().addMenu(_("&Language"))
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = self._action(language_menu, label, lambda c=code: self.switch_language(c))
            action.setCheckable(True)
            action.setChecked(current_language() == code)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(help_menu, _("&About swdesk"), self._about)
        self._update_title()

    def _fill_go_menu(self, specs: tuple[PageSpec, ...]) -> None:
        """One entry per page of the open file (an agency's or a bureau's), Ctrl+1, Ctrl+2, …"""
        self.go_menu.clear()
        for n, spec in enumerate(specs):
            self._action(
                self.go_menu, _(spec.title), lambda k=spec.key: self.go(k), f"Ctrl+{n + 1}"
            )

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: Any = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _update_title(self) -> None:
        if self.ws is not None and self.ws.kind is not None:
            title = (
                _("{agency} — swdesk (read-only)") if self.ws.read_only else _("{agency} — swdesk")
            )
            self.setWindowTitle(title.format(agency=self.ws.owner_name()))
        else:
            self.setWindowTitle("swdesk")

    # ------------------------------------------------------------ files

    def start(self, db: str | None = None) -> None:
        """At start: the file asked for, else the last one, else the welcome screen."""
        path = db or self.store.last_file
        if path and (db or Path(path).is_file()):
            self.open_file(path)
        else:
            self.stack.setCurrentWidget(self.welcome)

    def new_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New data file"), str(self.data_dir / "swdesk.db"), FILE_FILTER
        )
        if not path:
            return
        if Path(path).is_file() and Path(path).stat().st_size > 0:
            inform(
                self,
                _("New data file"),
                _("{path} already exists. Open it with File › Open, or choose a new name.").format(
                    path=path
                ),
            )
            return
        self.welcome.show_create(path, fixed_path=True)
        self.stack.setCurrentWidget(self.welcome)

    def choose_and_open(self) -> None:
        start = self.store.last_file or str(self.data_dir)
        path, _filter = QFileDialog.getOpenFileName(self, _("Open a data file"), start, FILE_FILTER)
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> bool:
        """Open a data file; one without an agency yet goes to the agency form. A file that cannot
        be written (a CD, a locked USB stick) may be opened read-only, to look and print."""
        try:
            try:
                ws = Workspace.open(path, clock=self.clock, **self._user())
            except ReadOnlyDataFile:
                if not confirm(
                    self,
                    _("Read-only data file"),
                    _(
                        "{path} cannot be written (write-protected media, or a file or folder "
                        "you may not change). Open it read-only, to look, print and export? To "
                        "change the data, copy the file to a folder you may write to first."
                    ).format(path=path),
                    _("Open read-only"),
                ):
                    self.stack.setCurrentWidget(
                        self.view if self.view is not None else self.welcome
                    )
                    return False
                ws = Workspace.open(path, read_only=True, clock=self.clock, **self._user())
        except SwdeskError as exc:
            show_error(self, exc)
            self.store.forget_recent(str(Path(path).resolve()))
            # The file open before (if any) stays open and in view.
            self.stack.setCurrentWidget(self.view if self.view is not None else self.welcome)
            return False
        if ws.kind is None:
            ws.close()
            self.welcome.show_create(str(path), fixed_path=True)
            self.stack.setCurrentWidget(self.welcome)
            return False
        if security.password_is_set(ws):
            self._close_workspace()
            self._locked_ws = ws
            self.lock_screen.lock(ws, ws.owner_name())
            self.stack.setCurrentWidget(self.lock_screen)
            return False
        self._activate(ws)
        return True

    # ------------------------------------------------------------ program password

    def lock(self) -> None:
        """Idle too long: hide everything behind the password until it is typed again."""
        if self.ws is None or not security.password_is_set(self.ws):
            return
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.lock_screen.lock(self.ws, self.ws.owner_name())
        self.stack.setCurrentWidget(self.lock_screen)

    def _unlocked(self) -> None:
        if self._locked_ws is not None:
            ws, self._locked_ws = self._locked_ws, None
            self._activate(ws)
        elif self.view is not None:
            self.stack.setCurrentWidget(self.view)
            self._start_idle()

    def _give_up(self) -> None:
        if self._locked_ws is not None:
            self._locked_ws.close()
            self._locked_ws = None
        self._close_workspace()
        self.welcome.show_choices()
        self.stack.setCurrentWidget(self.welcome)

    def _start_idle(self) -> None:
        ws = self.ws
        self.idle.start(security.idle_minutes(ws) if ws and security.password_is_set(ws) else None)

    def create_agency(self, path: str, values: dict[str, Any]) -> None:
        from swdesk.services.agency import init_agency

        try:
            ws = Workspace.open(path, clock=self.clock, **self._user())
        except SwdeskError as exc:
            self.welcome.show_error(exc)
            return
        try:
            changes = init_agency(ws, **values)
        except SwdeskError as exc:
            ws.close()
            self.welcome.show_error(exc)
            return
        self._activate(ws)
        self.go("staff")
        self.statusBar().showMessage(changes.message, 8000)

    def open_demo(self) -> None:
        from swdesk.services.demo import fill_demo

        path = self.data_dir / DEMO_FILE
        if path.is_file() and path.stat().st_size > 0:
            self.open_file(str(path))
            return
        try:
            ws = Workspace.open(path, clock=self.clock, **self._user())
        except SwdeskError as exc:
            show_error(self, exc)
            return
        self._close_workspace()
        self.tasks.set_opener(self._opener(path))

        def failed(exc: Exception, trace: str) -> None:
            ws.close()
            show_error(self, exc, trace)

        self.tasks.run(
            lambda wws, _progress: fill_demo(wws),
            lambda _changes: self._activate(ws),
            failed,
            label=_("Creating the demo data…"),
        )

    def _user(self) -> dict[str, str]:
        return {"user": self.user} if self.user else {}

    def _opener(self, path: Path | str, read_only: bool = False) -> Callable[[], Workspace]:
        clock, user = self.clock, self._user()
        return lambda: Workspace.open(path, read_only=read_only, clock=clock, **user)

    def _activate(self, ws: Workspace) -> None:
        if ws is not self.ws:
            self._close_workspace()
        self.ws = ws
        self.tasks.set_opener(self._opener(ws.path, ws.read_only))
        self.ctx = AppContext(ws, self.tasks, self.store, self)
        self.ctx.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.ctx.open_person.connect(self.open_person)
        self.ctx.changed.connect(lambda c: self._start_idle() if "settings" in c.tables else None)
        self.store.add_recent(str(ws.path))
        self._show_view(self.store.last_page)
        self._start_idle()
        self.backup_timer.start()
        self.workspace_opened.emit()

    def daily_backup(self) -> None:
        """Make today's backup on the worker if none exists yet (a new day began while open)."""
        if self.ws is None or self.ws.read_only:
            return
        path, today = self.ws.path, self.ws.today()
        self.tasks.run(lambda _ws, _progress: daily_backup(path, today), lambda _info: None)

    def _show_view(self, page: str) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        assert self.ctx is not None
        self.view = WorkspaceView(self.ctx)
        self._fill_go_menu(self.view.specs)
        # The page first, then the view: only the page the user lands on loads its data now
        # (the worker is single; a hidden dashboard must not make the staff list wait).
        keys = [s.key for s in self.view.specs]
        self.view.go(page if page in keys else keys[0])
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.go_menu.setEnabled(True)
        self._update_title()

    def _close_workspace(self) -> None:
        if self.view is not None:
            self.view.save_state()
            self.store.last_page = self.view.current_key()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self.tasks.set_opener(None)
        self.idle.stop()
        self.backup_timer.stop()
        if self.ctx is not None:
            self.ctx.deleteLater()
            self.ctx = None
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.store.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.setEnabled(Path(path).is_file())
            action.triggered.connect(lambda _c=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction(_("(none yet)")).setEnabled(False)

    # ------------------------------------------------------------ navigation and dialogs

    def go(self, key: str) -> None:
        if self.view is not None:
            self.view.go(key)

    def open_person(self, staff_id: int | None = None) -> Any:
        """The person's page as a dialog; None opens an empty one for a new person."""
        from swdesk.gui.person_dialog import PersonDialog

        assert self.ctx is not None
        dialog = PersonDialog(self.ctx, staff_id or None, self)
        self._keep(dialog)
        dialog.open()
        return dialog

    def _keep(self, dialog: Any) -> None:
        # Non-blocking dialogs must outlive this call; forget them when they close.
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog))

    def switch_language(self, language: str) -> None:
        # Deferred: the request may come from a widget that the rebuild deletes.
        QTimer.singleShot(0, lambda: self._rebuild_in(language))

    def _rebuild_in(self, language: str) -> None:
        lang = set_language(language)
        self.store.language = lang
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        page = self.view.current_key() if self.view is not None else None
        if self.view is not None:
            self.view.save_state()
        self._build()
        if self.ctx is not None and page is not None:
            self._show_view(page)
            self.ctx.changed.emit(Changes.of(ALL_TABLES))
        else:
            self.stack.setCurrentWidget(self.welcome)

    def _about(self) -> None:
        from swdesk import __version__

        inform(
            self,
            _("About swdesk"),
            _(
                "swdesk {version}: staff credentials, continuing education, grades and awards "
                "for social-work agencies."
            ).format(version=__version__),
        )

    # ------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.tasks.working() and not confirm(
            self,
            _("Quit swdesk"),
            _("Work is still running. Stop it and quit? Unfinished work is not saved."),
            _("Stop and quit"),
        ):
            event.ignore()
            return
        self.store.save_window_geometry(self.saveGeometry())
        self._close_workspace()
        self.tasks.shutdown()
        self.store.sync()
        event.accept()
