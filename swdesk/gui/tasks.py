"""Work off the GUI thread: one worker thread that owns the program's connection to the data file,
and readers beside it with read-only connections of their own.

A SQLite connection belongs to the thread that opened it, so the worker opens the Workspace of the
current data file and every write runs there, one after another (Anki's single-worker task
manager); the GUI thread opens none. Reads go to a reader (the pages'; long ones to a second),
so a page being opened does not wait behind a write or the dashboard's rules, unless a write is
pending: then they follow it on the worker, and see what it did. A reader cannot write: work that
notes something in the change log is a write. Results come back to the GUI thread by signal. A progress
dialog appears only when a job with a label is still running after about 600 ms (Anki's progress
manager), with a cancel button when the job can stop halfway.

Another data file is opened on a worker of its own first: only when it opened does it replace the
current one, so a file that cannot be opened leaves the open one as it was. gui/ops.py is how the
window gives the worker its jobs.
"""

from __future__ import annotations

import itertools
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _

if TYPE_CHECKING:  # the worker imports the storage stack; the window needs it not to paint
    from swdesk.services.workspace import Workspace

SHOW_PROGRESS_AFTER_MS = 600

Opener = Callable[[], "Workspace"]
JobFn = Callable[["Workspace | None", "Progress"], Any]


class Cancelled(SwdeskError):
    """The user pressed Cancel; the job stopped and its transaction was rolled back."""


class Progress:
    """Handed to every job: report how far it is, and see whether the user asked to stop."""

    def __init__(self, job_id: int, signal: Signal, event: threading.Event) -> None:
        self._job_id = job_id
        self._signal = signal
        self._event = event

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self.report(done, total, text)

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signal.emit(self._job_id, int(done), int(total), text)

    def check(self) -> None:
        """Raise Cancelled when the user pressed Cancel: call it between units of work."""
        if self._event.is_set():
            raise Cancelled(_("Cancelled."))

    def cancelled(self) -> bool:
        """Whether the user pressed Cancel, for a service that stops in its own way."""
        return self._event.is_set()


class _Worker(QThread):
    done = Signal(int, object)
    failed = Signal(int, object, str)
    skipped = Signal(int)  # cancelled before it began: nothing ran, nothing to say
    progressed = Signal(int, int, int, str)

    def __init__(self, opener: Opener | None) -> None:
        super().__init__()
        self._opener = opener  # None: no data file; jobs that need none (a restore) get None
        self._queue: queue.Queue[tuple[int, JobFn, threading.Event, bool] | None] = queue.Queue()

    def submit(self, job_id: int, fn: JobFn, event: threading.Event, droppable: bool) -> None:
        self._queue.put((job_id, fn, event, droppable))

    def stop(self) -> None:
        self._queue.put(None)

    def run(self) -> None:
        ws: Workspace | None = None
        try:
            while (item := self._queue.get()) is not None:
                job_id, fn, event, droppable = item
                if droppable and event.is_set():
                    self.skipped.emit(job_id)
                    continue
                try:
                    if ws is None and self._opener is not None:
                        ws = self._opener()
                    if ws is not None:
                        ws.start_work()
                    result = fn(ws, Progress(job_id, self.progressed, event))
                except (
                    Exception
                ) as exc:  # every failure goes back to the GUI, none kills the thread
                    self.failed.emit(job_id, exc, traceback.format_exc())
                else:
                    self.done.emit(job_id, result)
        finally:
            if ws is not None:
                ws.close()


@dataclass
class _Job:
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception, str], None] | None
    label: str
    cancellable: bool
    event: threading.Event
    worker: _Worker
    writes: bool = False
    dialog: QProgressDialog | None = None


