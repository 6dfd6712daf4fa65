"""The training hours kept by person and year (migration 0009's triggers) are always those the
attendance makes, whatever is written, in whatever order: added, changed, moved to another
person, event or year, deleted, and put back with the event after its attendance (as undo puts
rows back, foreign keys deferred). A year's CE hours read from them are those summed from the
attendance itself; sums edited by hand are found and made again."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swdesk.domain import idnumber
from swdesk.domain.staff import Staff
from swdesk.services.workspace import Workspace
from swdesk.storage import hours_by_year
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store

FORMS = ["face_to_face", "online", "supervision", "conference", "other", "degree"]
TODAY = dt.date(2026, 11, 21)

hours = st.integers(min_value=1, max_value=20_000).map(lambda n: n / 100)  # two decimals
ends = st.sampled_from(
    [dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2026, 3, 5), TODAY, dt.date(2026, 12, 9)]
)
ops = st.lists(
    st.one_of(
        st.tuples(st.just("event"), st.sampled_from(FORMS),
                  st.sampled_from([None, "general", "professional"]), ends),
        st.tuples(st.just("attend"), st.integers(0, 9), st.integers(0, 3), hours),
        st.tuples(st.just("hours"), st.integers(0, 30), hours),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 9), st.integers(0, 3)),
        st.tuples(st.just("redate"), st.integers(0, 9), ends, st.sampled_from(FORMS),
                  st.sampled_from([None, "general", "professional"])),
        st.tuples(st.just("unattend"), st.integers(0, 30)),
        st.tuples(st.just("drop_event"), st.integers(0, 9), st.booleans(), st.booleans()),
    ),
    max_size=30,
)  # fmt: skip


def _workspace(folder: Path) -> Workspace:
    ws = Workspace.open(folder / "agency.db", clock=lambda: TODAY, user="tester")
    people = [
        Staff(f"人{n}", idnumber.make("452822", dt.date(1990, 1, 1 + n), n + 1), "F",
              dt.date(1990, 1, 1 + n))
        for n in range(4)
    ]  # fmt: skip
    with ws.db.conn:
        staff_store.insert_staff_many(ws.db, people)
    return ws


def _pick(db, sql: str, n: int) -> int | None:
    ids = [r[0] for r in db.execute(sql)]
    return ids[n % len(ids)] if ids else None


def _apply(ws: Workspace, op: tuple) -> None:
    db = ws.db
    staff = [r[0] for r in db.execute("SELECT id FROM staff ORDER BY id")]
    kind = op[0]
    if kind == "event":
        _kind, form, subject, end = op
        training_store.insert_event(
            db, training_store.TrainingEvent("课", form, end, end, 8.0, subject=subject)
        )
    elif kind == "attend":
        _kind, e, s, h = op
        event = _pick(db, "SELECT id FROM training_events ORDER BY id", e)
        taken = (
            event is None
            or db.execute(
                "SELECT 1 FROM attendance WHERE event_id = ? AND staff_id = ?", [event, staff[s]]
            ).fetchone()
        )
        if not taken:
            training_store.insert_attendance(db, event, staff[s], h)
    elif kind == "hours":
        _kind, a, h = op
        row = _pick(db, "SELECT id FROM attendance ORDER BY id", a)
        if row is not None:
            db.execute("UPDATE attendance SET hours = ? WHERE id = ?", [h, row])
    elif kind == "move":
        _kind, a, e, s = op
        row = _pick(db, "SELECT id FROM attendance ORDER BY id", a)
        event = _pick(db, "SELECT id FROM training_events ORDER BY id", e)
        if (
            row is not None
            and not db.execute(
                "SELECT 1 FROM attendance WHERE event_id = ? AND staff_id = ?", [event, staff[s]]
            ).fetchone()
        ):
            db.execute(
                "UPDATE attendance SET event_id = ?, staff_id = ? WHERE id = ?",
                [event, staff[s], row],
            )
    elif kind == "redate":
        _kind, e, end, form, subject = op
        event = _pick(db, "SELECT id FROM training_events ORDER BY id", e)
        if event is not None:
            db.execute(
                "UPDATE training_events SET start_date = ?, end_date = ?, form = ?, subject = ? "
                "WHERE id = ?",
                [end.isoformat(), end.isoformat(), form, subject, event],
            )
    elif kind == "unattend":
        row = _pick(db, "SELECT id FROM attendance ORDER BY id", op[1])
        if row is not None:
            db.execute("DELETE FROM attendance WHERE id = ?", [row])
    elif kind == "drop_event":
        _kind, e, event_first, put_back = op
        event = _pick(db, "SELECT id FROM training_events ORDER BY id", e)
        if event is None:
            return
        # As undo does it: the rows in either order, the keys checked at commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        image = db.execute("SELECT * FROM training_events WHERE id = ?", [event]).fetchone()
        attended = db.execute("SELECT * FROM attendance WHERE event_id = ?", [event]).fetchall()
        if event_first:
            db.execute("DELETE FROM training_events WHERE id = ?", [event])
        db.execute("DELETE FROM attendance WHERE event_id = ?", [event])
        if not event_first:
            db.execute("DELETE FROM training_events WHERE id = ?", [event])
        if put_back and attended:
            # Put back, the attendance before its event.
            marks = ", ".join("?" * len(attended[0]))
            for row in attended:
                db.execute(f"INSERT INTO attendance VALUES ({marks})", row)
            db.execute(f"INSERT INTO training_events VALUES ({', '.join('?' * len(image))})", image)


def _expected(ws: Workspace, low: dt.date, high: dt.date) -> tuple[dict, dict]:
    """By person: hours by form and by subject of the events ending in [low, high], summed in
    hundredths."""
    by_form: dict = defaultdict(lambda: defaultdict(int))
    by_subject: dict = defaultdict(lambda: defaultdict(int))
    rows = ws.db.execute(
        "SELECT a.staff_id, a.hours, e.form, e.subject, e.end_date FROM attendance a "
        "JOIN training_events e ON e.id = a.event_id"
    )
    for sid, h, form, subject, end in rows:
        if low.isoformat() <= end <= high.isoformat():
            by_form[sid][form] += round(h * 100)
            if subject:
                by_subject[sid][subject] += round(h * 100)

    def hours(sums: dict) -> dict:
        return {sid: {k: v / 100 for k, v in d.items()} for sid, d in sums.items() if d}

    return hours(by_form), hours(by_subject)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=ops)
def test_the_sums_by_year_are_always_those_of_the_attendance(steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = _workspace(Path(tmp))
        try:
            # One transaction, as a change of the program is: deferred keys hold to its end.
            ws.db.execute("BEGIN")
            for op in steps:
                _apply(ws, op)
            ws.db.execute("COMMIT")
            assert hours_by_year.disagreeing(ws.db) == 0
            for upto in (dt.date(2026, 3, 4), TODAY, dt.date(2026, 12, 31)):
                current, previous, subjects = training_store.hours_in_window(
                    ws.db, dt.date(2026, 1, 1), upto, dt.date(2024, 1, 1)
                )
                assert (current, subjects) == _expected(ws, dt.date(2026, 1, 1), upto)
                assert previous == _expected(ws, dt.date(2024, 1, 1), dt.date(2025, 12, 31))[0]
        finally:
            ws.close()


def test_sums_edited_by_hand_are_found_and_made_again(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    try:
        with ws.db.conn:
            event = training_store.insert_event(
                ws.db, training_store.TrainingEvent("课", "online", TODAY, TODAY, 8.0)
            )
            sid = ws.db.execute("SELECT MIN(id) FROM staff").fetchone()[0]
            training_store.insert_attendance(ws.db, event, sid, 2.5)
        assert hours_by_year.disagreeing(ws.db) == 0
        with ws.db.conn:
            ws.db.execute("UPDATE ce_hours_by_year SET online = 99900")
            ws.db.execute(
                "INSERT INTO ce_hours_by_year (staff_id, year, other) VALUES (99, 2026, 5)"
            )
        assert hours_by_year.disagreeing(ws.db) == 2
        with ws.db.conn:
            hours_by_year.rebuild(ws.db)
        assert hours_by_year.disagreeing(ws.db) == 0
        current, _previous, _subjects = training_store.hours_in_window(
            ws.db, dt.date(2026, 1, 1), TODAY
        )
        assert current == {sid: {"online": 2.5}}
    finally:
        ws.close()
