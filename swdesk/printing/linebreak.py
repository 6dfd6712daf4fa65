"""Where a printed line may break, and `Para`, the paragraph that follows it.

reportlab's ``wordWrap="CJK"`` breaks between any two characters: a certificate number came out
as ``2024035450000 / 123`` and a clause as ``FCG-2023 ( / 十二)``; its Latin mode cannot break
Chinese at all. Here a line breaks only

- after a space, or between two characters when one of them is Chinese (an ideograph, kana,
  a full-width form);
- never inside a run of Latin letters and digits (a word, an identity, certificate, application
  or phone number, an amount), inside a date (2026年11月21日, November 21, 2026), a figure with its
  unit (2,000.00 元, 32学时) or a clause reference (FCG-2023 (十二), 民发〔2009〕44号);
- never after an opening bracket or before a closing one or a punctuation mark.

A unit that is wider than the line makes its paragraph print smaller, down to `MIN_SIZE`; only
beyond that is it broken where it overflows, so that nothing runs out of its cell. Every
paragraph of a form is a `Para` (see `swdesk.printing.markup.paragraph`), in both languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.rl_accel import fp_str, sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines, imgNormV, imgVRange
from reportlab.rl_config import _FUZZ

MIN_SIZE = 6.5  # 小六: the smallest a value may be printed before it is broken

OPENING = set("([{“‘（〔［｛〈《「『【¥￥$£€#@§")
CLOSING = set(")]}”’'，。、；：！？％‰℃）〕］｝〉》」』】,.;:!?%·・…")
_KEEP = re.compile(
    r"""
      \d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?   # 2026年11月21日, 2026年11月
    | \d{1,2}\s?月\s?\d{1,2}\s?日                      # 11月21日
    | \d{4}\s?年度?                                    # 2026年, 2026年度
    | [A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}               # November 21, 2026
    | [\d,.]*\d\s?(?:元|学时|小时|人次|人|个|项|次|页|号|岁|天|%|％)  # 2,000.00 元, 32学时
    | [A-Za-z]+-\d{4}\s?(?:[一二三四五六七八九十百]+\s?)?[(（][^()（）\s]{1,6}[)）]  # FCG-2023 (十二)
    | [\u4e00-\u9fff]{0,8}〔\d{4}〕\d+号                 # 民发〔2009〕44号
    """,
    re.VERBOSE,
)


def _is_space(char: str) -> bool:
    # A no-break space joins what it stands between: it is how typed runs of spaces are kept.
    return char != "\u00a0" and (char == "\n" or unicodedata.category(char) == "Zs")


def _is_wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def break_after(text: str) -> list[bool]:
    """For each character of ``text``: may the line break after it?"""
    n = len(text)
    kept = [False] * n  # kept[i]: i and i + 1 are in one unit that must not break
    for match in _KEEP.finditer(text):
        for i in range(match.start(), match.end() - 1):
            kept[i] = True
    out = [False] * n
    for i in range(n - 1):
        a, b = text[i], text[i + 1]
        if _is_space(b) or kept[i]:
            continue
        if _is_space(a):
            out[i] = True
        elif a in OPENING or b in CLOSING:
            continue
        elif _is_wide(a) or _is_wide(b):
            out[i] = True
    if n:
        out[-1] = True
    return out


def _units(text: str, widths: Sequence[float]) -> Iterable[float]:
    """The width of each unit of ``text`` that may not be broken (spaces left out)."""
    allowed = break_after(text)
    width = spaces = 0.0  # spaces: the width of the spaces the unit ends with so far
    for char, w, ok in zip(text, widths, allowed, strict=True):
        width += w
        spaces = spaces + w if _is_space(char) else 0.0
        if ok:
            yield width - spaces
            width = spaces = 0.0
    yield width - spaces


def widest_unit(text: str, width_of: Any, size: float) -> float:
    """The widest unbreakable unit of ``text`` at ``size``; ``width_of(char, size)`` measures."""
    return max(_units(text, [width_of(c, size) for c in text]), default=0.0)


def fitting_size(widest: float, room: float, size: float) -> float:
    """The size at which a unit ``widest`` wide at ``size`` fits in ``room``: ``size`` if it
    fits already, never below `MIN_SIZE`."""
    if widest <= room + _FUZZ or widest <= 0:
        return size
    return max(MIN_SIZE, size * room / widest)


_SCALED: dict[tuple[ParagraphStyle, float], ParagraphStyle] = {}


def scaled(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` at another font size, its leading in proportion (one style for each, so that
    paragraphs printed smaller share their parsed markup too)."""
    if size == style.fontSize:
        return style
    key = (style, size)
    made = _SCALED.get(key)
    if made is None:
        if len(_SCALED) > 4096:
            _SCALED.clear()
        made = _SCALED[key] = ParagraphStyle(
            f"{style.name}@{size:.2f}",
            parent=style,
            fontSize=size,
            leading=style.leading * size / style.fontSize,
        )
    return made


