"""A person's registration history on their page: each registration period of their
certificates, the hours done in it against the hours required, a lapse before it, and a
re-registration made with the hours short with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from swdesk.domain.training import hours_text
from swdesk.gui.context import AppContext
from swdesk.gui.person_tabs import PersonTab, make_table
from swdesk.gui.table_model import Row, RowsModel
from swdesk.i18n import _, format_date
from swdesk.i18n.reasons import describe, describe_all
from swdesk.services.registration_history import registration_history


class RegistrationsTab(PersonTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RowsModel(
            lambda: [
                _("Certificate"),
                _("Registration"),
                _("From"),
                _("To"),
                _("Hours"),
                _("Note"),
            ]  # fmt: skip
        )
        self.table = make_table(self.model)
        hint = QLabel(_("Registrations are recorded on the Continuing education page."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def title(self) -> str:
        return _("Registrations")

    def refresh(self) -> None:
        assert self.person is not None and self.person.id is not None
        rules = self.ctx.ws.profile.registration
        clause = rules.clause.ref if rules else ""
        rows = []
        for item in registration_history(self.ctx.ws, self.person.id):
            p, hours = item.period, item.hours
            rows.append(
                Row(
                    [
                        item.credential.certificate_number,
                        p.kind.label(),
                        format_date(p.start, "iso"),
                        format_date(p.ends, "iso"),
                        f"{hours_text(hours.hours.total)}/{hours_text(hours.required)}"
                        if hours is not None and hours.required is not None
                        else "",
                        describe_all(p.notes(clause)),
                    ],
                    tooltip=describe(hours.reason) if hours is not None else "",
                )
            )
        self.model.set_rows(rows)
