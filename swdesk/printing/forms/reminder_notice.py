"""A notice to one person of what is due (事项提醒通知单): each matter, by when, why and under
which clause, signed off by the agency, with a line for the person to acknowledge it. A run of
notices (one per person) is one PDF whose pages are numbered notice by notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import titles
from swdesk.domain.reminders import Reminder, kind_label
from swdesk.i18n import _, format_date, ngettext
from swdesk.i18n.reasons import describe
from swdesk.printing.blocks import Gap
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import Column, SignatureBox, data_table, signature_boxes


@dataclass(frozen=True)
class ReminderNotice:
    name: str
    id_number: str
    as_of: dt.date
    reminders: Sequence[Reminder]
    sender: str  # the agency
    contact: str = ""
    phone: str = ""


def title() -> str:
    return titles.title("reminder_notice")


def body(notice: ReminderNotice) -> list[object]:
    who = notice.name
    count = len(notice.reminders)
    intro = ngettext(
        "As of {date}, the following matter needs your attention:",
        "As of {date}, the following {count} matters need your attention:",
        count,
    ).format(date=format_date(notice.as_of), count=count)
    table = data_table(
        [
            Column(_("Matter"), 1.3),
            Column(_("Due by"), 1.3, "centre"),
            Column(_("Urgency"), 0.95, "centre"),
            Column(_("Details"), 3.25),
            Column(_("Clause"), 1.2, "centre"),
        ],
        [
            [kind_label(r.kind), r.due, r.severity.label(), describe(r.message), r.clause]
            for r in notice.reminders
        ],
        numbered=True,
        record_column=3,
    )
    if notice.contact and notice.phone:
        ask = _("For questions, contact {contact} (phone {phone}).").format(
            contact=notice.contact, phone=notice.phone
        )
    elif notice.contact or notice.phone:
        ask = _("For questions, contact {contact}.").format(contact=notice.contact or notice.phone)
    else:
        ask = ""
    salutation = _("Dear {name} (identity number {id_number}):").format(
        name=notice.name, id_number=notice.id_number
    )
    flow: list[object] = [
        parts.text(salutation, who),
        Gap(1.5 * mm),
        parts.text(intro, who),
        Gap(1.5 * mm),
        table,
        parts.text(_("Please see to them before the dates given."), who),
    ]
    if ask:
        flow.append(parts.text(ask, who))
    flow += [
        Gap(6 * mm),
        parts.right(notice.sender, who),
        parts.right(format_date(notice.as_of), who),
        signature_boxes(
            [
                SignatureBox(_("Received (signature):")),
                SignatureBox(_("Issued by:"), seal=True, signed_on=notice.as_of),
            ]
        ),
    ]
    return flow


def section(notice: ReminderNotice, key: str = "", restart: bool = False) -> Section:
    return Section(title(), body(notice), key=key, restart=restart)


def render(
    agency: AgencyHeader,
    notices: Sequence[ReminderNotice],
    output: str | Path | None = None,
) -> bytes:
    """Every notice in one PDF, each starting on a new page with its own page numbers."""
    sections = [section(n, restart=True) for n in notices]
    return write_document(agency, sections, title=title(), output=output)
