"""How long the program takes to start: from launching the process to a usable window, on the demo
data and on a data file of 20,000 staff, next to a bare PySide6 window started the same way.

    xvfb-run -a python bench/gui_start.py [--runs 5] [--keep FOLDER]

"Usable" is measured twice: the window is on screen with its pages built (the user can click), and
the staff table is filled (the list the user came for). Each number is the median of ``--runs``
fresh processes, timed by this script from launch to the line the child prints at that moment, so
the interpreter's start and every import are included. Uses Xvfb's display when DISPLAY is set,
the offscreen platform otherwise. Data and settings live in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("bare window"); w.resize(1200, 780); w.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), print("FILLED", flush=True), app.quit()))
app.exec()
"""

PROGRAM = """
import sys
from PySide6.QtCore import QSettings, QTimer
from swdesk.gui.app import launch
from swdesk.gui.settings_store import SettingsStore
store = SettingsStore(QSettings(sys.argv[2], QSettings.Format.IniFormat))
store.last_page = "staff"
# As `swdesk` starts: the file's quick check ahead, then the window (gui/app.py's launch).
app, window = launch(sys.argv[1], store)
QTimer.singleShot(0, lambda: print("SHOWN", flush=True))
def check():
    page = window.view.page("staff") if window.view else None
    if page is not None and page.model.rowCount() > 0:
        print("FILLED", flush=True)
        window.tasks.shutdown()
        app.quit()
    else:
        QTimer.singleShot(5, check)
check()
app.exec()
"""


def make_big(path: Path, n: int = 20_000) -> None:
    """A data file with ``n`` staff, half of them certified, written through the services."""
    from synthetic import REGIONS  # beside this script: python puts its folder on the path

    from swdesk.domain import idnumber
    from swdesk.domain.levels import Level
    from swdesk.domain.staff import make_credential, make_staff
    from swdesk.services.agency import init_agency
    from swdesk.services.staff import insert_credential, insert_staff
    from swdesk.services.workspace import Workspace

    ws = Workspace.open(path)
    init_agency(ws, name="大型社会工作服务中心（基准测试）", profile_id="fangchenggang-2023")
    rng = random.Random(20_000)
    today = dt.date.today()
    with ws.db.atomic():
        for i in range(n):
            birth = dt.date(rng.randint(1965, 2001), rng.randint(1, 12), rng.randint(1, 28))
            number = idnumber.make(REGIONS[i // 1000 % len(REGIONS)], birth, i % 1000)
            person = make_staff(
                name=f"员工{i:05d}",
                id_number=number,
                today=today,
                phone=f"139{i:08d}",
                hire_date=dt.date(2015 + i % 10, 3, 1),
                accept_unknown_region=True,  # made-up region codes
            )
            staff_id = insert_staff(ws, person)
            if i % 2:
                cred = make_credential(
                    level=Level.ASSISTANT if i % 4 == 1 else Level.SOCIAL_WORKER,
                    certificate_number=f"B{i:08d}",
                    obtained_on=dt.date(2018 + i % 6, 6, 20),
                    today=today,
                )
                insert_credential(ws, staff_id, cred)
    ws.close()


def make_demo(path: Path) -> None:
    from swdesk.services.demo import fill_demo
    from swdesk.services.workspace import Workspace

    ws = Workspace.open(path)
    fill_demo(ws)
    ws.close()


def time_child(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the SHOWN and FILLED lines of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    marks: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - started
        if line.strip() == "FILLED":
            break
    child.wait(timeout=120)
    if "FILLED" not in marks:
        raise RuntimeError("the child did not report a usable window")
    return marks["SHOWN"], marks["FILLED"]


def measure(
    label: str, code: str, args: list[str], runs: int, env: dict[str, str]
) -> tuple[str, float, float]:
    time_child(code, args, env)  # once unmeasured: fills the bytecode cache, as an install has it
    times = [time_child(code, args, env) for _ in range(runs)]
    shown = statistics.median(t[0] for t in times)
    filled = statistics.median(t[1] for t in times)
    print(
        f"{label:<28} window shown {shown:6.2f} s   staff table filled {filled:6.2f} s", flush=True
    )
    return label, shown, filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="folder for the data files (reused if there)")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    folder = args.keep or Path(tempfile.mkdtemp(prefix="swdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    demo, big = folder / "demo.db", folder / "big-20000.db"
    if not demo.exists():
        make_demo(demo)
    if not big.exists():
        started = time.perf_counter()
        make_big(big)
        print(f"(made the 20,000-staff file in {time.perf_counter() - started:.1f} s)")
    platform = "Xvfb (xcb)" if os.environ.get("DISPLAY") else "offscreen"
    print(f"platform: {platform}; median of {args.runs} runs; Python {sys.version.split()[0]}")
    # Compiled modules are cached outside the source tree (an installed program has its .pyc).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    measure("bare PySide6 window", BARE, [], args.runs, env)
    measure("swdesk, demo (60 staff)", PROGRAM, [str(demo), str(folder / "s1.ini")], args.runs, env)
    measure("swdesk, 20,000 staff", PROGRAM, [str(big), str(folder / "s2.ini")], args.runs, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
