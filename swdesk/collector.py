"""Pausing Python's cycle collector for work that makes millions of small objects and few cycles:
the rules over a whole agency (`swdesk.services.reading.whole_agency`) and the layout of a
printed document (`swdesk.printing.layout.build_document`)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector paused for the block. Meanwhile it would walk every live object again and
    again (a third of a reminders run, 40 % of a batch of packets); reference counting still
    frees them, and the collector resumes at the end of the block unless someone else had
    paused it (a block on another thread that ends first resumes it for both: only slower)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            # What the work made and kept (a report of 20,000 rows) would otherwise all sit in
            # the youngest generation, walked whole by the next collection (a tenth of a
            # second). Freezing and unfreezing moves it to the oldest generation at once, as if
            # it had survived the young collections: a full collection still looks at it.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
