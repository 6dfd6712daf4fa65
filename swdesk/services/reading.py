"""One reading of the data file for work that asks for the same things several times.

The reminders ask for the staff list, the certificates and the year's continuing-education
report from three providers; the dashboard asks again for its counts. Inside ``one_reading(ws)``
each of these is read or computed once and handed out again, so a dashboard of 20,000 people
reads the staff once instead of five times. Outside it, every call reads afresh.

Work inside a reading may also be stopped halfway: ``checkpoint()`` between its stages raises
when whoever asked no longer wants it (the dashboard of a day or a file no longer in view).

What is handed out is shared: callers treat it as read-only (a list is copied for them). Nothing
inside the block may write: a write would leave the remembered values stale.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from swdesk import collector
from swdesk.services.workspace import Workspace
from swdesk.storage.database import data_stamp, tables_stamp

T = TypeVar("T")

# Per thread (the worker and the window each have their own): which workspace is being read,
# what has been read of it, and how the work asks whether it is still wanted.
_memo: contextvars.ContextVar[
    tuple[Workspace, dict[Hashable, Any], Callable[[], None] | None] | None
] = contextvars.ContextVar("swdesk_one_reading", default=None)


@contextlib.contextmanager
def whole_agency() -> Iterator[None]:
    """Pause Python's cycle collector for work over everyone (`swdesk.collector.paused`): the
    rules for 20,000 people make millions of small objects and no cycles."""
    with collector.paused():
        yield


@contextlib.contextmanager
def one_reading(ws: Workspace, check: Callable[[], None] | None = None) -> Iterator[None]:
    """Read each thing once for the work inside the block (nested blocks share the outer one,
    and its ``check``). ``check`` raises when the work is no longer wanted (the window's
    ``Progress.check``: a newer refresh, another file, another day): ``checkpoint()`` calls it
    between stages, so the worker is soon free for the work that is wanted."""
    current = _memo.get()
    if current is not None and current[0] is ws:
        yield
        return
    token = _memo.set((ws, {}, check))
    try:
        with whole_agency():
            yield
    finally:
        _memo.reset(token)


def in_reading(ws: Workspace) -> bool:
    """Whether this thread is inside ``one_reading(ws)``."""
    current = _memo.get()
    return current is not None and current[0] is ws


def checkpoint() -> None:
    """Between two stages of long work over everyone: stop here (the reading's ``check``
    raises) if whoever asked for it no longer wants it. Outside a reading, nothing."""
    current = _memo.get()
    if current is not None and current[2] is not None:
        current[2]()


def kept(ws: Workspace, key: Hashable, compute: Callable[[], T], tables: tuple[str, ...] = ()) -> T:
    """As ``once``, and kept from one reading to the next while ``tables`` (or, if none are
    named, the whole file) are not written to, by this program or another (``tables_stamp``,
    ``data_stamp``): the staff list and the certificates of 20,000 people take 0.2 s to read,
    and each page and report asks for them; recording an attendance changes neither. Inside a
    transaction nothing is kept or handed out from before."""
    conn = ws.db.conn
    # Read before the values: a write between the two makes the stamp older than the values,
    # so they are read again next time, never kept past a write.
    stamp = tables_stamp(conn, tables) if tables else data_stamp(conn)

    def stamped() -> tuple[Any, T]:
        hit = ws.kept.get(key)
        if stamp is not None and hit is not None and hit[0] == stamp:
            return hit
        return stamp, compute()

    # Inside a reading the values are those of its first ask, with the stamp read before them:
    # a write committed meanwhile (the worker writes while a reader reads) is after that stamp,
    # so what a reading read is never kept as what the file holds after it.
    kept_now = once(ws, ("kept", key), stamped)
    if kept_now[0] is not None:
        ws.kept[key] = kept_now
    return kept_now[1]


def once(ws: Workspace, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or inside ``one_reading(ws)`` what it gave the first time for ``key``."""
    current = _memo.get()
    if current is None or current[0] is not ws:
        return compute()
    memo = current[1]
    if key not in memo:
        memo[key] = compute()
    return memo[key]
