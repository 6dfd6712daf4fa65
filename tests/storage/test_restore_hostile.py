"""Hostile backups and interrupted work: odd manifests and zip bombs are refused with a message;
a backup or restore killed halfway leaves no copy of the data lying about once the file is opened
again, and data and scans change together or not at all."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from safety_kit import dump, make_demo, open_ws, rewrite_backup

from swdesk.cli.main import main
from swdesk.services.backup import check_data
from swdesk.storage import attachments, scratch
from swdesk.storage.backup import make_backup
from swdesk.storage.errors import BadBackup
from swdesk.storage.restore import check_backup, restore_backup

SCAN = b"%PDF-1.4 certificate scan " + bytes(range(256)) * 40


def _with_scan(path: Path, tmp_path: Path) -> Path:
    """A demo data file whose first certificate has a scan attached."""
    make_demo(path)
    source = tmp_path / "scan.pdf"
    source.write_bytes(SCAN)
    ws = open_ws(path)
    with ws.db.atomic():
        attachments.attach(ws.db, ws.path, source, owner_table="credentials", owner_id=1, user="t")
    ws.close()
    return path


def _store(path: Path) -> list[str]:
    return attachments.files_in(attachments.store_dir(path))


@pytest.mark.parametrize(
    ("manifest", "words"),
    [
        (b"[]", "not a swdesk backup"),
        (json.dumps({"program": "swdesk", "format": None}).encode(), "no backup format"),
        (json.dumps({"program": "swdesk", "format": "1"}).encode(), "no backup format"),
        (b"\xff\xfe not json", "not a swdesk backup"),
    ],
)
def test_a_manifest_that_is_not_one_is_refused_with_a_message(
    demo_file: Path, tmp_path: Path, manifest: bytes, words: str, capsys
) -> None:
    good = make_backup(demo_file)
    odd = rewrite_backup(
        good.path, tmp_path / "odd.zip", lambda n, d: manifest if n == "manifest.json" else d
    )
    with pytest.raises(BadBackup, match=words):
        check_backup(odd)
    assert main(["--lang", "en", "--db", str(demo_file), "restore", str(odd)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_zip_bomb_is_refused_without_filling_the_disk(demo_file: Path, tmp_path: Path) -> None:
    good = make_backup(demo_file)
    # 64 MiB of zeros compress to a few tens of kilobytes.
    bomb = rewrite_backup(
        good.path,
        tmp_path / "bomb.zip",
        lambda n, d: d + bytes(64 << 20) if n == "data.db" else d,
    )
    assert bomb.stat().st_size < 2 * good.path.stat().st_size + (1 << 20)
    before = dump(demo_file)
    with pytest.raises(BadBackup, match="more than the .* it may hold"):
        restore_backup(demo_file, bomb)
    assert dump(demo_file) == before
    assert not list(demo_file.parent.glob(".swdesk-*"))


def test_an_attachment_that_unpacks_past_its_recorded_size_is_not_taken(
    tmp_path: Path,
) -> None:
    path = _with_scan(tmp_path / "agency.db", tmp_path)
    good = make_backup(path)
    member = attachments.member_name(_store(path)[0])
    bomb = rewrite_backup(
        good.path, tmp_path / "bomb.zip", lambda n, d: d + bytes(32 << 20) if n == member else d
    )
    with pytest.raises(BadBackup, match="1 attached files are missing from it or damaged"):
        check_backup(bomb)


def _killed(code: str, *args: str) -> None:
    """Run ``code`` in a fresh interpreter that kills itself where the code says; wait for it."""
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()


_KILL = "import os, signal\ndef die(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n"


def test_a_restore_killed_before_its_rename_ends_as_if_never_started(tmp_path: Path) -> None:
    source = _with_scan(tmp_path / "old-pc" / "agency.db", tmp_path)
    backup = make_backup(source).path
    target = make_demo(tmp_path / "new-pc" / "agency.db")
    before = dump(target)
    _killed(
        _KILL + "import sys\nfrom pathlib import Path\nfrom swdesk.storage import restore\n"
        "real = restore.os.replace\n"
        "def replace(src, dst):\n"
        "    if Path(dst) == Path(sys.argv[1]):\n        die()\n    real(src, dst)\n"
        "restore.os.replace = replace\n"
        "restore.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))\n",
        str(target),
        str(backup),
    )
    assert len(_store(target)) == 1  # the scans went in first
    report = check_data(target)
    assert [p.name.split("-")[1] for p in report.leftovers] == ["restore"]
    open_ws(target).close()  # the next open takes them out again, and the folder
    assert _store(target) == [] and not list(target.parent.glob(".swdesk-*"))
    assert dump(target, skip=("audit_log",)) == {
        t: rows for t, rows in before.items() if t != "audit_log"
    }
    assert check_data(target).leftovers == []


def test_a_restore_killed_after_its_rename_has_the_data_and_its_scans(tmp_path: Path) -> None:
    source = _with_scan(tmp_path / "old-pc" / "agency.db", tmp_path)
    backup = make_backup(source).path
    target = tmp_path / "new-pc" / "agency.db"
    _killed(
        _KILL
        + "import sys\nfrom pathlib import Path\nfrom swdesk.storage import restore, scratch\n"
        "scratch.WorkDir.close = die\n"
        "restore.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))\n",
        str(target),
        str(backup),
    )
    ws = open_ws(target)
    assert ws.db["staff"].count == 60
    assert attachments.verify(ws.db, ws.path) == []
    assert ws.db.execute("SELECT action FROM audit_log ORDER BY id DESC").fetchone()[0] == (
        "data.restore"
    )
    ws.close()
    assert not list(target.parent.glob(".swdesk-*"))


def test_a_killed_backup_leaves_nothing_once_the_file_is_opened(demo_file: Path) -> None:
    _killed(
        _KILL + "import sys\nfrom pathlib import Path\nfrom swdesk.storage import backup\n"
        "backup._move_into_place = die\n"
        "backup.make_backup(Path(sys.argv[1]))\n",
        str(demo_file),
    )
    left = check_data(demo_file).leftovers
    assert len(left) == 1 and (left[0] / "data.db").is_file()
    open_ws(demo_file).close()
    assert not list(demo_file.parent.glob(".swdesk-*"))


def test_a_backup_killed_while_copying_to_another_drive_leaves_no_partial_there(
    demo_file: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    _killed(
        _KILL + "import errno, sys, shutil\nfrom pathlib import Path\n"
        "from swdesk.storage import backup\n"
        "def other_drive(src, dst):\n    raise OSError(errno.EXDEV, 'Invalid cross-device link')\n"
        "backup.os.replace = other_drive\n"
        "real = shutil.copyfile\n"
        "def copy(src, dst):\n    real(src, dst)\n    die()\n"
        "backup.shutil.copyfile = copy\n"
        "backup.make_backup(Path(sys.argv[1]), folder=Path(sys.argv[2]))\n",
        str(demo_file),
        str(usb),
    )
    assert [p.name.endswith(".partial") for p in usb.iterdir()] == [True]
    open_ws(demo_file).close()
    assert list(usb.iterdir()) == [] and not list(demo_file.parent.glob(".swdesk-*"))


def test_work_of_a_running_process_is_not_taken_for_a_leftover(demo_file: Path) -> None:
    with scratch.work_dir(demo_file.parent, "backup") as work:
        assert check_data(demo_file).leftovers == []
        open_ws(demo_file).close()
        assert work.path.is_dir()


def test_backup_zip_members_stay_readable_by_older_checks(demo_file: Path) -> None:
    info = make_backup(demo_file)
    with zipfile.ZipFile(info.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["data_size"] == zf.getinfo("data.db").file_size
