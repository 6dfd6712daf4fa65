"""Training hours kept by year that no longer agree with the attendance (the sums table edited
outside the program) are reported by the check, which the command line and the window then
offer to make again; the repair is in the change log, and the reports show the attendance's
hours again."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from swdesk.cli.main import main
from swdesk.services.audit_trail import change_log
from swdesk.services.backup import check_data, check_in_words
from swdesk.services.ce_report import ce_report
from swdesk.services.training import rebuild_hours_by_year
from swdesk.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)


def _edit_sums(path: Path) -> None:
    """What a hand edit with a database tool could do: a person's year given 7 hours online
    that no attendance holds."""
    conn = sqlite3.connect(path)
    with conn:
        sid = conn.execute("SELECT MIN(id) FROM staff").fetchone()[0]
        conn.execute(
            "INSERT INTO ce_hours_by_year (staff_id, year, online, general) VALUES (?, 2026, 700, 700)"
            " ON CONFLICT (year, staff_id) DO UPDATE SET online = online + 700,"
            " general = general + 700",
            [sid],
        )
    conn.close()


def _hours(ws: Workspace) -> dict[str, float]:
    return {r.staff.id_number: r.result.hours.total for r in ce_report(ws, 2026, TODAY).rows}


def test_the_check_finds_them_and_the_repair_brings_back_the_attendances_hours(
    demo_ws: Workspace,
) -> None:
    ws = demo_ws
    assert check_data(ws.path).hours_off == 0
    before = _hours(ws)
    _edit_sums(ws.path)
    report = check_data(ws.path)
    assert report.hours_off == 1 and not report.ok
    words = check_in_words(ws.path, TODAY)
    assert not words.ok and words.repairable
    assert any("differ from the attendance for 1 people and years" in line for line in words.lines)
    assert _hours(ws) != before  # what the user would have been shown

    changes = rebuild_hours_by_year(ws)
    assert "1 people and years differed" in changes.message
    assert _hours(ws) == before
    again = check_in_words(ws.path, TODAY)
    assert again.ok and not again.repairable
    [entry] = [e for e in change_log(ws) if e.entry.action == "training.hours_rebuilt"]
    assert entry.what == "Training hours by year made again"


def test_check_repair_on_the_command_line(
    demo_ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(demo_ws.path)
    demo_ws.close()
    _edit_sums(Path(path))
    assert main(["--lang", "en", "--db", path, "check"]) == 1
    out = capsys.readouterr().out
    assert "swdesk check --repair" in out
    assert main(["--lang", "en", "--db", path, "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "made again from the attendance (1 people and years differed)" in out
    assert "The data file is whole." in out and "differ from the attendance" not in out
    assert main(["--lang", "en", "--db", path, "check", "--json"]) == 0
    assert '"training_hours_off": 0' in capsys.readouterr().out
