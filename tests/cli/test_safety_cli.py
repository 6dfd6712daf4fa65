"""swdesk backup / restore / check / password from the shell."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from swdesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "office" / "agency.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    return db


def test_backup_to_a_usb_folder_then_restore_and_undo(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, _ = run(capsys, "--db", demo_db, "backup", "-o", str(usb))
    assert code == 0
    written = next(usb.glob("agency-*-manual.zip"))
    assert str(written) in out

    assert run(capsys, "--db", demo_db, "staff", "add", "新同事", "452822198904170429")[0] == 0
    code, out, _ = run(capsys, "--db", demo_db, "restore", str(written))
    assert code == 0 and "60 staff" in out and "to undo, run" in out
    undo = out.split("restore ")[-1].strip()
    code, out, _ = run(capsys, "--db", demo_db, "staff", "list", "--search", "新同事")
    assert "0 people" in out
    assert run(capsys, "--db", demo_db, "restore", undo)[0] == 0
    code, out, _ = run(capsys, "--db", demo_db, "staff", "list", "--search", "新同事")
    assert "1 people" in out


def test_backup_to_a_named_file_and_refusals(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "月底备份.zip"
    assert run(capsys, "--db", demo_db, "backup", "-o", str(target))[0] == 0
    assert target.is_file()
    code, _, err = run(capsys, "--db", demo_db, "backup", "-o", str(target))
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "--db", demo_db, "backup", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "must end in .zip" in err
    code, out, _ = run(capsys, "--db", demo_db, "restore", "--check-only", str(target))
    assert code == 0 and "is good" in out and "60 staff" in out
    code, _, err = run(capsys, "--db", demo_db, "restore", str(tmp_path / "none.zip"))
    assert code == 1 and "does not exist" in err


def test_check_reports_a_missing_attachment_and_exits_1(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from swdesk.services.workspace import Workspace
    from swdesk.storage.attachments import attach, file_for

    code, out, _ = run(capsys, "--db", demo_db, "check")
    assert code == 0 and "The data file is whole" in out and "There is no backup yet" in out
    scan = tmp_path / "证书扫描.pdf"
    scan.write_bytes(b"%PDF scan")
    ws = Workspace.open(demo_db)
    with ws.db.atomic():
        new_id = attach(ws.db, ws.path, scan, owner_table="credentials", owner_id=3, user="t")
    file_for(ws.db, ws.path, new_id).unlink()
    ws.close()
    code, out, _ = run(capsys, "--db", demo_db, "check")
    assert code == 1 and "证书扫描.pdf (credentials 3): missing" in out
    assert "1 backups" in out  # the reopen above made the day's backup


def test_password_set_status_remove(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def answers(*lines: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))

    answers("open-sesame", "open-sesame")
    code, out, _ = run(capsys, "--db", demo_db, "password", "set", "--idle", "10")
    assert code == 0 and "password is set" in out and "10 idle minutes" in out
    assert "A program password is set" in run(capsys, "--db", demo_db, "password", "status")[1]
    answers("wrong", "x", "x")
    code, _, err = run(capsys, "--db", demo_db, "password", "set")
    assert code == 1 and "not right" in err
    answers("open-sesame")
    assert run(capsys, "--db", demo_db, "password", "remove")[0] == 0
    assert "No program password" in run(capsys, "--db", demo_db, "password", "status")[1]
