"""A session's worth of Qt calls and signals must not end in "Fatal Python error: none_dealloc":
PySide6 6.12.0 on Python 3.11 loses a reference to None on every Qt method that returns nothing
and to True on every emit; after about thirteen thousand the interpreter stopped (a long print,
a big import, an afternoon's work)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from swdesk.gui.qt_fixes import RESERVE, mend_lost_references

SESSION = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel
    import swdesk.gui  # what every window imports first

    class Sender(QObject):
        moved = Signal(int)

    app = QApplication([])
    label, sender = QLabel(), Sender()
    sender.moved.connect(lambda n: None)
    for n in range(60000):
        label.setText(str(n))  # returns nothing
        sender.moved.emit(n)
    print("done", label.text())
    """
)


def test_a_long_session_of_qt_calls_and_signals_does_not_crash() -> None:
    run = subprocess.run(
        [sys.executable, "-c", SESSION], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "done 59999"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal there")
def test_none_and_true_have_their_reserve_once() -> None:
    import swdesk.gui  # noqa: F401

    assert sys.getrefcount(None) > RESERVE // 2 and sys.getrefcount(True) > RESERVE // 2
    assert mend_lost_references() is False  # given once


IMPORT_AFTER_QT = textwrap.dedent(
    """
    import linecache, sys
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtCore import QObject
    {first}
    import later_module  # a module of the program's, imported once Qt is in
    print(any(name.endswith("later_module.py") for name in linecache.cache))
    print(later_module.label())
    """
)


@pytest.mark.parametrize("first, read", [("", "True"), ("import swdesk.gui", "False")])
def test_modules_imported_after_qt_are_not_read_for_pyside_features(
    tmp_path, first: str, read: str
) -> None:
    # The bindings read every later module's source to look for "PySide6" (a tenth of a second
    # of the window's start); swdesk.gui stops it, and Qt still works in such a module.
    (tmp_path / "later_module.py").write_text(
        "from PySide6.QtCore import QCoreApplication, QObject\n"
        "def label():\n"
        "    obj = QObject()\n"
        "    obj.setObjectName('kept')\n"
        "    return obj.objectName()\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AFTER_QT.format(first=first), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.split() == [read, "kept"]
