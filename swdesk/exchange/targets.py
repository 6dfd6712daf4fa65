"""What a file made for people (a PDF, a Word copy, a workbook, a submission) may replace.

Each such file is written whole and then put in place of what its path names, so a wrong name
would destroy that file without a word: ``swdesk --db d.db submit -o d.db`` once turned the data
file itself into a zip, and ``-o /dev/full`` replaced the device with a file. Before writing,
``check_target`` refuses a path that names a data file (any SQLite database, open or not), the
journal or shared memory beside one, or anything that is not a plain file (a folder, a device).
"""

from __future__ import annotations

import stat
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
# What SQLite keeps beside a database while it is open or after a crash.
SIDE_FILES = ("-wal", "-shm", "-journal")


class TargetRefused(SwdeskError):
    """A file to be written would replace something it must not."""


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False  # unreadable: writing there fails with its own message


def check_target(path: Path | str) -> None:
    """Refuse ``path`` as the place of a new file when replacing it would destroy data; a path
    that does not exist yet, or names an ordinary file, is fine."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None  # nothing there yet (or not reachable: writing says why)
    if mode is not None and not stat.S_ISREG(mode):
        raise TargetRefused(
            _("{path} is not a file (a folder or a device): give the name of a file.").format(
                path=str(path)
            )
        )
    if mode is not None and _is_database(path):
        raise TargetRefused(
            _(
                "{path} is a data file: writing there would destroy it. Give another name "
                "(e.g. ending in .pdf, .xlsx or .zip)."
            ).format(path=str(path))
        )
    for side in SIDE_FILES:
        if path.name.endswith(side) and _is_database(path.with_name(path.name[: -len(side)])):
            raise TargetRefused(
                _(
                    "{path} belongs to the data file beside it: writing there would damage "
                    "that file. Give another name."
                ).format(path=str(path))
            )
