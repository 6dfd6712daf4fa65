"""The programs bench/ratios.py starts in fresh processes, and how it times them.

Each child prints a line at each moment worth timing (``SHOWN``, ``FILLED``, ``DASHBOARD``,
``KEYS <json>``, ``RSS <kB>``); the parent takes the time from its own launch of the process to
each line, so the interpreter's start and every import are counted, as a user waits for them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

# The child's own peak: Linux keeps ru_maxrss across fork and exec, so a child of the bench
# process (hundreds of MB after the data measures) would report the parent's peak. VmHWM belongs
# to the new program image alone.
PEAK = """
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

BARE = (
    PEAK
    + """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("bare window"); w.resize(1200, 780); w.show()
def done():
    print("SHOWN", flush=True)
    print("RSS", peak_kb(), flush=True)
    print("END", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""
)

# argv: data file, settings file, first page, what to wait for (filled, dashboard, keys, shown,
# meanwhile, after), and for keys the number of people the whole staff list holds.
PROGRAM = (
    PEAK
    + """
import json, sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from swdesk.gui.app import launch
from swdesk.gui.settings_store import SettingsStore
path, ini, page_key, wait_for = sys.argv[1:5]
whole = int(sys.argv[5]) if len(sys.argv) > 5 else 1
store = SettingsStore(QSettings(ini, QSettings.Format.IniFormat))
store.last_page = page_key
# As `swdesk` starts: the file's quick check ahead, then the window (gui/app.py's launch).
app, window = launch(path, store)

def finish():
    print("RSS", peak_kb(), flush=True)
    print("END", flush=True)
    window.tasks.shutdown()
    app.quit()

def page(key):
    # Only a page already built: view.page() would build it, and the staff page loading beside
    # the dashboard would be counted in the dashboard's time and memory.
    return window.view.pages.get(key) if window.view else None

asked = []
counted = []

def keys(staff):
    times = []
    for text in ("员", "员工", "黄", "黄丽", "黄丽华", "黄丽华1", "黄丽华12", "黄丽华1", "1390", "13900001", ""):
        t0 = time.perf_counter()
        staff.search.setText(text)
        staff._debounce.stop()
        staff._apply_filter()
        QApplication.processEvents()
        times.append(time.perf_counter() - t0)
    print("KEYS", json.dumps(times), flush=True)

def check():
    staff, board = page("staff"), page("dashboard")
    if wait_for == "shown":
        if window.view is not None and not window.tasks.working():
            return finish()
    elif wait_for == "filled":
        if staff is not None and staff.model.rowCount() > 0:
            print("FILLED", flush=True)
            return finish()
    elif wait_for == "keys":
        # The keys filter the whole list: not its first screenful, nor while the rest is still
        # being read and put into the table (its arrival would be counted in a keystroke).
        if staff is not None and staff.model.rowCount() >= whole:
            print("FILLED", flush=True)
            keys(staff)
            return finish()
    elif wait_for in ("meanwhile", "after"):
        # The staff page asked for while the dashboard's rules are at work (it once waited
        # behind them on the one worker), or once they are done (nothing else running).
        if wait_for == "meanwhile":
            ready = board is not None and board.busy()
        else:
            ready = board is not None and board.reminder_model.rowCount() > 0 and not board.busy()
        if not asked and ready:
            window.view.go("staff")
            asked.append(1)
            print("ASKED", flush=True)
        elif asked and staff is not None and staff.model.rowCount() > 0:
            print("FILLED", flush=True)
            print("BUSY", int(board.busy()), flush=True)
            return finish()
    elif board is not None and board.reminder_model.rowCount() > 0 and not getattr(board, "busy", bool)():
        if not counted and board.levels_label.text():
            print("COUNTS", flush=True)  # both stages arrived between two looks
        print("DASHBOARD", flush=True)
        return finish()
    elif board is not None and not counted and board.levels_label.text():
        # The dashboard's first stage: the counts, before the reminders.
        counted.append(1)
        print("COUNTS", flush=True)
    QTimer.singleShot(5, check)

def shown():
    print("SHOWN", flush=True)
    check()

# The first turn of the event loop: the window is on screen (and quit() now ends the loop).
QTimer.singleShot(0, shown)
app.exec()
"""
)


def run_child(code: str, args: list[str], env: dict[str, str]) -> dict[str, object]:
    """Seconds from launch to each line the child prints (``KEYS`` and ``RSS`` with their
    values), until its ``END``."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    marks: dict[str, object] = {}
    assert child.stdout is not None
    for line in child.stdout:
        word, _sep, rest = line.strip().partition(" ")
        marks[word] = rest if rest else time.perf_counter() - started
        if word == "END":
            break
    _out, err = child.communicate(timeout=300)
    if "END" not in marks:
        raise RuntimeError(f"the child stopped before its end:\n{err[-2000:]}")
    return marks


def median_of(
    code: str, args: list[str], runs: int, env: dict[str, str], before: object = None
) -> dict[str, object]:
    """The median of each timed mark over ``runs`` fresh processes (after one unmeasured run
    that fills the bytecode cache, as an installed program has it). ``before`` is called ahead
    of every run (to make a day's first open)."""
    if callable(before):
        before()
    run_child(code, args, env)
    results = []
    for _ in range(runs):
        if callable(before):
            before()
        results.append(run_child(code, args, env))
    out: dict[str, object] = {}
    for key in results[0]:
        values = [r[key] for r in results]
        if all(isinstance(v, float) for v in values):
            out[key] = statistics.median(values)  # type: ignore[arg-type]
        else:
            out[key] = values
    return out
