"""What commands take from the command line: the data file they open, dates and years."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from swdesk.domain.dates import parse_date
from swdesk.domain.errors import UnknownRegion
from swdesk.i18n import _, join_sentences
from swdesk.paths import default_database_path
from swdesk.services.workspace import Workspace


def database_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_database_path()


def open_workspace(args: argparse.Namespace, *, read_only: bool = False) -> Workspace:
    ws = Workspace.open(database_path(args), read_only=read_only)
    problem = getattr(ws.db, "backup_problem", None)
    if problem:
        # The data opened fine, but today's automatic backup failed: say so, every time.
        print(problem, file=sys.stderr)
    return ws


def open_to_reveal(args: argparse.Namespace, show_personal: bool) -> Workspace:
    """The workspace of a listing: read-only, or writable when whole identity and phone numbers
    are asked for, since who saw them goes into the audit log."""
    from swdesk.domain.errors import SwdeskError
    from swdesk.i18n import join_sentences

    if not show_personal:
        return open_workspace(args, read_only=True)
    try:
        return open_workspace(args)
    except SwdeskError as exc:
        raise SwdeskError(
            join_sentences(
                _(
                    "--show-personal writes into the audit log who saw the whole numbers, and the "
                    "data file cannot be written now; without it the numbers are shown masked."
                ),
                str(exc),
            )
        ) from None


def date_arg(text: str) -> dt.date:
    """argparse type for dates: any form the importer accepts (2024-05-01, 2024年5月1日, …)."""
    from swdesk.domain.errors import ValidationError

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def year_arg(text: str) -> int:
    """argparse type for a calendar year; 0 or 99999 would fail deep inside as a traceback."""
    try:
        year = int(text.strip())
    except ValueError:
        year = 0
    if not 1900 <= year <= 2999:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a year; write it as 2026.").format(value=text)
        )
    return year


def add_accept_unknown_region(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--accept-unknown-region",
        action="store_true",
        help=_(
            "keep an identity number whose region code names no county of its birth year "
            "(old codes of renamed counties are real)"
        ),
    )


@contextmanager
def unknown_region_hint() -> Iterator[None]:
    """An identity number of an unknown region: the refusal says how to keep it."""
    try:
        yield
    except UnknownRegion as exc:
        raise UnknownRegion(
            join_sentences(
                str(exc), _("To keep it, run the command again with --accept-unknown-region.")
            ),
            exc.reason,
        ) from None
