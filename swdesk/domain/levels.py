"""Credential levels of the national social-worker certificate and the post bands they open."""

from __future__ import annotations

from enum import StrEnum

from swdesk.domain.errors import ValidationError
from swdesk.i18n import N_, _


class Level(StrEnum):
    ASSISTANT = "assistant"
    SOCIAL_WORKER = "social_worker"
    SENIOR = "senior"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def band(self) -> Band:
        return _BAND[self]

    def label(self) -> str:
        return _(_LABEL[self])


class Band(StrEnum):
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"

    @property
    def rank(self) -> int:
        return _BAND_RANK[self]

    def label(self) -> str:
        return _(_BAND_LABEL[self])


_RANK = {Level.ASSISTANT: 1, Level.SOCIAL_WORKER: 2, Level.SENIOR: 3}
_BAND = {
    Level.ASSISTANT: Band.JUNIOR,
    Level.SOCIAL_WORKER: Band.INTERMEDIATE,
    Level.SENIOR: Band.SENIOR,
}
_BAND_RANK = {Band.JUNIOR: 1, Band.INTERMEDIATE: 2, Band.SENIOR: 3}
_LABEL = {
    Level.ASSISTANT: N_("Assistant social worker"),
    Level.SOCIAL_WORKER: N_("Social worker"),
    Level.SENIOR: N_("Senior social worker"),
}
_BAND_LABEL = {
    Band.JUNIOR: N_("Junior"),
    Band.INTERMEDIATE: N_("Intermediate"),
    Band.SENIOR: N_("Senior"),
}

# Words agencies write in spreadsheets for each level, Chinese first.
_ALIASES = {
    Level.ASSISTANT: (
        "助理社会工作师",
        "助理社工师",
        "助理社工",
        "初级",
        "assistant",
        "assistant social worker",
    ),
    Level.SOCIAL_WORKER: ("社会工作师", "社工师", "中级", "social_worker", "social worker"),
    Level.SENIOR: ("高级社会工作师", "高级社工师", "高级", "senior", "senior social worker"),
}
_LOOKUP = {alias.lower(): level for level, names in _ALIASES.items() for alias in names}


def parse_level(raw: str) -> Level:
    key = " ".join(str(raw).split()).lower()
    key = key.replace("职业水平证书", "").replace("证书", "").strip()
    try:
        return _LOOKUP[key]
    except KeyError:
        raise ValidationError(
            _(
                "Unknown certificate level {value!r}: write 助理社会工作师, 社会工作师 or "
                "高级社会工作师."
            ).format(value=str(raw)),
            "level",
        ) from None
