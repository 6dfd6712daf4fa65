"""What commands take from the command line: the data file they open, dates and years."""

from __future__ import annotations

import argparse
import datetime as dt
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from swdesk.domain.dates import parse_date
from swdesk.domain.errors import SwdeskError, UnknownRegion
from swdesk.i18n import _, join_sentences
from swdesk.paths import default_database_path
from swdesk.services.workspace import Workspace

FIRST_YEAR, LAST_YEAR = 1900, 2999  # the years a command takes (dates and --year)
MAX_ID = 2**63 - 1  # SQLite's largest integer
# The commands that change an agency's own records: a bureau's data file holds none of them
# (it holds what agencies submitted), and took them without a word.
AGENCY_DATA = frozenset(
    {"staff", "credentials", "training", "applications", "awards", "grades", "interns", "import"}
)


def database_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_database_path()


def open_workspace(
    args: argparse.Namespace, *, read_only: bool = False, new_file: bool = False
) -> Workspace:
    """The data file of ``--db`` (or the default one). Only the commands that make a data file
    (``new_file``: init, demo) may be given one that does not exist yet or is empty: for any
    other, a mistyped name would quietly become a new file without an agency, and what the
    command wrote would seem lost."""
    path = database_path(args)
    try:
        found = path.stat()
    except OSError:
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        # Else SQLite's "disk I/O error" would blame the disk.
        raise SwdeskError(
            _("{path} is a folder: give the name of a data file in it (e.g. swdesk.db).").format(
                path=str(path)
            )
        )
    if not new_file and (found is None or found.st_size == 0):
        raise SwdeskError(
            _(
                "{path} does not exist or is empty: check the name, or make a data file "
                "first with swdesk init (or swdesk demo)."
            ).format(path=str(path))
        )
    ws = Workspace.open(path, read_only=read_only)
    if not read_only and getattr(args, "command", None) in AGENCY_DATA and ws.kind == "bureau":
        bureau = ws.bureau_row()
        ws.close()
        raise SwdeskError(
            _(
                "This is the data file of {bureau}, a civil-affairs bureau: an agency's staff, "
                "certificates, training and applications are kept in the agency's own data "
                "file, and reach the bureau in its submissions."
            ).format(bureau=bureau["name"] if bureau else "")
        )
    problem = getattr(ws.db, "backup_problem", None)
    if problem:
        # The data opened fine, but today's automatic backup failed: say so, every time.
        print(problem, file=sys.stderr)
    return ws


def open_to_reveal(args: argparse.Namespace, show_personal: bool) -> Workspace:
    """The workspace of a listing: read-only, or writable when whole identity and phone numbers
    are asked for, since who saw them goes into the audit log."""
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
        day = parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    # The rules count periods and days around the date: 0001-01-01 or 9999-12-31 would run
    # them off the calendar (a traceback, not an answer). The same years as year_arg.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("{value!r} is out of range: give a date from {first} to {last}.").format(
                value=text, first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return day


def year_arg(text: str) -> int:
    """argparse type for a calendar year; 0 or 99999 would fail deep inside as a traceback."""
    try:
        year = int(text.strip())
    except ValueError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a year; write it as 2026.").format(value=text)
        )
    return year


def id_arg(text: str) -> int:
    """argparse type for the id of a stored row (an event, a payment, a finding): a whole number
    SQLite can hold; 99999999999999999999 would fail inside the query as a traceback."""
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(
            _(
                "{value!r} is not an id: ids are whole numbers from 1, as the lists show them."
            ).format(value=text)
        )
    return value


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
