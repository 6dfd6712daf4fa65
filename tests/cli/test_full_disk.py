"""A full disk under a write: a clear message naming the file, exit 1, nothing changed, no half file.

The disk is filled for real, for one command: the command runs with a file-size limit
(RLIMIT_FSIZE), so every write past it fails in the operating system as on a full disk."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk.domain import idnumber

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
from safety_kit import dump, make_demo, write_protected  # noqa: E402

PERSON = idnumber.make("452822", dt.date(1988, 3, 14), 211)


def swdesk_on_a_full_disk(room: int, *args: str) -> subprocess.CompletedProcess:
    """Run the command line where no file may grow past ``room`` bytes."""

    def fill() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (room, resource.RLIM_INFINITY))

    return subprocess.run(
        [sys.executable, "-m", "swdesk", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=fill,
    )


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A demo data file with today's automatic backup made, and a person of our own."""
    from swdesk.services.staff import add_staff
    from swdesk.services.workspace import Workspace

    path = make_demo(tmp_path / "agency.db")
    ws = Workspace.open(path)  # today's real date: its daily backup is made now
    add_staff(ws, name="李明", id_number=PERSON, social_work_since=dt.date(2018, 1, 1))
    ws.close()
    return path


def _scan(tmp_path: Path, size: int) -> Path:
    scan = tmp_path / "证书扫描.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * (size // 256))
    return scan


def _no_half_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if ".partial" in p.name or ".swdesk-" in str(p)]


def test_attaching_a_scan_to_a_full_disk(office: Path, tmp_path: Path) -> None:
    number = dump(office)["credentials"][0][3]
    before = dump(office)
    result = swdesk_on_a_full_disk(
        256 << 10,
        "--db",
        str(office),
        "credentials",
        "attach",
        number,
        str(_scan(tmp_path, 1 << 20)),
    )
    assert result.returncode == 1, result.stderr
    assert "证书扫描.pdf could not be copied into the attachment folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(office) == before
    _no_half_files(office.parent)


def test_an_application_with_a_receipt_on_a_full_disk(office: Path, tmp_path: Path) -> None:
    before = dump(office)
    result = swdesk_on_a_full_disk(
        256 << 10, "--db", str(office), "applications", "create", "exam", PERSON, "--year", "2024",
        "--level", "助理社会工作师", "--registration-fee", "120",
        "--receipt", str(_scan(tmp_path, 1 << 20)),
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "could not be copied into the attachment folder" in result.stderr
    assert dump(office) == before


def test_a_database_write_on_a_full_disk_is_rolled_back(office: Path) -> None:
    before = dump(office)
    result = swdesk_on_a_full_disk(
        32 << 10, "--db", str(office), "applications", "create", "exam", PERSON, "--year", "2024",
        "--level", "助理社会工作师", "--registration-fee", "120",
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"the data file {office} could not be written" in result.stderr
    assert "nothing was changed" in result.stderr
    assert dump(office) == before


@pytest.mark.parametrize("where", ["backups folder", "usb folder", "usb file"])
def test_a_backup_to_a_full_disk(office: Path, tmp_path: Path, where: str) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    target = {"backups folder": [], "usb folder": ["-o", str(usb)],
              "usb file": ["-o", str(usb / "月底.zip")]}[where]  # fmt: skip
    backups = sorted((tmp_path / "agency.backups").iterdir())
    result = swdesk_on_a_full_disk(32 << 10, "--db", str(office), "backup", *target)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "The backup could not be written to" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert sorted((tmp_path / "agency.backups").iterdir()) == backups
    assert list(usb.iterdir()) == []
    _no_half_files(tmp_path)


def test_a_backup_to_a_folder_that_refuses_it(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from swdesk.cli.main import main

    usb = tmp_path / "usb"
    usb.mkdir()
    with write_protected(usb):
        for target in (str(usb), str(usb / "月底.zip")):
            assert main(["--lang", "en", "--db", str(office), "backup", "-o", target]) == 1
            err = capsys.readouterr().err
            assert "The backup could not be written to" in err and "Traceback" not in err
    assert list(usb.iterdir()) == []


def test_a_disk_too_full_to_even_open_the_file_does_not_call_it_damaged(office: Path) -> None:
    result = swdesk_on_a_full_disk(1 << 10, "--db", str(office), "staff", "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot be read right now" in result.stderr and "damaged" not in result.stderr
