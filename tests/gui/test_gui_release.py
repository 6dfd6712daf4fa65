"""The desktop program names its version (setup.cfg's) and carries the program icon."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_about_names_the_version_in_setup_cfg(demo_window, monkeypatch) -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "swdesk.gui.main_window.inform", lambda _parent, _title, text: shown.append(text)
    )
    demo_window._about()
    assert f"swdesk {cfg['metadata']['version']}:" in shown[0]


def test_the_windows_carry_the_program_icon(app) -> None:
    icon = app.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(32, 32).toImage().pixelColor(16, 4).green() > 100  # the teal frame
