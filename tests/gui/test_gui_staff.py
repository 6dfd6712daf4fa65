"""Staff: adding a person with a bad identity number shows the error as it is typed and on saving;
the table filters as you type, masks identity numbers and stays quick with 20,000 people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui_helpers import count, type_text, wait_idle, write
from PySide6.QtCore import Qt

from swdesk.domain import idnumber
from swdesk.domain.staff import make_staff
from swdesk.gui.staff_model import StaffFilterProxy, StaffTableModel
from swdesk.storage.staff import staff_to_row

GOOD = idnumber.make("452822", dt.date(1990, 5, 1), 124)  # a woman born 1990-05-01
BAD = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")


def test_adding_a_person_with_a_bad_identity_number_shows_the_error(qtbot, agency_window) -> None:
    page = agency_window.view.page("staff")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = agency_window._dialogs[-1]
    assert dialog.windowTitle() == "Add a person"
    assert not dialog.save_button.isEnabled()

    type_text(qtbot, dialog.name.edit, "黄丽华")
    type_text(qtbot, dialog.id_number.edit, BAD[:10])
    assert dialog.id_number.message.text() == "10 of 18 characters typed."
    type_text(qtbot, dialog.id_number.edit, BAD[10:])
    message = dialog.id_number.message.text()
    assert "check character" in message and f"it should be {GOOD[17]}" in message
    assert dialog.id_number.edit.property("invalid") is True
    assert not dialog.save_button.isEnabled()
    assert dialog.tabs.isTabEnabled(0) and not dialog.tabs.isTabEnabled(1)

    dialog.id_number.edit.backspace()
    type_text(qtbot, dialog.id_number.edit, GOOD[17])
    assert dialog.id_number.message.text() == (
        "Valid: born May 1, 1990, female, 广西壮族自治区 防城各族自治县."
    )
    type_text(qtbot, dialog.hire_date.edit, "2026年2月30日")  # no such day
    assert "is not a date" in dialog.hire_date.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.hire_date.setText("2025/3/1")
    assert dialog.save_button.isEnabled()

    # The phone is checked by the staff service on saving: its message is shown.
    type_text(qtbot, dialog.phone, "call me")
    _save(qtbot, agency_window, dialog)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "'call me' is not a phone number."

    dialog.phone.setText("13912345678")
    _save(qtbot, agency_window, dialog)
    assert dialog.windowTitle() == "黄丽华"  # now the person's page, other tabs open
    assert dialog.tabs.isTabEnabled(1)
    dialog.close()
    wait_idle(qtbot, agency_window)
    model = page.proxy
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "黄丽华"
    assert model.index(0, 2).data() == idnumber.mask(GOOD)
    assert GOOD not in [model.index(0, c).data() for c in range(model.columnCount())]
    assert page.count_label.text() == "1 person"


def test_the_same_identity_number_twice_is_refused_by_the_service(qtbot, agency_window) -> None:
    from swdesk.services.staff import add_staff

    write(qtbot, agency_window, add_staff, name="黄丽华", id_number=GOOD)
    dialog = agency_window.open_person(None)
    dialog.name.setText("黄丽")
    dialog.id_number.setText(GOOD)
    _save(qtbot, agency_window, dialog)
    assert dialog.error.text() == (
        f"Identity number {idnumber.mask(GOOD)} is already on the staff list."
    )
    assert dialog.id_number.message.text() == dialog.error.text()


def test_an_unknown_region_is_kept_only_when_the_user_confirms(qtbot, agency_window) -> None:
    from gui_helpers import answer_next_box

    unknown = "110111198012010078"  # 房山区 dates from 1986; born 1980
    dialog = agency_window.open_person(None)
    dialog.name.setText("张三")
    dialog.id_number.setText(unknown)
    hint = dialog.id_number.message.text()
    assert "房山区 (1986–…)" in hint and dialog.id_number.edit.property("invalid") is not True
    seen = answer_next_box("Cancel")
    _save(qtbot, agency_window, dialog)
    qtbot.waitUntil(lambda: bool(seen))
    wait_idle(qtbot, agency_window)
    assert "房山区" in seen[0] and unknown not in seen[0]
    assert "房山区" in dialog.error.text()
    assert count(qtbot, agency_window, "staff") == 0
    seen = answer_next_box("Keep the number")
    _save(qtbot, agency_window, dialog)
    qtbot.waitUntil(lambda: bool(seen))
    wait_idle(qtbot, agency_window)
    assert count(qtbot, agency_window, "staff") == 1
    dialog.close()


def test_a_certificate_is_added_on_the_person_page(qtbot, agency_window) -> None:
    from swdesk.services.staff import add_staff

    changes = write(qtbot, agency_window, add_staff, name="黄丽华", id_number=GOOD)
    dialog = agency_window.open_person(changes.created_id)
    wait_idle(qtbot, agency_window)
    tab = dialog.extra_tabs[0]
    dialog.tabs.setCurrentWidget(tab)
    tab.level.setCurrentIndex(tab.level.findData("social_worker"))
    tab.number.setText("S2020450001")
    tab.obtained.setText("2030-06-20")  # in the future for the fixed today
    tab.add()
    wait_idle(qtbot, agency_window)
    assert tab.error.text() == "The date obtained cannot be in the future."
    assert tab.model.rowCount() == 0
    tab.obtained.setText("2020-06-20")
    tab.add()
    wait_idle(qtbot, agency_window)
    assert tab.model.rowCount() == 1
    assert tab.number.text() == ""  # the form is empty again for the next one
    assert tab.model.index(0, 0).data() == "Social worker"
    wait_idle(qtbot, agency_window)
    page = agency_window.view.page("staff")
    agency_window.go("staff")
    wait_idle(qtbot, agency_window)
    assert page.proxy.index(0, 4).data() == "Social worker"


def test_search_filters_as_you_type(qtbot, demo_window) -> None:
    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("staff")
    total = page.proxy.rowCount()
    assert total == 60
    person = page.model.person(10)
    qtbot.keyClicks(page.search, person.id_number[-6:])
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total)
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert person.name in shown
    assert page.count_label.text() == f"{len(shown)} of 60 shown"
    page.search.clear()
    type_text(qtbot, page.search, person.name)
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total)
    assert all(person.name in page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))


def test_sorting_by_a_column_header(qtbot, demo_window) -> None:
    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("staff")
    page.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # hire date
    hired = [page.proxy.index(r, 6).data() for r in range(page.proxy.rowCount())]
    assert hired == sorted(hired)
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # highest certificate
    first = page.proxy.index(0, 4).data()
    assert first == "Senior social worker"


def _save(qtbot, window, dialog) -> None:
    """Press Save and wait for the staff service's answer."""
    dialog.save()
    wait_idle(qtbot, window)


