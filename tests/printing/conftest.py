"""Fixtures for printed forms: Chinese labels, a sample agency, PDF text and page images."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import swdesk.i18n as i18n
from swdesk.printing.layout import AgencyHeader

TODO = Path(i18n.__file__).resolve().parent / "printing" / "TRANSLATIONS_TODO.md"
_ROW = re.compile(r"^\| `(?P<msgid>[^`]+)` \| `(?P<msgstr>[^`]+)` \|")


def pending_translations() -> dict[str, str]:
    """msgid → zh_CN text from TRANSLATIONS_TODO.md (until the catalog has them)."""
    rows = (_ROW.match(line) for line in TODO.read_text(encoding="utf-8").splitlines())
    return {m["msgid"]: m["msgstr"] for m in rows if m}


class _Pending(gettext.NullTranslations):
    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def gettext(self, message: str) -> str:
        if message in self.table:
            return self.table[message]
        return super().gettext(message)  # falls back to the real zh_CN catalog


@pytest.fixture
def pending() -> dict[str, str]:
    """The zh_CN translations listed in TRANSLATIONS_TODO.md."""
    return pending_translations()


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese, with this package's msgids translated even before the catalog has them."""
    i18n.set_language("zh_CN")
    pending = _Pending(pending_translations())
    pending.add_fallback(i18n._translations)
    monkeypatch.setattr(i18n, "_translations", pending)
    yield
    i18n.set_language("en")


@pytest.fixture
def agency() -> AgencyHeader:
    return AgencyHeader(
        name="防城港市港口区阳光社会工作服务中心",
        credit_code="52450600MJY123456X",
        address="广西防城港市港口区兴港大道 8 号",
        contact="黄丽",
        phone="0770-2812345",
    )


def pdf_pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdftoppm() -> str:
    """pdftoppm from poppler-utils. CI installs poppler-utils; a machine without it fails here
    with the reason instead of quietly skipping the rendering checks."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm not found: install poppler-utils (apt-get install poppler-utils)")
    return tool


def render_png(data: bytes, folder: Path, dpi: int = 60) -> list[Path]:
    pdf = folder / "form.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        [pdftoppm(), "-r", str(dpi), "-png", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(folder.glob("page*.png"))


@pytest.fixture
def pages_text() -> Callable[[bytes], list[str]]:
    """The helper turning PDF bytes into one extracted string per page."""
    return pdf_pages_text


@pytest.fixture
def png_pages(tmp_path: Path) -> Callable[..., list[Path]]:
    """The helper rendering PDF bytes to PNG files (one per page) with pdftoppm."""
    return lambda data, dpi=60: render_png(data, tmp_path, dpi)
