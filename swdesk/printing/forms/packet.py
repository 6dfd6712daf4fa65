"""The application packet (申请材料): a cover with the index, then the application form, the
applicant's certificates, the year's continuing-education record and every attached scan, in one
PDF whose pages are numbered 第 N 页 共 M 页 and whose index gives the page each part starts on.

A batch puts many packets in one PDF, each numbered on its own from its cover, so that the
bureau can separate them; the fonts are embedded once for the whole batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm

from swdesk.domain import titles
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _
from swdesk.printing.blocks import AttachedPage, Contents, Gap, NewPage, Picture
from swdesk.printing.forms import parts
from swdesk.printing.forms.scans import PDF_TYPE, Scan, pdf_page_count
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import Column, Field, data_table, field_grid


@dataclass(frozen=True)
class Cover:
    number: str
    claim: str  # what is applied for, in words
    applicant: str  # the person, or the agency for a subsidy
    id_number: str  # "" for the agency
    employer: str
    amount: Decimal | None  # None for a nomination
    created_on: dt.date
    submitted_on: dt.date | None
    status: str  # in words
    printed_on: dt.date


@dataclass(frozen=True)
class Packet:
    """One application's packet: ``parts`` are the sections after the cover (the form, the
    credential list, the CE record), built by their form modules."""

    cover: Cover
    parts: Sequence[Section]
    scans: Sequence[Scan] = ()


def credential_list(staff: Staff, credentials: Sequence[Credential], on: dt.date) -> Section:
    """The applicant's certificates (职业水平证书一览), for the packet."""
    who = staff.name
    person = [Field(_("Name"), staff.name), Field(_("Identity number"), staff.id_number)]
    table = data_table(
        [
            Column(_("Certificate level"), 1.4),
            Column(_("Certificate number"), 1.5, "centre"),
            Column(_("Obtained on"), 1.55, "centre"),
            Column(_("Issued by"), 1.7),
            Column(_("Registered on"), 1.55, "centre"),
        ],
        [
            [c.level.label(), c.certificate_number, c.obtained_on, c.issuing_body, c.registered_on]
            for c in credentials
        ],
        numbered=True,
    )
    body: list[object] = [field_grid(person, context=who), Gap(3 * mm)]
    body.append(table if credentials else parts.text(_("No certificate recorded."), who))
    return Section(titles.title("certificates_held"), body, on)


def _cover_body(cover: Cover, index: list[tuple[str, str]]) -> list[object]:
    who = cover.applicant
    fields = [
        Field(_("Application number"), cover.number),
        Field(_("Applied for"), cover.claim),
        Field(_("Applicant"), cover.applicant),
    ]
    if cover.id_number:
        fields.append(Field(_("Identity number"), cover.id_number))
    fields += [Field(_("Employer"), cover.employer)]
    if cover.amount is not None:
        fields.append(Field(_("Amount (CNY)"), parts.money(cover.amount)))
    fields += [
        Field(_("Application date"), cover.created_on),
        Field(_("Submitted on"), cover.submitted_on),
        Field(_("Status"), cover.status),
    ]
    return [
        Gap(8 * mm),
        field_grid(fields, pairs_per_row=1, context=who, label_share=0.3),
        *parts.heading(_("Contents")),
        Contents(tuple(index), who),
    ]


def _scan_sections(
    scans: Sequence[Scan], prefix: str, first: int, context: str, on: dt.date
) -> tuple[list[Section], list[tuple[str, str]]]:
    sections: list[Section] = []
    index: list[tuple[str, str]] = []
    for number, scan in enumerate(scans, start=first):
        key = f"{prefix}/scan{number}"
        title = _("Attachment {number}").format(number=number)
        index.append((key, _("Attachment {number}: {name}").format(number=number, name=scan.name)))
        caption = parts.text(scan.name, context, small=True)
        body: list[object] = [caption, Gap(2 * mm)]
        if scan.media_type == PDF_TYPE:
            count = pdf_page_count(scan, context)
            for page in range(count):
                if page:
                    more = _("{name}, page {page} of {pages}").format(
                        name=scan.name, page=page + 1, pages=count
                    )
                    body += [NewPage(), parts.text(more, context, small=True)]
                body.append(AttachedPage(scan, page, context))
        elif scan.printable:
            body.append(Picture(scan, context))
        else:
            body.append(
                parts.text(
                    _(
                        "This file ({type}) cannot be printed by the program: print it "
                        "separately and put it here."
                    ).format(type=Path(scan.name).suffix or scan.media_type or _("unknown type")),
                    context,
                )
            )
        sections.append(Section(title, body, on, key=key))
    return sections, index


def packet_sections(packet: Packet, prefix: str, restart: bool) -> list[Section]:
    """The sections of one packet: cover, parts, scans; keys under ``prefix``."""
    cover = packet.cover
    context = _("application {number}").format(number=cover.number)
    index: list[tuple[str, str]] = []
    parts_: list[Section] = []
    for number, part in enumerate(packet.parts, start=1):
        key = f"{prefix}/part{number}"
        index.append((key, part.title))
        parts_.append(
            Section(part.title, part.body, part.printed_on, part.reference, key, restart=False)
        )
    scans, scan_index = _scan_sections(packet.scans, prefix, 1, context, cover.printed_on)
    title = titles.title("packet", claim=cover.claim)
    front = Section(
        title,
        _cover_body(cover, index + scan_index),
        cover.printed_on,
        cover.number,
        f"{prefix}/cover",
        restart=restart,
    )
    return [front, *parts_, *scans]


def packets_document(packets: Sequence[Packet]) -> tuple[list[Section], str]:
    """The sections of every packet, each numbered from its own cover, and the title."""
    sections: list[Section] = []
    for number, packet in enumerate(packets):
        sections += packet_sections(packet, f"p{number}", restart=number > 0)
    return sections, batch_title(packets)


def batch_title(packets: Sequence[Packet]) -> str:
    """The document title of a file of ``packets``: the claim of a packet alone."""
    return packets[0].cover.claim if len(packets) == 1 else titles.title("packets")


def render_packets(
    agency: AgencyHeader,
    packets: Sequence[Packet],
    output: str | Path | None = None,
    *,
    title: str | None = None,
) -> bytes:
    """One PDF with every packet, each numbered from its own cover; its title is ``title``
    (a run of a batch carries the batch's) or that of `batch_title`."""
    sections, own = packets_document(packets)
    return write_document(agency, sections, title=title or own, output=output)
