"""Import a spreadsheet: choose the kind and the file → see the rows and every error by row and
column → import all or nothing. A template of the right shape can be saved from the first step.
Reading and importing run on the worker; the importer itself checks everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import SwdeskError
from swdesk.exchange.headers import KIND_LABELS, KINDS
from swdesk.exchange.preview import shown
from swdesk.exchange.sheets import SourceRow, Table
from swdesk.exchange.templates import write_template
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import show_error
from swdesk.gui.person_tabs import make_table
from swdesk.gui.save_dialog import Format, ask_open_path, ask_save_path
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _
from swdesk.services.imports import ImportPreview, ImportResult, preview_import, run_import

PREVIEW_ROWS = 1000  # rows shown in the preview; the import itself takes them all
_ERROR_ROW = QColor("#fbdcdc")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _shown_cells(table: Table, row: SourceRow, stored: dict[str, object]) -> list[str]:
    """The row as it will be stored (dates as dates, 梁  伟 as 梁伟, 是 as yes); a cell that is
    not imported, or that is wrong, as it is in the file."""
    cells = []
    for column in table.columns:
        name = column.field.name if column.field else None
        if name is not None and name in stored:
            cells.append(shown(name, stored[name]))
        else:
            cells.append(
                _cell(row.values[column.index] if column.index < len(row.values) else None)
            )
    return cells


class ImportWizard(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, kind: str = "staff") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.checked: ImportPreview | None = None
        self.setObjectName("importWizard")
        self.setWindowTitle(_("Import from a spreadsheet"))
        self.setMinimumSize(860, 560)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._choose_page(kind))
        self.stack.addWidget(self._check_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # ------------------------------------------------------------ step 1: what and which file

    def _choose_page(self, kind: str) -> QWidget:
        page = QWidget()
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(_(KIND_LABELS[k]), k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.path = QLineEdit()
        self.path.setPlaceholderText(_("An .xlsx or .csv file"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.template_button = QPushButton(_("Save an empty template…"))
        self.template_button.clicked.connect(self.save_template)
        hint = QLabel(
            _(
                "Start from the template to be sure the columns are read right. Nothing is "
                "written until you have seen the rows and pressed Import."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.next_button = QPushButton(_("Check the file"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.check)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("What to import"), self.kind)
        form.addRow(_("File"), row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _browse(self) -> None:
        path = ask_open_path(
            self, self.ctx.store, _("Choose the file to import"), _("Spreadsheets (*.xlsx *.csv)")
        )
        if path is not None:
            self.path.setText(str(path))

    def save_template(self) -> Path | None:
        kind = self.kind.currentData()
        name = _("Import template - {kind}").format(kind=_(KIND_LABELS[kind]))
        path = ask_save_path(self, self.ctx.store, Format.EXCEL, f"{name}.xlsx")
        if path is None:
            return None
        try:
            written = write_template(kind, path)
        except SwdeskError as exc:
            show_error(self, exc)
            return None
        self.ctx.status.emit(_("Template saved: {path}").format(path=str(written)))
        return written

    # ------------------------------------------------------------ step 2: rows and errors

    def _check_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionTitle")
        self.rows_model = RowsModel(lambda: self._row_headers)
        self._row_headers: list[str] = []
        self.rows_table = make_table(self.rows_model)
        self.errors_model = RowsModel(lambda: [_("Row"), _("Column"), _("Problem")])
        self.errors_table = make_table(self.errors_model)
        self.result_tabs = QTabWidget()
        self.result_tabs.addTab(self.errors_table, _("Errors"))
        self.result_tabs.addTab(self.rows_table, _("Rows"))
        back = QPushButton(_("Back"))
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.import_button = QPushButton(_("Import all"))
        self.import_button.clicked.connect(self.import_all)
        self.done_button = QPushButton(_("Close"))
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.result_tabs, 1)
        layout.addLayout(buttons)
        return page

    def check(self) -> None:
        """Read the file and check every row (a dry run) on the worker."""
        kind, path = self.kind.currentData(), self.path.text().strip()
        if not path:
            self.path.setFocus()
            return

        ops.Read(self.ctx, preview_import, kind, path).with_progress(
            _("Reading {file}…").format(file=Path(path).name)
        ).success(self._show_check).over(self).run()

    def _show_check(self, checked: ImportPreview) -> None:
        self.checked = checked
        result, table = checked.result, checked.table
        bad_rows: dict[int, list[str]] = {}
        for e in result.errors:
            if e.row is not None:
                bad_rows.setdefault(e.row, []).append(e.describe())
        self._row_headers = [_("Row")] + [
            f"{c.letter} {c.header}" + (f" → {c.field.title()}" if c.field else "")
            for c in table.columns
        ]
        stored = dict(result.stored)
        self.rows_model.set_rows(
            [
                Row(
                    [str(r.number)] + _shown_cells(table, r, stored.get(r.number, {})),
                    key=r.number,
                    background=_ERROR_ROW if r.number in bad_rows else None,
                    tooltip="\n".join(bad_rows.get(r.number, [])),
                )
                for r in table.rows[:PREVIEW_ROWS]
            ]
        )
        self.errors_model.set_rows(
            [
                Row(
                    [
                        "" if e.row is None else str(e.row),
                        f"{e.letter} {e.column}".strip(),
                        e.message,
                    ],
                    sort=[e.row or 0, e.letter, e.message],
                )
                for e in result.errors
            ]
        )
        self.summary.setText(
            _("{file}: {rows} rows read, {ok} without problems.").format(
                file=Path(result.source).name, rows=result.rows_read, ok=result.rows_ok
            )
            + "\n"
            + result.summary()
        )
        self.import_button.setEnabled(result.ok)
        self.import_button.setVisible(True)
        self.result_tabs.setCurrentIndex(0 if result.errors else 1)
        self.stack.setCurrentIndex(1)

    # ------------------------------------------------------------ step 3: import

    def import_all(self) -> None:
        if self.checked is None or not self.checked.result.ok:
            return
        kind, path = self.checked.result.kind, self.path.text().strip()
        self.import_button.setEnabled(False)
        ops.Write(self.ctx, run_import, kind, path).with_progress(
            _("Importing {file}…").format(file=Path(path).name)
        ).success(self._imported).over(self).run()

    def _imported(self, result: ImportResult) -> None:
        self.summary.setText(result.summary())
        if not result.ok:
            self._show_check(ImportPreview(self.checked.table, result))  # type: ignore[union-attr]
            return
        self.import_button.setVisible(False)
        self.done_button.setDefault(True)
