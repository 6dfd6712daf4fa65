"""The application form for the professional-level award (专业水平提升奖励申请表, FCG-2023 (十二)):
the applicant, the certificate the award is for, the amount in figures and capitals, every
condition checked with its clause, the declaration and the signatures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import titles
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Reason
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _
from swdesk.i18n.reasons import describe
from swdesk.printing.blocks import Photo
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import (
    Column,
    Field,
    SignatureBox,
    data_table,
    field_grid,
    signature_boxes,
)

# With the label and date lines the box is as tall as an agency's 42 mm seal, which is stamped
# over the date as usual; the form then fits on one page.
SEAL_ROOM = 30 * mm


@dataclass(frozen=True)
class AwardApplication:
    """What the form prints, loaded by the printing service from the application."""

    number: str
    created_on: dt.date
    staff: Staff
    employer: str
    level: Level | None
    credential: Credential | None  # the certificate of the level claimed
    amount: Decimal  # asked for now: the award, or the difference to what was paid
    entitled: int  # the award for the level
    already_paid: int
    eligible_from: dt.date | None
    reasons: tuple[Reason, ...]
    note: str = ""
    photo: Photo = Photo()  # an empty box to paste one in when none is kept


def title() -> str:
    return titles.title("award_application")


def body(form: AwardApplication) -> list[object]:
    who = form.staff.name
    fields = [
        *parts.person_fields(form.staff, form.employer),
        Field(_("Social work here since"), form.staff.social_work_since),
        Field(_("Civil servant"), parts.yes_no(form.staff.civil_servant)),
        *parts.credential_fields(form.credential),
        Field(_("Eligible from"), form.eligible_from),
        Field(_("Award (CNY)"), parts.money(form.entitled)),
        Field(_("Paid before (CNY)"), parts.money(form.already_paid)),
        Field(_("Claimed (figures)"), parts.money(form.amount)),
        Field(_("Claimed (in capitals)"), parts.capitals(form.amount), wide=True),
    ]
    flow: list[object] = [
        # Wider labels than usual: English ones would wrap and push the signatures off the page.
        field_grid(fields, context=who, label_share=0.48, photo=form.photo),
        *parts.heading(_("Conditions checked")),
        data_table(
            [
                Column(_("Condition"), 3.6),
                Column(_("Result"), 0.8, "centre"),
                Column(_("Clause"), 1.2, "centre"),
            ],
            [[describe(r), _("Held") if r.held else _("Not held"), r.clause] for r in form.reasons],
            numbered=True,
        ),
        # The clause's words are left out (each condition names its clause): with them the
        # signatures would not fit on the page.
    ]
    if form.note:
        flow.append(parts.boxed(_("Remarks"), form.note, who, lines=1))
    flow += [
        parts.statement(
            _("Declaration"),
            _(
                "I declare that the information on this form and the documents attached are "
                "true and complete. I have not received this award for the same certificate "
                "before. If anything is found to be false, I will return the award and accept "
                "the consequences."
            ),
        ),
        signature_boxes(
            [
                SignatureBox(_("Applicant (signature):")),
                SignatureBox(_("Employer's opinion:"), seal=True),
                SignatureBox(_("Civil-affairs bureau's review:"), seal=True),
            ],
            room=SEAL_ROOM,
        ),
    ]
    return flow


def section(form: AwardApplication, key: str = "") -> Section:
    return Section(title(), body(form), form.created_on, form.number, key=key)


def render(agency: AgencyHeader, form: AwardApplication, output: str | Path | None = None) -> bytes:
    """The form as a PDF (also written to ``output``)."""
    return write_document(agency, [section(form)], output=output)
