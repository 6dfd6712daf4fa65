"""Screenshots of every page of the program, on the demo data, in Chinese and English.

    xvfb-run -a python bench/gui_screenshots.py [OUTPUT_FOLDER] [--lang zh_CN|en]

Runs in a real X window under Xvfb (QT_QPA_PLATFORM=xcb), or offscreen when no display is set.
The day is fixed (2026-11-21) so that the pictures do not change from run to run. Settings and data
go to a temporary folder: the user's own are never touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

TODAY = dt.date(2026, 11, 21)


def pause(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(window) -> None:  # noqa: ANN001 - MainWindow
    pause(80)
    while window.tasks.busy():
        pause(40)
    pause(120)


def shoot(widget: QWidget, folder: Path, name: str) -> None:
    pause(60)
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def run(folder: Path, language: str) -> None:
    from swdesk.gui.app import make_application
    from swdesk.gui.main_window import MainWindow
    from swdesk.gui.settings_store import SettingsStore
    from swdesk.i18n import set_language

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="swdesk-shots-"))
    set_language(language)
    store = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    store.language = language
    make_application(store)
    window = MainWindow(store, clock=lambda: TODAY, user="demo", data_dir=work)
    # As the program opens on the screen it finds: maximised on a 1366×768 one (gui/window_fit.py).
    window.show()
    window.start(None)
    pause(300)
    shoot(window, folder, "welcome")
    window.welcome.show_create()
    window.welcome.form.name.setText("港口区阳光社会工作服务中心")
    window.welcome.form.credit_code.setText("52450600MJ012345")
    shoot(window, folder, "create-agency")
    window.welcome.show_choices()

    window.open_demo()
    while window.view is None:
        pause(50)
    settle(window)
    view = window.view

    window.go("dashboard")
    settle(window)
    dash = view.page("dashboard")
    dash.reminder_table.selectRow(0)
    shoot(window, folder, "dashboard")

    window.go("staff")
    settle(window)
    shoot(window, folder, "staff")
    staff = view.page("staff")
    person = window.open_person(staff.model.person(4).id)
    person.resize(820, 640)
    shoot(person, folder, "person")
    person.tabs.setCurrentIndex(1)
    shoot(person, folder, "person-certificates")
    person.tabs.setCurrentWidget(_tab(person, "TrainingTab"))
    pause(200)
    shoot(person, folder, "person-training")
    person.tabs.setCurrentWidget(_tab(person, "RegistrationsTab"))
    pause(200)
    shoot(person, folder, "person-registrations")
    person.done(0)
    bad = window.open_person(None)
    bad.name.setText("黄丽华")
    bad.id_number.setText("450602199005011241")
    bad.hire_date.setText("2026-02-30")
    shoot(bad, folder, "person-new-invalid")
    bad.done(0)  # typed into: close without the question

    window.go("training")
    settle(window)
    training = view.page("training")
    training.events_table.selectRow(0)
    shoot(window, folder, "training-events")
    training.tabs.setCurrentIndex(1)
    shoot(window, folder, "training-compliance")
    from swdesk.gui.training_event_dialog import TrainingEventDialog

    dialog = TrainingEventDialog(window.ctx, None, window)
    dialog.title.setText("社会工作伦理与实务专题培训")
    dialog.hours.setText("6")
    dialog.picker.tick(p.id for p in dialog.picker.model.people[:12])
    dialog.show()
    shoot(dialog, folder, "training-new-event")
    dialog.done(0)

    window.go("grades")
    settle(window)
    grades = view.page("grades")
    # Someone with only the assistant certificate, offered a social-worker post: refused.
    from swdesk.domain.levels import Level

    for n in range(grades.people_proxy.rowCount()):
        if grades.people_proxy.index(n, 2).data() == Level.ASSISTANT.label():
            grades.people_table.selectRow(n)
            break
    grades.grade_combo.setCurrentIndex(grades.grade_combo.findData("SW2"))
    shoot(window, folder, "grades")
    grades.tabs.setCurrentIndex(1)
    shoot(window, folder, "grades-promotable")
    grades.tabs.setCurrentIndex(2)
    shoot(window, folder, "grades-ladder")

    window.go("applications")
    settle(window)
    apps = view.page("applications")
    apps.tabs.setCurrentIndex(1)
    for n in range(apps.elig_model.rowCount()):
        s = apps.elig_model.row_at(n).key
        if s.eligible and s.amount_due > 0:
            apps.elig_table.selectRow(n)
            apps.elig_table.setCurrentIndex(apps.elig_model.index(n, 0))
            break
    shoot(window, folder, "applications-eligible")
    apps.create_level_award()
    settle(window)
    from swdesk.gui import ops
    from swdesk.services import applications as service

    number = apps.apps_model.row_at(0).key.number
    ops.Write(window.ctx, service.submit, number).run()
    ops.Write(window.ctx, service.approve, number, "防城港市民政局").run()
    settle(window)
    apps.select_application(number)
    shoot(window, folder, "applications")

    window.go("printing")
    settle(window)
    printing = view.page("printing")
    printing.select("ce_summary")
    printing.preview()
    settle(window)
    pause(500)
    shoot(window, folder, "printing")

    window.go("settings")
    settle(window)
    shoot(window, folder, "settings")
    interns(window, folder)
    screen_half(window, folder, work)
    corrections(window, folder, work)
    window.close()


def interns(window, folder: Path) -> None:  # noqa: ANN001 - MainWindow
    """The interns page with the base recognised and two interns (the demo data has none)."""
    from swdesk.domain import idnumber
    from swdesk.gui import ops
    from swdesk.services.interns import add_intern, recognise_base

    ctx = window.view.ctx
    ops.Write(ctx, recognise_base, "防城港市人力资源和社会保障局", dt.date(2025, 3, 1)).run()
    for name, birth, school, graduated, started, insured in (
        (
            "李静",
            dt.date(2002, 5, 4),
            "广西民族大学",
            dt.date(2025, 6, 30),
            dt.date(2025, 9, 1),
            False,
        ),
        (
            "黄志强",
            dt.date(2001, 11, 2),
            "广西师范大学",
            dt.date(2024, 6, 30),
            dt.date(2026, 3, 1),
            True,
        ),
    ):
        ops.Write(ctx, add_intern, name=name, id_number=idnumber.make("450602", birth, 31),
                  school=school, graduated_on=graduated, started_on=started, months=6,
                  work_injury_insurance=insured).run()  # fmt: skip
    settle(window)
    window.go("interns")
    settle(window)
    shoot(window, folder, "interns")
    page = window.view.page("interns")
    page.add()
    settle(window)
    from swdesk.gui.intern_dialog import InternDialog

    [dialog] = page.findChildren(InternDialog)
    shoot(dialog, folder, "intern-dialog")
    dialog.done(0)


def _tab(person, kind: str):  # noqa: ANN001, ANN202 - a PersonDialog and its tab
    return next(t for t in person.extra_tabs if type(t).__name__ == kind)


def shoot_screen(folder: Path, name: str) -> None:
    """The whole screen: a menu that is open is a window of its own."""
    from PySide6.QtGui import QGuiApplication

    pause(120)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def corrections(window, folder: Path, work: Path) -> None:  # noqa: ANN001 - MainWindow
    """The correcting dialogs, the Edit menu naming the step to undo, the change log, the list of
    backups to restore from."""
    import csv

    from swdesk.domain import idnumber
    from swdesk.gui import ops
    from swdesk.gui.audit_viewer import AuditViewer
    from swdesk.gui.credential_dialog import CredentialDialog
    from swdesk.gui.restore_dialog import RestoreDialog
    from swdesk.gui.training_event_dialog import TrainingEventDialog
    from swdesk.gui.void_dialog import VoidDialog
    from swdesk.i18n import _
    from swdesk.services import backup
    from swdesk.services.imports import run_import

    view = window.view
    window.go("staff")
    settle(window)
    staff = view.page("staff")
    person = window.open_person(staff.model.person(4).id)
    person.resize(820, 600)
    settle(window)
    record = person.record
    credential = next(c for c in record.credentials if not c.voided)
    editor = CredentialDialog(window.ctx, credential, person)
    editor.number.setText(credential.certificate_number + "1")
    editor.show()
    shoot(editor, folder, "edit-certificate")
    editor.done(0)
    appointments = [a for a in record.appointments if not a.voided]
    if appointments:
        tab = _tab(person, "GradeHistoryTab")
        person.tabs.setCurrentWidget(tab)
        void = VoidDialog(
            person,
            _("Void the appointment"),
            _(
                "Void the appointment of {name} to {grade} from {date}? It stays in the "
                "history, struck through; the grade held before it counts again."
            ).format(
                name=record.staff.name,
                grade=tab.model.index(0, 0).data(),
                date=appointments[-1].appointed_on.isoformat(),
            ),
            _("Void the appointment"),
        )
        void.reason.setText("岗位点错了")
        void.show()
        shoot(void, folder, "void-appointment")
        void.done(0)
        from swdesk.services import grades

        ops.Write(
            window.ctx, grades.void_appointment, record.staff.id_number,
            appointments[-1].appointed_on, "岗位点错了",
        ).run()  # fmt: skip
        settle(window)
        shoot(person, folder, "person-grade-history-voided")
    person.done(0)

    window.go("training")
    settle(window)
    training = view.page("training")
    training.events_table.selectRow(0)
    settle(window)
    dialog = TrainingEventDialog(window.ctx, training.selected_event(), window, correct=True)
    dialog.hours.setText("8")
    dialog.show()
    shoot(dialog, folder, "edit-training")
    dialog.done(0)

    sheet = work / "six.csv"
    with sheet.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "身份证号", "入职日期"])
        for i in range(6):
            number = idnumber.make("450602", dt.date(1996, 4, 1 + i), 170 + i)
            writer.writerow([f"新同事{i + 1}", number, "2026-09-01"])
    ops.Write(window.ctx, run_import, "staff", str(sheet)).run()
    settle(window)
    window.go("staff")
    settle(window)
    menu = window.menuBar().actions()[1].menu()  # Edit
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()) + _offset(window))
    shoot_screen(folder, "undo-menu")
    menu.hide()

    viewer = AuditViewer(window.ctx, window)
    viewer.resize(1100, 640)
    viewer.show()
    settle(window)
    shoot(viewer, folder, "audit-log")
    viewer.done(0)

    ops.Read(window.ctx, backup.backup_now, window.ctx.path).without_file().run()
    settle(window)
    restore = RestoreDialog(window.ctx, window)
    restore.show()
    settle(window)
    shoot(restore, folder, "restore")
    restore.done(0)


def screen_half(window, folder: Path, work: Path) -> None:  # noqa: ANN001 - MainWindow
    """The screen half of issue 14: the staff found by pinyin initials, the user guide at a
    page's section (F1), the photo crop dialog, two applications moved one step at once."""
    from PIL import Image

    from swdesk.domain.applications import Status
    from swdesk.gui.photo_crop_dialog import PhotoCropDialog, read_upright
    from swdesk.gui.step_dialog import StepDialog

    window.go("staff")
    settle(window)
    staff = window.view.page("staff")
    staff.search.setText("hl")
    staff._apply_filter()
    settle(window)
    shoot(window, folder, "staff-pinyin")
    staff.search.setText("")
    staff._apply_filter()

    window.go("applications")
    settle(window)
    viewer = window.show_help()
    viewer.resize(760, 640)
    settle(window)
    shoot(viewer, folder, "help")
    viewer.close()

    picture = work / "photo.jpg"
    image = Image.new("RGB", (900, 1200), (226, 232, 240))
    image.paste((70, 90, 140), (250, 700, 650, 1200))
    image.paste((236, 200, 170), (330, 300, 570, 620))
    image.save(picture)
    crop = PhotoCropDialog(read_upright(picture), None, window)
    crop.size_slider.setValue(70)
    crop.show()
    settle(window)
    shoot(crop, folder, "photo-crop")
    crop.done(0)

    apps = window.view.page("applications")
    apps.tabs.setCurrentIndex(0)
    settle(window)
    chosen = [row.key for row in apps.apps_model.rows() if row.key.status is Status.DRAFT][:2]
    if len(chosen) == 2:
        step = StepDialog(window.ctx, chosen, Status.SUBMITTED, window)
        step.show()
        settle(window)
        shoot(step, folder, "applications-batch-submit")
        step.done(0)


def _offset(window):  # noqa: ANN001, ANN202 - the Edit menu's place in the menu bar
    from PySide6.QtCore import QPoint

    edit = window.menuBar().actions()[1]
    return QPoint(window.menuBar().actionGeometry(edit).x(), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="docs/screenshots")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    run(Path(args.folder) / args.lang, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
