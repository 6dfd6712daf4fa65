"""A bulk insert of new rows notes them for undo in one statement, with the insert trigger set
aside meanwhile: the step it leaves is the one the trigger would have left, and the trigger is
back afterwards, whether the insert worked or failed."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable

import pytest

from swdesk.domain import idnumber
from swdesk.domain.staff import Staff
from swdesk.services.workspace import Workspace
from swdesk.storage import staff as staff_store
from swdesk.storage import undo_log


def _people(n: int, first_day: int = 1) -> list[Staff]:
    out = []
    for i in range(n):
        born = dt.date(1990, 1, first_day + i)
        number = idnumber.make("452822", born, 130 + i)
        out.append(Staff(f"新人{i}", number, idnumber.parse(number).sex, born, note=f"第{i}行"))
    return out


def _trigger_there(ws: Workspace) -> bool:
    return (
        ws.db.execute(
            "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' AND name = 'undo_staff_insert'"
        ).fetchone()
        is not None
    )


def _recorded(ws: Workspace, write: Callable[[], object]) -> str | None:
    with ws.db.atomic():
        undo_log.start(ws.db)
        write()
        return undo_log.finish(ws.db)


def test_the_step_of_a_bulk_insert_is_the_one_the_trigger_would_leave(empty_ws: Workspace) -> None:
    ws = empty_ws
    staff_store.insert_staff(ws.db, _people(1, first_day=20)[0])  # a row before, not noted
    people = _people(5)
    bulk = _recorded(ws, lambda: staff_store.insert_staff_many(ws.db, people))
    assert _trigger_there(ws)
    ws.db.execute("DELETE FROM staff WHERE id > 1")

    def one_by_one() -> None:
        for person in people:
            staff_store.insert_staff(ws.db, person)

    assert _recorded(ws, one_by_one) == bulk
    changes = [undo_log.RowChange.from_data(r) for r in json.loads(bulk)]
    assert [(c.table, c.id, c.before) for c in changes] == [("staff", i, None) for i in range(2, 7)]
    assert [c.after["note"] for c in changes] == [f"第{i}行" for i in range(5)]


def test_a_failed_bulk_insert_leaves_the_trigger_and_notes_nothing(empty_ws: Workspace) -> None:
    ws = empty_ws
    twice = _people(3) + _people(1)  # the last repeats the first identity number
    with ws.db.atomic():
        undo_log.start(ws.db)
        with pytest.raises(sqlite3.IntegrityError):
            staff_store.insert_staff_many(ws.db, twice)
        assert _trigger_there(ws)
        # The trigger notes the next row again, as before.
        staff_store.insert_staff(ws.db, _people(1, first_day=25)[0])
        rows = undo_log.finish(ws.db)
    assert rows is not None and rows.count('["staff",') == 1
    assert _trigger_there(ws)


def test_outside_a_recorded_change_nothing_is_noted(empty_ws: Workspace) -> None:
    ws = empty_ws
    with ws.db.atomic():
        undo_log.start(ws.db)
        undo_log.finish(ws.db)  # the triggers exist, nothing is being recorded
    staff_store.insert_staff_many(ws.db, _people(4))
    assert ws.db.execute("SELECT COUNT(*) FROM temp.undo_capture").fetchone()[0] == 0
    assert ws.db["staff"].count == 4 and _trigger_there(ws)
