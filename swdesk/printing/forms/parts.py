"""Pieces several forms share: headings, text blocks, the applicant's particulars, money in
figures and in capitals, yes/no and sex in words.

Each returns a block of `swdesk.printing.blocks` (drawn by both writers). Every value still goes
through `para_markup` when drawn, with a context naming its record, so a name no font can draw is
reported as "王𫝀 / 姓名", never printed blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm

from swdesk.domain.levels import Level
from swdesk.domain.profiles import Clause
from swdesk.domain.staff import Credential, Staff
from swdesk.i18n import _, format_date
from swdesk.printing.blocks import Boxed, Gap, Statement, Text
from swdesk.printing.capitals import to_capitals
from swdesk.printing.fonts import current_fonts
from swdesk.printing.styles import FormStyles, form_styles
from swdesk.printing.tables import Field

CENT = Decimal("0.01")


def styles() -> FormStyles:
    return form_styles(current_fonts())


def heading(text: str) -> list[Text]:
    """A bold part heading (一、申请人基本情况) with a little space above it."""
    return [Text(text, style="heading")]


def text(value: object, context: str = "", *, small: bool = False) -> Text:
    """A paragraph of plain text (newlines kept)."""
    return Text(value, context, "small" if small else "body")


def muted(value: object, context: str = "") -> Text:
    """Small grey text: the words of a policy clause, a note under a table."""
    return Text(value, context, "muted")


def right(value: object, context: str = "") -> Text:
    """A right-aligned line, as the sender and date at the foot of a notice."""
    return Text(value, context, "right")


def boxed(label: str, value: object, context: str = "", lines: int = 1) -> Boxed:
    """A bordered box: its bold label, then the text (or ``lines`` of room to write in)."""
    return Boxed(label, value, context, lines)


def statement(label: str, value: object, context: str = "") -> Statement:
    """A bordered box of text led by its bold label on the same line: "本人承诺  ……"."""
    return Statement(label, value, context)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def sex_word(code: str) -> str:
    return _("male") if code == "M" else _("female")


def level_text(level: Level | None) -> str:
    return level.label() if level is not None else ""


def money(amount: Decimal | int | None) -> str:
    """Figures as a finance form writes them in its 小写 field, whose label says 元: ¥1,000.00.

    The one convention of every form: a value carries at most one currency mark. ``¥`` only
    here, in a field whose label names the unit (金额（元）, 申请金额（小写）); a table column
    whose header says （元） holds bare figures (`figures`); running text says ``2,000.00 元``
    (the translation of "{amount} CNY").
    """
    if amount is None:
        return ""
    return f"¥{figures(amount)}"


def figures(amount: Decimal | int) -> str:
    """Bare figures with two decimals, for a column or a sentence that names the unit."""
    return f"{Decimal(amount).quantize(CENT):,.2f}"


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


def clause_note(clauses: Sequence[Clause | None]) -> list[Text | Gap]:
    """ "Policy basis: FCG-2023 (十二) …" under a form, one line per distinct clause."""
    seen: set[str] = set()
    out: list[Text | Gap] = []
    for clause in clauses:
        if clause is None or not clause.ref or clause.ref + clause.text in seen:
            continue
        seen.add(clause.ref + clause.text)
        words = f"{clause.ref} {clause.text}".strip()
        out.append(muted(_("Policy basis: {clause}").format(clause=words)))
    if out:
        out.insert(0, Gap(1.5 * mm))
    return out
