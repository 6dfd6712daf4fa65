"""Text people type or files bring, checked before it is kept, and made comparable.

Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates are
refused in every text field: nobody types them on purpose, they write escapes to a terminal, a
workbook cannot hold them, and U+202E shows a name backwards. Zero-width characters are taken out:
they make two identical-looking titles (or certificate numbers) different. Line breaks and tabs stay
only where a field holds paragraphs (notes, reasons).
"""

from __future__ import annotations

import re
import unicodedata

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

# Invisible characters that only ever make equal-looking text unequal: zero-width space, non-joiner,
# joiner, word joiner, BOM, soft hyphen, the Mongolian vowel separator, the bidi marks.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c"
_ZERO_WIDTH = str.maketrans("", "", _INVISIBLE)
# C0, DEL and C1 controls (Unicode category Cc), surrogates, the bidi embeddings, overrides and
# isolates; the paragraph form lets tab, line feed and carriage return through.
_BIDI = "\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_REFUSED = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_REFUSED_IN_PARAGRAPHS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_SPACE = re.compile(r"\s+")
# What a field may hold: a line (a name of a thing, a major, an organiser) and a paragraph (a
# note, reasons). The bureau takes no longer text in a submission (exchange/json_checks), and a
# cell of a form holds no more than a page can (400 characters of a major overflowed one).
LINE_LIMIT = 200
PARAGRAPH_LIMIT = 2000
# Any character the cleaning takes out, turns or refuses: text with none (nearly all) is kept as
# it is, with one search in place of a translation and a search.
_TOUCHED = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")


def clean_text(value: object, field: str, what: str, *, multiline: bool = False) -> str:
    """``value`` without zero-width characters (and, in a paragraph field, with ``\\r\\n`` as
    ``\\n``); ValidationError naming ``what`` (the field, in the user's words) when it holds a
    control or bidirectional-override character, or is longer than a field of its kind holds."""
    text, found = _scanned(value, multiline)
    if found:
        raise _refused(found, what, field)
    _check_length(text, multiline, what, field)
    return text


def clean_field(value: object, field: str, label: str, *, multiline: bool = False) -> str:
    """`clean_text` with ``label`` the field's name as its msgid (marked ``N_``): it is worded
    only for an error, not for each of the ten thousand clean cells of an import."""
    text, found = _scanned(value, multiline)
    if found:
        raise _refused(found, _(label), field)
    if len(text) > LINE_LIMIT:
        _check_length(text, multiline, _(label), field)
    return text


def _check_length(text: str, multiline: bool, what: str, field: str) -> None:
    limit = PARAGRAPH_LIMIT if multiline else LINE_LIMIT
    if len(text) > limit:
        raise ValidationError(
            _("{what} is longer than {n} characters ({length}): shorten it.").format(
                what=what, n=limit, length=len(text)
            ),
            field,
        )


def _scanned(value: object, multiline: bool) -> tuple[str, re.Match[str] | None]:
    text = str(value)
    if _TOUCHED.search(text) is None:
        return text, None
    text = text.translate(_ZERO_WIDTH)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, (_REFUSED_IN_PARAGRAPHS if multiline else _REFUSED).search(text)


def _refused(found: re.Match[str], what: str, field: str) -> ValidationError:
    return ValidationError(
        _(
            "{what} holds an invisible control character (U+{code:04X}, character "
            "{position}); it cannot be shown or printed. Type the text again."
        ).format(what=what, code=ord(found.group()), position=found.start() + 1),
        field,
    )


def holds_refused(text: str) -> bool:
    """Whether ``text`` holds a character no field takes (tabs and line breaks aside)."""
    return _REFUSED_IN_PARAGRAPHS.search(text) is not None


def comparable(text: str) -> str:
    """Text as it is compared (titles, organisers): no zero-width characters, one space."""
    return _SPACE.sub(" ", str(text).translate(_ZERO_WIDTH)).strip()


def code_key(text: str) -> str:
    """An identifier (a certificate number) as it is compared: full-width forms as ASCII (NFKC),
    no spaces or zero-width characters, letters in one case."""
    text = str(text)
    # ASCII holds no zero-width or full-width character and is its own NFKC form: a bureau
    # compares a city's 100,000 certificate numbers, nearly all of them plain ASCII.
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH))
    return "".join(folded.split()).upper()


def printable(text: object, mark: str = "\ufffd") -> str:
    """Stored text made safe to show or write out (terminal, workbook, PDF): a control character
    a file from elsewhere may still hold becomes ``mark``, so that it cannot break the output."""
    return _REFUSED_IN_PARAGRAPHS.sub(mark, "" if text is None else str(text))


def void_reason(reason: object) -> str:
    """Why a record is voided, as kept with it: required, one line of plain text."""
    text = " ".join(clean_text(reason, "reason", _("The reason")).split())
    if not text:
        raise ValidationError(_("Give the reason (e.g. entered for the wrong person)."), "reason")
    return text


def readable_name(name: str) -> str:
    """A file name the operating system gave as text it could not decode, made readable: on
    Linux a name in GBK (a USB stick written on an older Chinese Windows) arrives as lone
    surrogates, which no database, JSON or window can hold. Its bytes are read as GB18030, the
    superset of GBK; what is not even that becomes U+FFFD."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return name
