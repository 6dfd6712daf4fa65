"""How a long service hears the window's progress dialog (gui/tasks.Progress), without importing
the window: how far the work is, and whether its Cancel was pressed."""

from __future__ import annotations

from typing import Protocol


class Told(Protocol):
    """The window's progress: ``told(done, total, text)`` says how far the work is; ``check()``
    raises the window's Cancelled once Cancel is pressed, ``cancelled()`` says whether it was."""

    def __call__(self, done: int, total: int, text: str = "") -> None: ...

    def cancelled(self) -> bool: ...

    def check(self) -> None: ...
