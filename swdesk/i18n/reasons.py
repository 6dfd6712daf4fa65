"""Reasons (swdesk.domain.reasons) in words: translated and formatted when they are shown or
printed, in the language of that moment. The command line, the windows and the printed forms
all word them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from swdesk.domain.reasons import Hours, Number, Param, Reason
from swdesk.i18n import _, format_day, format_hours, format_number, join_sentences


def describe(reason: Reason | None) -> str:
    """The reason as a sentence (or several) in the current language; "" for none."""
    if reason is None:
        return ""
    text = _(reason.key).format(**{name: _shown(v) for name, v in reason.params.items()})
    for more in reason.then:
        text = join_sentences(text, describe(more))
    return text


def describe_all(reasons: Iterable[Reason]) -> str:
    """Several reasons as one text, each a sentence."""
    text = ""
    for reason in reasons:
        words = describe(reason)
        text = join_sentences(text, words) if text else words
    return text


def as_shown(reason: Reason) -> dict[str, Any]:
    """The reason for --json output: its clause, its words and whether it held."""
    return {"clause": reason.clause, "text": describe(reason), "held": reason.held}


def _shown(value: Param) -> Any:
    if isinstance(value, Reason):
        return describe(value)
    if isinstance(value, tuple):
        return ", ".join(describe(r) for r in value)
    if isinstance(value, Number):
        return format_number(value.value)
    if isinstance(value, Hours):
        return format_hours(value.value)
    if isinstance(value, dt.date):
        return format_day(value)
    label = getattr(value, "label", None)
    if callable(label):  # Level, Band, Form, Named
        return label()
    return value  # as written, so that a {field!r} of the message still quotes it
