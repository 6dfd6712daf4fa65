"""Rebuild HanaMinA-subset.ttf and HanaMinB-subset.ttf from Debian's fonts-hanazono.

Run by hand only when the fonts change; swdesk itself never runs it. Needs fontTools (not a
dependency of swdesk: use a throwaway venv) and the two Debian packages unpacked:

    apt-get download fonts-wqy-microhei fonts-hanazono
    dpkg -x fonts-wqy-microhei_*.deb x; dpkg -x fonts-hanazono_*.deb x
    python make_subsets.py x/usr/share/fonts/truetype

The fallback fonts keep only what the primary font (WenQuanYi Micro Hei) cannot draw, so the repo
stays small: HanaMinA keeps the BMP characters WQY lacks or maps to an empty outline (CJK Ext A,
rare URO characters, pinyin with caron such as ǎ); HanaMinB keeps CJK Extension B (U+20000-2A6DF).
Private-use code points are left out on purpose: their meaning differs between fonts, so printing
one must fail loudly instead of drawing some unrelated glyph.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent


def drawable(font: TTFont) -> set[int]:
    glyf = font["glyf"]
    return {
        cp
        for cp, name in font.getBestCmap().items()
        if name != ".notdef" and glyf[name].numberOfContours != 0
    }


def keep(cp: int) -> bool:
    return not 0xE000 <= cp <= 0xF8FF and unicodedata.category(chr(cp)) not in {
        "Cc",
        "Cf",
        "Cn",
        "Co",
    }


def subset(src: Path, out: Path, codepoints: set[int]) -> None:
    # A file, not an argument: 40,000 code points exceed the kernel's limit for one argument.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(",".join(f"U+{cp:04X}" for cp in sorted(codepoints | {0x20, 0x3000})))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fontTools.subset",
            str(src),
            f"--unicodes-file={fh.name}",
            f"--output-file={out}",
            "--name-IDs=*",
            "--name-languages=*",
            "--no-hinting",
            "--notdef-outline",
            "--layout-features=",
        ],
        check=True,
    )


def main(root: Path) -> None:
    wqy = drawable(TTCollection(root / "wqy" / "wqy-microhei.ttc").fonts[0])
    a = TTFont(root / "hanazono" / "HanaMinA.ttf")
    b = TTFont(root / "hanazono" / "HanaMinB.ttf")
    subset(
        root / "hanazono" / "HanaMinA.ttf",
        HERE / "HanaMinA-subset.ttf",
        {cp for cp in drawable(a) - wqy if cp < 0x20000 and keep(cp)},
    )
    subset(
        root / "hanazono" / "HanaMinB.ttf",
        HERE / "HanaMinB-subset.ttf",
        {cp for cp in drawable(b) if 0x20000 <= cp <= 0x2A6DF},
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
