"""Which thread a function of the program ran on: for the tests that the window's thread never
does the slow work (a backup, a file's quick check)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest


def threads_calling(monkeypatch: pytest.MonkeyPatch, name: str, *modules: Any) -> list[str]:
    """The names of the threads that call ``name``, in order: the function of the first of
    ``modules`` wrapped, and the wrapper put in each of them (a module that imported it by name
    holds its own reference)."""
    called: list[str] = []
    real: Callable[..., Any] = getattr(modules[0], name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        called.append(threading.current_thread().name)
        return real(*args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, name, noted)
    return called
