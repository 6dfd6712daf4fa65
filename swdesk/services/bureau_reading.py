"""Reading the files of a receipt on every core: each file is read and checked whole, its CE sums
judged and its rows made, in worker processes, while the receiving process writes the files
before it, in their order.

Checking a file is pure Python, field by field (a city's year is 300 files and 20,000 people), so
threads would take turns on one core. The workers are started with ``spawn`` (as in
`swdesk.printing.batch`: Windows has nothing else, and a forked copy of a process running Qt
threads may hang), in the program's language, and kept from one receipt to the next. A few files
are read in this process: starting the workers costs more than they save; so are all of them on
a machine of one or two cores, where the workers would take the cores the receiving process
needs (docs/bureau-scale.md). Only a few files are read ahead of the writing, so memory holds a
few files' worth, not the receipt's.

A file a worker refuses comes back as its `FileRefused`, raised here when the writing reaches
it; the receipt, one transaction, then leaves the data as it was, as a refusal read in this
process does.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import pickle
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from swdesk.cores import KeptPool, usable_cores
from swdesk.domain.findings import Finding
from swdesk.domain.limits import Limits
from swdesk.domain.profiles import Profile
from swdesk.domain.record_checks import record_ce_findings
from swdesk.domain.submission import Submission, Unit
from swdesk.exchange.submission_file import read_submission_file
from swdesk.storage import attachments
from swdesk.storage.submissions import RecordRows, record_rows

MIN_FILES = 16  # below this a receipt's files are read in this process
MIN_CORES = 2  # on one core the workers would only take turns with the receiving process
PER_WORKER = 8  # files a worker is worth starting for
MAX_WORKERS = 4
AHEAD = 3  # files read ahead of the writing, per worker


@dataclass(frozen=True)
class ReadRecord:
    """An agency record of a file, checked, as the rows it will be stored in."""

    submission_id: str
    agency: Unit
    period: int
    rows: RecordRows
    ce: tuple[Finding, ...]  # what its CE sums were found to be, judged under the profile

    @property
    def created_utc(self) -> str:
        return str(self.rows.head["created_utc"])


@dataclass(frozen=True)
class ReadFile:
    """A file read whole and checked: what it is on disk, its submission (without its records,
    which are ``records``)."""

    path: Path
    sha256: str
    size: int
    format_version: int
    submission: Submission
    records: tuple[ReadRecord, ...]
    kept: bool  # copied into the store of the data file (``attachments.keep_checked``)
    unsynced: Path | None  # that copy, if one was made, not yet flushed to the disk


def read_file(
    path: Path, now: dt.datetime, limits: Limits, profile: Profile, db_path: Path | None = None
) -> ReadFile:
    """The file at ``path`` checked whole (FileRefused with what is wrong), its records' CE sums
    judged under ``profile`` and their rows made; once checked, copied into the store of the
    data file at ``db_path`` (if given)."""
    got = read_submission_file(Path(path), now=now, limits=limits)
    copy = attachments.keep_checked(db_path, got.path, got.sha256) if db_path else None
    sub = got.submission
    records = tuple(
        ReadRecord(
            r.submission_id,
            r.agency,
            r.period,
            record_rows(r),
            tuple(record_ce_findings(r, profile)),
        )
        for r in sub.records
    )
    return ReadFile(
        got.path,
        got.sha256,
        got.size,
        int(got.manifest["format_version"]),
        dataclasses.replace(sub, records=()),
        records,
        db_path is not None,
        copy,
    )


def worker_count(files: int, cores_free: int | None = None) -> int:
    """How many processes read a receipt of ``files`` on ``cores_free`` cores (`usable_cores` when
    None): none (this one) for a few files or on a single core; else one fewer than the cores,
    but two on two cores, at most `MAX_WORKERS` and one per `PER_WORKER` files.

    The workers cost 15-25 % more CPU in all than reading here (starting, passing the rows
    back, caches each fills again) and take two thirds of the receiving process's. On an idle
    two-core machine a city's five years took 9.5 s with two workers, 11.3 s with one and
    14.8 s without (docs/bureau-scale.md): the receiving process waits on the workers part of
    the time, so two keep both cores busy. On a machine that other work keeps busy they gain
    little or lose a little (the same file's earlier measurements)."""
    count = usable_cores() if cores_free is None else cores_free
    if files < MIN_FILES or count < MIN_CORES:
        return 0
    return max(1, min(MAX_WORKERS, max(2, count - 1), files // PER_WORKER))


def read_files(
    paths: Iterable[Path],
    *,
    now: dt.datetime,
    limits: Limits,
    profile: Profile,
    db_path: Path | None = None,
    workers: int | None = None,
) -> Iterator[ReadFile]:
    """Every file of ``paths`` read as ``read_file`` does, in their order, by ``workers``
    processes (`worker_count` when None; 0 reads them in this one). A refused file raises its
    FileRefused when its turn comes."""
    paths = [Path(p) for p in paths]
    count = worker_count(len(paths)) if workers is None else workers
    if count <= 0:
        for path in paths:
            yield read_file(path, now, limits, profile, db_path)
        return
    yield from _read_in_workers(paths, count, now, limits, profile, db_path)


# The profile a worker judges CE sums under: given to it when it starts, as pickled bytes (the
# kept workers serve the next receipt if the bytes are the same), instead of with each file
# (pickling it for each of a city's 1,500 files and unpickling it again was 0.26 s of CPU).
_worker_profile: Profile | None = None


def _start_worker(language: str, profile: bytes) -> None:
    global _worker_profile
    from swdesk.i18n import set_language

    # Ctrl-C in a terminal reaches the whole process group: the receiving process stops the
    # workers itself, and a worker taking it would print its traceback on the way out.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(language)
    _worker_profile = pickle.loads(profile)  # bytes the receiving process made, never a file's


def _read_in_worker(path: Path, now: dt.datetime, limits: Limits, db_path: Path | None) -> ReadFile:
    assert _worker_profile is not None, "a worker is started with its profile"
    return read_file(path, now, limits, _worker_profile, db_path)


def _start_deaf_to_ctrl_c(pool: ProcessPoolExecutor, count: int) -> None:
    """Start the workers of ``pool`` with Ctrl-C ignored, as their initializer sets it: a
    process started so keeps ignoring it, and a worker still starting would print its
    traceback on it. Only the main thread may change how a signal is handled; workers started
    from another one (the window's) begin to ignore it once started."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # A spawned pool starts a process for each task while none is idle: one task each.
        for _ in range(count):
            pool.submit(int)
    finally:
        signal.signal(signal.SIGINT, previous)


def stop_workers(*, wait: bool = False) -> None:
    """End the worker processes once each has read the file in its hands (a second at most):
    none is read after, and the program's exit waits for them. ``wait``: return only then.

    They are not killed halfway: Python 3.11's pool, finding a worker killed under it, fails on
    the futures already cancelled and prints that failure (the reading cancels those read
    ahead)."""
    _pool.stop(wait=wait)


def _end(pool: ProcessPoolExecutor, *, wait: bool = False) -> None:
    pool.shutdown(wait=wait, cancel_futures=True)


# The workers of a receipt, for its language.
_pool = KeptPool(_start_worker, _end, started=_start_deaf_to_ctrl_c)


def _read_in_workers(
    paths: list[Path],
    count: int,
    now: dt.datetime,
    limits: Limits,
    profile: Profile,
    db_path: Path | None,
) -> Iterator[ReadFile]:
    from swdesk.i18n import current_language

    with _pool.lock:
        pool = _pool.get(count, (current_language(), pickle.dumps(profile)))
        pending: collections.deque[Future[ReadFile]] = collections.deque()
        queued = 0
        done = 0
        try:
            while done < len(paths):
                while queued < len(paths) and len(pending) < count * AHEAD:
                    pending.append(
                        pool.submit(_read_in_worker, paths[queued], now, limits, db_path)
                    )
                    queued += 1
                try:
                    read = pending.popleft().result()
                except (BrokenProcessPool, OSError):
                    # The workers could not start or died (out of memory, killed, a program
                    # that cannot start itself again): this process reads the rest alone.
                    stop_workers()
                    pending.clear()
                    for path in paths[done:]:
                        yield read_file(path, now, limits, profile, db_path)
                    return
                done += 1
                yield read
        finally:
            # A refused file, or the writing stopped: the files read ahead are of no use.
            for future in pending:
                future.cancel()
