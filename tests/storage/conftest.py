"""Fixtures of the data-safety tests; the helpers they use are in safety_kit.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_kit import make_demo

from swdesk.services.workspace import Workspace


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    return make_demo(tmp_path / "agency.db")


@pytest.fixture
def staff_adder() -> Callable[[Workspace, str, int], int]:
    """Add a valid staff member: (ws, name, sequence) -> staff id."""
    from swdesk.domain import idnumber
    from swdesk.services.staff import add_staff

    def add(ws: Workspace, name: str, seq: int) -> int:
        number = idnumber.make("452822", dt.date(1990, 1, 1), seq)
        return add_staff(ws, name=name, id_number=number, phone="13912345678").created_id

    return add
