"""Mends for defects of the Qt bindings that would otherwise crash the program.

PySide6 6.12.0: ``SignalInstance.emit()`` hands back ``True`` without taking a reference to it.
Every signal the program emits from Python (a page's change, a job's progress, a printed page)
takes one reference from ``True``; after a few thousand the interpreter frees ``True`` and stops
with "Fatal Python error: bool_dealloc". `mend_signal_emit` checks whether the bindings in use
do so and, only then, gives the reference back after each emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_TRIES = 16


class _Probe(QObject):
    ping = Signal()


def emit_loses_references() -> bool:
    """Whether emitting a signal takes references from ``True`` (the defect)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _n in range(_TRIES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        # Give back what the probe took.
        for _n in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _TRIES


def mend_signal_emit() -> bool:
    """Wrap ``emit`` to give back the reference it loses; False when nothing needed mending."""
    if getattr(SignalInstance.emit, "_swdesk_mended", False) or not emit_loses_references():
        return False
    emit = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    true = ctypes.py_object(True)

    def mended(self: SignalInstance, *args: Any) -> Any:
        result = emit(self, *args)
        if result is True:
            incref(true)
        return result

    mended._swdesk_mended = True  # type: ignore[attr-defined]
    SignalInstance.emit = mended  # type: ignore[method-assign]
    return True
