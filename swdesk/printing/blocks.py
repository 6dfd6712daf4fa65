"""What a form is made of, described once for both writers: the PDF (`swdesk.printing.pdf_story`,
reportlab) and the Word copy (`swdesk.printing.word_blocks`, python-docx).

A form module builds its body as a list of these blocks (with the helpers of
`swdesk.printing.tables` and `swdesk.printing.forms.parts`) and never draws: each writer draws
every kind of block its own way, so a form gets its PDF and its .docx from one description. A
reportlab `Spacer` or `PageBreak` may stand in a body too (both writers know them); any other
flowable prints in the PDF only, and the Word writer refuses it by name.

Sizes are in points, as reportlab counts them (1 mm = 2.835 pt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from swdesk.domain.photos import Crop
from swdesk.i18n import format_date
from swdesk.printing.forms.scans import Scan
from swdesk.printing.styles import CONTENT_WIDTH


def cell_text(value: object) -> str:
    """How a plain value reads in a cell: dates as 2026年11月21日, amounts with two decimals."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


@dataclass(frozen=True)
class Field:
    """One label/value pair of a grid; ``wide`` takes a whole row, ``lines`` reserves height
    (e.g. 4 for a remarks box to be written in by hand)."""

    label: str
    value: object = None
    wide: bool = False
    lines: int = 1


@dataclass(frozen=True)
class Photo:
    """The box for the worker's photo (一寸照片, 25 × 35 mm) beside the first rows of a grid:
    ``path`` an image (already checked) cut to ``crop``, or an empty box to paste one in."""

    path: Path | None = None
    crop: Crop | None = None


@dataclass(frozen=True)
class Grid:
    """Label cells (shaded, centred) beside value cells, ``pairs_per_row`` pairs a row;
    ``label_share`` of the width goes to the labels."""

    fields: tuple[Field, ...]
    pairs_per_row: int = 2
    context: str = ""
    width: float = CONTENT_WIDTH
    label_share: float = 0.4
    photo: Photo | None = None


@dataclass(frozen=True)
class Column:
    """A data-table column: ``width`` is relative to the others, ``align`` left/centre/right."""

    title: str
    width: float = 1.0
    align: str = "left"


@dataclass(frozen=True)
class DataTable:
    """A bordered list whose header row repeats on every page, with an optional totals row
    (see `swdesk.printing.tables.data_table`)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    totals: tuple[object, ...] | None = None
    numbered: bool = False
    record_column: int = 0
    width: float = CONTENT_WIDTH
    total_label: str = ""  # "合计" unless the table says otherwise ("小计")


@dataclass(frozen=True)
class SignatureBox:
    """A box to sign (签字) or seal (盖章) with a date line; ``signed_on`` prints a known date."""

    label: str
    seal: bool = False
    signed_on: dt.date | None = None


@dataclass(frozen=True)
class Signatures:
    """Side-by-side signature and seal boxes. Never alone on a page: they take the last rows
    of the table before them along (`swdesk.printing.pdf_story`)."""

    boxes: tuple[SignatureBox, ...]
    width: float = CONTENT_WIDTH
    room: float | None = None  # height to sign in; a seal needs 42 mm


@dataclass(frozen=True)
class Text:
    """A paragraph of plain text: ``style`` body, small, muted (grey, a clause's words),
    right (a sender's line), heading (bold, a part of the form)."""

    value: object
    context: str = ""
    style: str = "body"


@dataclass(frozen=True)
class Boxed:
    """A bordered box: its bold label, then the text (or ``lines`` of room to write in)."""

    label: str
    value: object
    context: str = ""
    lines: int = 1


@dataclass(frozen=True)
class Statement:
    """A bordered box of text led by its bold label on the same line: "本人承诺  ……"."""

    label: str
    value: object
    context: str = ""


@dataclass(frozen=True)
class Gap:
    height: float


@dataclass(frozen=True)
class NewPage:
    pass


@dataclass(frozen=True)
class Contents:
    """A packet's index: each part's title and the page it starts on (``key`` is the `Section`
    key of that part)."""

    entries: tuple[tuple[str, str], ...]
    context: str = ""


@dataclass(frozen=True)
class Picture:
    """An attached image, as large as fits the rest of the page."""

    scan: Scan
    context: str = ""


@dataclass(frozen=True)
class AttachedPage:
    """Page ``index`` (from 0) of an attached PDF, on a page of its own."""

    scan: Scan
    index: int
    context: str = ""


@dataclass(frozen=True)
class Section:
    """One titled part of a document, starting on a new page (a form, a list, a packet's cover).

    ``key`` marks its first page (for an index); ``restart`` numbers its pages anew, as the first
    part of the next packet of a batch.
    """

    title: str
    body: Sequence[object] = field(default_factory=tuple)
    printed_on: dt.date | None = None
    reference: str | None = None
    key: str = ""
    restart: bool = False
