"""Correct ToUnicode CMaps for characters beyond U+FFFF in reportlab's TrueType subsets.

A PDF viewer copies text, searches and extracts it through each font's ToUnicode CMap, whose
destination values are UTF-16BE hex strings. reportlab (checked up to 5.1) writes every entry as
``"<%02X> <%04X>" % (code, codepoint)``, so 𠮷 U+20BB7 becomes ``<20BB7>``: five hex digits,
which readers pad or truncate into some other character. Names with Extension B characters then
paste as garbage into the bureau's spreadsheets. Here each codepoint is written as UTF-16BE
(``<D842DFB7>``, a surrogate pair), as the PDF specification (9.10.3) requires.

The CMap is built by the module function ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``, which
``TTFont.addObjects`` looks up at call time; replacing that one function is the smallest change
that fixes every font, without copying reportlab's much longer ``addObjects``.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import ttfonts

# A CMap's bfchar section may hold at most 100 mappings (Adobe Technical Note #5411); reportlab
# writes up to 256 in one. Strict readers ignore the excess, so write sections of 100.
_MAX_BFCHAR = 100


def _utf16_hex(codepoint: int) -> str:
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


def make_tounicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """The ToUnicode CMap for one 256-code subset: code ``i`` stands for ``subset[i]``."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    entries = list(enumerate(subset))
    for start in range(0, len(entries), _MAX_BFCHAR):
        chunk = entries[start : start + _MAX_BFCHAR]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:02X}> <{_utf16_hex(cp)}>" for code, cp in chunk)
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def install() -> None:
    """Make reportlab use `make_tounicode_cmap`. Idempotent; affects the whole process."""
    ttfonts.makeToUnicodeCMap = make_tounicode_cmap
