"""The one way from the window to the services (Anki's ``CollectionOp`` and ``QueryOp``).

Every call of a service runs on the worker, on its connection to the data file — the only one
the program has: the window's own thread opens none. An operation says what it is:

    Read(ctx, services.staff.list_staff).success(self.show).run()
    Write(ctx, services.staff.update_staff, staff_id, **values).success(done).run()

A ``Read`` only looks. A ``Write`` changes the data file and returns ``Changes``: when it
succeeds the window hears it once, through ``AppContext.changed`` (every page repaints what the
areas it shows), the Edit menu learns the new undo step, and the status bar shows the message.
A failure is shown in one place (a message box over ``parent``) unless the caller takes it
(``failure``), e.g. to show it under the field it names.

Operations declare their lane. Writes go to the worker that holds the file open for writing,
one after the other. Reads go to a read-only connection of their own beside it, so that a page
being opened does not wait behind a write, a report or the dashboard's rules; long reads
(``long()``, or any with a progress dialog) to a second one, so that they do not hold up the
pages' reads either. While a write is waiting or running, reads asked for meanwhile go to the
writer's worker after it: a read asked for after a write always sees what the write did. Work
that takes no workspace and need not be waited for (the day's backup) goes
``in_background()``: to a thread of its own, which holds no connection of the program's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.gui.messages import show_error
from swdesk.i18n import _
from swdesk.services.changes import Area, Changes

if TYPE_CHECKING:
    # Imported where they run (on the worker): the storage stack and sqlite-utils are not
    # needed before the window is shown.
    from swdesk.gui.context import AppContext
    from swdesk.gui.tasks import Progress, TaskRunner
    from swdesk.services.file_facts import FileFacts
    from swdesk.services.undo import UndoStatus
    from swdesk.services.workspace import Workspace

T = TypeVar("T")


class Lane(Enum):
    READ = "read"
    # A read that takes seconds (the dashboard's rules, a report): beside the pages' reads.
    LONG = "long"
    WRITE = "write"
    # Work on the file's path with a connection of its own (the day's backup): a thread of its
    # own, so the pages' reads never wait behind it.
    BACKGROUND = "background"


class ReadOnlyRefusal(SwdeskError):
    """A change asked for while the data file is open read-only."""


def opener(
    path: Path | str, read_only: bool, clock: Callable[[], dt.date], user: str | None
) -> Callable[[], Workspace]:
    """How the worker opens the data file (the window never does). The day's backup is not
    made here: the window asks for it in the background once the file is in view."""
    extra = {"user": user} if user else {}

    def open_it() -> Workspace:
        from swdesk.services.workspace import Workspace

        return Workspace.open(path, read_only=read_only, clock=clock, daily_backup=False, **extra)

    return open_it


def check_ahead(path: Path | str) -> None:
    """Start the quick check of the data file about to be opened, on a thread of its own (the
    open takes up its verdict: storage.integrity.check_ahead). Only that small module is
    imported here, not the storage stack, which the window's first paint does not wait for."""
    from swdesk.storage.integrity import check_ahead as start

    start(path)


def reader(
    path: Path | str, clock: Callable[[], dt.date], user: str | None
) -> Callable[[], Workspace]:
    """How a reader beside the worker opens the file, once the worker has opened it."""
    extra = {"user": user} if user else {}

    def open_it() -> Workspace:
        from swdesk.services.workspace import Workspace

        return Workspace.reader(path, clock=clock, **extra)

    return open_it


