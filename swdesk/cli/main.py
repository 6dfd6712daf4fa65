"""Entry point: ``swdesk`` with no command starts the GUI; with a command it runs it.

Exit codes: 0 success, 1 a user or input error (message on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from swdesk import __version__
from swdesk.domain.errors import SwdeskError
from swdesk.domain.text import printable
from swdesk.i18n import N_, _, set_language
from swdesk.storage.errors import SQLiteError


def command_modules() -> tuple[ModuleType, ...]:
    """Each module has register(subparsers) and gives its commands a ``func(args) -> int``;
    their commands are listed in this order. Imported only when a command is asked for: with
    what they import for their arguments (the data file's stack, the spreadsheet headers) they
    took a quarter to a third of a second, which ``swdesk`` starting the window does not wait for.
    """
    from swdesk.cli import (
        application_cmds,
        awards_cmds,
        bureau_cmds,
        exchange_cmds,
        history_cmds,
        intern_cmds,
        print_cmds,
        safety_cmds,
        setup_cmds,
        staff_cmds,
        submission_cmds,
        training_cmds,
    )

    return (
        setup_cmds,
        staff_cmds,
        awards_cmds,
        application_cmds,
        training_cmds,
        intern_cmds,
        exchange_cmds,
        submission_cmds,
        bureau_cmds,
        safety_cmds,
        history_cmds,
        print_cmds,
    )


# The options ``swdesk`` takes before a command, each with its value.
_WINDOW_OPTIONS = ("--db", "--lang")


def window_start(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, the --db file) when ``argv`` asks for the window: nothing but ``--db FILE`` and
    ``--lang LANG`` (either spelt with ``=`` too). Anything else — a command, ``--help``,
    ``--version``, an option written short, a value missing — goes to the whole parser, which
    runs it or says what is wrong."""
    db = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name not in _WINDOW_OPTIONS:
            return False, None
        if not eq:
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                return False, None
            value = argv[i + 1]
            i += 1
        if name == "--db":
            db = value
        i += 1
    return True, db


# argparse's own words (usage, section titles, its error messages), listed so that the catalog
# carries them; argparse looks its translation function up at call time, so ours serves it.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
)
argparse._ = _  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="swdesk",
        description=_(
            "swdesk: staff credentials, continuing education, "
            "grades and awards for social-work agencies."
        ),
    )
    parser.add_argument(
        "--db", metavar="FILE", help=_("the data file (default: in your data folder)")
    )
    parser.add_argument("--lang", metavar="LANG", help=_("language: zh_CN (default) or en"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"swdesk {__version__}",
        help=_("show the version and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules():
        module.register(sub)
    return parser


def _language_from(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def write_utf8_when_redirected() -> None:
    """Redirected output in UTF-8 whatever the locale says.

    Windows Python writes to a file or pipe in the ANSI code page (cp936 in mainland China), which
    has no room for rarer name characters such as 䶮 and would end the command in a
    UnicodeEncodeError; a console is left alone, since Python writes to it in Unicode already.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure") or stream.isatty():
            continue
        if (stream.encoding or "").lower().replace("-", "").replace("_", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors=stream.errors)


def _run_window(db: str | None) -> int:
    from swdesk.gui.app import run

    return run(db=db)


def main(argv: Sequence[str] | None = None) -> int:
    write_utf8_when_redirected()
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be set before the parser is built: its help texts are translated.
    try:
        set_language(_language_from(argv))
    except ValueError:
        print(_("Unknown language; use zh_CN or en."), file=sys.stderr)
        return 2
    window, db = window_start(argv)
    if window:
        return _run_window(db)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_window(args.db)
    try:
        return int(args.func(args) or 0)
    except SwdeskError as exc:
        clause = getattr(exc, "clause", None)
        # The message may quote what was typed: an escape in it must not drive the terminal.
        print(_("Error: {message}").format(message=printable(str(exc))), file=sys.stderr)
        if clause:
            print(_("Clause: {clause}").format(clause=clause), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader left, nothing is wrong.
        sys.stderr.close()
        return 0
    except SQLiteError as exc:
        # A full disk or a failing drive under a write: the service's transaction rolled back.
        print(
            _(
                "Error: the data file {path} could not be written ({error}); the change was "
                "rolled back, nothing was changed."
            ).format(path=args.db or _("in your data folder"), error=exc),
            file=sys.stderr,
        )
        return 1
    except (OSError, MemoryError) as exc:
        target = getattr(exc, "filename", None) or getattr(args, "output", None) or ""
        print(
            _("Error: {file} could not be read or written: {error}").format(
                file=target, error=getattr(exc, "strerror", None) or exc or type(exc).__name__
            ),
            file=sys.stderr,
        )
        return 1
