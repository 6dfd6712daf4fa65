"""Submitting a year to the level above (报送): an agency's file for its civil-affairs bureau, or
a bureau's own for the bureau above it. The year and where to save the file are asked for; the
file is made on the worker, and what went into it is said when it is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import inform
from swdesk.gui.save_dialog import (
    Format,
    ask_open_paths,
    ask_save_path,
    remember_folder,
    suggested_path,
)
from swdesk.i18n import _
from swdesk.services.bureau_submit import submit_up
from swdesk.services.returns import import_return as import_return_file
from swdesk.services.submission import make_submission


class SubmitDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bureau = bureau = ctx.facts.kind == "bureau"
        self.setWindowTitle(_("Submit to the level above") if bureau else _("Submit to the bureau"))
        today = ctx.today()
        self.year = QSpinBox()
        self.year.setRange(2008, today.year)
        self.year.setValue(today.year)
        self.path = QLineEdit()
        self.year.valueChanged.connect(self._suggest)
        self._suggest()
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        explain = QLabel(
            _(
                "One file with the agencies' records of the year as they came (each keeps its "
                "agency and submission), the decisions taken on their claims, and this bureau's "
                "tables as PDF and Excel. Send it to the bureau above."
            )
            if bureau
            else _(
                "One file for the civil-affairs bureau: the staff of the year with their "
                "certificates, the continuing-education results with their hours, every claim "
                "submitted in the year with its steps, and the same tables as PDF and Excel. "
                "Nothing else of the data file goes with it."
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("hint")
        form = QFormLayout()
        form.addRow(_("Year"), self.year)
        form.addRow(_("Save as"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Make the file"))
        buttons.accepted.connect(self._make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _suggest(self) -> None:
        name = _("{owner} {year} submission.zip").format(
            owner=self.ctx.facts.owner, year=self.year.value()
        )
        self.path.setText(str(suggested_path(self.ctx.store, Format.EXCHANGE, name)))

    def _browse(self) -> None:
        path = ask_save_path(
            self, self.ctx.store, Format.EXCHANGE, self.path.text(), _("Save the submission file")
        )
        if path is not None:
            self.path.setText(str(path))

    def _make(self) -> None:
        if not self.path.text().strip():
            return
        year, path = self.year.value(), Path(self.path.text().strip())
        remember_folder(self.ctx.store, path)

        def done(made: Any) -> None:
            inform(self, self.windowTitle(), made.changes.message)
            self.accept()

        # The file goes out and cannot be taken back: the write is the audit log's line only,
        # with no undo step.
        make = submit_up if self.bureau else make_submission
        ops.Write(self.ctx, make, year, path).with_progress(_("Making the file…")).success(
            done
        ).over(self).run()


def import_return(ctx: AppContext, parent: QWidget) -> None:
    """The agency imports its bureau's return file: the claims not approved get their step."""
    chosen = ask_open_paths(
        parent, ctx.store, Format.EXCHANGE, _("Import the bureau's return file")
    )
    if not chosen:
        return
    path = chosen[0]

    ops.Write(ctx, import_return_file, path).success(
        lambda result: inform(parent, _("Return file imported"), result.changes.message)
    ).over(parent).run()