class Glyphs:
    """The characters of a paragraph's fragments side by side with their widths and the
    fragment each comes from (an empty fragment, e.g. a ``<br/>``, is one glyph of no text),
    and where a line may break after each: what reportlab's ``cjkU`` strings carry, without an
    object a character."""

    __slots__ = ("chars", "widths", "owner", "allowed", "widest")

    def __init__(self, frags: Sequence[Any]) -> None:
        chars: list[str] = []
        widths: list[float] = []
        owner: list[int] = []
        for k, frag in enumerate(frags):
            text = getattr(frag, "text", "")
            if text:
                chars.extend(text)
                widths.extend(_widths_of(frag, text))
                owner.extend([k] * len(text))
            else:  # a <br/>, or an empty fragment
                chars.append("")
                widths.append(_widths_of(frag, "")[0] if hasattr(frag, "cbDefn") else 0.0)
                owner.append(k)
        self.chars = chars
        self.widths = widths
        self.owner = owner
        plain = "".join(c or "\n" for c in chars)
        self.allowed = break_after(plain)
        self.widest = max(_units(plain, widths), default=0.0)


# (font, size) -> {character: width}: the same figures reportlab's stringWidth gives, worked out
# once per character, font and size instead of once per character printed. Keyed by the font
# object (never by its name alone), so a font registered anew is measured anew.
_WIDTHS: dict[tuple[Any, float], dict[str, float]] = {}


def _widths_of(frag: Any, text: str) -> list[float]:
    if hasattr(frag, "cbDefn"):
        return [getattr(frag.cbDefn, "width", 0)] * max(1, len(text))
    name, size = frag.fontName, frag.fontSize
    key = (getFont(name), size)
    known = _WIDTHS.get(key)
    if known is None:
        if len(_WIDTHS) > 256:
            _WIDTHS.clear()
        known = _WIDTHS[key] = {}
    out = []
    for char in text:
        width = known.get(char)
        if width is None:
            width = known[char] = stringWidth(char, name, size)
        out.append(width)
    return out


def _metrics(frag: Any, bounds: bool) -> tuple[float, float]:
    """(ascent, descent) of a fragment, as reportlab's ``makeCJKParaLine`` works them out."""
    size = frag.fontSize
    if bounds:
        cb = getattr(frag, "cbDefn", None)
        if getattr(cb, "width", 0):
            descent, ascent = imgVRange(imgNormV(cb.height, size), cb.valign, size)
            return ascent, descent
    return getAscentDescent(frag.fontName, size)


def make_line(
    frags: Sequence[Any],
    glyphs: Glyphs,
    start: int,
    end: int,
    room: float,
    width: float,
    forced: bool,
    bounds: bool,
) -> Any:
    """reportlab's CJK line (``makeCJKParaLine``) of glyphs ``start:end``, the same in every
    field: neighbouring glyphs of one fragment are one word; fragments are compared (and
    measured) only where the fragment changes, not at every character."""
    words: list[Any] = []
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    chars, owner = glyphs.chars, glyphs.owner
    run_frag: Any = None  # the fragment that began the word being gathered
    run_start = start
    last = -1  # the fragment index of the glyph before
    special = False  # an image or a line break: reportlab makes each such glyph a word
    for i in range(start, end):
        k = owner[i]
        if k == last and not special:
            continue
        frag = frags[k]
        if k != last:
            ascent, descent = _metrics(frag, bounds)
            max_size = max(max_size, frag.fontSize)
            max_ascent = max(max_ascent, ascent)
            min_descent = min(min_descent, descent)
            last = k
            held = frag.__dict__
            special = "cbDefn" in held or "lineBreak" in held
        if run_frag is None or special or not sameFrag(run_frag, frag):
            if run_frag is not None:
                word = run_frag.clone()
                word.text = "".join(chars[run_start:i])
                words.append(word)
            run_frag, run_start = frag, i
    if run_frag is not None:
        word = run_frag.clone()
        word.text = "".join(chars[run_start:end])
        words.append(word)
    return FragLine(kind=1, extraSpace=room - width, wordCount=1, words=words,
                    fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=room,
                    currentWidth=width, lineBreak=forced)  # fmt: skip


