"""Reads the user waits for have a read-only connection of their own (issue 17): a page being
opened does not queue behind the dashboard's long work, a read asked for after a write sees it,
and a read that notes something in the change log (whole numbers saved) goes to the writer."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from gui_helpers import wait_idle
from PySide6.QtWidgets import QMessageBox

from swdesk.gui import ops
from swdesk.services.reminders import register_provider, unregister_provider
from swdesk.storage import settings


class HeldProvider:
    """A reminder provider that, once armed, holds its run until released (at most 20 s): the
    dashboard's rules of a very large agency."""

    def __init__(self) -> None:
        self.armed = False
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, _ws, _as_of) -> list:
        if self.armed:
            self.started.set()
            self.release.wait(20)
        return []


@pytest.fixture
def held() -> Iterator[HeldProvider]:
    provider = HeldProvider()
    register_provider("held test provider", provider)
    yield provider
    provider.release.set()
    unregister_provider("held test provider")


def test_a_page_opens_while_the_dashboard_still_gathers_its_reminders(
    qtbot, demo_window, held
) -> None:
    demo_window.go("dashboard")
    wait_idle(qtbot, demo_window)
    dashboard = demo_window.view.page("dashboard")
    assert "staff" not in demo_window.view.pages  # its list is read when it is first shown
    held.armed = True
    dashboard.refresh()
    qtbot.waitUntil(held.started.is_set, timeout=10000)

    demo_window.go("staff")
    staff = demo_window.view.page("staff")
    # The staff list is there while the dashboard's rules are still at work (held for 20 s).
    qtbot.waitUntil(lambda: staff.model.rowCount() > 0, timeout=5000)
    assert dashboard.busy() and not held.release.is_set()

    held.release.set()
    wait_idle(qtbot, demo_window, timeout=15000)
    assert not dashboard.busy()
    assert not [b for b in demo_window.findChildren(QMessageBox) if b.isVisible()]


def test_a_read_asked_for_after_a_write_sees_what_the_write_did(qtbot, demo_window) -> None:
    go_on = threading.Event()
    seen: list[object] = []

    def slow_write(ws) -> None:
        go_on.wait(10)
        with ws.db.conn:
            settings.put(ws.db, "test.note", "written")

    ops.Write(demo_window.ctx, slow_write).run()
    # Asked for while the write still waits: on the pages' reader it would find nothing yet.
    ops.Read(demo_window.ctx, lambda ws: settings.get(ws.db, "test.note")).success(
        seen.append
    ).run()
    go_on.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    wait_idle(qtbot, demo_window)
    assert seen == ["written"]

    # With no write pending, reads go to the reader again and see what was committed.
    ops.Read(demo_window.ctx, lambda ws: settings.get(ws.db, "test.note")).success(
        seen.append
    ).run()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
    assert seen[-1] == "written"


def test_the_pages_reader_sees_a_new_profile_once_the_change_is_saved(qtbot, demo_window) -> None:
    from gui_helpers import read, write

    from swdesk.services.agency import update_agency

    before = read(qtbot, demo_window, lambda ws: ws.profile.id)
    other = "beijing-2017" if before != "beijing-2017" else "fangchenggang-2023"
    write(qtbot, demo_window, update_agency, profile_id=other)
    # The reader read the profile before: it must not keep the one the file no longer has.
    assert read(qtbot, demo_window, lambda ws: ws.profile.id) == other
