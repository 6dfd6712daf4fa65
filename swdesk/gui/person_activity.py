"""The tabs of a person's page that show what they did and asked for: training of the year with
their compliance, their applications, and the files attached to those applications."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import money_text
from swdesk.domain.errors import SwdeskError
from swdesk.domain.training import form_label, hours_text
from swdesk.gui.context import AppContext
from swdesk.gui.person_tabs import PersonTab, make_table
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe
from swdesk.services import applications, training
from swdesk.services import attachments as attachment_service
from swdesk.services import staff as staff_service
from swdesk.services.ce_report import ce_report


class TrainingTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.year = QSpinBox()
        self.year.setRange(2008, ctx.today().year)
        self.year.setValue(ctx.today().year)
        self.year.setPrefix(_("Year") + " ")
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("clauseText")
        self.model = RowsModel(lambda: [_("Title"), _("Form"), _("Ends on"), _("Hours")])
        self.table = make_table(self.model)
        self.degree_button = QPushButton(_("Record a completed degree…"))
        self.degree_button.setEnabled(not ctx.ws.read_only and ctx.ws.profile.degree is not None)
        self.degree_button.clicked.connect(self.add_degree)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.degree_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return _("Training")

    def add_degree(self) -> None:
        from swdesk.gui.degree_dialog import DegreeDialog

        if self.person is not None:
            DegreeDialog(self.ctx, self.person, self).open()

    def refresh(self) -> None:
        assert self.person is not None
        ws, year, staff_id = self.ctx.ws, self.year.value(), self.person.id
        rows = []
        for summary in training.list_events(ws, year):
            for a in training.attendees_of(ws, summary.event.id):  # type: ignore[arg-type]
                if a["staff_id"] == staff_id:
                    e = summary.event
                    rows.append(
                        Row(
                            [e.title, form_label(e.form), e.end.isoformat(), hours_text(a["hours"])]
                        )
                    )
        self.model.set_rows(rows)
        try:
            report = ce_report(ws, year)
        except SwdeskError as exc:
            self.summary.setText(str(exc))
            return
        mine = next((r.result for r in report.rows if r.staff.id == staff_id), None)
        if mine is None:
            self.summary.setText(_("No requirement and no hours in {year}.").format(year=year))
            return
        self.summary.setText(
            _(
                "{status}: {hours} of {required} hours counted by {date}. {reason} ({clause})"
            ).format(
                status=mine.status.label(),
                hours=hours_text(mine.hours.total),
                required=hours_text(mine.required) or "—",
                date=format_date(report.as_of),
                reason=describe(mine.reason),
                clause=mine.clause.ref,
            )
        )


class ApplicationsTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [_("Number"), _("Kind"), _("Amount (CNY)"), _("Status"), _("Last step")]
        )
        self.table = make_table(self.model)
        self.table.activated.connect(self._open)
        hint = QLabel(_("Double-click an application to see it on the Awards page."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def title(self) -> str:
        return _("Applications")

    def refresh(self) -> None:
        assert self.person is not None
        apps = applications.list_applications(self.ctx.ws, staff_id=self.person.id)
        self.model.set_rows(
            [
                Row(
                    [
                        a.number,
                        a.kind.label(),
                        money_text(a.amount),
                        a.status.label(),
                        a.last_date.isoformat(),
                    ],
                    key=a.number,
                )
                for a in apps
            ]
        )

    def _open(self, index: QModelIndex) -> None:
        number = index.data(KeyRole)
        self.ctx.show_page.emit("applications")
        view = getattr(self.ctx.window, "view", None)
        if view is not None:
            view.page("applications").select_application(number)
        self.window().close()


class AttachmentsTab(PersonTab):
    """Scans of the person's certificates and the files of their applications, opened with the
    program the computer uses for them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(lambda: [_("File"), _("Belongs to"), _("Kind"), _("Added")])
        self.table = make_table(self.model)
        self.table.activated.connect(self.open_file)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(lambda: self.open_file(self.table.currentIndex()))
        self.attach_button = QPushButton(_("Attach a certificate scan…"))
        self.attach_button.clicked.connect(self.attach_scan)
        self.message = QLabel(
            _("Receipts and documents are attached to an application on the Awards page.")
        )
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def title(self) -> str:
        return _("Attachments")

    def refresh(self) -> None:
        assert self.person is not None
        rows = [
            Row([a.original_name, a.owner, _kind_label(a.kind), a.added_at[:10]], key=a.id)
            for a in attachment_service.person_attachments(self.ctx.ws, self.person.id)
        ]
        self.model.set_rows(rows)

    def attach_scan(self) -> bool:
        assert self.person is not None
        numbers = [
            c.certificate_number for c in staff_service.credentials_of(self.ctx.ws, self.person.id)
        ]
        if not numbers:
            self.message.setText(_("Record a certificate first; then its scan can be kept here."))
            return False
        number, ok = QInputDialog.getItem(
            self, _("Certificate scan"), _("Which certificate is it?"), numbers, 0, False
        )
        if not ok:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the scan"), "", _("Scans (*.jpg *.jpeg *.png *.pdf);;All files (*)")
        )
        if not path:
            return False
        changes = self.ctx.perform(
            attachment_service.attach_certificate_scan, number, path, parent=self
        )
        if changes is None:
            return False
        self.refresh()
        return True

    def open_file(self, index: QModelIndex) -> bool:
        if not index.isValid():
            return False
        try:
            # The store checks the file is there and unaltered before it is opened.
            path = attachment_service.open_attachment(self.ctx.ws, index.data(KeyRole))
        except SwdeskError as exc:
            self.message.setText(str(exc))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _kind_label(kind: str) -> str:
    return _("Certificate scan") if kind == attachment_service.CERTIFICATE_SCAN else kind


def activity_tabs(ctx: AppContext, parent: QWidget) -> list[PersonTab]:
    return [TrainingTab(ctx, parent), ApplicationsTab(ctx, parent), AttachmentsTab(ctx, parent)]