def break_lines(
    frags: Sequence[Any],
    widths: Sequence[float],
    bounds: bool,
    glyphs: Glyphs | None = None,
) -> ParaLines:
    """reportlab's CJK lines of ``frags`` for line widths ``widths``, broken by the rules
    above (greedy: each line takes as many units as fit); ``glyphs`` are those of ``frags``
    when already made."""
    glyphs = Glyphs(frags) if glyphs is None else glyphs
    chars, sizes, owner, allowed = glyphs.chars, glyphs.widths, glyphs.owner, glyphs.allowed
    breaks = [hasattr(frag, "lineBreak") for frag in frags]
    lines: list[Any] = []
    start = i = 0
    used = 0.0
    last = -1  # the last glyph after which this line may break
    n = len(chars)
    room = widths[0]

    def close(end: int, forced: bool) -> None:
        if not forced:
            while end > start and _is_space(chars[end - 1] or "x"):
                end -= 1  # a space at the end of a line is not printed
        width = sum(sizes[start:end])
        lines.append(make_line(frags, glyphs, start, end, room, width, forced, bounds))

    while i < n:
        if breaks[owner[i]]:
            close(i + 1, True)
            i = start = i + 1
            used, last = 0.0, -1
            room = widths[min(len(lines), len(widths) - 1)]
            continue
        if used + sizes[i] > room + _FUZZ and i > start:
            end = last + 1 if last >= start else i  # no break allowed: it must go here
            close(end, False)
            room = widths[min(len(lines), len(widths) - 1)]
            start = end
            while start < i and _is_space(chars[start]):
                start += 1
            used = sum(sizes[start:i])
            last = max((j for j in range(start, i) if allowed[j]), default=-1)
            continue
        used += sizes[i]
        if allowed[i]:
            last = i
        i += 1
    if start < n:
        close(n, False)
    return ParaLines(kind=1, lines=lines)


# (markup, style) -> what reportlab's parser made of it, and its glyphs: the forms of a batch
# print the same labels, headings and clauses in every packet, and parsing markup is a fifth of
# laying out a page. Each Para gets copies of the fragments (reportlab may change a paragraph's
# own); the glyphs are only read. Cleared when full rather than kept in order of use.
_PARSED: dict[tuple[str, ParagraphStyle, int], tuple[str, ParagraphStyle, list[Any], Any]] = {}
_MEASURED: dict[tuple[str, ParagraphStyle, int], Glyphs] = {}
# ... and its lines at each width: a batch of a hundred packets has some 20,000 paragraphs but
# only about a thousand different ones, each in the same column every time.
_BROKEN: dict[tuple[tuple[str, ParagraphStyle, int], tuple[float, ...], bool], ParaLines] = {}
KEEP_PARSED = 20_000


