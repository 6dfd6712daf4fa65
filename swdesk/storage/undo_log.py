"""The undo history's SQL: noting the rows a change touches, keeping them as a step, putting them
back.

While a change is recorded, temporary triggers note each row of a tracked table the first time
the change touches it: the table, the id and, when the row existed, its values before (as JSON).
The triggers belong to this connection only (``CREATE TEMP TRIGGER``): they are not part of the
data file, so the schema check never sees them, and they note nothing unless a change is being
recorded. When the change ends, the rows are read again as they are after it: a step is the list
of (table, id, before, after), kept in ``undo_steps`` in the order the rows were first touched.
Every table with an integer ``id`` is tracked, so a table added later is covered by itself.

Undo puts the *before* values back, last row first; redo puts the *after* values back, first row
first. Both check first that each row is still as the step left it. History that is never taken
back is not deleted either: an application's steps are append-only (the data file's triggers
refuse the rest), so undoing one adds a step that says which it takes back; a payment an undo
takes back is voided, never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from swdesk.storage import undo_applications

# What undo never touches: the log of what was done, the history itself, the program's own
# settings (the password is not taken back by Ctrl+Z) and the migrations.
UNTRACKED = frozenset({"audit_log", "undo_steps", "settings", "_sqlite_migrations"})
APPLICATIONS, STEPS, PAYMENTS = "applications", "application_steps", "award_payments"
KEEP = 50  # steps kept; older ones can no longer be undone
DONE, UNDONE = "done", "undone"

Image = dict[str, Any]


@dataclass(frozen=True)
class RowChange:
    table: str
    id: int
    before: Image | None  # None: the change made the row
    after: Image | None  # None: the change deleted it

    @classmethod
    def from_data(cls, data: Any) -> RowChange:
        table, row_id, before, after = data
        if not isinstance(table, str) or not isinstance(row_id, int):
            raise ValueError("not a row change")
        for image in (before, after):
            if image is not None and not isinstance(image, dict):
                raise ValueError("not a row image")
        return cls(table, row_id, before, after)

    @property
    def staff_id(self) -> int | None:
        """The person the row is about, if it names one."""
        if self.table == "staff":
            return self.id
        image = self.after or self.before or {}
        value = image.get("staff_id")
        return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Step:
    id: int
    made_at: str
    user: str
    label: dict[str, Any]  # a Reason's data (swdesk.domain.reasons)
    rows: tuple[RowChange, ...]
    state: str


class Conflict(Exception):
    """A row is no longer as the step left it (changed by something that was not recorded)."""

    def __init__(self, table: str, row_id: int) -> None:
        super().__init__(f"{table} {row_id}")
        self.table = table
        self.row_id = row_id


# ---------------------------------------------------------------- noting what a change touches


def _tracked(db: Database) -> dict[str, list[str]]:
    """Tracked tables and their columns: every table with an integer ``id`` key but UNTRACKED."""
    out = {}
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name"
    ).fetchall():
        if name in UNTRACKED:
            continue
        columns = db.execute("SELECT name, type, pk FROM pragma_table_info(?)", [name]).fetchall()
        if any(c == "id" and t.upper() == "INTEGER" and pk == 1 for c, t, pk in columns):
            out[name] = [c for c, _t, _pk in columns]
    return out


def _image_sql(columns: list[str], alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"


def _install(db: Database) -> None:
    if db.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'undo_capture'").fetchone():
        return
    db.execute(
        """CREATE TEMP TABLE undo_capture (
               tbl TEXT NOT NULL, row_id INTEGER NOT NULL, before TEXT,
               PRIMARY KEY (tbl, row_id))"""
    )
    db.execute("CREATE TEMP TABLE undo_recording (active INTEGER)")
    for table, columns in _tracked(db).items():
        db.execute(_insert_trigger(table))
        for event in ("UPDATE", "DELETE"):
            db.execute(
                f"""CREATE TEMP TRIGGER undo_{table}_{event.lower()} BEFORE {event} ON "{table}"
                    {_WHEN} BEGIN {_note(table)}, OLD.id, {_image_sql(columns, "OLD")}); END"""
            )


_WHEN = "WHEN EXISTS (SELECT 1 FROM undo_recording)"


def _note(table: str) -> str:
    return f"INSERT OR IGNORE INTO undo_capture (tbl, row_id, before) VALUES ('{table}'"


def _insert_trigger(table: str) -> str:
    return f"""CREATE TEMP TRIGGER undo_{table}_insert AFTER INSERT ON "{table}" {_WHEN}
               BEGIN {_note(table)}, NEW.id, NULL); END"""


@contextmanager
def adding_rows(db: Database, table: str, first_id: int, last_id: int) -> Iterator[None]:
    """Around one bulk INSERT of new rows with the ids ``first_id``..``last_id`` (none of which
    existed): while a change is recorded, the rows are noted in one statement after it instead of
    by the insert trigger row by row. Even idle, a trigger costs each row its WHEN (a tenth of a
    10,000-person import's writing, the noting as much again), so it is set aside meanwhile. The
    trigger's DROP and CREATE are part of the caller's transaction: a failure rolls them back
    with the rows."""
    trigger = f"undo_{table}_insert"
    installed = db.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' AND name = ?", [trigger]
    ).fetchone()
    # The trigger is made with the temporary tables (_install), so these are there with it.
    recording = installed and db.execute("SELECT 1 FROM temp.undo_recording").fetchone()
    if not recording:
        yield
        return
    db.execute(f'DROP TRIGGER temp."{trigger}"')
    try:
        yield
    finally:
        db.execute(_insert_trigger(table))
    # In id order, as the trigger would have noted them one insert after another.
    db.execute(
        f"""INSERT OR IGNORE INTO undo_capture (tbl, row_id, before)
            SELECT ?, id, NULL FROM "{table}" WHERE id BETWEEN ? AND ? ORDER BY id""",
        [table, first_id, last_id],
    )


def start(db: Database) -> None:
    """Begin noting rows (inside the caller's transaction, which a failure rolls back with it)."""
    _install(db)
    db.execute("DELETE FROM temp.undo_capture")
    db.execute("DELETE FROM temp.undo_recording")
    db.execute("INSERT INTO temp.undo_recording VALUES (1)")


def finish(db: Database) -> str | None:
    """Stop noting; the rows touched since ``start``, with their values after, in the order they
    were first touched, as the JSON list a step keeps (None when the change left every row as
    it was; those rows are dropped).

    Made by SQLite and joined as text: an import of 10,000 people noted 10,000 rows, and reading
    each image into Python only to write it back as JSON was a tenth of the import. Each image
    is already JSON text from json_object, so a change is put together by concatenation:
    json_array would parse both images again only to write them out as they were."""
    db.execute("DELETE FROM temp.undo_recording")
    tables = _tracked(db)
    noted = [t for (t,) in db.execute("SELECT DISTINCT tbl FROM temp.undo_capture").fetchall()]
    parts, params = [], []
    for table in noted:
        after = f"CASE WHEN t.id IS NULL THEN NULL ELSE {_image_sql(tables[table], 't')} END"
        # LIMIT -1 OFFSET 0 keeps SQLite from folding the inner query into the outer one, which
        # would make each row's image twice: once to compare it, once to return it.
        parts.append(
            f"""SELECT seq, '[' || json_quote(tbl) || ',' || row_id || ',' ||
                           coalesce(before, 'null') || ',' || coalesce(after, 'null') || ']'
                FROM (
                    SELECT c.rowid AS seq, c.tbl AS tbl, c.row_id AS row_id, c.before AS before,
                           {after} AS after
                    FROM temp.undo_capture c LEFT JOIN "{table}" t ON t.id = c.row_id
                    WHERE c.tbl = ? LIMIT -1 OFFSET 0)
                WHERE before IS NOT after"""
        )
        params.append(table)
    changes = (
        db.execute(" UNION ALL ".join(parts) + " ORDER BY seq", params).fetchall() if parts else []
    )
    db.execute("DELETE FROM temp.undo_capture")
    return "[" + ",".join(text for _seq, text in changes) + "]" if changes else None


def _load(text: str | None) -> Image | None:
    return json.loads(text) if text is not None else None


# ---------------------------------------------------------------- the steps


def save_step(db: Database, *, user: str, label: Mapping[str, Any], rows: str) -> int:
    """Keep a new step (``rows``: what ``finish`` gave): what was undone can no longer be
    redone, and only the last KEEP stay."""
    db.execute("DELETE FROM undo_steps WHERE state = ?", [UNDONE])
    new_id = (
        db["undo_steps"]
        .insert(
            {
                "made_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "user": user,
                "label": json.dumps(dict(label), ensure_ascii=False),
                "rows": rows,
                "state": DONE,
            }
        )
        .last_pk
    )
    db.execute(
        "DELETE FROM undo_steps WHERE id NOT IN (SELECT id FROM undo_steps ORDER BY id DESC "
        "LIMIT ?)",
        [KEEP],
    )
    return new_id


def _step(row: Mapping[str, Any]) -> Step:
    """A stored step; ValueError when what is stored is not one (a file altered outside)."""
    try:
        label = json.loads(row["label"])
        rows = tuple(RowChange.from_data(r) for r in json.loads(row["rows"]))
    except (TypeError, KeyError) as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(label, dict):
        raise ValueError("not a label")
    return Step(row["id"], row["made_at"], row["user"], label, rows, row["state"])


def last_done(db: Database) -> Mapping[str, Any] | None:
    """The step undo would take back (its stored row; ``step_of`` reads it)."""
    rows = list(db["undo_steps"].rows_where("state = ?", [DONE], order_by="id DESC", limit=1))
    return rows[0] if rows else None


def next_undone(db: Database) -> Mapping[str, Any] | None:
    """The step redo would do again: the one undone last."""
    rows = list(db["undo_steps"].rows_where("state = ?", [UNDONE], order_by="id", limit=1))
    return rows[0] if rows else None


def step_of(row: Mapping[str, Any]) -> Step:
    return _step(row)


def labels(db: Database) -> list[tuple[int, str, str, str, str]]:
    """(id, made_at, user, label JSON, state) of every kept step, newest first."""
    return [
        (r["id"], r["made_at"], r["user"], r["label"], r["state"])
        for r in db["undo_steps"].rows_where(
            select="id, made_at, user, label, state", order_by="id DESC"
        )
    ]


def set_state(db: Database, step_id: int, state: str) -> None:
    db["undo_steps"].update(step_id, {"state": state})


def forget_all(db: Database) -> None:
    """A restored backup starts a new history: the steps it came with belong to another time."""
    db.execute("DELETE FROM undo_steps")


# ---------------------------------------------------------------- putting rows back


def take_back(db: Database, step: Step, *, today: dt.date, user: str) -> None:
    """Undo ``step``: every row as it was before, last first. Raises Conflict, before writing
    anything, if a row is not as the step left it."""
    _apply(db, step.rows, undo=True, today=today, user=user)


def do_again(db: Database, step: Step, *, today: dt.date, user: str) -> None:
    """Redo ``step``: every row as it was after, first first."""
    _apply(db, step.rows, undo=False, today=today, user=user)


def _apply(
    db: Database, rows: Iterable[RowChange], *, undo: bool, today: dt.date, user: str
) -> None:
    tables = _tracked(db)
    ordered = list(reversed(list(rows))) if undo else list(rows)
    for change in ordered:
        if change.table not in tables:
            raise ValueError(f"no table {change.table}")
    generic = [c for c in ordered if c.table not in (APPLICATIONS, STEPS)]
    for change in generic:
        _check(db, tables, change, undo)
    applications = undo_applications.by_application(ordered)
    for app_id, (app, _steps) in applications.items():
        if not undo_applications.check(db, app_id, app, undo):
            raise Conflict(APPLICATIONS, app_id)
    # Rows come back in an order foreign keys may not like halfway (a person before their
    # certificates on redo, after them on undo): the keys are checked when the step commits.
    db.execute("PRAGMA defer_foreign_keys = ON")
    for change in generic:
        _put(db, tables, change, undo, today)
    for app_id, (app, steps) in applications.items():
        undo_applications.put(db, app_id, app, steps, undo, user)


def current(db: Database, tables: Mapping[str, list[str]], table: str, row_id: int) -> Image | None:
    row = db.execute(
        f'SELECT {_image_sql(tables[table], "t")} FROM "{table}" t WHERE t.id = ?', [row_id]
    ).fetchone()
    return _load(row[0]) if row else None


def _check(db: Database, tables: Mapping[str, list[str]], change: RowChange, undo: bool) -> None:
    now = current(db, tables, change.table, change.id)
    expected = change.after if undo else change.before
    if change.table == PAYMENTS and change.before is None and not undo:
        # Undo voided the payment it had made: redo finds it voided, and makes it live again.
        if now is None or now.get("voided_on") is None or change.after is None:
            raise Conflict(change.table, change.id)
        now = {**now, "voided_on": change.after["voided_on"], "void_reason": ""}
        expected = {**change.after, "void_reason": ""}
    if now != expected:
        raise Conflict(change.table, change.id)


def _put(
    db: Database,
    tables: Mapping[str, list[str]],
    change: RowChange,
    undo: bool,
    today: dt.date,
) -> None:
    image = change.before if undo else change.after
    table, columns = change.table, tables[change.table]
    if image is None:
        if table == PAYMENTS:
            # A payment is history: the one this step made is voided, not deleted. No reason:
            # undo took it back (a user's void always gives one).
            db.execute(
                "UPDATE award_payments SET voided_on = ?, void_reason = '' WHERE id = ?",
                [today.isoformat(), change.id],
            )
        else:
            db.execute(f'DELETE FROM "{table}" WHERE id = ?', [change.id])
        return
    unknown = set(image) - set(columns)
    if unknown or "id" not in image or image["id"] != change.id:
        raise ValueError(f"the image of {table} {change.id} does not fit the table")
    names = [c for c in columns if c in image]
    if current(db, tables, table, change.id) is None:
        marks = ", ".join("?" * len(names))
        quoted = ", ".join(f'"{c}"' for c in names)
        db.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', [image[c] for c in names])
    else:
        sets = ", ".join(f'"{c}" = ?' for c in names if c != "id")
        db.execute(
            f'UPDATE "{table}" SET {sets} WHERE id = ?',
            [image[c] for c in names if c != "id"] + [change.id],
        )
