"""Errors a user can fix. Their message is already in the user's language."""

from __future__ import annotations


class SwdeskError(Exception):
    """An error the user caused and can correct: shown as is, exit code 1 on the command line."""


class ValidationError(SwdeskError):
    """A value is not acceptable. ``field`` names the input field (English key) when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class RuleRefused(SwdeskError):
    """A rule of the policy refuses the action; ``clause`` says which rule."""

    def __init__(self, message: str, clause: str) -> None:
        super().__init__(message)
        self.clause = clause


class NotFound(SwdeskError):
    pass
