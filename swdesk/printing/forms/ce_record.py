"""One person's continuing-education record for a year (继续教育学时登记表, FCG-2023 (八)): each
training with its dates, organiser, form and hours, the total, and how it stands against the
requirement (hours required, counted after caps, still needed, status and why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from swdesk.domain import titles
from swdesk.domain.ce_compliance import Compliance
from swdesk.domain.staff import Credential, Staff
from swdesk.domain.training import form_label, hours_text
from swdesk.i18n import _
from swdesk.i18n.reasons import describe
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


@dataclass(frozen=True)
class TrainingLine:
    start: dt.date
    end: dt.date
    title: str
    organiser: str
    form: str  # face_to_face, online, ...
    hours: float  # credited to this person


@dataclass(frozen=True)
class CERecord:
    staff: Staff
    employer: str
    year: int
    credential: Credential | None  # the highest certificate held
    lines: Sequence[TrainingLine]
    compliance: Compliance
    printed_on: dt.date


def title(record: CERecord) -> str:
    period = record.compliance.period
    if period is None or (period.start, period.end) == (
        dt.date(record.year, 1, 1),
        dt.date(record.year, 12, 31),
    ):
        return titles.title("ce_record", year=record.year)
    return titles.title("ce_record_period")  # a registration period: its dates are below


def body(record: CERecord) -> list[object]:
    who = record.staff.name
    result = record.compliance
    credential = record.credential
    person = [
        Field(_("Name"), record.staff.name),
        Field(_("Identity number"), record.staff.id_number),
        Field(_("Employer"), record.employer, wide=True),
        *parts.credential_fields(credential),
    ]
    rows = [
        [
            parts.date_range(line.start, line.end),
            line.title,
            line.organiser,
            form_label(line.form),
            hours_text(line.hours),
        ]
        for line in record.lines
    ]
    raw_total = sum(line.hours for line in record.lines)
    trainings = data_table(
        [
            Column(_("Dates"), 1.6),
            Column(_("Training"), 2.4),
            Column(_("Organiser"), 1.7),
            Column(_("Form"), 1.1, "centre"),
            Column(_("Hours"), 0.7, "right"),
        ],
        rows,
        totals=[None, None, None, None, hours_text(raw_total)],
        numbered=True,
        record_column=1,
    )
    period = result.period
    standing = [
        Field(_("Period"), parts.date_range(period.start, period.end) if period else "", wide=True),
        Field(_("Hours required"), hours_text(result.required) or _("Not required")),
        Field(_("Hours counted"), hours_text(result.hours.total)),
        Field(_("Still needed"), hours_text(result.shortfall)),
        Field(_("Status"), result.status.label()),
    ]
    if result.hours.carried_over:
        standing.append(Field(_("Carried over"), hours_text(result.hours.carried_over)))
    standing.append(Field(_("Explanation"), describe(result.reason), wide=True))
    flow: list[object] = [field_grid(person, context=who)]
    flow += parts.heading(_("Trainings"))
    if rows:
        flow.append(trainings)
    else:
        flow.append(parts.text(_("No training recorded in {year}.").format(year=record.year)))
    flow += parts.heading(_("Against the requirement"))
    flow.append(field_grid(standing, context=who))
    flow += parts.clause_note([result.clause])
    flow.append(
        signature_boxes(
            [
                SignatureBox(_("Social worker (signature):")),
                SignatureBox(_("Checked by the agency:"), seal=True),
            ]
        )
    )
    return flow


def section(record: CERecord, key: str = "") -> Section:
    return Section(title(record), body(record), record.printed_on, key=key)


def render(agency: AgencyHeader, record: CERecord, output: str | Path | None = None) -> bytes:
    return write_document(agency, [section(record)], output=output)
