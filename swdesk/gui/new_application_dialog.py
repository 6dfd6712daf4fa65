"""Start an application other than the level award (which starts from the eligibility list): an
exam-cost claim, a commendation nomination, or the agency's subsidy for an honour. What the
policy profile offers decides which are there; the claims service checks the rest."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from swdesk.gui.context import AppContext
from swdesk.gui.fields import date_field
from swdesk.i18n import _
from swdesk.services import awards, claims
from swdesk.services.staff import list_staff

EXAM, NOMINATION, SUBSIDY = "exam", "nomination", "subsidy"


class NewApplicationDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newApplicationDialog")
        self.setWindowTitle(_("New application"))
        self.setMinimumWidth(560)
        profile = ctx.ws.profile
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
        for p in list_staff(ctx.ws, include_left=False):
            self.person.addItem(f"{p.name}  {p.masked_id()}", p.id_number)
        self.date = date_field(optional=False)
        self.date.setText(ctx.today().isoformat())
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        top = QFormLayout()
        top.addRow(_("Kind"), self.kind)
        top.addRow(_("Person"), self.person)
        top.addRow(_("Date"), self.date)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.person.setEnabled(self.kind.currentData() != SUBSIDY)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(
            _("Create draft"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _exam_form(self) -> QWidget:
        rule = self.ctx.ws.profile.reimbursement
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
        for c in self.ctx.ws.profile.commendations:
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
        for s in self.ctx.ws.profile.agency_subsidies:
            self.honour.addItem(f"{label(s)} — {s.amount} CNY ({s.clause.ref})", s.code)
        self.conferred = date_field(optional=False)
        self.honour_document = QLineEdit()
        form.addRow(_("Honour"), self.honour)
        form.addRow(_("Conferred on"), self.conferred)
        form.addRow(_("Document number"), self.honour_document)
        return page

    def _honour_id(self) -> int:
        """The honour the subsidy is for: one recorded earlier without a claim yet, else
        recorded now (its own step in the audit log; a failed claim can then be retried)."""
        code, conferred = self.honour.currentData(), self.conferred.value()
        for honour in awards.list_honours(self.ctx.ws):
            if honour.code == code and honour.conferred_on == conferred and not honour.application:
                return honour.id
        recorded = awards.record_honour(self.ctx.ws, code, conferred, self.honour_document.text())
        self.ctx.announce(recorded)
        return recorded.created_id  # type: ignore[return-value]

    def save(self) -> bool:
        self.error.hide()
        ws, kind = self.ctx.ws, self.kind.currentData()
        try:
            on = self.date.value()
            if kind == EXAM:
                changes = claims.create_exam_claim(
                    ws,
                    self.person.currentData() or "",
                    exam_year=self.exam_year.value(),
                    level=Level(self.exam_level.currentData()),
                    items={c: e.text().strip() for c, e in self.items.items()},
                    on=on,
                )
            elif kind == NOMINATION:
                changes = claims.create_nomination(
                    ws,
                    self.person.currentData() or "",
                    self.commendation.currentData(),
                    self.reasons.toPlainText(),
                    case_title=self.case_title.text(),
                    on=on,
                )
            else:
                changes = claims.create_subsidy(ws, self._honour_id(), on)
        except SwdeskError as exc:
            from swdesk.gui.messages import error_text

            self.error.setText(error_text(exc))
            self.error.show()
            return False
        self.ctx.announce(changes)
        self.accept()
        return True
