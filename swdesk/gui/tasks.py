"""Long work off the GUI thread: one worker thread that owns its own database connection.

A SQLite connection belongs to the thread that opened it, so the worker opens its own Workspace on
the current data file and every job runs there, one after another (Anki's single-worker task
manager). Results come back to the GUI thread by signal. A progress dialog appears only when a job
with a label is still running after about 600 ms (Anki's progress manager), with a cancel button
when the job can stop halfway.
"""

from __future__ import annotations

import itertools
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _
from swdesk.services.workspace import Workspace

SHOW_PROGRESS_AFTER_MS = 600

Opener = Callable[[], Workspace]
JobFn = Callable[[Workspace, "Progress"], Any]


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


class _Worker(QThread):
    done = Signal(int, object)
    failed = Signal(int, object, str)
    progressed = Signal(int, int, int, str)

    def __init__(self, opener: Opener) -> None:
        super().__init__()
        self._opener = opener
        self._queue: queue.Queue[tuple[int, JobFn, threading.Event] | None] = queue.Queue()

    def submit(self, job_id: int, fn: JobFn, event: threading.Event) -> None:
        self._queue.put((job_id, fn, event))

    def stop(self) -> None:
        self._queue.put(None)

    def run(self) -> None:
        ws: Workspace | None = None
        try:
            while (item := self._queue.get()) is not None:
                job_id, fn, event = item
                try:
                    if ws is None:
                        ws = self._opener()
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
    dialog: QProgressDialog | None = None


class TaskRunner(QObject):
    """Runs jobs on the worker of the open data file; ``idle`` fires when none is left."""

    idle = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._worker: _Worker | None = None
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        self.default_error: Callable[[Exception, str], None] | None = None

    def set_opener(self, opener: Opener | None) -> None:
        """Point the worker at another data file; jobs of the old one finish first."""
        self._stop_worker()
        if opener is not None:
            self._worker = _Worker(opener)
            self._worker.done.connect(self._on_done)
            self._worker.failed.connect(self._on_failed)
            self._worker.progressed.connect(self._on_progress)
            self._worker.start()

    def run(
        self,
        fn: JobFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None] | None = None,
        *,
        label: str = "",
        cancellable: bool = False,
    ) -> int:
        if self._worker is None:
            raise RuntimeError("no data file is open")
        job_id = next(self._ids)
        job = _Job(on_done, on_error, label, cancellable, threading.Event())
        self._jobs[job_id] = job
        if label:
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, lambda: self._show_dialog(job_id))
        self._worker.submit(job_id, fn, job.event)
        return job_id

    def busy(self) -> bool:
        return bool(self._jobs)

    def working(self) -> bool:
        """Whether long work the user started (a job with a label) is running: reads that fill a
        page are not worth keeping the user from quitting."""
        return any(job.label for job in self._jobs.values())

    def cancel(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None:
            job.event.set()

    def shutdown(self) -> None:
        for job in self._jobs.values():
            job.event.set()
        self._stop_worker()
        self._jobs.clear()

    # ------------------------------------------------------------ internals

    def _stop_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.stop()
        worker.wait()
        # Results still queued for the GUI belong to a file no longer open: drop them.
        for signal in (worker.done, worker.failed, worker.progressed):
            signal.disconnect()
        for job in self._jobs.values():
            self._close_dialog(job)
        self._jobs.clear()

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
        job.dialog.setMaximum(max(total, 0))
        job.dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            job.dialog.setLabelText(text)

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

    def _on_failed(self, job_id: int, exc: Exception, trace: str) -> None:
        job = self._finish(job_id)
        try:
            if job is None:
                return
            handler = job.on_error or self.default_error
            if handler is not None:
                handler(exc, trace)
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._jobs:
            self.idle.emit()
