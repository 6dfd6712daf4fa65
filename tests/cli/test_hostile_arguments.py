"""Arguments a user can mistype, or a script can get wrong, end in a message and leave the data
file as it was: an output named like the data file, ids and dates past what the file can hold,
a language that does not exist, a password that is not text, a field too long to print."""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk.cli.main import main

PERSON = "452822198005261917"  # a person of the demo data
# A training event as the command line records one, to add to.
ADD_EVENT = ("training", "add-event", "--title", "伦理", "--start", "2026-05-01", "--hours", "3",
             "--form", "online")  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", *args])
    except SystemExit as exc:  # argparse refuses an argument this way
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def contents(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    """What the data file holds, as a user sees it (its bytes change as SQLite moves its log
    into it on opening)."""
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"
    code, out, _err = run(capsys, "--db", str(db), "staff", "list", "--json")
    assert code == 0
    return out


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--lang", "en", "--db", str(path), "demo"]) == 0
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    shutil.copyfile(demo_file, path)
    wal = demo_file.with_name(demo_file.name + "-wal")
    if wal.exists():  # what the demo wrote may still be in the log beside the file
        shutil.copyfile(wal, path.with_name(path.name + "-wal"))
    return path


def test_a_submission_written_over_the_data_file_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = contents(capsys, demo)
    code, _out, err = run(capsys, "--db", str(demo), "submit", "--period", "2026", "-o", str(demo))
    assert code == 1
    assert "is a data file" in err and "Traceback" not in err
    assert contents(capsys, demo) == before


def test_a_list_or_a_pdf_named_like_the_data_file_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo.with_name("d.xlsx")
    demo.rename(data)
    for side in ("-wal", "-shm"):
        if demo.with_name(demo.name + side).exists():
            demo.with_name(demo.name + side).rename(data.with_name(data.name + side))
    before = contents(capsys, data)
    code, _out, err = run(capsys, "--db", str(data), "staff", "list", "-o", str(data))
    assert code == 1 and "is a data file" in err
    assert contents(capsys, data) == before
    pdf = data.with_name("d.pdf")
    data.rename(pdf)
    for side in ("-wal", "-shm"):
        if data.with_name(data.name + side).exists():
            data.with_name(data.name + side).rename(pdf.with_name(pdf.name + side))
    code, _out, err = run(capsys, "--db", str(pdf), "print", "holders", "-o", str(pdf))
    assert code == 1 and "is a data file" in err
    assert contents(capsys, pdf) == before


def test_the_journal_beside_the_data_file_and_a_folder_are_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = demo.with_name(demo.name + "-wal")
    code, _out, err = run(capsys, "--db", str(demo), "submit", "--period", "2026", "-o", str(wal))
    assert code == 1 and "belongs to the data file" in err
    folder = demo.with_name("folder.pdf")
    folder.mkdir()
    code, _out, err = run(capsys, "--db", str(demo), "print", "holders", "-o", str(folder))
    assert code == 1 and "is not a file" in err
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_device_or_pipe_is_not_replaced_by_a_file(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = demo.with_name("pipe.pdf")
    os.mkfifo(pipe)
    code, _out, err = run(capsys, "--db", str(demo), "print", "holders", "-o", str(pipe))
    assert code == 1 and "is not a file" in err
    assert not pipe.is_file() and pipe.exists()


def test_an_ordinary_file_is_still_replaced(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = demo.with_name("holders.pdf")
    old.write_bytes(b"an older copy")
    code, out, _err = run(capsys, "--db", str(demo), "print", "holders", "-o", str(old))
    assert code == 0 and "holders.pdf" in out
    assert old.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args",
    [
        ("training", "delete-event", "99999999999999999999"),
        ("awards", "void-payment", "--reason", "x", "0"),
        ("bureau", "resolve", "-5", "--note", "x"),
    ],
)
def test_an_id_past_what_the_file_holds_is_refused_by_the_argument(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _out, err = run(capsys, "--db", str(demo), *args)
    assert code == 2
    assert "is not an id" in err and "Traceback" not in err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
def test_a_date_off_the_calendar_the_rules_count_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, _out, err = run(capsys, "--db", str(demo), "reminders", "--as-of", day)
    assert code == 2 and "out of range" in err and "1900" in err


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_the_first_and_last_dates_taken_still_give_an_answer(
    demo: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    assert run(capsys, "--db", str(demo), "reminders", "--as-of", day)[0] == 0
    code, _out, _err = run(
        capsys, "--db", str(demo), "training", "report", "--year", "2026", "--as-of", day
    )
    assert code == 0


def test_an_unknown_language_in_the_environment_starts_in_chinese(demo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "swdesk", "--db", str(demo), "profiles"],
        capture_output=True,
        text=True,
        env={**os.environ, "SWDESK_LANG": "fr"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "政策文件" in done.stdout


def test_a_password_that_is_not_text_changes_nothing(demo: Path) -> None:
    def password(*args: str, answers: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "swdesk", "--lang", "en", "--db", str(demo), "password", *args],
            input=answers,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape"},
            timeout=120,
        )

    refused = password("set", answers=b"\xff\xfe\xfd\xfc\xfb\xfa\n\xff\xfe\xfd\xfc\xfb\xfa\n")
    assert refused.returncode == 1
    assert b"not UTF-8" in refused.stderr and b"Traceback" not in refused.stderr
    status = password("status", answers=b"")
    assert b"No program password" in status.stdout


def test_a_field_too_long_for_a_page_is_said_not_a_traceback(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo)
    assert run(capsys, "--db", db, "applications", "create", "level-award", PERSON)[0] == 0
    # 400 characters in one table cell, as kept before fields had their limits (or written by
    # another program): reportlab's own report of the overflow failed with a TypeError.
    with contextlib.closing(sqlite3.connect(demo)) as conn, conn:
        conn.execute("UPDATE staff SET major = ? WHERE id_number = ?", ["社会工作" * 100, PERSON])
    out = demo.with_name("application.pdf")
    code, _out, err = run(capsys, "--db", db, "print", "application", "2026-0001", "-o", str(out))
    assert code == 1
    assert "too long to fit on a page" in err and "Traceback" not in err
    assert not out.exists()


GBK_NAME = b"\xc8\xcb\xd4\xb1"  # 人员 in GBK: not UTF-8


@pytest.mark.skipif(
    sys.platform == "win32" or sys.getfilesystemencoding().lower() != "utf-8",
    reason="only a UTF-8 file system hands over names it cannot decode",
)
def test_files_named_in_gbk_are_read_and_their_names_kept_readable(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    roster = demo.parent / os.fsdecode(GBK_NAME + b".xlsx")
    shutil.copyfile(
        Path(__file__).parents[1] / "fixtures" / "samples" / "roster-as-kept.xlsx", roster
    )
    code, out, err = run(capsys, "--db", str(demo), "import", "staff", str(roster), "--dry-run")
    assert code == 0, err
    assert "Dry run, nothing written. Would add: Staff members: 6." in out
    photo = demo.parent / os.fsdecode(GBK_NAME + b".png")
    Image.new("RGB", (300, 400), (200, 120, 60)).save(photo)
    code, _out, err = run(capsys, "--db", str(demo), "staff", "photo", PERSON, str(photo))
    assert code == 0, err
    # The name kept with the photo (and shown in the audit log) is the one the user knows.
    code, out, err = run(capsys, "--db", str(demo), "audit", "--json")
    assert code == 0 and '"人员.png"' in out
    code, out, err = run(
        capsys, "--db", str(demo), "staff", "list", "--search", os.fsdecode(GBK_NAME)
    )
    assert code == 0 and "Traceback" not in err


def test_a_bureau_data_file_takes_no_agency_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "bureau.db")
    made = run(capsys, "--db", db, "init", "--bureau", "港口区民政局", "--level", "district",
               "--profile", "fangchenggang-2023", "--credit-code", "11450602MB12345674")  # fmt: skip
    assert made[0] == 0, made[2]
    roster = Path(__file__).parents[1] / "fixtures" / "samples" / "roster-as-kept.xlsx"
    for args in (
        ("staff", "add", "黄丽华", "452822198904170429"),
        ADD_EVENT,
        ("import", "staff", str(roster)),
    ):
        code, _out, err = run(capsys, "--db", db, *args)
        assert code == 1 and "a civil-affairs bureau" in err, (args, err)
    # Nothing was kept: the bureau's own commands still see an empty bureau.
    code, out, _err = run(capsys, "--db", db, "staff", "list", "--json")
    assert code == 0 and out.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("staff", "edit", PERSON, "--major", "专" * 201), "longer than 200"),
        (("credentials", "edit", "Z201545000001", "--number", "Z" + "1" * 60), "longer than 60"),
        ((*ADD_EVENT, "--note", "注" * 2001), "longer than 2000"),
    ],
)
def test_text_longer_than_its_field_is_refused_where_it_is_typed(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], words: str
) -> None:
    before = contents(capsys, demo)
    code, _out, err = run(capsys, "--db", str(demo), *args)
    assert code == 1 and words in err, err
    assert contents(capsys, demo) == before


def test_the_longest_text_a_field_takes_still_prints(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo)
    assert run(capsys, "--db", db, "applications", "create", "level-award", PERSON)[0] == 0
    assert run(capsys, "--db", db, "staff", "edit", PERSON, "--major", "社会工作" * 50)[0] == 0
    out = demo.with_name("application.pdf")
    code, _out, err = run(capsys, "--db", db, "print", "application", "2026-0001", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")


def test_an_escape_typed_in_an_argument_is_not_echoed_to_the_terminal(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db", str(demo), "applications", "show", "\x1b[31mX")
    assert code == 1 and "\x1b" not in err and "X" in err


def test_a_folder_given_as_the_data_file_is_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db", str(tmp_path), "staff", "list")
    assert code == 1 and "is a folder" in err and "disk" not in err
