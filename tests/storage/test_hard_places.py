"""Files in hard places: write-protected media, a read-only file, a link to an open file, a network
share, a file an interrupted `demo` left half built."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from safety_kit import dump, open_ws, write_protected

from swdesk.cli.main import main
from swdesk.storage import location
from swdesk.storage import migrations as schema
from swdesk.storage.backup import make_backup
from swdesk.storage.database import open_database
from swdesk.storage.errors import DatabaseInUse, NeedsUpgrade, NetworkLocation
from swdesk.storage.location import PlaceFacts, mount_fs_type, network_kind


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_a_file_on_write_protected_media_is_read_and_backed_up_not_changed(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    media = tmp_path / "cd"
    media.mkdir()
    shutil.copyfile(demo_file, media / "agency.db")
    db = str(media / "agency.db")
    usb = tmp_path / "usb"
    usb.mkdir()
    before = dump(media / "agency.db")
    with write_protected(media):
        for command in (["staff", "list"], ["training", "report", "--year", "2025"], ["check"]):
            code, text = run(capsys, "--db", db, *command)
            assert code == 0, text
            assert "damaged" not in text
        code, text = run(capsys, "--db", db, "backup", "-o", str(usb))
        assert code == 0, text
        assert len(list(usb.glob("agency-*-manual.zip"))) == 1 and not list(usb.glob(".*"))
        code, text = run(capsys, "--db", db, "staff", "add", "新同事", "450602198904170420")
        assert code == 1 and "is read-only" in text and "backup -o" in text
        for command in (["backup"], ["restore", str(next(usb.glob("*.zip")))]):
            code, text = run(capsys, "--db", db, *command)
            assert code == 1, text
    assert dump(media / "agency.db") == before
    assert not [p for p in media.iterdir() if p.name.startswith((".swdesk", "agency.backups"))]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_a_read_only_data_file_in_a_writable_folder(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(capsys, "--db", str(demo_file), "backup")
    assert code == 0, text
    good = text.split(": ", 1)[1].strip()
    before = dump(demo_file)
    with write_protected(demo_file):
        for command in (["staff", "add", "新同事", "450602198904170420"], ["restore", good]):
            code, text = run(capsys, "--db", str(demo_file), *command)
            assert code == 1 and "is read-only" in text, text
        assert run(capsys, "--db", str(demo_file), "staff", "list")[0] == 0
    assert dump(demo_file) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_a_restore_into_a_read_only_folder_is_a_clear_error(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = make_backup(demo_file).path
    locked = tmp_path / "locked"
    locked.mkdir()
    with write_protected(locked):
        code, text = run(capsys, "--db", str(locked / "agency.db"), "restore", str(good))
        assert code == 1 and "is read-only" in text, text
    assert list(locked.iterdir()) == []


def _half_built(path: Path) -> Path:
    """What a `demo` killed during its first open leaves: only migration 0001 applied."""
    from sqlite_utils import Database

    db = Database(path)
    schema.migrations.apply(db, stop_before=schema.known_names()[1])
    db.close()
    return path


def test_a_half_built_file_says_it_needs_an_upgrade(tmp_path: Path, capsys) -> None:
    path = _half_built(tmp_path / "agency.db")
    with pytest.raises(NeedsUpgrade, match="must be upgraded"):
        open_database(path, read_only=True)
    assert main(["--lang", "en", "--db", str(path), "staff", "list"]) == 1
    err = capsys.readouterr().err
    assert "older version" in err and "no such table" not in err
    assert main(["--lang", "en", "--db", str(path), "check"]) == 0
    assert "open it once in swdesk to upgrade it" in capsys.readouterr().out
    assert main(["--lang", "en", "--db", str(path), "demo"]) == 0  # a writable open completes it
    assert main(["--lang", "en", "--db", str(path), "staff", "list"]) == 0


def test_a_demo_that_fails_halfway_leaves_a_file_demo_fills_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swdesk.services import demo

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    ws = open_ws(db_path)
    monkeypatch.setattr(demo, "_training", broken)
    with pytest.raises(OSError):
        demo.fill_demo(ws)
    assert ws.agency_row() is None and ws.db["staff"].count == 0
    monkeypatch.undo()
    assert "60 staff" in demo.fill_demo(ws).message
    ws.close()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights on Windows")
def test_a_link_to_an_open_file_is_the_same_file(demo_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "y.db"
    link.symlink_to(demo_file)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom swdesk.services.workspace import Workspace\n"
         "ws = Workspace.open(sys.argv[1]); print('ready', flush=True); sys.stdin.readline()",
         str(demo_file)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseInUse):
            open_ws(link)
    finally:
        holder.communicate("\n", timeout=30)
    number = dump(demo_file)["credentials"][0][3]
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scan")
    assert main(["--db", str(link), "credentials", "attach", number, str(scan)]) == 0
    assert main(["--db", str(link), "backup"]) == 0
    assert not (tmp_path / "y.files").exists() and not (tmp_path / "y.backups").exists()
    assert not (tmp_path / "y.db.lock").exists()
    assert main(["--db", str(demo_file), "check"]) == 0  # the scan is where agency.db looks


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office\\040share rw,relatime shared:20 - cifs //fs1/office rw,vers=3.1.1
41 22 0:36 / /home/sw/nfs rw,relatime - nfs4 fs2:/export rw
42 41 8:2 / /home/sw/nfs/local rw - ext4 /dev/sdb1 rw
43 22 0:40 / /mnt/c rw,noatime - 9p drvfs rw
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/sw/agency.db", None),
        ("/mnt/office share/agency.db", "cifs"),
        ("/mnt/office sharex/agency.db", None),
        ("/home/sw/nfs/agency.db", "nfs4"),
        ("/home/sw/nfs/local/agency.db", None),
        ("/mnt/c/Users/sw/agency.db", None),
    ],
)
def test_linux_facts_decide_from_the_mount_that_holds_the_file(
    path: str, expected: str | None
) -> None:
    fs_type = mount_fs_type(path, MOUNTINFO)
    kind = network_kind(path, PlaceFacts("linux", fs_type=fs_type))
    assert (kind is not None) == (expected is not None)
    if expected:
        assert expected in kind


@pytest.mark.parametrize(
    ("path", "drive_type", "network"),
    [
        (r"\\server\share\agency.db", None, True),
        ("//server/share/agency.db", None, True),
        (r"\\?\UNC\server\share\agency.db", None, True),
        (r"\\?\C:\swdesk\agency.db", 3, False),
        (r"Z:\swdesk\agency.db", 4, True),  # DRIVE_REMOTE: a mapped drive
        (r"C:\Users\sw\AppData\Local\swdesk\swdesk.db", 3, False),  # DRIVE_FIXED
        (r"E:\agency.db", 2, False),  # DRIVE_REMOVABLE: a USB stick is this computer's
    ],
)
def test_windows_facts_decide_from_unc_paths_and_the_drive_type(
    path: str, drive_type: int | None, network: bool
) -> None:
    assert (network_kind(path, PlaceFacts("win32", drive_type=drive_type)) is not None) == network


def test_a_file_on_a_share_is_refused_for_writing_and_may_be_read(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    good = make_backup(demo_file)
    monkeypatch.setattr(location, "facts_for", lambda path: PlaceFacts("linux", fs_type="cifs"))
    before = dump(demo_file)
    with pytest.raises(NetworkLocation, match="on a network drive"):
        open_database(demo_file)
    assert main(["--lang", "en", "--db", str(demo_file), "staff", "add", "新同事",
                 "450602198904170420"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "this computer's own disk" in err and "backup -o" in err
    assert main(["--lang", "en", "--db", str(demo_file), "restore", str(good.path)]) == 1
    assert "network drive" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", str(demo_file), "staff", "list"]) == 0
    assert dump(demo_file) == before


def test_the_facts_of_this_machine_say_its_temporary_folder_is_local(tmp_path: Path) -> None:
    facts = location.facts_for(tmp_path)
    assert facts.platform == sys.platform
    if sys.platform.startswith("linux"):
        assert facts.fs_type is not None
    assert location.network_location(tmp_path) is None
