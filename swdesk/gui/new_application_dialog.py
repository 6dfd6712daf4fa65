"""Start an application other than the level award (which starts from the eligibility list): an
exam-cost claim, a commendation nomination, or the agency's subsidy for an honour. What the
policy profile offers decides which are there; the claims service checks the rest."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.claims import item_label, label
from swdesk.domain.errors import SwdeskError
from swdesk.domain.levels import Level
from swdesk.domain.staff import Staff
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.gui.form_dialog import FormDialog, FormError, form_buttons
from swdesk.i18n import _
from swdesk.services import claims
from swdesk.services.staff import list_staff

EXAM, NOMINATION, SUBSIDY = "exam", "nomination", "subsidy"


class NewApplicationDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newApplicationDialog")
        self.setWindowTitle(_("New application"))
        self.setMinimumWidth(560)
        profile = ctx.profile
        self.kind = QComboBox()
        self.stack = QStackedWidget()
        if profile.reimbursement is not None:
            self.kind.addItem(_("Exam reimbursement"), EXAM)
            self.stack.addWidget(self._exam_form())
        if profile.commendations:
            self.kind.addItem(_("Commendation nomination"), NOMINATION)
            self.stack.addWidget(self._nomination_form())
        if profile.agency_subsidies:
            self.kind.addItem(_("Agency subsidy"), SUBSIDY)
            self.stack.addWidget(self._subsidy_form())
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        ops.Read(ctx, list_staff, include_left=False).success(self._people).run()
        self.date = date_field(optional=False)
        self.date.setText(ctx.today().isoformat())
        self.error = FormError()
        top = QFormLayout()
        top.addRow(_("Kind"), self.kind)
        top.addRow(_("Person"), self.person)
        top.addRow(_("Date"), self.date)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.person.setEnabled(self.kind.currentData() != SUBSIDY)
        )
        buttons, self.create_button = form_buttons(self, self.save, _("Create draft"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.remember_input()

    def _exam_form(self) -> QWidget:
        rule = self.ctx.profile.reimbursement
        assert rule is not None
        page = QWidget()
        form = QFormLayout(page)
        self.exam_year = QSpinBox()
        self.exam_year.setRange(rule.first_exam_year, self.ctx.today().year)
        self.exam_year.setValue(self.ctx.today().year)
        self.exam_level = QComboBox()
        for level in Level:
            self.exam_level.addItem(level.label(), level.value)
        form.addRow(_("Exam year"), self.exam_year)
        form.addRow(_("Level sat"), self.exam_level)
        self.items: dict[str, QLineEdit] = {}
        for code in rule.codes:
            edit = QLineEdit()
            edit.setPlaceholderText("0.00")
            self.items[code] = edit
            form.addRow(_("{item} (CNY)").format(item=item_label(code, rule)), edit)
        note = QLabel(_("Clause: {clause}").format(clause=rule.clause.ref))
        note.setObjectName("hint")
        form.addRow("", note)
        return page

    def _nomination_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.commendation = QComboBox()
        for c in self.ctx.profile.commendations:
            self.commendation.addItem(f"{label(c)} ({c.clause.ref})", c.code)
        self.reasons = QPlainTextEdit()
        self.reasons.setTabChangesFocus(True)
        self.case_title = QLineEdit()
        form.addRow(_("Commendation"), self.commendation)
        form.addRow(_("Reasons") + " *", self.reasons)
        form.addRow(_("Case title"), self.case_title)
        return page

    def _subsidy_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.honour = QComboBox()
        for s in self.ctx.profile.agency_subsidies:
            self.honour.addItem(f"{label(s)} — {s.amount} CNY ({s.clause.ref})", s.code)
        self.conferred = date_field(optional=False)
        self.honour_document = QLineEdit()
        form.addRow(_("Honour"), self.honour)
        form.addRow(_("Conferred on"), self.conferred)
        form.addRow(_("Document number"), self.honour_document)
        return page

    def _people(self, people: list[Staff]) -> None:
        for p in people:
            self.person.addItem(f"{p.name}  {p.masked_id()}", p.id_number)

    def form_state(self) -> tuple[object, ...]:
        texts = [e.text() for e in getattr(self, "items", {}).values()]
        for name in ("reasons", "case_title", "honour_document", "conferred"):
            widget = getattr(self, name, None)
            if widget is not None:
                texts.append(widget.toPlainText() if name == "reasons" else widget.text())
        return (self.kind.currentData(), self.date.text(), *texts)

    def save(self) -> bool:
        """Create the draft through the claims service; False when the date is not right yet."""
        self.error.hide()
        kind, ctx = self.kind.currentData(), self.ctx
        try:
            on = self.date.value()
            if kind == EXAM:
                op = ops.Write(
                    ctx,
                    claims.create_exam_claim,
                    self.person.currentData() or "",
                    exam_year=self.exam_year.value(),
                    level=Level(self.exam_level.currentData()),
                    items={c: e.text().strip() for c, e in self.items.items()},
                    on=on,
                )
            elif kind == NOMINATION:
                op = ops.Write(
                    ctx,
                    claims.create_nomination,
                    self.person.currentData() or "",
                    self.commendation.currentData(),
                    self.reasons.toPlainText(),
                    case_title=self.case_title.text(),
                    on=on,
                )
            else:
                op = ops.Write(
                    ctx,
                    claims.claim_honour_subsidy,
                    self.honour.currentData(),
                    self.conferred.value(),
                    self.honour_document.text(),
                    on,
                )
        except SwdeskError as exc:
            self.error.show_error(exc)
            return False
        op.success(lambda _changes: self.saved()).failure(self.error.show_error).over(self).run()
        return True
