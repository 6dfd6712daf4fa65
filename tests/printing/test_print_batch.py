"""A batch of packets drawn by worker processes is the batch one process draws, in order; its
progress is told, a cancel stops it and writes nothing, an error in a worker arrives whole."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk.printing import batch
from swdesk.printing.fonts import MissingGlyphError
from swdesk.printing.raster import PrintCancelled
from swdesk.services import printing
from swdesk.services.workspace import Workspace

pytestmark = pytest.mark.usefixtures("zh")


@pytest.fixture(autouse=True)
def _stop_workers() -> object:
    yield
    batch.stop_workers()


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_two_workers_draw_the_pages_one_process_draws(
    filled: tuple[Workspace, dict], tmp_path: Path
) -> None:
    ws, numbers = filled
    alone = printing.print_packets(ws, workers=1)
    told: list[tuple[int, int]] = []
    output = tmp_path / "batch.pdf"
    shared = printing.print_packets(
        ws, output=output, workers=2, progress=lambda done, total: told.append((done, total))
    )
    assert texts(shared) == texts(alone)
    assert output.read_bytes() == shared
    reader = PdfReader(io.BytesIO(shared))
    assert reader.metadata.title == PdfReader(io.BytesIO(alone)).metadata.title == "申请材料"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    # One run per packet here (four packets, two workers of three runs each), told in order.
    assert told == [(n, len(numbers)) for n in range(1, len(numbers) + 1)]
    again = printing.print_packets(ws, workers=2)  # the same workers, kept
    assert texts(again) == texts(alone)


def test_a_cancel_stops_the_batch_and_writes_nothing(
    filled: tuple[Workspace, dict], tmp_path: Path
) -> None:
    ws, _numbers = filled
    output = tmp_path / "batch.pdf"
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # the user presses Cancel once the workers have started

    with pytest.raises(PrintCancelled):
        printing.print_packets(ws, output=output, workers=2, cancelled=cancelled)
    assert not output.exists()
    with pytest.raises(PrintCancelled):  # alone, too: before anything is drawn
        printing.print_packets(ws, output=output, workers=1, cancelled=lambda: True)
    assert not output.exists()
    assert texts(printing.print_packets(ws, workers=2))  # new workers after the cancel


def test_a_small_batch_is_drawn_in_this_process_and_a_large_one_on_every_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch, "usable_cores", lambda: 2)
    assert batch.worker_count(1) == batch.worker_count(batch.MIN_PACKETS - 1) == 1
    assert batch.worker_count(100) == 2
    monkeypatch.setattr(batch, "usable_cores", lambda: 1)
    assert batch.worker_count(100) == 1
    runs = batch.runs_of(list(range(10)), 3)
    assert runs == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_a_missing_character_found_by_a_worker_names_it_and_its_record() -> None:
    error = MissingGlyphError("\ue000", "张三 / 备注")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is MissingGlyphError
    assert (back.char, back.context, str(back)) == (error.char, error.context, str(error))


def test_workers_that_die_leave_the_batch_to_this_process(
    filled: tuple[Workspace, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    ws, _numbers = filled

    def dying(count: int, start: object) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(count, mp_context=context, initializer=os._exit, initargs=(3,))

    monkeypatch.setattr(batch._pool, "get", dying)
    told: list[tuple[int, int]] = []
    data = printing.print_packets(ws, workers=2, progress=lambda d, n: told.append((d, n)))
    assert texts(data) == texts(printing.print_packets(ws, workers=1))
    assert told[-1] == (4, 4)