class TaskRunner(QObject):
    """Runs jobs on the worker of the open data file; ``idle`` fires when none is left."""

    idle = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._worker: _Worker | None = None
        self._background: _Worker | None = None  # no connection: work on a file's path
        # Readers beside the worker, each on a read-only connection of its own ("read": the
        # pages'; "long": work that takes seconds), started when first needed.
        self._reader_opener: Opener | None = None
        self._readers: dict[str, _Worker] = {}
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        self._latest_open = 0  # counts opens asked for: only the last may replace the file in view
        self.default_error: Callable[[Exception, str], None] | None = None

    def _start(self, opener: Opener | None) -> _Worker:
        worker = _Worker(opener)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.progressed.connect(self._on_progress)
        worker.skipped.connect(self._on_skipped)
        worker.start()
        return worker

    def set_opener(self, opener: Opener | None) -> None:
        """Point the worker at another data file (None: at none); jobs of the old one the user
        started finish first, its silent reads stop at their next check. Reads then go to the
        worker too."""
        self._stop_readers()
        self._stop(self._worker)
        self._worker = self._start(opener)

    def open(
        self,
        opener: Opener,
        first: JobFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None],
        *,
        label: str = "",
        reader: Opener | None = None,
    ) -> int:
        """Open a data file on a worker of its own and run ``first`` there; if both succeed, that
        worker replaces the current one (whose jobs finish first) before ``on_done``, and reads
        go to readers opened by ``reader`` (None: to the worker). If not, it
        is dropped and the current data file stays open. When another file is asked for before
        this one is open (the last file reopening at start while the user opens another), the
        one asked for last wins, whichever finishes first: this one is dropped untold."""
        candidate = self._start(opener)
        self._latest_open = mine = self._latest_open + 1

        def adopt(result: Any) -> None:
            if mine != self._latest_open:
                self._stop(candidate)
                return
            self._stop_readers()
            old, self._worker = self._worker, candidate
            self._stop(old)
            self._reader_opener = reader
            on_done(result)

        def drop(exc: Exception, trace: str) -> None:
            self._stop(candidate)
            if mine == self._latest_open:
                on_error(exc, trace)

        return self._submit(candidate, first, adopt, drop, label=label, cancellable=False)

    def run(
        self,
        fn: JobFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None] | None = None,
        *,
        label: str = "",
        cancellable: bool = False,
        lane: object = None,
    ) -> int:
        """Run ``fn(ws, progress)``. ``lane`` (gui/ops.py's Lane) says where: a write on the
        worker, in order; a read on a reader (a long one, or one with a progress dialog, on the
        long reader) unless a write is waiting or running, when it follows the write on the
        worker; the background lane on a thread of its own that has no workspace (``ws`` is
        None)."""
        kind = getattr(lane, "value", lane) or "write"
        if kind == "background":
            if self._background is None:
                self._background = self._start(None)
            return self._submit(
                self._background, fn, on_done, on_error, label=label, cancellable=cancellable
            )
        writing = any(job.writes for job in self._jobs.values())
        if kind in ("read", "long") and self._reader_opener is not None and not writing:
            reader = self._reader("long" if label else kind)
            return self._submit(reader, fn, on_done, on_error, label=label, cancellable=cancellable)
        if self._worker is None:
            self._worker = self._start(None)
        return self._submit(
            self._worker,
            fn,
            on_done,
            on_error,
            label=label,
            cancellable=cancellable,
            writes=kind not in ("read", "long"),
        )

    def _reader(self, kind: str) -> _Worker:
        if kind not in self._readers:
            assert self._reader_opener is not None
            self._readers[kind] = self._start(self._reader_opener)
        return self._readers[kind]

    def _stop_readers(self) -> None:
        self._reader_opener = None
        for worker in list(self._readers.values()):
            self._stop(worker)

    def _submit(
        self,
        worker: _Worker,
        fn: JobFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None] | None,
        *,
        label: str,
        cancellable: bool,
        writes: bool = False,
    ) -> int:
        job_id = next(self._ids)
        job = _Job(on_done, on_error, label, cancellable, threading.Event(), worker, writes)
        self._jobs[job_id] = job
        if label:
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, lambda: self._show_dialog(job_id))
        # A job the user sees (a label, a progress dialog) always runs, and reports a cancel
        # itself; a silent read cancelled before it began is dropped.
        worker.submit(job_id, fn, job.event, not label)
        return job_id

    def busy(self) -> bool:
        return bool(self._jobs)

    def working(self) -> bool:
        """Whether long work the user started (a job with a label) is running: reads that fill a
        page are not worth keeping the user from quitting."""
        return any(job.label for job in self._jobs.values())

    def cancel(self, job_id: int) -> None:
        """Ask a job to stop: a silent one (no label) not begun yet is dropped, its callbacks
        never called; one running stops at its next ``progress.check()`` (a silent one then
        ends untold)."""
        job = self._jobs.get(job_id)
        if job is not None:
            job.event.set()

    def shutdown(self) -> None:
        for job in self._jobs.values():
            job.event.set()
        workers = {job.worker for job in self._jobs.values()} | {self._worker, self._background}
        workers |= set(self._readers.values())
        self._worker = self._background = self._reader_opener = None
        self._readers.clear()
        for worker in workers:
            self._stop(worker)
        self._jobs.clear()

    # ------------------------------------------------------------ internals

    def _stop(self, worker: _Worker | None) -> None:
        if worker is None:
            return
        if worker is self._worker:
            self._worker = None
        if worker is self._background:
            self._background = None
        for kind in [k for k, w in self._readers.items() if w is worker]:
            del self._readers[kind]
        # Its silent reads are of a file no longer in view: they stop at their next check
        # instead of holding the window until they finish (a dashboard of 20,000 people).
        for job in self._jobs.values():
            if job.worker is worker and not job.label:
                job.event.set()
        worker.stop()
        worker.wait()
        # Results still queued for the GUI belong to a file no longer open: drop them.
        for signal in (worker.done, worker.failed, worker.progressed, worker.skipped):
            signal.disconnect()
        for job_id in [k for k, job in self._jobs.items() if job.worker is worker]:
            self._close_dialog(self._jobs.pop(job_id))
        self._maybe_idle()

    def _show_dialog(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.dialog is not None:
            return
        cancel_text = _("Cancel") if job.cancellable else ""
        dialog = QProgressDialog(job.label, cancel_text, 0, 0, self._parent_widget)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not job.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.event.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(_("Stopping…")))
        job.dialog = dialog
        dialog.show()

    def _on_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.dialog is None or job.event.is_set():
            return
        if text:  # before the value: whoever sees the bar move reads the words that go with it
            job.dialog.setLabelText(text)
        job.dialog.setMaximum(max(total, 0))
        job.dialog.setValue(min(done, total) if total > 0 else 0)

    def _finish(self, job_id: int) -> _Job | None:
        job = self._jobs.pop(job_id, None)
        if job is not None:
            self._close_dialog(job)
        return job

    @staticmethod
    def _close_dialog(job: _Job) -> None:
        if job.dialog is not None:
            job.dialog.close()
            job.dialog.deleteLater()
            job.dialog = None

    def _on_done(self, job_id: int, result: object) -> None:
        job = self._finish(job_id)
        try:
            if job is not None:
                job.on_done(result)
        finally:
            self._maybe_idle()

    def _on_skipped(self, job_id: int) -> None:
        self._finish(job_id)
        self._maybe_idle()

    def _on_failed(self, job_id: int, exc: Exception, trace: str) -> None:
        job = self._finish(job_id)
        try:
            if job is None:
                return
            if isinstance(exc, Cancelled) and job.event.is_set() and not job.label:
                return  # a silent read made stale stopped halfway: nobody waits for it
            handler = job.on_error or self.default_error
            if handler is not None:
                handler(exc, trace)
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._jobs:
            self.idle.emit()
