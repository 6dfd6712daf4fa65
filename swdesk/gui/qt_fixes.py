"""Mends for defects of the Qt bindings that would otherwise crash the program.

PySide6 6.12.0 on Python 3.11 hands back ``None`` from every Qt method that returns nothing
(``setText``, ``drawImage``, ``setValue`` …) without taking a reference to it, and ``True`` from
``Signal.emit()`` likewise. Each call wears one reference away; after some thirteen thousand —
a few minutes of work, one long print — the interpreter frees ``None`` and stops with "Fatal
Python error: none_dealloc" (or bool_dealloc). From Python 3.12 on these objects are immortal
and the defect is harmless, which is why it went unseen.

`mend_lost_references` checks whether the bindings in use lose references and, only then and
only before Python 3.12, gives ``None``, ``True`` and ``False`` a reserve of references that no
session can wear away. They are never freed in any case, so the reserve changes nothing else.

And one for speed: `skip_feature_scan`. Once PySide6 is imported, every module imported after it
has its source file read and searched for the word "PySide6" (``shibokensupport.feature``), to
decide whether its calls into Qt should switch the bindings' ``__feature__`` set (snake_case
names, true properties). swdesk uses no such feature: every module runs with the default set,
so the answer is the same for all of them and the read is wasted — a tenth of a second of the
window's start, on the window's thread and the worker's.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

RESERVE = 1 << 50  # references: a billion lost a second would take 35 years
_TRIES = 64


class _Probe(QObject):
    ping = Signal()


def references_lost() -> bool:
    """Whether calling a Qt method that returns nothing, or emitting a signal, wears away a
    reference to ``None`` or ``True`` (the defect)."""
    probe = _Probe()
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _n in range(_TRIES):
        probe.setObjectName("probe")
        probe.ping.emit()
    lost = none - sys.getrefcount(None) >= _TRIES or true - sys.getrefcount(True) >= _TRIES
    _refill(max(0, none - sys.getrefcount(None)), max(0, true - sys.getrefcount(True)))
    return lost


def _refill(none: int, true: int) -> None:
    """Give back what the probe took."""
    if sys.version_info >= (3, 12):
        return
    _count(None).value += none
    _count(True).value += true


def _count(obj: object) -> ctypes.c_ssize_t:
    # The reference count is the first field of every object (CPython before 3.12).
    return ctypes.c_ssize_t.from_address(id(obj))


def _uses_default_features(module: object) -> bool:
    # True: "treat it as a PySide module", whose feature set is the default one (0) unless it
    # imports __feature__ itself, which sets its own flags whatever this says.
    return True


def skip_feature_scan() -> bool:
    """Stop PySide6 reading the source of every module imported after it (see above); False
    when these bindings have no such scan."""
    try:
        from PySide6.support import feature
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_default_features
    return True


def mend_lost_references() -> bool:
    """Give None, True and False their reserve when the bindings lose references to them;
    False when nothing needed mending (Python 3.12 or later, or mended bindings)."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > RESERVE:
        return False
    if not references_lost():
        return False
    for obj in (None, True, False):
        _count(obj).value += RESERVE
    return True
