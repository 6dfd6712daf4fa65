"""Is a file's schema the one this program's own migrations make?

A data file from elsewhere (a backup, a file an agency sends the bureau) may carry SQL of its own:
a trigger runs on every later write, a dropped guard index lets a double payment in. So before a
file is written to, restored or read, its ``sqlite_master`` (tables, indexes, triggers, views) and
every table's columns are compared with what the migrations produce for the file's version. The
expected schema is built by running the migrations up to that version on an in-memory database, so
a migration added later is covered with no extra work.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from swdesk.i18n import N_, _
from swdesk.storage import migrations as schema

_KIND_WORDS = {
    "table": N_("table"),
    "index": N_("index"),
    "trigger": N_("trigger"),
    "view": N_("view"),
}
# How many differences a message lists before it says "and N more".
_LISTED = 6
# What this version's migrations make, as `shape_digest` gives it: a file at this version whose
# schema has this digest is the expected one, without the migrations run on an in-memory
# database to say so (45 ms of every start of the program). Another SQLite may store the same
# SQL differently: the digest then differs and the file is compared in full, as any other.
# tests/storage/test_schema_check.py holds it to what the migrations make; a new migration
# changes it there.
CURRENT_SHAPE = "2c641a18d6059a15bd08dad44299b28927293a0fc4a18cd5496785f94d46c970"
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([(),;=])\s*")


@dataclass(frozen=True)
class Shape:
    """The schema objects of a file by (type, name), and the columns of each table."""

    objects: dict[tuple[str, str], tuple[str, str]]  # (type, name) -> (table, normalised SQL)
    columns: dict[str, tuple[tuple, ...]]  # table -> PRAGMA table_xinfo rows


def normalise_sql(sql: str | None) -> str:
    """SQL with its layout taken out: the same statement however it was indented."""
    text = _SPACE.sub(" ", sql or "").strip()
    return _AROUND_PUNCTUATION.sub(r"\1", text)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The swdesk migrations recorded in the file, in the order they were applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [schema.MIGRATION_SET],
    ).fetchall()
    return [r[0] for r in rows]


def shape_of(conn: sqlite3.Connection) -> Shape:
    # SQLite's own objects (sqlite_sequence, sqlite_stat1, automatic indexes) follow from the
    # rest, and no trigger or view may be made on them.
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'"
    ).fetchall()
    objects = {(t, n): (tbl, normalise_sql(sql)) for t, n, tbl, sql in rows}
    columns = {
        name: tuple(conn.execute("SELECT * FROM pragma_table_xinfo(?)", [name]).fetchall())
        for (kind, name) in objects
        if kind == "table"
    }
    return Shape(objects, columns)


def shape_digest(shape: Shape) -> str:
    """A SHA-256 of everything `differences` compares of ``shape``."""
    text = repr((sorted(shape.objects.items()), sorted(shape.columns.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def expected_shape(version: int) -> Shape:
    """What the first ``version`` migrations make, on a fresh in-memory database."""
    names = schema.known_names()
    db = Database(memory=True, execute_plugins=False)
    try:
        schema.migrations.ensure_migrations_table(db)
        if version < len(names):
            schema.migrations.apply(db, stop_before=names[version])
        else:
            schema.migrations.apply(db)
        return shape_of(db.conn)
    finally:
        db.close()


def _kind(kind: str) -> str:
    return _(_KIND_WORDS.get(kind, kind))


def differences(conn: sqlite3.Connection) -> list[str]:
    """What differs between the file's schema and the one its version should have; [] if none.

    A file with nothing in it yet (a new data file) has nothing to differ. Call only on a file
    that is not from a newer version (``check_not_newer``)."""
    applied = applied_migrations(conn)
    known = schema.known_names()
    if applied != known[: len(applied)]:
        return [
            _("the upgrades recorded in it ({found}) are not the ones this version makes").format(
                found=", ".join(applied) or "-"
            )
        ]
    actual = shape_of(conn)
    if not actual.objects:
        return []
    if len(applied) == len(known) and shape_digest(actual) == CURRENT_SHAPE:
        return []
    expected = expected_shape(len(applied))
    found: list[str] = []
    for key in sorted(actual.objects.keys() - expected.objects.keys()):
        table = actual.objects[key][0]
        found.append(
            _("an extra {kind} {name} (on {table})").format(
                kind=_kind(key[0]), name=key[1], table=table
            )
            if key[0] in ("index", "trigger") and table
            else _("an extra {kind} {name}").format(kind=_kind(key[0]), name=key[1])
        )
    for key in sorted(expected.objects.keys() - actual.objects.keys()):
        found.append(_("no {kind} {name}").format(kind=_kind(key[0]), name=key[1]))
    for key in sorted(actual.objects.keys() & expected.objects.keys()):
        if actual.objects[key] != expected.objects[key]:
            found.append(
                _("the {kind} {name} is not defined as this version defines it").format(
                    kind=_kind(key[0]), name=key[1]
                )
            )
        elif key[0] == "table" and actual.columns[key[1]] != expected.columns[key[1]]:
            found.append(_("the columns of table {name} differ").format(name=key[1]))
    return found


def summary(found: list[str]) -> str:
    """The first differences, for a message."""
    text = "; ".join(found[:_LISTED])
    if len(found) > _LISTED:
        text += " " + _("and {n} more").format(n=len(found) - _LISTED)
    return text


def version_of(conn: sqlite3.Connection) -> int:
    """How many of this program's migrations the file has (0 for a new file)."""
    return len(applied_migrations(conn))
