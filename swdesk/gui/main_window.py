"""The main window: menus, the welcome screen or the open data file, and what a document program
does with files (New, Open, Recent; the last file reopened next time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
)

from swdesk.gui import ops
from swdesk.gui.appearance import install_qt_translations
from swdesk.gui.context import AppContext
from swdesk.gui.lock_screen import IdleWatcher, LockScreen
from swdesk.gui.messages import confirm, inform, show_error
from swdesk.gui.pages import PAGES, PageSpec
from swdesk.gui.safety_menu import SafetyMenu
from swdesk.gui.settings_store import SettingsStore
from swdesk.gui.tasks import TaskRunner
from swdesk.gui.undo_actions import UndoActions
from swdesk.gui.welcome import FILE_FILTER, Welcome
from swdesk.gui.window_fit import place_window
from swdesk.gui.workspace_view import WorkspaceView
from swdesk.i18n import _, current_language, set_language
from swdesk.paths import user_data_dir
from swdesk.services.changes import EVERYTHING, Area, Changes
from swdesk.storage.errors import ReadOnlyDataFile

if TYPE_CHECKING:
    from swdesk.gui.help_viewer import HelpViewer
    from swdesk.services.file_facts import FileFacts

DEMO_FILE = "demo.db"


class MainWindow(QMainWindow):
    workspace_opened = Signal()  # a data file with an agency is open and its pages are built
    locked = Signal()  # the lock screen asks for the program password

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
        self.ctx: AppContext | None = None
        self.view: WorkspaceView | None = None
        self._dialogs: list[Any] = []
        self._help: HelpViewer | None = None
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        # A program left open for days still makes the day's backup (normally made at opening).
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._build()
        geometry = store.window_geometry()
        place_window(self, geometry is not None and self.restoreGeometry(geometry))

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        """Menus and the welcome screen in the current language (run again on a switch)."""
        self.menuBar().clear()
        self.welcome = Welcome(self.data_dir / "swdesk.db")
        self.welcome.create_requested.connect(self.create_agency)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.open_requested.connect(self.choose_and_open)
        # Back from File › New with a data file still open: return to it.
        self.welcome.back_requested.connect(
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
        safety = file_menu.addSeparator()
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        self.undo_actions = UndoActions(self, self.menuBar().addMenu(_("&Edit")))

        self.go_menu = self.menuBar().addMenu(_("&Go"))
        self._fill_go_menu(PAGES)
        self.go_menu.setEnabled(False)
        tools_menu = self.menuBar().addMenu(_("&Tools"))
        self.safety = SafetyMenu(self, file_menu, tools_menu, before=safety)

        language_menu = self.menuBar().addMenu(_("&Language"))
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = self._action(language_menu, label, lambda c=code: self.switch_language(c))
            action.setCheckable(True)
            action.setChecked(current_language() == code)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(
            help_menu, _("&User guide"), self.show_help, QKeySequence.StandardKey.HelpContents
        )
        help_menu.addSeparator()
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
        facts = self.ctx.facts if self.ctx is not None else None
        if facts is not None and facts.kind is not None:
            title = (
                _("{agency} — swdesk (read-only)") if facts.read_only else _("{agency} — swdesk")
            )
            self.setWindowTitle(title.format(agency=facts.owner))
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

    def open_file(self, path: str, *, read_only: bool = False) -> None:
        """Open a data file on the worker; one without an agency yet goes to the agency form. A
        file that cannot be written (a CD, a locked USB stick) may be opened read-only, to look
        and print. Until it is open, the file open before (if any) stays open and in view."""
        ops.open_data_file(
            self.tasks,
            path,
            read_only=read_only,
            clock=self.clock,
            user=self.user,
            on_open=self._opened,
            on_error=lambda exc, trace: self._open_failed(path, read_only, exc, trace),
        )

    def _open_failed(self, path: str, read_only: bool, exc: Exception, trace: str) -> None:
        if isinstance(exc, ReadOnlyDataFile) and not read_only:
            if confirm(
                self,
                _("Read-only data file"),
                _(
                    "{path} cannot be written (write-protected media, or a file or folder "
                    "you may not change). Open it read-only, to look, print and export? To "
                    "change the data, copy the file to a folder you may write to first."
                ).format(path=path),
                _("Open read-only"),
            ):
                self.open_file(path, read_only=True)
                return
        else:
            show_error(self, exc, trace)
            self.store.forget_recent(str(Path(path).resolve()))
        self.stack.setCurrentWidget(self.view if self.view is not None else self.welcome)

    def _opened(self, facts: FileFacts) -> None:
        self._close_view()
        if self.ctx is not None:  # the file open before: its worker is gone already
            self.ctx.deleteLater()
            self.ctx = None
        if facts.kind is None:
            self._close_workspace()
            self.welcome.show_create(str(facts.path), fixed_path=True)
            self.stack.setCurrentWidget(self.welcome)
            return
        self.ctx = AppContext(facts, self.tasks, self.store, self, self.clock)
        self.ctx.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.ctx.open_person.connect(self.open_person)
        self.ctx.changed.connect(self._on_changes)
        if facts.backup_problem:
            self.statusBar().showMessage(facts.backup_problem, 15000)
        # Next turn, after the page the user waits for has asked for its data (even behind the
        # lock screen): the backup reads the file through a connection of its own, on a thread
        # of its own.
        QTimer.singleShot(0, self.daily_backup)
        if facts.password_set:
            self._show_lock()
            return
        self._activate()

    # ------------------------------------------------------------ program password

    def _show_lock(self) -> None:
        assert self.ctx is not None and self.ctx.facts.kind is not None
        self.lock_screen.lock(self.ctx, self.ctx.facts.owner)
        self.stack.setCurrentWidget(self.lock_screen)
        self.locked.emit()

    def lock(self) -> None:
        """Idle too long: hide everything behind the password until it is typed again."""
        if self.ctx is None or not self.ctx.facts.password_set:
            return
        self.idle.stop()  # counted again once unlocked
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)  # no question: nobody is there
        self._show_lock()

    def _unlocked(self) -> None:
        if self.view is None:
            self._activate()
        else:
            self.stack.setCurrentWidget(self.view)
            self._start_idle()

    def _give_up(self) -> None:
        self._close_workspace()
        self.welcome.show_choices()
        self.stack.setCurrentWidget(self.welcome)

    def _start_idle(self) -> None:
        facts = self.ctx.facts if self.ctx is not None else None
        self.idle.start(facts.idle_minutes if facts and facts.password_set else None)

    def create_agency(self, path: str, values: dict[str, Any]) -> None:
        from swdesk.services.agency import init_agency

        def opened(facts: FileFacts) -> None:
            self._opened(facts)
            self.go("staff")
            self.statusBar().showMessage(_("Agency saved: {name}").format(name=values["name"]))

        ops.open_data_file(
            self.tasks,
            path,
            clock=self.clock,
            user=self.user,
            setup=(init_agency, values),
            on_open=opened,
            on_error=lambda exc, _trace: self.welcome.show_error(exc),
        )

    def open_demo(self) -> None:
        from swdesk.services.demo import fill_demo

        path = self.data_dir / DEMO_FILE
        if path.is_file() and path.stat().st_size > 0:
            self.open_file(str(path))
            return
        ops.open_data_file(
            self.tasks,
            path,
            clock=self.clock,
            user=self.user,
            setup=(fill_demo, {}),
            on_open=self._opened,
            on_error=lambda exc, trace: show_error(self, exc, trace),
            label=_("Creating the demo data…"),
        )

    def _activate(self) -> None:
        assert self.ctx is not None
        self.store.add_recent(str(self.ctx.path))
        self._show_view(self.store.last_page)
        self._start_idle()
        self.backup_timer.start()
        self.undo_actions.attach(self.ctx)
        self.safety.enable(True)
        self.workspace_opened.emit()

    def _on_changes(self, changes: Changes) -> None:
        if Area.SETTINGS in changes.areas:
            self._start_idle()
            self._update_title()

    def daily_backup(self) -> None:
        """Make today's backup in the background if none exists yet: after the file opened, and
        again every hour (a new day may have begun while the program stayed open)."""
        from swdesk.services import backup
        from swdesk.services.workspace import Workspace

        if self.ctx is None or self.ctx.facts.read_only:
            return
        ctx = self.ctx

        def back_up(today: dt.date) -> None:
            if ctx is self.ctx:
                ops.Read(ctx, backup.daily_backup_of, ctx.path, today).in_background().success(
                    self._file_problem
                ).run()

        # The day is the data file's (its clock), asked on the worker: a moment's job.
        ops.Read(ctx, Workspace.today).success(back_up).run()

    def _file_problem(self, problem: str | None) -> None:
        """What the day's check or backup found: said in a box that does not stop the window
        (the file stays open, nothing is lost by looking) and kept in the status bar."""
        if not problem:
            return
        self.statusBar().showMessage(problem)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Check the data file"))
        box.setText(problem)
        box.setInformativeText(
            _(
                "Work on only after File › Check the data file, or restore the last good backup "
                "with File › Restore from backup."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show_view(self, page: str) -> None:
        self._close_view()
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

    def _close_view(self) -> None:
        if self.view is not None:
            self.view.save_state()
            self.store.last_page = self.view.current_key()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None

    def _close_workspace(self) -> None:
        self._close_view()
        self.tasks.set_opener(None)
        self.idle.stop()
        self.backup_timer.stop()
        if self.ctx is not None:
            self.ctx.deleteLater()
            self.ctx = None
        self.undo_actions.attach(None)
        self.safety.enable(False)
        self.go_menu.setEnabled(False)
        self._update_title()

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
        dialog.finished.connect(lambda _r: dialog in self._dialogs and self._dialogs.remove(dialog))

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
            self.undo_actions.attach(self.ctx)
            self.ctx.changed.emit(Changes(EVERYTHING))
        else:
            self.stack.setCurrentWidget(self.welcome)

    def show_help(self) -> HelpViewer:
        """The user guide at the section of the page in view (F1)."""
        # Imported when first asked for, as the dialogs are: not before the window's first paint.
        from swdesk.gui.help_viewer import HelpViewer, section_for

        if self._help is None:
            self._help = HelpViewer(self)
        in_view = (
            self.view.current_key()
            if self.view is not None and self.stack.currentWidget() is self.view
            else None
        )
        self._help.show_section(section_for(in_view))
        return self._help

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
        # A dialog with input not saved asks first, as it does when it is closed itself.
        from swdesk.gui.form_dialog import FormDialog

        if not all(d.may_close() for d in self.findChildren(FormDialog) if d.isVisible()):
            event.ignore()
            return
        self.store.save_window_geometry(self.saveGeometry())
        self._close_workspace()
        self.tasks.shutdown()
        self.store.sync()
        event.accept()
