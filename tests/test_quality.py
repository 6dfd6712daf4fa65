"""The project's own checks, run with the tests so that CI fails when they fail."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_translation_catalogs_are_up_to_date_and_complete() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "i18n" / "catalog.py"), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_ruff_check_and_format_are_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: it is part of the test extra")
    for args in (
        ["check", "swdesk", "tests", "i18n", "bench"],
        ["format", "--check", "swdesk", "tests", "i18n", "bench"],
    ):
        result = subprocess.run(
            [ruff, *args], capture_output=True, text=True, cwd=ROOT, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_installed_package_carries_profiles_and_chinese_catalog() -> None:
    from swdesk.i18n import _, set_language
    from swdesk.policies import available_profiles

    assert {p.id for p in available_profiles()} >= {"fangchenggang-2023", "beijing-2017"}
    set_language("zh_CN")
    try:
        assert _("Added {name}.") != "Added {name}."
    finally:
        set_language("en")