class _Op(Generic[T]):
    lane = Lane.READ

    def __init__(self, ctx: AppContext, fn: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        self._ctx = ctx
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self._parent: QWidget | None = None
        self._label = ""
        self._cancellable = False
        self._progress = False
        self._check = False
        self._file = True

    def success(self, fn: Callable[[T], Any]) -> _Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any]) -> _Op[T]:
        """Take the error instead of the message box (e.g. to show it under a field)."""
        self._failure = fn
        return self

    def over(self, parent: QWidget) -> _Op[T]:
        """The widget a message box about a failure is shown over."""
        self._parent = parent
        return self

    def with_progress(
        self, label: str, *, cancellable: bool = False, reporting: bool = False
    ) -> _Op[T]:
        """A progress dialog if the work takes more than about 600 ms; with ``reporting`` the
        service is given the ``progress`` to report to (and to check for Cancel)."""
        self._label = label
        self._cancellable = cancellable
        self._progress = reporting
        return self

    def stoppable(self) -> _Op[T]:
        """The service is given ``check`` (the job's ``Progress.check``) to call between stages,
        without a progress dialog: a read that a newer one made stale (``TaskRunner.cancel``)
        stops there, and nobody is told."""
        self._check = True
        return self

    def without_file(self) -> _Op[T]:
        """The service takes no workspace (a backup, a check: they work on the file's path)."""
        self._file = False
        return self

    def long(self) -> _Op[T]:
        """A read that may take seconds: on a connection of its own, beside the pages' reads."""
        self._lane = Lane.LONG
        return self

    def in_background(self) -> _Op[T]:
        """Run on the background thread, beside the worker (a service without the workspace)."""
        self._file = False
        self._lane = Lane.BACKGROUND
        return self

    def _call(self, ws: Workspace | None, progress: Progress) -> T:
        extra: dict[str, Any] = {"progress": progress} if self._progress else {}
        if self._check:
            extra["check"] = progress.check
        if self._file:
            return self._fn(ws, *self._args, **self._kwargs, **extra)
        return self._fn(*self._args, **self._kwargs, **extra)

    def _job(self) -> Callable[[Workspace, Progress], Any]:
        return self._call

    def _done(self, result: Any) -> None:
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: Exception, trace: str) -> None:
        if self._failure is not None and isinstance(exc, SwdeskError):
            self._failure(exc)
        else:
            show_error(self._parent or self._ctx.window, exc, trace)

    def run(self, tasks: TaskRunner | None = None) -> int:
        runner = tasks or self._ctx.tasks
        return runner.run(
            self._job(),
            self._done,
            self._failed,
            label=self._label,
            cancellable=self._cancellable,
            lane=getattr(self, "_lane", self.lane),
        )


class Read(_Op[T]):
    """Look at the data (or make a file from it: a PDF, a backup)."""

    lane = Lane.READ


class Write(_Op[T]):
    """Change the data file. The service returns Changes (or a result with ``.changes``, as an
    import does); the window hears of them once, with the undo history as it now is."""

    lane = Lane.WRITE

    def _job(self) -> Callable[[Workspace, Progress], Any]:
        def job(ws: Workspace, progress: Progress) -> tuple[Any, UndoStatus, FileFacts | None]:
            from swdesk.services.file_facts import file_facts
            from swdesk.services.undo import undo_status

            result = self._call(ws, progress)
            changes = changes_of(result)
            # The facts the pages read at once (agency, profile, password) come back with the
            # change that altered them.
            facts = file_facts(ws) if changes and Area.SETTINGS in changes.areas else None
            return result, undo_status(ws), facts

        return job

    def even_read_only(self) -> Write[T]:
        """The service writes only the audit log, which a read-only file skips (showing a
        whole identity number notes who looked, where it can)."""
        self._even_read_only = True
        return self

    def run(self, tasks: TaskRunner | None = None) -> int:
        if self._ctx.facts.read_only and not getattr(self, "_even_read_only", False):
            self._failed(
                ReadOnlyRefusal(
                    _(
                        "The data file is open read-only: nothing can be changed. Copy it to a "
                        "folder you may write to, and open that copy."
                    )
                ),
                "",
            )
            return 0
        return super().run(tasks)

    def _done(self, result: Any) -> None:
        value, status, facts = result
        self._ctx.after_write(changes_of(value), status, facts)
        super()._done(value)


def changes_of(result: Any) -> Changes | None:
    """The Changes a write returned, itself or as its ``.changes``."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


def open_data_file(
    tasks: TaskRunner,
    path: Path | str,
    *,
    read_only: bool = False,
    clock: Callable[[], dt.date],
    user: str | None,
    on_open: Callable[[FileFacts], Any],
    on_error: Callable[[Exception, str], Any],
    setup: tuple[Callable[..., Any], dict[str, Any]] | None = None,
    label: str = "",
) -> int:
    """Open a data file on a worker of its own (the window keeps the open one until this one
    opened); ``setup`` (a new agency, the demo data) runs on it first. ``on_open`` gets its
    facts."""

    def first(ws: Workspace, _progress: Progress) -> FileFacts:
        from swdesk.services.file_facts import file_facts

        if setup is not None:
            fn, kwargs = setup
            fn(ws, **kwargs)
        return file_facts(ws)

    return tasks.open(
        opener(path, read_only, clock, user),
        first,
        on_open,
        on_error,
        label=label,
        reader=reader(path, clock, user),
    )


def detached(
    tasks: TaskRunner,
    fn: Callable[..., T],
    *args: Any,
    on_done: Callable[[T], Any],
    on_error: Callable[[Exception, str], Any],
    label: str = "",
    **kwargs: Any,
) -> int:
    """A service that works on a data file's path while no data file is open (a restore needs
    the file closed): run on the worker, which then has no connection at all."""
    return tasks.run(lambda _ws, _progress: fn(*args, **kwargs), on_done, on_error, label=label)
