"""The one way values enter reportlab Paragraphs.

A Paragraph's text is markup: a name such as ``A<B & C>`` would be parsed as a tag, or break the
form. Every value a form prints goes through `para_markup`, which escapes it, keeps spaces people
typed on purpose (梁  伟) and wraps the characters the body font lacks in ``<font name=...>``.
Fixed markup of a form's own (``<br/>``, ``<b>``) is added around its result, never inside values.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle

from swdesk.printing.fonts import FontChain, current_fonts, normalise_text
from swdesk.printing.linebreak import Para

_SPACE_RUN = re.compile(" {2,}")


def _keep_spaces(match: re.Match[str]) -> str:
    # A Paragraph collapses runs of spaces; a no-break space survives and reportlab writes it as
    # an ordinary space (code 32), so the PDF text is exactly what was typed.
    return "\u00a0" * len(match.group())


def para_markup(value: object, context: str = "", fonts: FontChain | None = None) -> str:
    """Paragraph markup that prints ``value`` as plain text, exactly.

    ``context`` names the record (e.g. "张三 / 姓名") for the error raised when a character can't be
    printed. Newlines become line breaks. ``None`` prints as nothing.
    """
    if value is None:
        return ""
    chain = fonts or current_fonts()
    raw = str(value)
    # A batch gives the same labels, dates and names to this thousands of times. The markup does
    # not depend on the context (it only names the record when a character cannot be printed,
    # and such a text is never kept), so it is kept by text for the current chain.
    global _KEPT
    if _KEPT[0] is not chain:
        _KEPT = (chain, {})
    kept = _KEPT[1]
    markup = kept.get(raw)
    if markup is None:
        markup = _markup(raw, context, chain)
        if len(kept) >= 20_000:
            kept.clear()
        kept[raw] = markup
    return markup


_KEPT: tuple[FontChain | None, dict[str, str]] = (None, {})


def _markup(value: str, context: str, chain: FontChain) -> str:
    text = normalise_text(value).replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            out.append("<br/>")
        line = _SPACE_RUN.sub(_keep_spaces, line)
        for name, part in chain.runs(line, context):
            escaped = escape(part)
            if name == chain.primary:
                out.append(escaped)
            else:
                out.append(f'<font name="{name}">{escaped}</font>')
    return "".join(out)


def paragraph(value: object, style: ParagraphStyle, context: str = "") -> Para:
    """A Paragraph showing ``value`` as plain text in ``style`` (see `para_markup`)."""
    return Para(para_markup(value, context), style)
