"""Print and reports: every form of the printing services with a preview inside the program,
printing to a printer (on a thread of its own, with progress and Cancel), saving as PDF or as
an editable Word copy, and the bureau's workbooks saved as .xlsx, under names that say what they
hold — and the submission to the level above (报送民政部门, or a bureau's own 向上级报送). A
bureau's file shows the bureau's reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.applications import Status
from swdesk.domain.errors import SwdeskError
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.messages import error_text
from swdesk.gui.pages.page import Page
from swdesk.gui.pdf_preview import PdfPreview
from swdesk.gui.print_actions import print_document, save_document
from swdesk.gui.print_job import PrintJob
from swdesk.gui.report_specs import REPORTS, ReportSpec, default_period
from swdesk.gui.save_dialog import Format
from swdesk.gui.submission_dialog import SubmitDialog, import_return
from swdesk.gui.tasks import Cancelled
from swdesk.i18n import _, ngettext
from swdesk.services.changes import Area
from swdesk.services.overviews import print_choices
from swdesk.services.printing import with_font


class PrintingPage(Page):
    key = "printing"
    areas = frozenset({Area.STAFF, Area.APPLICATIONS, Area.SETTINGS, Area.SUBMISSIONS})

    def __init__(self, ctx: AppContext, reports: tuple[ReportSpec, ...] = REPORTS) -> None:
        super().__init__(ctx)
        self.specs = reports
        self.bureau = ctx.facts.kind == "bureau"
        title = QLabel(_("Print and reports"))
        title.setObjectName("pageTitle")
        self.reports = QListWidget()
        self.reports.setObjectName("reportList")
        self.reports.setWordWrap(True)
        for spec in reports:
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.reports.addItem(item)
        self.reports.currentRowChanged.connect(self._report_chosen)

        today = ctx.today()
        self.year = QSpinBox()
        self.year.setRange(2008, today.year + 1)
        self.year.setValue(today.year)
        start, end = default_period(today)
        self.start = date_field(optional=False)
        self.start.setText(start.isoformat())
        self.end = date_field(optional=False)
        self.end.setText(end.isoformat())
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.application = QComboBox()
        self.status = QComboBox()
        for status in (Status.SUBMITTED, Status.APPROVED, Status.DRAFT):
            self.status.addItem(status.label(), status.value)
        self.params = QFormLayout()
        self._rows: dict[str, QWidget] = {
            "year": self.year,
            "start": self.start,
            "end": self.end,
            "person": self.person,
            "application": self.application,
            "status": self.status,
        }
        labels = {
            "year": _("Year"),
            "start": _("From"),
            "end": _("To"),
            "person": _("Person"),
            "application": _("Application"),
            "status": _("Step"),
        }
        for key, widget in self._rows.items():
            self.params.addRow(labels[key], widget)

        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setDefault(True)
        self.print_button = QPushButton(_("Print…"))
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.word_button = QPushButton(_("Save as Word…"))
        self.excel_button = QPushButton(_("Save as Excel…"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(lambda: self._save(Format.PDF))
        self.word_button.clicked.connect(lambda: self._save(Format.WORD))
        self.excel_button.clicked.connect(lambda: self._save(Format.EXCEL))
        self.print_job: PrintJob | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("hint")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.reports, 1)
        left_layout.addLayout(self.params)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        left_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.pdf_button)
        more.addWidget(self.word_button)
        more.addWidget(self.excel_button)
        left_layout.addLayout(more)
        left_layout.addWidget(self.message)
        reporting = QGroupBox(
            _("Submit to the level above")
            if self.bureau
            else _("Submit to the civil-affairs bureau")
        )
        send = QHBoxLayout(reporting)
        self.submit_button = QPushButton(
            _("Submit to the level above…") if self.bureau else _("Submit to the bureau…")
        )
        self.submit_button.clicked.connect(self.submit)
        send.addWidget(self.submit_button)
        if not self.bureau:
            self.return_button = QPushButton(_("Import a return file…"))
            self.return_button.clicked.connect(lambda: import_return(self.ctx, self))
            send.addWidget(self.return_button)
        left_layout.addWidget(reporting)
        self.pdf = PdfPreview()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pdf)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        self.reports.setCurrentRow(0)

    # ------------------------------------------------------------ choices

    def refresh(self) -> None:
        if any({"person", "application"} & set(spec.asks) for spec in self.specs):
            ops.Read(self.ctx, print_choices).success(self._fill_choices).run()

    def submit(self) -> SubmitDialog:
        dialog = SubmitDialog(self.ctx, self)
        dialog.open()
        return dialog

    def _fill_choices(self, result: tuple[list, list]) -> None:
        people, applications = result
        chosen = self.person.currentData()
        self.person.clear()
        for p in people:
            self.person.addItem(f"{p.name}  {p.masked_id()}", p.id_number)
        if chosen:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        chosen = self.application.currentData()
        self.application.clear()
        for a in applications:
            self.application.addItem(
                f"{a.number}  {a.person}  {a.kind.label()}  ({a.status.label()})", a.number
            )
        if chosen:
            self.application.setCurrentIndex(max(0, self.application.findData(chosen)))

    def spec(self) -> ReportSpec:
        return self.specs[max(0, self.reports.currentRow())]

    def _report_chosen(self, _row: int) -> None:
        spec = self.spec()
        for key, widget in self._rows.items():
            self.params.setRowVisible(widget, key in spec.asks)
        self.excel_button.setVisible(spec.excel is not None)
        self.pdf.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.pdf.data)
        self.print_button.setEnabled(has)
        self.pdf_button.setEnabled(has)
        self.word_button.setEnabled(has)

    def select(self, key: str) -> None:
        keys = [spec.key for spec in self.specs]
        self.reports.setCurrentRow(keys.index(key))

    def values(self) -> dict[str, Any]:
        """What the chosen report asks for; raises SwdeskError when a date or choice is missing."""
        spec = self.spec()
        out: dict[str, Any] = {}
        for key in spec.asks:
            if key == "year":
                out[key] = self.year.value()
            elif key in ("start", "end"):
                out[key] = self._rows[key].value()  # type: ignore[attr-defined]
            else:
                combo: QComboBox = self._rows[key]  # type: ignore[assignment]
                if combo.currentData() is None:
                    raise SwdeskError(
                        _("Choose a person first.")
                        if key == "person"
                        else _("There is no application to print yet.")
                    )
                out[key] = combo.currentData()
        return out

    # ------------------------------------------------------------ making the PDF

    def preview(self) -> None:
        spec = self.spec()
        try:
            params = self.values()
        except SwdeskError as exc:
            self._say(str(exc), error=True)
            return
        font = self.ctx.store.print_font or None
        self._say(_("Preparing…"))
        op = ops.Read(self.ctx, with_font, font, spec.pdf, *spec.args(params))
        if spec.long:
            op = op.with_progress(
                _("Preparing {title}…").format(title=_(spec.title)),
                cancellable=spec.reporting,
                reporting=spec.reporting,
            )
        op.success(self._show).failure(self._failed).run()

    def _show(self, data: bytes) -> None:
        pages = self.pdf.show_pdf(data)
        self._say(ngettext("{pages} page.", "{pages} pages.", pages).format(pages=pages))
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        self.pdf.clear()
        self._update_buttons()
        self._say(error_text(exc), error=not isinstance(exc, Cancelled))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("formError" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _print(self) -> None:
        if self.pdf.data:
            self.print_job = print_document(
                self, self.pdf.data, self.pdf.page_count(), _(self.spec().title), self._say
            )

    def _save(self, fmt: Format) -> None:
        """Save the report as PDF (what is previewed), as a Word copy or as the bureau's
        workbook, under a name that says what it holds."""
        spec = self.spec()
        if fmt is Format.EXCEL and spec.excel is None:
            return
        try:
            params = self.values()
        except SwdeskError as exc:
            self._say(str(exc), error=True)
            return
        save_document(self.ctx, self, spec, params, fmt, self._say, self.pdf.data)
