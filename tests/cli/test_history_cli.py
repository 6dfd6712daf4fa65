"""``swdesk undo [--list]`` and ``swdesk redo``: the window's undo history from the shell, with
exit code 1 and a message when there is nothing to take back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.cli.main import main

HUANG = "450602198904170420"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_undo_list_and_redo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "init", "--agency", "测试中心", "--profile", "fangchenggang-2023")
    assert run(capsys, "--db", db, "undo")[0] == 1  # creating the agency is not a step
    run(capsys, "--db", db, "staff", "add", "黄丽华", HUANG)
    run(capsys, "--db", db, "credentials", "add", HUANG, "assistant", "Z1",
        "--obtained", "2020-06-20")  # fmt: skip
    code, out, _err = run(capsys, "--db", db, "undo", "--list", "--json")
    assert code == 0
    assert [(s["label"], s["state"]) for s in json.loads(out)] == [
        ("Record a certificate for 黄丽华", "done"),
        ("Add 黄丽华", "done"),
    ]
    code, out, _err = run(capsys, "--db", db, "undo")
    assert (code, out) == (0, "Undone: Record a certificate for 黄丽华.\n")
    listed = json.loads(run(capsys, "--db", db, "staff", "list", "--json")[1])
    assert listed[0]["credentials"] == []
    code, out, _err = run(capsys, "--db", db, "redo", "--json")
    assert code == 0 and json.loads(out)["areas"] == ["credentials"]
    assert run(capsys, "--db", db, "redo")[0:3:2] == (1, "Error: There is nothing to redo.\n")
    assert main(["--lang", "zh_CN", "--db", db, "undo", "--list"]) == 0
    text = capsys.readouterr().out
    assert "为 黄丽华 录入证书" in text and "添加人员 黄丽华" in text
