"""The agency as a value (its identity heads every form) and the check of its unified social
credit code (统一社会信用代码, GB 32100-2015), by python-stdnum's ``stdnum.cn.uscc`` with swdesk's
own messages."""

from __future__ import annotations

from dataclasses import dataclass

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _


@dataclass(frozen=True)
class Agency:
    name: str
    credit_code: str
    address: str
    contact_person: str
    phone: str
    profile_id: str


def credit_code_check(first17: str) -> str:
    """The check character for the first 17 characters."""
    # Imported here, as in domain/idnumber.py: stdnum's first import is slow.
    from stdnum.cn import uscc

    return uscc.calc_check_digit(first17)


def check_credit_code(raw: str) -> str:
    code = "".join(str(raw).split()).upper()
    if not code:
        return ""
    from stdnum import exceptions as stdnum_errors
    from stdnum.cn import uscc

    try:
        return uscc.validate(code)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The check character of the unified social credit code {code} is wrong.").format(
                code=code
            ),
            "credit_code",
        ) from None
    except stdnum_errors.ValidationError:
        # Wrong length, a letter where the registering body, kind and region need digits (the
        # first 8), or a letter outside the code's alphabet.
        raise ValidationError(
            _(
                "The unified social credit code must be 18 letters and digits (no I, O, S, V, Z), "
                "the first 8 of them digits."
            ),
            "credit_code",
        ) from None
