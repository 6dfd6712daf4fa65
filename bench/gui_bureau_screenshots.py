"""Screenshots of a bureau's window (报送情况, 汇总, 核查, 打印与报表) and of an agency's
submission dialog, in Chinese and English.

    xvfb-run -a python bench/gui_bureau_screenshots.py [OUTPUT_FOLDER] [--lang zh_CN|en]

The district receives the synthetic agencies of bench/bureau.py (a tenth of the city, 2026: a
few double claims among them), made into submission files as an agency makes them. The day is
fixed (2026-11-21); everything goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import bureau as generator  # noqa: E402
from gui_screenshots import TODAY, pause, settle, shoot  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

AGENCIES = 12


def _district(work: Path) -> Path:
    from swdesk.policies import find_profile
    from swdesk.services.bureau import expect_unit, init_bureau, set_deadline
    from swdesk.services.bureau_receive import receive
    from swdesk.services.submission import write_agency_file
    from swdesk.services.workspace import Workspace

    profile = find_profile(generator.PROFILE)
    files = []
    made = dt.datetime(2026, 11, 10, 9, tzinfo=generator.TZ)
    for record, _made_on in generator.generate("city", small=True):
        if record.period == 2026 and len(files) < AGENCIES:
            record = dataclasses.replace(record, created_at=made)
            files.append(
                write_agency_file(record, profile, made.date(), work / f"{len(files)}.zip")
            )
    ws = Workspace.open(work / "district.db", clock=lambda: TODAY, user="shots")
    init_bureau(ws, name="防城港市港口区民政局", level="district", profile_id=generator.PROFILE,
                credit_code=generator.bureau_code(90))  # fmt: skip
    set_deadline(ws, 2026, dt.date(2026, 11, 15))
    ws.clock = lambda: dt.date(2026, 11, 12)
    receive(ws, files[:-2])
    ws.clock = lambda: dt.date(2026, 11, 20)
    receive(ws, files[-2:-1])  # one late
    expect_unit(ws, generator.credit_code(9_000), "防城港市港口区启航社会工作站")
    path = ws.path
    ws.close()
    return path


def run(folder: Path, language: str) -> None:
    from swdesk.gui.app import make_application
    from swdesk.gui.main_window import MainWindow
    from swdesk.gui.settings_store import SettingsStore
    from swdesk.i18n import set_language

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="swdesk-bureau-shots-"))
    set_language(language)
    district = _district(work)
    store = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    store.language = language
    make_application(store)
    window = MainWindow(store, clock=lambda: TODAY, user="shots", data_dir=work)
    window.resize(1366, 768)
    window.show()
    window.start(str(district))
    settle(window)
    view = window.view

    window.go("bureau_status")
    settle(window)
    shoot(window, folder, "bureau-submissions")
    window.go("bureau_summary")
    settle(window)
    shoot(window, folder, "bureau-summary")
    view.page("bureau_summary").tabs.setCurrentIndex(4)
    shoot(window, folder, "bureau-summary-budget")
    window.go("bureau_findings")
    settle(window)
    findings = view.page("bureau_findings")
    findings.table.selectRow(0)
    shoot(window, folder, "bureau-checks")
    window.go("bureau_printing")
    settle(window)
    printing = view.page("bureau_printing")
    printing.preview()
    settle(window)
    pause(800)
    shoot(window, folder, "bureau-printing")
    window.close()

    window = MainWindow(store, clock=lambda: TODAY, user="shots", data_dir=work)
    window.resize(1366, 768)
    window.show()
    window.start(None)
    window.open_demo()
    while window.view is None:
        pause(50)
    settle(window)
    window.go("printing")
    settle(window)
    dialog = window.view.page("printing").submit()
    pause(200)
    shoot(dialog, folder, "printing-submit")
    dialog.close()
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="docs/screenshots")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    run(Path(args.folder) / args.lang, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
