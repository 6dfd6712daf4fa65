"""The staff list and the certificates are read once and kept from one report to the next while
they are unchanged; a change of them, by this workspace or by another connection to the file,
makes the next reading read them again; inside a transaction nothing kept is used (what other
writes leave kept: test_kept_tables.py)."""

from __future__ import annotations

import datetime as dt

from swdesk.domain import idnumber
from swdesk.services.staff import add_staff, all_credentials, list_staff
from swdesk.services.workspace import Workspace


def _reads_of_staff(ws: Workspace, read) -> int:
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    try:
        read()
    finally:
        ws.db.conn.set_trace_callback(None)
    return len([s for s in seen if "FROM staff" in s or "FROM credentials" in s])


def _add(ws: Workspace, name: str, seq: int) -> None:
    add_staff(ws, name=name, id_number=idnumber.make("452822", dt.date(1990, 1, 1), seq))


def test_an_unchanged_file_is_not_read_again(demo_ws: Workspace) -> None:
    first = list_staff(demo_ws)
    assert _reads_of_staff(demo_ws, lambda: (list_staff(demo_ws), all_credentials(demo_ws))) == 1
    assert _reads_of_staff(demo_ws, lambda: (list_staff(demo_ws), all_credentials(demo_ws))) == 0
    again = list_staff(demo_ws)
    assert again == first
    # A copy each time: whoever sorts their list does not sort the one kept.
    again.reverse()
    assert list_staff(demo_ws) == first


def test_a_change_here_is_read(demo_ws: Workspace) -> None:
    before = len(list_staff(demo_ws))
    _add(demo_ws, "新来的", 801)
    assert _reads_of_staff(demo_ws, lambda: list_staff(demo_ws)) == 1
    assert len(list_staff(demo_ws)) == before + 1


def test_a_change_through_another_connection_is_read(demo_ws: Workspace) -> None:
    reader = Workspace.reader(demo_ws.path, clock=demo_ws.clock, user="tester")
    try:
        before = len(list_staff(reader))
        assert _reads_of_staff(reader, lambda: list_staff(reader)) == 0
        _add(demo_ws, "别处录入", 802)
        assert [p.name for p in list_staff(reader)][-1] == "别处录入"
        assert len(list_staff(reader)) == before + 1
    finally:
        reader.close()


def test_inside_a_transaction_nothing_kept_is_used(demo_ws: Workspace) -> None:
    list_staff(demo_ws)
    with demo_ws.db.atomic():
        demo_ws.db.execute("UPDATE staff SET name = '改过' WHERE id = (SELECT MIN(id) FROM staff)")
        assert list_staff(demo_ws)[0].name == "改过"
        demo_ws.db.execute("SAVEPOINT back")
        demo_ws.db.execute("UPDATE staff SET name = '又改' WHERE id = (SELECT MIN(id) FROM staff)")
        assert list_staff(demo_ws)[0].name == "又改"
        demo_ws.db.execute("ROLLBACK TO back")
        demo_ws.db.execute("RELEASE back")
    assert list_staff(demo_ws)[0].name == "改过"
