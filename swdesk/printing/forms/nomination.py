"""The commendation nomination form (表彰推荐表: 最美社工, outstanding cases, leading talents,
FCG-2023 (十三); BJ-2017 四(三)): the nominee, their certificate, the case and the reasons, and
the opinions of the agency and the bureau. Commendations have no fixed sum: no amount is printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from swdesk.domain import titles
from swdesk.domain.profiles import Clause
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _
from swdesk.printing.blocks import Photo
from swdesk.printing.forms import parts
from swdesk.printing.layout import AgencyHeader, Section
from swdesk.printing.output import write_document
from swdesk.printing.tables import Field, SignatureBox, field_grid, signature_boxes


@dataclass(frozen=True)
class Nomination:
    number: str
    created_on: dt.date
    staff: Staff
    employer: str
    commendation: str  # its name in the current language
    credential: Credential | None  # the highest certificate held
    grade: str  # the post grade held, in words ("" if none)
    reasons: str
    case_title: str
    clause: Clause | None
    photo: Photo = Photo()  # an empty box to paste one in when none is kept


def title() -> str:
    return titles.title("nomination")


def body(form: Nomination) -> list[object]:
    who = form.staff.name
    credential = form.credential
    fields = [
        Field(_("Nominated for"), form.commendation, wide=True),
        *parts.person_fields(form.staff, form.employer),
        Field(_("Social work here since"), form.staff.social_work_since),
        Field(_("Post grade"), form.grade),
        Field(_("Certificate level"), credential.level.label() if credential else _("None")),
        Field(_("Certificate number"), credential.certificate_number if credential else ""),
    ]
    if form.case_title:
        fields.append(Field(_("Case"), form.case_title, wide=True))
    return [
        field_grid(fields, context=who, photo=form.photo),
        parts.boxed(_("Main achievements and reasons for the nomination"), form.reasons, who, 8),
        *parts.clause_note([form.clause]),
        signature_boxes(
            [
                SignatureBox(_("Nominee (signature):")),
                SignatureBox(_("Nominating agency's opinion:"), seal=True),
                SignatureBox(_("Civil-affairs bureau's opinion:"), seal=True),
            ]
        ),
    ]


def section(form: Nomination, key: str = "") -> Section:
    return Section(title(), body(form), form.created_on, form.number, key=key)


def render(agency: AgencyHeader, form: Nomination, output: str | Path | None = None) -> bytes:
    return write_document(agency, [section(form)], output=output)
