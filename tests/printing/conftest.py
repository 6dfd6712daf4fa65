"""Fixtures for printed forms: Chinese labels, a sample agency, PDF text and page images."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from form_samples import TODAY, fill
from pypdf import PdfReader

import swdesk.i18n as i18n
from swdesk.printing.layout import AgencyHeader
from swdesk.services.agency import init_agency
from swdesk.services.workspace import Workspace


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict]]:
    folder = tmp_path_factory.mktemp("forms")
    ws = Workspace.open(folder / "agency.db", clock=lambda: TODAY, user="tester")
    init_agency(ws, name="x", profile_id="fangchenggang-2023")
    (folder / "files").mkdir()
    numbers = fill(ws, folder / "files")
    yield ws, numbers
    ws.close()


@pytest.fixture
def zh() -> Iterator[None]:
    """Chinese labels, from the real zh_CN catalog."""
    i18n.set_language("zh_CN")
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
