"""The tabs of a person's page that show what they did and were paid: training of the year with
their compliance (an attendee's own hours corrected here), their applications, their award
payments (an imported one voided here) and their files."""

from __future__ import annotations

from pathlib import Path

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
from swdesk.domain.awards import award_label
from swdesk.domain.training import form_label, hours_text
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.person_tabs import PersonTab, make_table, voided_text
from swdesk.gui.row_actions import RowAction, row_actions
from swdesk.gui.table_model import KeyRole, Row, RowsModel
from swdesk.gui.void_dialog import ask_reason
from swdesk.i18n import _, format_date, format_number
from swdesk.i18n.reasons import describe
from swdesk.services import attachments as attachment_service
from swdesk.services import payments
from swdesk.services import training_corrections as corrections
from swdesk.services.payments import PaymentRecord


class TrainingTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = parent
        self.year = QSpinBox()
        self.year.setRange(2008, ctx.today().year)
        self.year.setValue(ctx.today().year)
        self.year.setPrefix(_("Year") + " ")
        self.year.valueChanged.connect(lambda value: self.dialog.set_year(value))  # type: ignore[union-attr]
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("clauseText")
        self.model = RowsModel(lambda: [_("Title"), _("Form"), _("Ends on"), _("Hours")])
        self.table = make_table(self.model)
        self.actions = row_actions(self.table, edit=RowAction(_("Correct the hours…"), self.hours))
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions.buttons())

    def title(self) -> str:
        return _("Training")

    def refresh(self) -> None:
        assert self.record is not None
        record = self.record
        self.model.set_rows(
            [
                Row(
                    [a["title"], form_label(a["form"]), a["end_date"], hours_text(a["hours"])],
                    key=a,
                )
                for a in record.training
            ]
        )
        self.actions.update_buttons()
        mine = record.compliance
        if mine is None:
            self.summary.setText(
                record.ce_problem
                or _("No requirement and no hours in {year}.").format(year=record.year)
            )
            return
        self.summary.setText(
            _(
                "{status}: {hours} of {required} hours counted by {date}. {reason} ({clause})"
            ).format(
                status=mine.status.label(),
                hours=hours_text(mine.hours.total),
                required=hours_text(mine.required) or "—",
                date=format_date(record.as_of),
                reason=describe(mine.reason),
                clause=mine.clause.ref,
            )
        )

    def hours(self, attended: dict) -> bool:
        assert self.record is not None
        text, ok = QInputDialog.getText(
            self,
            _("Correct the hours"),
            _("Hours of {name} at {title} (at most {most}):").format(
                name=self.record.staff.name,
                title=attended["title"],
                most=hours_text(attended["event_hours"]),
            ),
            text=hours_text(attended["hours"]),
        )
        if not ok:
            return False
        ops.Write(
            self.ctx,
            corrections.set_attendee_hours,
            attended["event_id"],
            self.record.staff.id_number,
            text,
        ).over(self).run()
        return True


class ApplicationsTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [_("Number"), _("Kind"), _("Amount (CNY)"), _("Status"), _("Last step")]
        )
        self.table = make_table(self.model)
        row_actions(self.table, edit=RowAction(_("Open"), self._open))
        hint = QLabel(_("Double-click an application to see it on the Awards page."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def title(self) -> str:
        return _("Applications")

    def refresh(self) -> None:
        assert self.record is not None
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
                )  # fmt: skip
                for a in self.record.applications
            ]
        )

    def _open(self, number: str) -> None:
        self.ctx.show_page.emit("applications")
        view = getattr(self.ctx.window, "view", None)
        if view is not None:
            view.page("applications").select_application(number)
        self.window().close()


class PaymentsTab(PersonTab):
    """Award payments: imported from before the program, or paid through an application."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [
                _("Award"),
                _("Level"),
                _("Amount (CNY)"),
                _("Paid on"),
                _("Source"),
                _("Voided"),
            ]  # fmt: skip
        )
        self.table = make_table(self.model)
        self.actions = row_actions(
            self.table,
            void=RowAction(_("Void…"), self.void, lambda p: not p.voided and p.source == "import"),
        )
        hint = QLabel(
            _(
                "An imported payment entered by mistake is voided here; a payment made through "
                "an application is taken back by undoing its payment step."
            )  # fmt: skip
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions.buttons())
        layout.addWidget(hint)

    def title(self) -> str:
        return _("Payments")

    def refresh(self) -> None:
        assert self.record is not None
        self.model.set_rows(
            [
                Row(
                    [
                        award_label(p.award),
                        p.level.label() if p.level else "",
                        format_number(p.amount),
                        p.paid_on.isoformat(),
                        _("Application {number}").format(number=p.application)
                        if p.application
                        else _("imported"),
                        voided_text(p.voided_on, p.void_reason) if p.voided else "",
                    ],
                    key=p,
                    struck=p.voided,
                )  # fmt: skip
                for p in self.record.payments
            ]
        )
        self.actions.update_buttons()

    def void(self, payment: PaymentRecord) -> bool:
        reason = ask_reason(
            self,
            _("Void the payment"),
            _(
                "Void the payment of {amount} CNY to {name} on {date}? It stays in the record, "
                "struck through, and counts as never paid."
            ).format(
                amount=format_number(payment.amount),
                name=payment.name,
                date=payment.paid_on.isoformat(),
            ),
            _("Void the payment"),
        )
        if reason is None:
            return False
        ops.Write(self.ctx, payments.void_payment, payment.id, reason).over(self).run()
        return True


class AttachmentsTab(PersonTab):
    """Scans of the person's certificates and the files of their applications, opened with the
    program the computer uses for them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(lambda: [_("File"), _("Belongs to"), _("Kind"), _("Added")])
        self.table = make_table(self.model)
        row_actions(self.table, edit=RowAction(_("Open"), self._open_file))
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
        assert self.record is not None
        self.model.set_rows(
            [
                Row([a.original_name, a.owner, _kind_label(a.kind), a.added_at[:10]], key=a.id)
                for a in self.record.attachments
            ]
        )

    def attach_scan(self) -> bool:
        assert self.record is not None
        numbers = [c.certificate_number for c in self.record.credentials if not c.voided]
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
        ops.Write(self.ctx, attachment_service.attach_certificate_scan, number, path).over(
            self
        ).run()
        return True

    def open_file(self, index: QModelIndex) -> bool:
        if not index.isValid():
            return False
        self._open_file(index.data(KeyRole))
        return True

    def _open_file(self, attachment_id: int) -> None:
        # The store checks the file is there and unaltered before it is opened.
        open_stored_file(self.ctx, attachment_id, self.message.setText)


def open_stored_file(ctx: AppContext, attachment_id: int, say: object) -> None:
    """Open an attached file with the program the computer uses for it; a missing or altered
    file is said with ``say`` (a label's setText)."""
    ops.Read(ctx, attachment_service.open_attachment, attachment_id).success(
        lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))
    ).failure(lambda exc: say(str(exc))).run()  # type: ignore[operator]


def _kind_label(kind: str) -> str:
    return _("Certificate scan") if kind == attachment_service.CERTIFICATE_SCAN else kind


def activity_tabs(ctx: AppContext, parent: QWidget) -> list[PersonTab]:
    return [
        TrainingTab(ctx, parent),
        ApplicationsTab(ctx, parent),
        PaymentsTab(ctx, parent),
        AttachmentsTab(ctx, parent),
    ]