class Para(Paragraph):
    """A Paragraph that breaks lines by the rules above and prints smaller, rather than break
    a unit, when a unit is wider than the space it is given. Its style must have
    ``wordWrap="CJK"`` (`swdesk.printing.styles.form_styles` do)."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any):
        self._key: tuple[str, ParagraphStyle, int] | None = None
        super().__init__(text, style, *args, **kwargs)
        # Parts made by split() are built from fragments (text None): they keep their size.
        self._markup = text
        self._style = style
        # A table wraps each cell two or three times (to size the rows, to split, to draw) at
        # the same width: the glyphs, the widest unit and the lines are worked out once for
        # the fragments they were made from (a new size makes new fragments).
        self._memo: tuple[Any, Glyphs] | None = None
        self._lines: tuple[Any, tuple[float, ...], bool, ParaLines] | None = None
        self._wrapped: tuple[float, Any] | None = None  # (width, fragments) of the last wrap

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # noqa: N803
        if frags is not None or not isinstance(text, str) or bulletText:
            self._key = None
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, style, self.caseSensitive)
        self._key = key
        parsed = _PARSED.get(key)
        if parsed is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if len(_PARSED) >= KEEP_PARSED:
                _PARSED.clear()
                _MEASURED.clear()
                _BROKEN.clear()
            _PARSED[key] = (self.text, self.style, [f.clone() for f in self.frags], self.bulletText)
            return
        self.text, self.style, kept, self.bulletText = parsed
        self.frags = [f.clone() for f in kept]
        self.debug = 0

    def _measured(self) -> Glyphs:
        memo = self._memo
        if memo is None or memo[0] is not self.frags:
            key = self._key
            glyphs = _MEASURED.get(key) if key is not None else None
            if glyphs is None:
                glyphs = Glyphs(self.frags)
                if key is not None:
                    _MEASURED[key] = glyphs
            memo = self._memo = (self.frags, glyphs)
        return memo[1]

    def widest(self, size: float | None = None) -> float:
        """The widest unbreakable unit, at the style's size or at ``size``."""
        widest = self._measured().widest
        return widest if size is None else widest * size / self.style.fontSize

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # A table wraps each cell to size its row, again to split and again to draw it, at the
        # same width; reportlab's wrap does not look at the height.
        done = self._wrapped
        if (
            done is not None
            and done[0] == availWidth
            and done[1] is self.frags
            and hasattr(self, "blPara")  # split() drops it when it gives up
        ):
            return self.width, self.height
        if self._markup is not None and self.frags:
            room = availWidth - self.style.leftIndent - self.style.rightIndent
            size = fitting_size(self.widest(), room, self.style.fontSize)
            if size < self.style.fontSize:
                Paragraph.__init__(self, self._markup, scaled(self._style, size))
        wrapped = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.frags) if availWidth >= _FUZZ else None
        return wrapped

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        # reportlab's split writes into the words of the lines it cuts (a space after the last
        # word of each line); the lines may be those of every paragraph of the same text and
        # width (`breakLinesCJK`), so this one gets its own copy first.
        blPara = getattr(self, "blPara", None)  # noqa: N806
        if blPara is not None and blPara.kind == 1:
            self.blPara = ParaLines(
                kind=1,
                lines=[
                    FragLine(**{**line.__dict__, "words": [w.clone() for w in line.words]})
                    for line in blPara.lines
                ],
            )
            self._lines = None
        return super().split(availWidth, availHeight)

    def breakLinesCJK(self, maxWidths: Any) -> ParaLines:  # noqa: N802, N803 - reportlab's names
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        widths = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
        if not self.frags:
            size = self.style.fontSize
            return ParaLines(kind=0, fontSize=size, fontName=self.style.fontName, lines=[],
                             ascent=size, descent=-0.2 * size)  # fmt: skip
        bounds = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in (
            "",
            "off",
        )
        key = tuple(widths)
        kept = self._lines
        if kept is not None and kept[0] is self.frags and kept[1] == key and kept[2] == bounds:
            return kept[3]
        # The same markup and style make the same fragments (`_setup`), so the same lines.
        shared = (self._key, key, bounds) if self._key is not None else None
        lines = _BROKEN.get(shared) if shared is not None else None
        if lines is None:
            lines = break_lines(self.frags, widths, bounds, self._measured())
            if shared is not None:
                if len(_BROKEN) >= KEEP_PARSED:
                    _BROKEN.clear()
                _BROKEN[shared] = lines
        self._lines = (self.frags, key, bounds, lines)
        return lines

    def _drawn_key(self, canv: Any) -> tuple[dict[object, tuple[str, ...]], object] | None:
        # A batch draws the same labels, headings, dates and clauses in every packet, at the
        # same widths. reportlab draws a paragraph relative to its origin and from a fresh
        # text state (no font, colour or leading carried in), so the same markup, style and
        # size give the same operators every time in one document: they are written once and
        # repeated. Only for a canvas that keeps them (`swdesk.printing.layout`, one document
        # each: a font's subset codes are given out per document) and never for a part made
        # by split(), a paragraph with a bullet or one flowing round another.
        drawn = getattr(canv, "drawn_paragraphs", None)
        if drawn is None or self._key is None or self.debug:
            return None
        if getattr(self, "_splitpara", 0) or hasattr(self, "_offsets"):
            return None
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return drawn, (self._key, self.width, self.height, auto)

    def draw(self) -> None:
        canv = self.canv
        memo = self._drawn_key(canv)
        if memo is None:
            super().draw()
            return
        drawn, key = memo
        code = canv._code
        known = drawn.get(key)
        if known is not None:
            code.extend(known)
            return
        start = len(code)
        super().draw()
        drawn[key] = tuple(code[start:])

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Drawn before: what Flowable.drawOn writes (save, move to x y, the paragraph,
        # restore), without copying the canvas's state twice to leave it as it was.
        memo = self._drawn_key(canvas)
        known = memo[0].get(memo[1]) if memo is not None else None
        if known is None or getattr(self, "_showBoundary", 0):
            super().drawOn(canvas, x, y, _sW)
            return
        code = canvas._code
        code.append("q")
        code.append(f"{fp_str(1, 0, 0, 1, self._hAlignAdjust(x, _sW), y)} cm")
        code.extend(known)
        code.append("Q")
