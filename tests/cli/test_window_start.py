"""``swdesk`` with no command starts the window without building the command line's parser: the
command modules (and the data-file stack and spreadsheet headers they import for their
arguments) are imported only when a command is asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from swdesk.cli import main as cli

WINDOW = [
    [],
    ["--db", "x.db"],
    ["--db=x.db"],
    ["--lang", "en"],
    ["--lang=zh_CN", "--db", "办公室/数据.db"],
    ["--db", "a.db", "--db", "b.db"],
]
PARSER = [
    ["staff", "list"],
    ["--db", "x.db", "staff", "list"],
    ["--db"],
    ["--db", "--lang", "en"],
    ["--help"],
    ["--version"],
    ["--d", "x.db"],
    ["x.db"],
    ["--lang", "en", "-h"],
]


@pytest.mark.parametrize("argv", WINDOW)
def test_the_window_start_is_what_the_parser_makes_of_it(argv: list[str]) -> None:
    window, db = cli.window_start(argv)
    assert window
    args = cli.build_parser().parse_args(argv)
    assert args.command is None and args.db == db


@pytest.mark.parametrize("argv", PARSER)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert cli.window_start(argv) == (False, None)


def test_main_starts_the_window_with_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import swdesk.gui.app

    started: list[str | None] = []
    monkeypatch.setattr(swdesk.gui.app, "run", lambda db=None: started.append(db) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the parser was built"))
    assert cli.main(["--lang", "en", "--db", "office.db"]) == 0
    assert started == ["office.db"]


def test_importing_the_entry_point_imports_no_command() -> None:
    code = (
        "import sys, swdesk.cli.main\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmds') or m == 'sqlite_utils'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
