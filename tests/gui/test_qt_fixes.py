"""A signal emitted many times must not wear ``True`` away (PySide6 6.12.0 lost a reference to it
on every emit: the program stopped with "Fatal Python error: bool_dealloc" after a few thousand
signals — a long print, a big import, an afternoon's work)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QThread, Signal

import swdesk.gui  # noqa: F401 - what every window imports first
from swdesk.gui.qt_fixes import emit_loses_references, mend_signal_emit


class Sender(QObject):
    moved = Signal(int, int)


class Worker(QThread):
    moved = Signal(int, int)

    def run(self) -> None:
        for n in range(5000):
            self.moved.emit(n, 5000)


def test_emitting_keeps_the_references_of_true(qtbot) -> None:
    sender = Sender()
    got: list[int] = []
    sender.moved.connect(lambda done, _total: got.append(done))
    before = sys.getrefcount(True)
    for n in range(5000):
        sender.moved.emit(n, 5000)
    assert abs(sys.getrefcount(True) - before) < 10  # not 5,000 fewer
    assert len(got) == 5000


def test_emitting_from_a_thread_keeps_them_too(qtbot) -> None:
    worker = Worker()
    got: list[int] = []
    worker.moved.connect(lambda done, _total: got.append(done))
    before = sys.getrefcount(True)
    with qtbot.waitSignal(worker.finished, timeout=20000):
        worker.start()
    qtbot.waitUntil(lambda: len(got) == 5000)
    assert abs(sys.getrefcount(True) - before) < 10  # not 5,000 fewer


def test_the_mend_is_made_once() -> None:
    assert not emit_loses_references()  # mended on importing swdesk.gui
    assert mend_signal_emit() is False