def _big(ws, n: int) -> None:
    rows = []
    for i in range(n):
        birth = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        number = idnumber.make(f"{450600 + i // 1000:06d}", birth, i % 1000)
        # Made-up region codes: a bulk of numbers, not real people's.
        rows.append(staff_to_row(make_staff(name=f"员工{i:05d}", id_number=number,
                                            today=ws.today(), phone=f"139{i:08d}",
                                            accept_unknown_region=True)))  # fmt: skip
    ws.db["staff"].insert_all(rows)


def test_the_table_holds_and_filters_20000_staff(qtbot, ws) -> None:
    # How fast is bench/ratios.py's to measure (the staff table filled, a keystroke in the
    # filter): a time limit here failed on a loaded machine without anything being wrong.
    from swdesk.services.overviews import staff_table

    _big(ws, 20_000)
    model = StaffTableModel()
    proxy = StaffFilterProxy()
    proxy.setSourceModel(model)
    # What the worker reads for the page (a fixed number of queries), then the model.
    model.set_rows(staff_table(ws), ws.today(), str)
    proxy.refilter()
    assert proxy.rowCount() == 20_000
    assert proxy.index(5, 4).data() == ""
    assert proxy.index(19_999, 5).data() == ""
    proxy.set_text("员工1234")
    shown = sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    assert shown == [f"员工1234{d}" for d in range(10)]


def test_a_certificate_scan_is_attached_and_opened_from_the_person_page(
    qtbot, agency_window, tmp_path, monkeypatch
) -> None:
    import datetime as dt

    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from swdesk.gui.person_activity import AttachmentsTab
    from swdesk.services.staff import add_credential, add_staff

    changes = write(qtbot, agency_window, add_staff, name="黄丽华", id_number=GOOD)
    write(
        qtbot, agency_window, add_credential, GOOD, level="assistant",
        certificate_number="Z2020450001", obtained_on=dt.date(2020, 6, 20),
    )  # fmt: skip
    scan = tmp_path / "证书.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    dialog = agency_window.open_person(changes.created_id)
    wait_idle(qtbot, agency_window)
    [tab] = [t for t in dialog.extra_tabs if isinstance(t, AttachmentsTab)]
    dialog.tabs.setCurrentWidget(tab)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Z2020450001", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    assert tab.attach_scan() is True
    wait_idle(qtbot, agency_window)
    assert tab.model.rowCount() == 1
    assert [tab.model.index(0, c).data() for c in range(3)] == [
        "证书.png", "Certificate Z2020450001", "Certificate scan",
    ]  # fmt: skip
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert tab.open_file(tab.model.index(0, 0)) is True
    wait_idle(qtbot, agency_window)
    assert opened and opened[0].toLocalFile() != str(scan)
    assert Path(opened[0].toLocalFile()).read_bytes() == scan.read_bytes()


def test_names_sort_by_pinyin_as_printouts_do(qtbot, demo_window) -> None:
    from swdesk.i18n.collate import name_key

    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("staff")
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names[0] == "阿依古丽·买买提"  # a-, before every surname the dice gave
    assert names == sorted(names, key=name_key)
    surnames = [n[0] for n in names if "·" not in n]
    assert surnames.index("陈") < surnames.index("黄") < surnames.index("李") < surnames.index("张")


def test_the_window_and_the_printouts_put_chinese_names_in_one_order() -> None:
    from swdesk.gui.collation import text_key
    from swdesk.i18n.collate import name_key

    names = ["张三", "阿依古丽·买买提", "陈思琪", "Zoe Li", "曾磊", "黄丽华", "anne", "吕红"]
    names += ["卢伟", "黎明", "李", "李明", "理想", "覃秀英", "唐明辉", "扎西·多吉", "周美玲"]
    assert sorted(names, key=text_key) == sorted(names, key=name_key)
