"""The staff and their certificates, kept in memory between readings, are read again when their
own tables are written to — by this program, an undo, or another program — and only then:
recording training leaves them kept."""

from __future__ import annotations

import datetime as dt
import sqlite3

from swdesk.domain import idnumber
from swdesk.services import staff, training, undo
from swdesk.services.reading import one_reading
from swdesk.services.workspace import Workspace
from swdesk.storage.database import data_stamp, tables_stamp


def _person(ws: Workspace, i: int) -> str:
    number = idnumber.make("452822", dt.date(1985, 3, 1) + dt.timedelta(days=i), 200 + i)
    staff.add_staff(ws, name=f"社工{i}", id_number=number, hire_date=dt.date(2020, 1, 1))
    staff.add_credential(
        ws, number, level="assistant", certificate_number=f"Z{i:06d}",
        obtained_on=dt.date(2021, 6, 20),
    )  # fmt: skip
    return number


def _reads_of(ws: Workspace, table: str, read: object) -> int:
    """How many statements reading rows ``FROM table`` ``read()`` sends."""
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    try:
        read()  # type: ignore[operator]
    finally:
        ws.db.conn.set_trace_callback(None)
    return sum(f"FROM {table} " in s or s.rstrip().endswith(f"FROM {table}") for s in seen)


def test_recording_training_keeps_the_staff_and_certificates_read(ws: Workspace) -> None:
    number = _person(ws, 1)
    _person(ws, 2)
    first = staff.list_staff(ws)
    held = staff.all_credentials(ws)
    training.add_event(
        ws, title="伦理培训", form="面授", start=dt.date(2026, 3, 5), end=dt.date(2026, 3, 5),
        hours=6, attendees=[(number, None)],
    )  # fmt: skip
    assert _reads_of(ws, "staff", lambda: staff.list_staff(ws)) == 0
    assert _reads_of(ws, "credentials", lambda: staff.all_credentials(ws)) == 0
    assert staff.list_staff(ws) == first
    assert staff.all_credentials(ws) == held


def test_a_change_of_a_person_or_a_certificate_is_read_again(ws: Workspace) -> None:
    number = _person(ws, 1)
    person = staff.find_staff(ws, number)
    assert [p.phone for p in staff.list_staff(ws)] == [person.phone]
    staff.all_credentials(ws)
    staff.update_staff(ws, person.id, phone="13900001111")
    assert [p.phone for p in staff.list_staff(ws)] == ["13900001111"]
    assert _reads_of(ws, "credentials", lambda: staff.all_credentials(ws)) == 0

    staff.add_credential(
        ws, number, level="social_worker", certificate_number="Z900001",
        obtained_on=dt.date(2024, 6, 20),
    )  # fmt: skip
    assert sorted(c.certificate_number for c in staff.all_credentials(ws)[person.id]) == [
        "Z000001",
        "Z900001",
    ]
    undo.undo(ws)  # the certificate taken back: read again, without it
    assert [c.certificate_number for c in staff.all_credentials(ws)[person.id]] == ["Z000001"]
    undo.undo(ws)  # the phone number taken back
    assert [p.phone for p in staff.list_staff(ws)] == [person.phone]


def test_a_write_by_another_program_is_read_again(ws: Workspace) -> None:
    number = _person(ws, 1)
    assert [p.name for p in staff.list_staff(ws)] == ["社工1"]
    other = sqlite3.connect(ws.path)
    try:
        with other:
            other.execute("UPDATE staff SET name = '黄丽华' WHERE id_number = ?", [number])
            other.execute("UPDATE credentials SET certificate_number = 'Z777777'")
    finally:
        other.close()
    assert [p.name for p in staff.list_staff(ws)] == ["黄丽华"]
    [held] = staff.all_credentials(ws).values()
    assert [c.certificate_number for c in held] == ["Z777777"]


