"""One document, either file: the PDF (`swdesk.printing.layout.build_document`) or the Word copy
(`swdesk.printing.word_document.write_docx`), chosen by the file's extension. Every form's
``render`` and every printing service comes through here, so a new form gets both."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _
from swdesk.printing.blocks import Section
from swdesk.printing.layout import AgencyHeader, build_document

FORMATS = ("pdf", "docx")


def document_format(output: str | Path | None, default: str = "pdf") -> str:
    """ "docx" for a FILE.docx, "pdf" for a FILE.pdf (or no file: a preview)."""
    if output is None:
        return default
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise ValidationError(
        _("Name the file FILE.pdf or FILE.docx (Word), not {name}.").format(name=Path(output).name),
        "output",
    )


def write_document(
    agency: AgencyHeader,
    sections: Sequence[Section],
    *,
    title: str = "",
    landscape: bool = False,
    output: str | Path | None = None,
    file_format: str | None = None,
) -> bytes:
    """The document as PDF or .docx bytes (by ``file_format``, else by the extension of
    ``output``), also written to ``output``."""
    kind = file_format or document_format(output)
    if kind == "docx":
        from swdesk.printing.word_document import write_docx

        return write_docx(agency, sections, title=title, landscape=landscape, output=output)
    return build_document(agency, sections, title=title, landscape=landscape, output=output)[0]
