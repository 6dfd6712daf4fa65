"""The columns and rows of each list exported as a workbook (`list_workbook`): staff with their
certificates and grades, training events with their attendees, applications, reminders and the
audit log. The rows come in the order given: the caller has filtered and sorted them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from swdesk.domain.applications import Application
from swdesk.domain.idnumber import mask
from swdesk.domain.reminders import Reminder, kind_label
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.training import form_label
from swdesk.exchange.list_workbook import ListColumn
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe

Column = ListColumn

STAFF_COLUMNS = (
    Column(N_("No."), 6, "number"),
    Column(N_("Name"), 12),
    Column(N_("Sex"), 6),
    Column(N_("Identity number"), 21),
    Column(N_("Date of birth"), 12, "date"),
    Column(N_("Phone"), 14),
    Column(N_("Education"), 10),
    Column(N_("Major"), 14),
    Column(N_("Hired on"), 12, "date"),
    Column(N_("Left on"), 12, "date"),
    Column(N_("Social work since"), 12, "date"),
    Column(N_("Civil servant"), 8),
    Column(N_("Post grade"), 22),
    Column(N_("Certificate level"), 16),
    Column(N_("Certificate number"), 20),
    Column(N_("Obtained on"), 12, "date"),
    Column(N_("Registered on"), 12, "date"),
    Column(N_("All certificates"), 40),
)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def staff_rows(
    people: Sequence[Staff],
    credentials: Mapping[int, Sequence[Credential]],
    grades: Mapping[int, str],
    hide: Callable[[Staff], tuple[str, str]] | None = None,
) -> list[list[object]]:
    """One row per person, their highest certificate in its columns and every certificate
    listed in the last; ``hide`` gives the identity and phone numbers as shown (masked)."""
    rows: list[list[object]] = []
    for n, p in enumerate(people, start=1):
        held = sorted(credentials.get(p.id or 0, ()), key=lambda c: (-c.level.rank, c.obtained_on))
        top = held[0] if held else None
        id_number, phone = hide(p) if hide else (p.id_number, p.phone)
        rows.append(
            [
                n, p.name, _("male") if p.sex == "M" else _("female"), id_number,
                p.birth_date if hide is None else None, phone, p.education, p.major,
                p.hire_date, p.leave_date, p.social_work_since, _yes_no(p.civil_servant),
                grades.get(p.id or 0, ""),
                top.level.label() if top else "", top.certificate_number if top else "",
                top.obtained_on if top else None, top.registered_on if top else None,
                "\n".join(
                    f"{c.level.label()} {c.certificate_number} ({c.obtained_on.isoformat()})"
                    for c in held
                ),
            ]
        )  # fmt: skip
    return rows


EVENT_COLUMNS = (
    Column(N_("Id"), 6, "number"),
    Column(N_("Training"), 30),
    Column(N_("Organiser"), 20),
    Column(N_("Form"), 10),
    Column(N_("Start"), 12, "date"),
    Column(N_("End"), 12, "date"),
    Column(N_("Hours"), 8, "hours"),
    Column(N_("Attendee"), 12),
    Column(N_("Identity number"), 21),
    Column(N_("Hours credited"), 10, "hours"),
)


def event_rows(events: Sequence[tuple[Any, Sequence[Mapping[str, Any]]]], whole: bool) -> list:
    """One row per attendee of each (event, attendees); an event nobody attended has one row."""
    rows: list[list[object]] = []
    for event, attendees in events:
        head = [event.id, event.title, event.organiser, form_label(event.form), event.start,
                event.end, event.hours]  # fmt: skip
        if not attendees:
            rows.append([*head, "", "", None])
        for a in attendees:
            number = a["id_number"] if whole else mask(a["id_number"])
            hours = a["hours"] if a["hours"] is not None else event.hours
            rows.append([*head, a["name"], number, hours])
    return rows


APPLICATION_COLUMNS = (
    Column(N_("Application number"), 13),
    Column(N_("Name"), 14),
    Column(N_("Identity number"), 21),
    Column(N_("Kind"), 16),
    Column(N_("Award"), 28),
    Column(N_("Level"), 14),
    Column(N_("Amount asked (CNY)"), 14, "money"),
    Column(N_("Status"), 10),
    Column(N_("Last step on"), 12, "date"),
    Column(N_("Amount paid (CNY)"), 14, "money"),
    Column(N_("Clause"), 16),
)


def application_rows(
    applications: Sequence[tuple[Application, str, str]], whole: bool
) -> list[list[object]]:
    """One row per (application, what it claims in words, its clause)."""
    return [
        [a.number, a.person,
         (a.id_number if whole else mask(a.id_number)) if a.id_number else "",
         a.kind.label(), award, a.level.label() if a.level else "", Decimal(a.amount),
         a.status.label(), a.last_date, a.paid_amount, clause]
        for a, award, clause in applications
    ]  # fmt: skip


REMINDER_COLUMNS = (
    Column(N_("Urgency"), 8),
    Column(N_("Due by"), 12, "date"),
    Column(N_("Matter"), 16),
    Column(N_("Name"), 12),
    Column(N_("Identity number"), 21),
    Column(N_("Details"), 60),
    Column(N_("Clause"), 16),
)


def reminder_rows(reminders: Sequence[Reminder], whole: bool) -> list[list[object]]:
    return [
        [r.severity.label(), r.due, kind_label(r.kind), r.name,
         (r.id_number if whole else mask(r.id_number)) if r.id_number else "",
         describe(r.message), r.clause]
        for r in reminders
    ]  # fmt: skip


AUDIT_COLUMNS = (
    Column(N_("When"), 20),
    Column(N_("User"), 12),
    Column(N_("Action"), 22),
    Column(N_("Table"), 14),
    Column(N_("Record"), 8, "number"),
    Column(N_("Person"), 12),
    Column(N_("Field"), 18),
    Column(N_("Before"), 30),
    Column(N_("After"), 30),
)


def audit_rows(worded: Sequence[Any]) -> list[list[object]]:
    """One row per changed field of each entry of the change log (an entry that changed nothing
    has one row), in words as the window's change log shows them."""
    rows: list[list[object]] = []
    for w in worded:
        e = w.entry
        head = [e.at, e.user, w.what, e.table, e.row_id, e.staff_name]
        if not w.fields:
            rows.append([*head, "", "", ""])
        for change in w.fields:
            rows.append([*head, change.field, change.old, change.new])
    return rows