def test_every_write_to_a_table_counts_and_a_file_without_counts_falls_back() -> None:
    from swdesk.storage.trigger_tables import create_table_versions

    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("CREATE TABLE credentials (id INTEGER PRIMARY KEY, staff_id INTEGER)")
    assert tables_stamp(conn, ("staff",)) == data_stamp(conn)  # before 0011: the whole file

    from sqlite_utils import Database

    create_table_versions(Database(conn))
    before = tables_stamp(conn, ("staff", "credentials"))
    conn.execute("INSERT INTO staff (name) VALUES ('a'), ('b')")
    conn.execute("UPDATE staff SET name = name")  # the same values: still a write
    conn.execute("DELETE FROM staff WHERE name = 'a'")
    after = tables_stamp(conn, ("staff", "credentials"))
    assert before is not None and after is not None
    assert (after[0] - before[0], after[1] - before[1]) == (5, 0)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO credentials (staff_id) VALUES (1)")
    assert tables_stamp(conn, ("credentials",)) is None  # inside a transaction: nothing kept
    conn.execute("COMMIT")
    assert tables_stamp(conn, ("credentials",)) == (after[1] + 1,)
    assert tables_stamp(conn, ("attendance",)) == data_stamp(conn)  # a table not counted


def test_each_counted_table_has_its_three_triggers(ws: Workspace) -> None:
    # A later migration that rebuilds one of these tables drops its triggers with it: then
    # writes would go uncounted and old rows be handed out as current.
    from swdesk.storage.trigger_tables import VERSIONED_0011

    found = {
        (table, name)
        for name, table in ws.db.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
        )
    }
    for table in VERSIONED_0011:
        for event in ("insert", "update", "delete"):
            assert (table, f"{table}_version_{event}") in found
    counted = ws.db.execute("SELECT name FROM table_versions ORDER BY name").fetchall()
    assert sorted(VERSIONED_0011) == [name for (name,) in counted]


def test_a_write_during_a_readers_reading_is_seen_by_its_next_reading(ws: Workspace) -> None:
    # The window reads on a connection of its own while the worker writes: a reading keeps
    # what it first read (its reminders and chart agree), and the one after reads the write.
    number = _person(ws, 1)
    person = staff.find_staff(ws, number)
    reader = Workspace.reader(ws.path, clock=ws.clock, user="tester")
    try:
        with one_reading(reader):
            assert [p.phone for p in staff.list_staff(reader)] == [person.phone]
            staff.update_staff(ws, person.id, phone="13900002222")
            assert [p.phone for p in staff.list_staff(reader)] == [person.phone]
        assert [p.phone for p in staff.list_staff(reader)] == ["13900002222"]
        training.add_event(
            ws, title="督导", form="面授", start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 1),
            hours=3, attendees=[(number, None)],
        )  # fmt: skip
        assert [p.phone for p in staff.list_staff(reader)] == ["13900002222"]
    finally:
        reader.close()


def test_the_awards_use_the_certificates_kept(ws: Workspace) -> None:
    from swdesk.services.awards import evaluate_awards, reference_standings

    number = _person(ws, 1)
    staff.update_staff(ws, staff.find_staff(ws, number).id, social_work_since=dt.date(2019, 1, 1))
    staff.all_credentials(ws)
    on = dt.date(2026, 11, 21)
    assert _reads_of(ws, "credentials", lambda: evaluate_awards(ws, on)) == 0
    [standing] = evaluate_awards(ws, on)
    [expected] = reference_standings(ws, on)
    assert (standing.level, standing.eligible, standing.amount_due) == (
        expected.level,
        expected.eligible,
        expected.amount_due,
    )
    staff.add_credential(
        ws, number, level="social_worker", certificate_number="Z900002",
        obtained_on=dt.date(2024, 6, 20),
    )  # fmt: skip
    [standing] = evaluate_awards(ws, on)  # the new certificate read with the kept ones
    assert standing.level is not None and standing.level.value == "social_worker"
