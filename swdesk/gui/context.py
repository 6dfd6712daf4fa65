"""What every page and dialog shares: the facts of the open data file, the worker, the settings,
and the signals by which every view hears what changed (Anki's OpChanges idea). Services are
called through gui/ops.py, which reports here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from swdesk.gui.settings_store import SettingsStore
from swdesk.gui.tasks import TaskRunner
from swdesk.services.changes import Changes

if TYPE_CHECKING:
    from swdesk.domain.agency import Agency
    from swdesk.domain.profiles import Profile
    from swdesk.services.file_facts import FileFacts
    from swdesk.services.undo import UndoStatus


class AppContext(QObject):
    changed = Signal(object)  # a Changes: every page repaints the areas it shows
    undo_changed = Signal(object)  # an UndoStatus: the Edit menu names the steps
    open_person = Signal(int)  # staff id: show that person's page
    open_application = Signal(int)  # application id
    show_page = Signal(str)  # page key
    status = Signal(str)

    def __init__(
        self,
        facts: FileFacts,
        tasks: TaskRunner,
        store: SettingsStore,
        window: QWidget,
        clock: Callable[[], dt.date],
    ) -> None:
        super().__init__(window)
        self.facts = facts
        self.tasks = tasks
        self.store = store
        self.window = window
        self.clock = clock
        from swdesk.services.undo import UndoStatus  # made once a file is open, on the worker

        self.undo_status = UndoStatus(None, None)

    def today(self) -> dt.date:
        return self.clock()

    @property
    def path(self) -> Path:
        return self.facts.path

    @property
    def profile(self) -> Profile:
        assert self.facts.profile is not None, "a data file with an agency is open"
        return self.facts.profile

    @property
    def agency(self) -> Agency:
        assert self.facts.agency is not None
        return self.facts.agency

    def after_write(
        self, changes: Changes | None, status: UndoStatus, facts: FileFacts | None
    ) -> None:
        """What gui/ops.py does when a change succeeded: the facts first (a page repainting may
        read the new profile), then the pages, the Edit menu and the status bar."""
        if facts is not None:
            self.facts = facts
        self.undo_status = status
        if changes is not None:
            self.changed.emit(changes)
            if changes.message:
                self.status.emit(changes.message)
        self.undo_changed.emit(status)
