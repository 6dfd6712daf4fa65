"""Fonts for printed forms: registration, per-character choice of font, clear failure.

A form must never show an empty box where a person's name was. So every character is given to
the first font of the chain that really has an outline for it (a user-chosen system font, then the
bundled WenQuanYi Micro Hei, then the Hanazono subsets for CJK Extension A and B), and a character
that no font can draw stops printing with a `MissingGlyphError` that names it and its record.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from swdesk.domain.errors import SwdeskError
from swdesk.domain.text import printable
from swdesk.i18n import _
from swdesk.paths import fonts_dir
from swdesk.printing import tounicode

PRIMARY_FONT = "WenQuanYiMicroHei"

# (reportlab name, file in resources/fonts, subfont index in a .ttc)
_BUNDLED: tuple[tuple[str, str, int], ...] = (
    (PRIMARY_FONT, "wqy-microhei.ttc", 0),
    ("HanaMinA-subset", "HanaMinA-subset.ttf", 0),
    ("HanaMinB-subset", "HanaMinB-subset.ttf", 0),
)

# Spaces Babel and word processors put in dates and names ("Nov 21, 2026, 3:00\u202fPM") that CJK
# fonts lack: they print as a plain space.
_ODD_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"), " "
)
# Invisible characters that come with pasted text (zero-width space, BOM, soft hyphen) and
# variation selectors (reportlab cannot shape them; the base character prints): dropped, since
# they draw nothing and no font is "missing" them.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


class FontSetupError(SwdeskError):
    """A font file cannot be used (missing, not TrueType outlines, embedding forbidden)."""


class MissingGlyphError(SwdeskError):
    """No available font can draw ``char``; ``context`` says which record it came from."""

    def __init__(self, char: str, context: str = "") -> None:
        self.char = char
        self.context = context
        self.code = f"U+{ord(char):04X}"
        if context:
            message = _(
                "Cannot print the character “{char}” ({code}) in {context}: no available font "
                "has it. Correct the text, or choose a print font that has this character."
            ).format(char=char, code=self.code, context=context)
        else:
            message = _(
                "Cannot print the character “{char}” ({code}): no available font has it. "
                "Correct the text, or choose a print font that has this character."
            ).format(char=char, code=self.code)
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Raised in a worker process of a batch (swdesk.printing.batch), it must arrive whole.
        return type(self), (self.char, self.context)


def normalise_text(text: str) -> str:
    """Text as it will be drawn: odd spaces made plain, invisible characters removed, and a
    control character a file from elsewhere brought shown as '?' (no font draws one)."""
    return printable(_INVISIBLE.sub("", text.translate(_ODD_SPACES)), "?")


def _has_outline(font: TTFont, code: int) -> bool:
    face = font.face
    glyph = face.charToGlyph.get(code)
    if glyph is None:
        return False
    if unicodedata.category(chr(code)) == "Zs":
        return True  # a space is meant to be empty
    # Some fonts map a code point to an empty outline (WQY does for ǎ, ℃): that would print as
    # nothing at all, so such a font does not count as having the character.
    return face.glyphPos[glyph + 1] > face.glyphPos[glyph]


@dataclass(frozen=True)
class FontChain:
    """Registered fonts in order of preference; the first is the body font of every form."""

    fonts: tuple[TTFont, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.fontName for f in self.fonts)

    @property
    def primary(self) -> str:
        return self.fonts[0].fontName

    # character -> the font that draws it: the chain's fonts never change, and a batch asks
    # for the same few thousand characters hundreds of thousands of times.
    _found: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def font_for(self, char: str, context: str = "") -> str:
        """Name of the first font that can draw ``char``; MissingGlyphError if none can."""
        name = self._found.get(char)
        if name is not None:
            return name
        code = 0x20 if char == "\u00a0" else ord(char)
        for font in self.fonts:
            if _has_outline(font, code):
                self._found[char] = font.fontName
                return font.fontName
        raise MissingGlyphError(char, context)

    def runs(self, text: str, context: str = "") -> list[tuple[str, str]]:
        """Split normalised ``text`` into (font name, text) runs, each drawable by its font."""
        result: list[tuple[str, str]] = []
        found = self._found
        name = ""
        begun = 0
        for i, char in enumerate(text):
            this = found.get(char) or self.font_for(char, context)
            if this != name:
                if i:
                    result.append((name, text[begun:i]))
                name, begun = this, i
        if text:
            result.append((name, text[begun:]))
        return result

    def string_width(self, text: str, size: float, context: str = "") -> float:
        text = normalise_text(text).replace("\n", " ")
        return sum(
            pdfmetrics.stringWidth(part, name, size) for name, part in self.runs(text, context)
        )

    def draw_string(
        self,
        canvas: object,
        x: float,
        y: float,
        text: str,
        size: float,
        context: str = "",
        anchor: str = "left",
    ) -> float:
        """Draw one line on a reportlab canvas, switching font per run; returns its width.

        ``anchor`` is "left", "centre" or "right": where ``x`` is on the line.
        """
        text = normalise_text(text).replace("\n", " ")
        runs = self.runs(text, context)
        width = sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs)
        if anchor == "centre":
            x -= width / 2
        elif anchor == "right":
            x -= width
        # One text object for the whole line: viewers and extractors then read it as one line
        # instead of a new line at every change of font.
        text_object = canvas.beginText(x, y)  # type: ignore[attr-defined]
        for name, part in runs:
            text_object.setFont(name, size)
            text_object.textOut(part)
        canvas.drawText(text_object)  # type: ignore[attr-defined]
        return width


_lock = threading.Lock()
_chains: dict[tuple[str, int], FontChain] = {}
_current: FontChain | None = None
_current_key: tuple[str, int] = ("", 0)


def _load(name: str, path: Path, subfont_index: int) -> TTFont:
    if not path.is_file():
        raise FontSetupError(_("Font file not found: {path}").format(path=path))
    try:
        font = TTFont(name, str(path), subfontIndex=subfont_index)
    except TTFError as exc:
        # CFF (.otf) outlines, a bad .ttc index, a corrupt file or a licence that forbids
        # embedding (reportlab checks fsType): the user can pick another font.
        raise FontSetupError(
            _("The font {path} cannot be used for printing: {reason}").format(path=path, reason=exc)
        ) from exc
    pdfmetrics.registerFont(font)
    return font


def _bundled() -> list[TTFont]:
    folder = fonts_dir()
    return [_load(name, folder / file, index) for name, file, index in _BUNDLED]


def register_fonts(system_font: str | Path | None = None, subfont_index: int = 0) -> FontChain:
    """Register the fonts once and make them the current chain; later calls reuse them.

    ``system_font`` is the user's setting (e.g. C:/Windows/Fonts/simsun.ttc, index 0): it comes
    first so forms look like the office's other documents; the bundled fonts fill its gaps.
    """
    global _current, _current_key
    tounicode.install()
    key = (str(system_font or ""), subfont_index)
    with _lock:
        chain = _chains.get(key)
        if chain is None:
            base = _chains[("", 0)].fonts if ("", 0) in _chains else tuple(_bundled())
            _chains[("", 0)] = FontChain(base)
            extra: Iterable[TTFont] = ()
            if system_font:
                path = Path(system_font)
                # The name is derived from the path so that changing the setting does not
                # silently reuse the previous file under the same name.
                digest = hashlib.sha1(f"{path}|{subfont_index}".encode()).hexdigest()[:8]
                extra = (_load(f"SwdeskUser-{digest}", path, subfont_index),)
            chain = _chains.setdefault(key, FontChain((*extra, *base)))
        _current, _current_key = chain, key
        return chain


def font_setting() -> tuple[str, int]:
    """(system font file or "", subfont index) of the current chain: what another process
    passes to `register_fonts` to print with the same fonts."""
    return _current_key


def current_fonts() -> FontChain:
    """The chain forms draw with: the last one registered, or the bundled fonts."""
    return _current if _current is not None else register_fonts()


def font_for(char: str, context: str = "") -> str:
    return current_fonts().font_for(char, context)


def split_runs(text: str, context: str = "") -> list[tuple[str, str]]:
    """(font name, text) runs of ``text`` after `normalise_text`; raises MissingGlyphError."""
    return current_fonts().runs(normalise_text(text), context)
