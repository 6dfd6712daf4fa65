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

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
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


def scaled(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` at another font size, its leading in proportion."""
    if size == style.fontSize:
        return style
    return ParagraphStyle(
        f"{style.name}@{size:.2f}",
        parent=style,
        fontSize=size,
        leading=style.leading * size / style.fontSize,
    )


def _glyphs(frags: Sequence[Any]) -> list[cjkU]:
    glyphs: list[cjkU] = []
    for frag in frags:
        text = getattr(frag, "text", "")
        if text:
            glyphs.extend(cjkU(char, frag, "utf8") for char in text)
        else:  # a <br/>, or an empty fragment
            glyphs.append(cjkU("", frag, "utf8"))
    return glyphs


def _plain(glyphs: Sequence[cjkU]) -> str:
    return "".join(str(g) or "\n" for g in glyphs)


def break_lines(
    frags: Sequence[Any],
    widths: Sequence[float],
    bounds: bool,
    glyphs: list[cjkU] | None = None,
) -> ParaLines:
    """reportlab's CJK lines of ``frags`` for line widths ``widths``, broken by the rules
    above (greedy: each line takes as many units as fit); ``glyphs`` are those of ``frags``
    when already made."""
    glyphs = _glyphs(frags) if glyphs is None else glyphs
    allowed = break_after(_plain(glyphs))
    lines: list[Any] = []
    start = i = 0
    used = 0.0
    last = -1  # the last glyph after which this line may break
    n = len(glyphs)

    def room() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def close(end: int, forced: bool) -> None:
        part = glyphs[start:end]
        while part and _is_space(str(part[-1]) or "x") and not forced:
            part = part[:-1]  # a space at the end of a line is not printed
        width = sum(g.width for g in part)
        lines.append(makeCJKParaLine(part, room(), width, room() - width, forced, bounds))

    while i < n:
        glyph = glyphs[i]
        if hasattr(glyph.frag, "lineBreak"):
            close(i + 1, True)
            i = start = i + 1
            used, last = 0.0, -1
            continue
        if used + glyph.width > room() + _FUZZ and i > start:
            end = last + 1 if last >= start else i  # no break allowed: it must go here
            close(end, False)
            start = end
            while start < i and _is_space(str(glyphs[start])):
                start += 1
            used = sum(g.width for g in glyphs[start:i])
            last = max((j for j in range(start, i) if allowed[j]), default=-1)
            continue
        used += glyph.width
        if allowed[i]:
            last = i
        i += 1
    if start < n:
        close(n, False)
    return ParaLines(kind=1, lines=lines)


class Para(Paragraph):
    """A Paragraph that breaks lines by the rules above and prints smaller, rather than break
    a unit, when a unit is wider than the space it is given. Its style must have
    ``wordWrap="CJK"`` (`swdesk.printing.styles.form_styles` do)."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any):
        super().__init__(text, style, *args, **kwargs)
        # Parts made by split() are built from fragments (text None): they keep their size.
        self._markup = text
        self._style = style
        # A table wraps each cell two or three times (to size the rows, to split, to draw) at
        # the same width: the glyphs, the widest unit and the lines are worked out once for
        # the fragments they were made from (a new size makes new fragments).
        self._memo: tuple[Any, list[cjkU], float] | None = None
        self._lines: tuple[Any, tuple[float, ...], bool, ParaLines] | None = None

    def _measured(self) -> tuple[list[cjkU], float]:
        memo = self._memo
        if memo is None or memo[0] is not self.frags:
            glyphs = _glyphs(self.frags)
            widest = max(_units(_plain(glyphs), [g.width for g in glyphs]), default=0.0)
            memo = self._memo = (self.frags, glyphs, widest)
        return memo[1], memo[2]

    def widest(self, size: float | None = None) -> float:
        """The widest unbreakable unit, at the style's size or at ``size``."""
        widest = self._measured()[1]
        return widest if size is None else widest * size / self.style.fontSize

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._markup is not None and self.frags:
            room = availWidth - self.style.leftIndent - self.style.rightIndent
            size = fitting_size(self.widest(), room, self.style.fontSize)
            if size < self.style.fontSize:
                Paragraph.__init__(self, self._markup, scaled(self._style, size))
        return super().wrap(availWidth, availHeight)

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
        lines = break_lines(self.frags, widths, bounds, self._measured()[0])
        self._lines = (self.frags, key, bounds, lines)
        return lines
