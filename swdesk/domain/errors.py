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


class UnknownRegion(ValidationError):
    """The identity number's region code names no county of its birth year. The number may still
    be right (codes of counties since renamed or merged stay on people's cards): the user may
    accept it, and ``reason`` says what was found."""

    def __init__(self, message: str, reason: object) -> None:
        super().__init__(message, "id_number")
        self.reason = reason
