"""A large batch of packets previewed from the print page: its worker processes tell the window's
progress dialog how many packets are drawn, and the dialog's Cancel stops them."""

from __future__ import annotations

import pytest
from gui_helpers import read, wait_idle, write
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton

from swdesk.domain.applications import Status
from swdesk.printing import batch

PACKETS = batch.MIN_PACKETS  # the smallest batch the worker processes draw


@pytest.fixture(autouse=True)
def _fresh_workers() -> object:
    # Workers started afresh take a second or more before the first packets come back: the
    # progress dialog is up by then, as it is for a user's first batch of the day.
    batch.stop_workers()
    yield
    batch.stop_workers()


def _submit_packets(qtbot, window) -> None:
    from swdesk.services.applications import advance_many, list_applications
    from swdesk.services.awards import evaluate_awards
    from swdesk.services.claims import create_level_award

    owed = [
        s.staff.id_number
        for s in read(qtbot, window, evaluate_awards)
        if s.kind == "cash" and s.eligible and s.amount_due > 0 and not s.open_application
    ]
    assert len(owed) >= PACKETS, "the demo has enough people owed the level award"
    for id_number in owed[:PACKETS]:
        write(qtbot, window, create_level_award, id_number)
    drafts = read(qtbot, window, list_applications, status=Status.DRAFT)
    write(qtbot, window, advance_many, [app.number for app in drafts], Status.SUBMITTED)


def _batch_page(qtbot, window):
    _submit_packets(qtbot, window)
    window.go("printing")
    wait_idle(qtbot, window)
    page = window.view.page("printing")
    page.select("packets")
    page.status.setCurrentIndex(page.status.findData("submitted"))
    return page


def _dialog(qtbot, window) -> QProgressDialog:
    def shown() -> QProgressDialog | None:
        found = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=15000)
    return shown()  # type: ignore[return-value]


def test_the_dialog_counts_the_packets_as_the_workers_draw_them(
    qtbot, demo_window, monkeypatch
) -> None:
    from swdesk.gui import tasks

    page = _batch_page(qtbot, demo_window)
    assert batch.worker_count(PACKETS) > 1, "this batch is drawn by worker processes"
    # The dialog at once, before the first packet is drawn: after the usual 600 ms the workers,
    # as fast as they now are, may have drawn some, and the dialog opens on their count.
    monkeypatch.setattr(tasks, "SHOW_PROGRESS_AFTER_MS", 0)
    page.preview()
    dialog = _dialog(qtbot, demo_window)
    assert dialog.windowTitle() == "Please wait"
    assert dialog.labelText() == "Preparing The packets of all applications at one step…"
    seen: list[tuple[int, int, str]] = []
    bar = dialog.findChild(QProgressBar)
    bar.valueChanged.connect(lambda v: seen.append((v, bar.maximum(), dialog.labelText())))
    wait_idle(qtbot, demo_window, timeout=60000)

    pages = page.pdf.page_count()
    assert page.message.text() == f"{pages} pages." and pages > PACKETS
    assert seen, "the dialog heard of packets drawn"
    assert seen[-1] == (PACKETS, PACKETS, f"Drawing the packets: {PACKETS} of {PACKETS}…")
    assert [v for v, _m, _t in seen] == sorted({v for v, _m, _t in seen})  # only forward
    assert all(t == f"Drawing the packets: {v} of {PACKETS}…" for v, _m, t in seen)


def test_cancel_stops_the_workers_and_shows_nothing(qtbot, demo_window, monkeypatch) -> None:
    from swdesk.gui import tasks

    page = _batch_page(qtbot, demo_window)
    # The dialog at once, and so the Cancel while the workers are still starting: drawn as fast
    # as it is now, the whole batch could be done within the usual 600 ms, before the click.
    monkeypatch.setattr(tasks, "SHOW_PROGRESS_AFTER_MS", 0)
    page.preview()
    dialog = _dialog(qtbot, demo_window)
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    wait_idle(qtbot, demo_window, timeout=30000)
    assert page.message.text() == "Cancelled."
    assert page.message.objectName() == "hint"  # a cancel is not an error
    assert not page.pdf.view.isVisible() and not page.print_button.isEnabled()
    assert batch._pool.kept is None, "the worker processes were ended"

    page.preview()  # the next batch starts its workers again
    wait_idle(qtbot, demo_window, timeout=60000)
    assert page.message.text() == f"{page.pdf.page_count()} pages."
