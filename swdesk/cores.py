"""The cores this process may use, and the worker processes kept on them: what the batch
printing and a bureau's receipt share."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def usable_cores() -> int:
    """The cores this process may use (its CPU affinity where the system has one), at least 1."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    try:
        return len(os.sched_getaffinity(0))  # Linux
    except AttributeError:
        return os.cpu_count() or 1


class KeptPool:
    """Worker processes (spawned) kept from one job to the next, since starting one takes a
    second or two (Python and swdesk's modules), for as long as their number and what they were
    started with stay the same; new ones when either changes. One job at a time uses them
    (``lock``). ``end`` is how the owner lets a pool go (the printing terminates its workers at
    once, a receipt lets each finish its file); ``started`` runs on each pool just made."""

    def __init__(
        self,
        initializer: Callable[..., None],
        end: Callable[..., None],
        started: Callable[[ProcessPoolExecutor, int], None] | None = None,
    ) -> None:
        self._initializer = initializer
        self._end = end
        self._started = started
        self.lock = threading.Lock()
        self.kept: tuple[tuple[object, ...], ProcessPoolExecutor] | None = None

    def get(self, count: int, initargs: tuple[Any, ...]) -> ProcessPoolExecutor:
        """The ``count`` workers started with ``initargs``: the kept ones, else new ones (the
        kept ones ended first)."""
        key = (count, *initargs)
        if self.kept is not None and self.kept[0] == key:
            return self.kept[1]
        self.stop()
        pool = ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=self._initializer,
            initargs=initargs,
        )
        if self._started is not None:
            self._started(pool, count)
        self.kept = (key, pool)
        return pool

    def stop(self, **how: Any) -> None:
        """Let the kept workers go, the owner's way (``how`` is passed to its ``end``)."""
        if self.kept is None:
            return
        pool = self.kept[1]
        self.kept = None
        self._end(pool, **how)
