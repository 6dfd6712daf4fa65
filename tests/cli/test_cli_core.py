import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_staff_list_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "staff", "list", "--json")
    assert code == 0
    people = json.loads(out)
    assert len(people) >= 55
    assert {
        "name",
        "sex",
        "id_number",
        "phone",
        "education",
        "major",
        "hire_date",
        "social_work_since",
        "civil_servant",
        "credentials",
    } <= set(people[0])


def test_text_list_masks_identity_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "init", "--agency", "测试中心", "--profile", "fangchenggang-2023")
    run(
        capsys, "--db", db, "staff", "add", "黄丽华", "452822198904170429", "--phone", "13977000001"
    )
    out = run(capsys, "--db", db, "staff", "list")[1]
    assert "4528**********0429" in out and "452822198904170429" not in out
    assert "139****0001" in out and "13977000001" not in out
    shown = run(capsys, "--db", db, "staff", "list", "--show-personal")[1]
    assert "452822198904170429" in shown and "13977000001" in shown


def test_appointment_without_certificate_exits_1_with_reason_and_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "init", "--agency", "测试中心", "--profile", "beijing-2017")
    run(capsys, "--db", db, "staff", "add", "黄丽华", "452822198904170429")
    run(
        capsys,
        "--db",
        db,
        "credentials",
        "add",
        "452822198904170429",
        "助理社会工作师",
        "Z1",
        "--obtained",
        "2020-06-20",
    )
    code, out, err = run(
        capsys,
        "--db",
        db,
        "grades",
        "appoint",
        "452822198904170429",
        "SW2",
        "--date",
        "2024年1月1日",
    )
    assert code == 1
    assert "Refused" in err and "BJ-2017 三(六)" in err
    code, out, err = run(
        capsys, "--db", db, "grades", "appoint", "452822198904170429", "ASW1", "--date", "2024/1/1"
    )
    assert code == 0 and "BJ-2017 三(六)" in out


def test_usage_error_exits_2_and_user_error_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["grades", "appoint"])
    assert exc.value.code == 2
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "init", "--agency", "A", "--profile", "nowhere")
    assert code == 1 and "fangchenggang-2023" in err


def test_chinese_is_the_default_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    code = main(["--lang", "zh_CN", "--db", db, "init", "--agency", "A", "--profile", "nowhere"])
    err = capsys.readouterr().err
    assert code == 1 and "没有" in err


def test_installed_command_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "swdesk", "--lang", "en", "profiles", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "fangchenggang-2023" in {p["id"] for p in json.loads(result.stdout)}


@pytest.mark.parametrize(
    "command",
    [
        ["training", "report"],
        ["training", "export", "-o", "x.xlsx"],
        ["training", "list"],
        ["print", "ce-summary", "-o", "x.pdf"],
        ["applications", "create", "exam", "452822198005261917", "--level", "assistant"],
    ],
)
@pytest.mark.parametrize("year", ["0", "99999", "-1"])
def test_an_impossible_year_is_a_clear_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], year: str
) -> None:
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    with pytest.raises(SystemExit) as exc:
        run(capsys, "--db", db, *command, f"--year={year}")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"{year!r} is not a year; write it as 2026." in err


def test_usage_errors_are_in_chinese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "zh_CN", "grades", "appoint"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "用法：" in err and "缺少以下必填参数" in err and "required" not in err


def test_redirected_output_in_a_legacy_code_page_is_written_as_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What Windows gives a redirected `swdesk … > file`: a cp936 stream, which cannot hold 䶮.
    db = str(tmp_path / "x.db")
    for stream in ("stdout", "stderr"):
        monkeypatch.setattr(sys, stream, io.TextIOWrapper(io.BytesIO(), encoding="cp936"))
    assert main(["--db", db, "init", "--agency", "测试中心", "--profile", "national"]) == 0
    assert main(["--db", db, "staff", "add", "刘䶮", "452822198904170429"]) == 0
    assert main(["--db", db, "staff", "list"]) == 0
    assert main(["--db", db, "staff", "add", "刘䶮", "452822198904170429"]) == 1
    sys.stdout.flush()
    sys.stderr.flush()
    out = sys.stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    err = sys.stderr.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert out.count("刘䶮") == 2  # "Added 刘䶮." and the list
    # The refusal of the second add, on stderr (its identity number masked, as in every message).
    assert "4528**********0429" in err and "452822198904170429" not in err
