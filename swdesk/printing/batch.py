"""A batch of packets drawn on every core: the packets split into runs, each run drawn by a process
of its own, the PDFs joined in order (by PDFium: `join_pdfs`).

Each packet is numbered from its own cover (`swdesk.printing.forms.packet`), so a run of packets
is a document of its own and the joined file is page for page the one a single process draws;
only the fonts are embedded once per run rather than once for the whole. Laying out a page is
pure Python, so threads would take turns on one core; processes are started with ``spawn`` on
every system (Windows has nothing else, and a forked copy of a process running Qt threads may
hang), each with the language and print font of the program. A small batch is drawn in this
process: starting the workers (importing reportlab, reading the fonts) costs more than it saves.

The entry points guard their work with ``if __name__ == "__main__"`` and call
`multiprocessing.freeze_support`, since a spawned worker imports the main module again.
"""

from __future__ import annotations

import io
import math
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from swdesk.cores import KeptPool, usable_cores
from swdesk.domain.errors import SwdeskError
from swdesk.printing.forms.packet import Packet, batch_title, render_packets
from swdesk.printing.layout import AgencyHeader, write_atomically
from swdesk.printing.output import document_format
from swdesk.printing.raster import PDFIUM_LOCK, PrintCancelled

MIN_PACKETS = 24  # below this a batch is drawn in this process
PER_WORKER = 12  # packets a worker is worth starting for
MAX_WORKERS = 4
RUNS_PER_WORKER = 3  # runs per worker: progress between them, and a cancel stops sooner
POLL_S = 0.2  # how often a cancel is looked for while the workers draw

Progress = Callable[[int, int], None]  # (packets drawn, packets in the batch)


def worker_count(packets: int) -> int:
    """How many processes draw a batch of ``packets``: one for a small batch."""
    if packets < MIN_PACKETS:
        return 1
    return max(1, min(MAX_WORKERS, usable_cores(), packets // PER_WORKER))


def runs_of(packets: Sequence[Packet], runs: int) -> list[Sequence[Packet]]:
    """``packets`` cut into ``runs`` consecutive runs of nearly equal length, in order."""
    size = math.ceil(len(packets) / max(1, runs))
    return [packets[i : i + size] for i in range(0, len(packets), size)]


def _start_worker(language: str, font: str, subfont_index: int) -> None:
    from swdesk.i18n import set_language
    from swdesk.printing.fonts import register_fonts

    set_language(language)
    register_fonts(font or None, subfont_index)


def _draw_run(agency: AgencyHeader, packets: Sequence[Packet], title: str) -> bytes:
    try:
        return render_packets(agency, packets, title=title)
    except SwdeskError as exc:
        # The error goes back to the window through a pipe: one that cannot travel arrives as
        # its message, never as a failure of the pool.
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise SwdeskError(str(exc)) from None
        raise


def join_pdfs(parts: Sequence[bytes]) -> bytes:
    """The PDFs ``parts`` as one, in order, with the first one's document information and
    catalogue (its title and language)."""
    # PDFium copies the pages with what they use in C: a tenth of the time pypdf took to read
    # and write every object of a 500-page batch, which this process did alone after the
    # workers had finished.
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        joined = pdfium.PdfDocument(parts[0])
        others = []
        try:
            for part in parts[1:]:
                other = pdfium.PdfDocument(part)
                others.append(other)
                joined.import_pages(other, index=len(joined))
            out = io.BytesIO()
            joined.save(out)
        finally:
            for other in others:
                other.close()
            joined.close()
    return out.getvalue()


def _end(pool: ProcessPoolExecutor) -> None:
    # The pool's own shutdown would let each worker finish the run it is drawing first.
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


# The workers of a batch, for its language and font (reportlab and the fonts loaded in each).
_pool = KeptPool(_start_worker, _end)


def stop_workers() -> None:
    """End the worker processes now (a cancel does; the program's exit does it as well)."""
    _pool.stop()


def render_batch(
    agency: AgencyHeader,
    packets: Sequence[Packet],
    output: str | Path | None = None,
    *,
    title: str = "",
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """One PDF with every packet (as `render_packets`), drawn by ``workers`` processes
    (`worker_count` when None). ``progress`` hears how many packets are drawn; once
    ``cancelled()`` is true the workers are stopped and `PrintCancelled` raised, nothing written.
    A Word copy (``output`` FILE.docx) is made in this process."""
    count = worker_count(len(packets)) if workers is None else workers
    if count <= 1 or len(packets) < 2 or document_format(output) != "pdf":
        if cancelled is not None and cancelled():
            raise PrintCancelled
        data = render_packets(agency, packets, output)
        if progress is not None:
            progress(len(packets), len(packets))
        return data
    runs = runs_of(packets, count * RUNS_PER_WORKER)
    title = title or batch_title(packets)
    try:
        parts = _draw_runs(agency, runs, title, count, len(packets), progress, cancelled)
    except (BrokenProcessPool, OSError):
        # The workers could not start or died (out of memory, killed, a program that cannot
        # start itself again): this process draws the batch alone rather than fail.
        return render_batch(agency, packets, output, workers=1, progress=progress,
                            cancelled=cancelled)  # fmt: skip
    data = join_pdfs(parts)
    if output is not None:
        write_atomically(Path(output), data)
    return data


def _draw_runs(
    agency: AgencyHeader,
    runs: Sequence[Sequence[Packet]],
    title: str,
    count: int,
    total: int,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> list[bytes]:
    from swdesk.i18n import current_language
    from swdesk.printing.fonts import font_setting

    parts: list[bytes] = []
    with _pool.lock:
        pool = _pool.get(count, (current_language(), *font_setting()))
        try:
            pending = [pool.submit(_draw_run, agency, run, title) for run in runs]
            done = 0
            for run, future in zip(runs, pending, strict=True):
                while True:
                    if cancelled is not None and cancelled():
                        raise PrintCancelled
                    try:
                        parts.append(future.result(timeout=POLL_S))
                        break
                    except FutureTimeout:
                        continue
                done += len(run)
                if progress is not None:
                    progress(done, total)
        except BaseException:
            # Cancelled, or a run failed (an unprintable scan, a character no font has): the
            # other runs are of no use; workers that died leave a pool that cannot be reused.
            stop_workers()
            raise
    return parts
