"""Shared fixtures. Qt runs offscreen; every test gets its own data file and a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SWDESK_LANG"] = "en"
# Never the user's own data folder (their data, their own policy profiles), nor their cache (the
# files found whole today, the compiled catalog).
os.environ["SWDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="swdesk-tests-")
os.environ["SWDESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="swdesk-tests-cache-")

from swdesk.i18n import set_language  # noqa: E402
from swdesk.services.workspace import Workspace  # noqa: E402

TODAY = dt.date(2026, 11, 21)
# Copies of the real-world rosters (../shared/samples), so a plain clone runs every test.
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Tests assert English messages unless they switch language themselves.
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "agency.db"


@pytest.fixture
def empty_ws(db_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(db_path, clock=lambda: TODAY, user="tester")
    yield ws
    ws.close()


@pytest.fixture
def ws(empty_ws: Workspace) -> Workspace:
    """A workspace with an agency on the Fangchenggang profile and no staff."""
    from swdesk.services.agency import init_agency

    init_agency(empty_ws, name="测试社会工作服务中心", profile_id="fangchenggang-2023")
    return empty_ws


@pytest.fixture
def bj_ws(empty_ws: Workspace) -> Workspace:
    from swdesk.services.agency import init_agency

    init_agency(empty_ws, name="北京测试社工事务所", profile_id="beijing-2017")
    return empty_ws


@pytest.fixture
def demo_ws(empty_ws: Workspace) -> Workspace:
    from swdesk.services.demo import fill_demo

    fill_demo(empty_ws)
    return empty_ws
