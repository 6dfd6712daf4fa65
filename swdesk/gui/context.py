"""What every page and dialog shares: the open data file, the worker, the settings, and one way
to call a service so that every view hears what changed (Anki's OpChanges idea)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.gui.messages import show_error
from swdesk.gui.settings_store import SettingsStore
from swdesk.gui.tasks import TaskRunner
from swdesk.services.workspace import Changes, Workspace

ALL_TABLES = frozenset(
    {
        "agency",
        "staff",
        "credentials",
        "grade_appointments",
        "training_events",
        "attendance",
        "award_payments",
        "applications",
        "application_steps",
        "attachments",
        "bureau",
        "reporting_units",
        "period_deadlines",
        "received_files",
        "agency_records",
        "findings",
        "claim_decisions",
    }
)


class AppContext(QObject):
    changed = Signal(object)  # a Changes
    open_person = Signal(int)  # staff id: show that person's page
    open_application = Signal(int)  # application id
    show_page = Signal(str)  # page key
    status = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        tasks: TaskRunner,
        store: SettingsStore,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.ws = ws
        self.tasks = tasks
        self.store = store
        self.window = window

    def today(self) -> dt.date:
        return self.ws.today()

    def perform(
        self, fn: Callable[..., Changes], *args: Any, parent: QWidget | None = None, **kwargs: Any
    ) -> Changes | None:
        """Run a quick service on the GUI thread; show its refusal, or announce what changed."""
        try:
            changes = fn(self.ws, *args, **kwargs)
        except SwdeskError as exc:
            show_error(parent or self.window, exc)
            return None
        self.announce(changes)
        return changes

    def announce(self, changes: Changes) -> None:
        if "agency" in changes.tables:
            self.ws.forget_profile()
            # The worker's workspace caches the profile too.
            self.tasks.run(lambda ws, _p: ws.forget_profile(), lambda _r: None)
        self.changed.emit(changes)
        if changes.message:
            self.status.emit(changes.message)

    def background(
        self,
        fn: Callable[[Workspace, Any], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None] | None = None,
        *,
        label: str = "",
        cancellable: bool = False,
    ) -> int:
        """Run ``fn(ws, progress)`` on the worker with its own connection."""
        return self.tasks.run(fn, on_done, on_error, label=label, cancellable=cancellable)
