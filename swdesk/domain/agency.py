"""The agency as a value (its identity heads every form) and the check of its unified social
credit code (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

from dataclasses import dataclass

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

# 18 characters from this alphabet, the last one a check character.
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True)
class Agency:
    name: str
    credit_code: str
    address: str
    contact_person: str
    phone: str
    profile_id: str


def credit_code_check(first17: str) -> str:
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(first17, _CODE_WEIGHTS, strict=True))
    return _CODE_CHARS[(31 - total % 31) % 31]


def check_credit_code(raw: str) -> str:
    code = "".join(str(raw).split()).upper()
    if not code:
        return ""
    if len(code) != 18 or any(c not in _CODE_CHARS for c in code):
        raise ValidationError(
            _("The unified social credit code must be 18 letters and digits (no I, O, S, V, Z)."),
            "credit_code",
        )
    if credit_code_check(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of the unified social credit code {code} is wrong.").format(
                code=code
            ),
            "credit_code",
        )
    return code
