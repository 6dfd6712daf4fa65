"""Pieces several forms share: headings, text blocks, the applicant's particulars, money in
figures and in capitals, yes/no and sex in words.

Every value still goes through `para_markup` (via `paragraph` or the table helpers) with a context
naming its record, so a name no font can draw is reported as "王𫝀 / 姓名", never printed blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from swdesk.domain.levels import Level
from swdesk.domain.profiles import Clause
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _, format_date
from swdesk.printing.capitals import to_capitals
from swdesk.printing.fonts import current_fonts
from swdesk.printing.markup import para_markup
from swdesk.printing.styles import (
    BODY_SIZE,
    CONTENT_WIDTH,
    GRID_COLOUR,
    MUTED,
    Bold,
    FormStyles,
    form_styles,
)
from swdesk.printing.tables import Field, grid_commands

CENT = Decimal("0.01")


def styles() -> FormStyles:
    return form_styles(current_fonts())


def heading(text: str) -> list[Flowable]:
    """A bold part heading (一、申请人基本情况) with a little space above it."""
    return [
        Spacer(1, 2 * mm),
        Bold(Paragraph(para_markup(text), styles().body), BODY_SIZE),
        Spacer(1, 1 * mm),
    ]


def text(value: object, context: str = "", *, small: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept)."""
    st = styles()
    return Paragraph(para_markup(value, context), st.small if small else st.body)


def muted(value: object, context: str = "") -> Paragraph:
    """Small grey text: the words of a policy clause, a note under a table."""
    st = styles().small
    return Paragraph(f'<font color="{MUTED.hexval()}">{para_markup(value, context)}</font>', st)


def right(value: object, context: str = "") -> Paragraph:
    """A right-aligned line, as the sender and date at the foot of a notice."""
    return Paragraph(para_markup(value, context), styles().cell_right)


def boxed(label: str, value: object, context: str = "", lines: int = 1) -> Table:
    """A bordered box: its bold label, then the text (or ``lines`` of room to write in)."""
    st = styles()
    where = f"{context} / {label}" if context else label
    cell: list[Flowable] = [
        Bold(Paragraph(para_markup(label), st.cell), BODY_SIZE),
        Paragraph(para_markup(value, where), st.cell),
    ]
    if lines > 1:
        cell.append(Spacer(1, (lines - 1) * st.cell.leading))
    table = Table([[cell]], colWidths=[CONTENT_WIDTH], spaceBefore=2 * mm)
    table.setStyle(TableStyle([*grid_commands(), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def statement(label: str, value: object, context: str = "") -> Table:
    """A bordered box of text led by its bold label on the same line: "本人承诺  ……"."""
    st = styles()
    where = f"{context} / {label}" if context else label
    label_width = current_fonts().string_width(label, BODY_SIZE) + 10
    cells = [[Bold(Paragraph(para_markup(label), st.cell), BODY_SIZE), text(value, where)]]
    table = Table(cells, colWidths=[label_width, CONTENT_WIDTH - label_width], spaceBefore=2 * mm)
    commands = [c for c in grid_commands() if c[0] != "GRID"]
    commands += [
        ("BOX", (0, 0), (-1, -1), 0.75, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (0, 0), (0, 0), 0),
    ]
    table.setStyle(TableStyle(commands))
    return table


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def sex_word(code: str) -> str:
    return _("male") if code == "M" else _("female")


def level_text(level: Level | None) -> str:
    return level.label() if level is not None else ""


def money(amount: Decimal | int | None) -> str:
    """Figures as finance forms write them: ¥1,000.00."""
    if amount is None:
        return ""
    return f"¥{Decimal(amount).quantize(CENT):,.2f}"


def capitals(amount: Decimal | int) -> str:
    """The amount in Chinese financial capitals (壹仟元整), which a finance office requires
    whatever the language of the rest of the form."""
    return to_capitals(Decimal(amount).quantize(CENT))


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return format_date(start)
    return _("{start} to {end}").format(start=format_date(start), end=format_date(end))


def person_fields(staff: Staff, employer: str) -> list[Field]:
    """The applicant's particulars, as the top rows of a form; the identity number in full."""
    return [
        Field(_("Name"), staff.name),
        Field(_("Sex"), sex_word(staff.sex)),
        Field(_("Identity number"), staff.id_number, wide=True),
        Field(_("Date of birth"), staff.birth_date),
        Field(_("Phone"), staff.phone),
        Field(_("Education"), staff.education),
        Field(_("Major"), staff.major),
        Field(_("Employer"), employer, wide=True),
    ]


def credential_fields(credential: Credential | None) -> list[Field]:
    if credential is None:
        return [Field(_("Certificate"), _("None recorded"), wide=True)]
    return [
        Field(_("Certificate level"), credential.level.label()),
        Field(_("Certificate number"), credential.certificate_number),
        Field(_("Obtained on"), credential.obtained_on),
        Field(_("Registered on"), credential.registered_on),
    ]


def clause_note(clauses: Sequence[Clause | None]) -> list[Flowable]:
    """ "Policy basis: FCG-2023 (十二) …" under a form, one line per distinct clause."""
    seen: set[str] = set()
    out: list[Flowable] = []
    for clause in clauses:
        if clause is None or not clause.ref or clause.ref + clause.text in seen:
            continue
        seen.add(clause.ref + clause.text)
        words = f"{clause.ref} {clause.text}".strip()
        out.append(muted(_("Policy basis: {clause}").format(clause=words)))
    if out:
        out.insert(0, Spacer(1, 1.5 * mm))
    return out
