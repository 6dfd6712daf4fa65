"""Staff members and credentials as values, and the checks a record must pass before it is kept."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from swdesk.domain import idnumber
from swdesk.domain.errors import ValidationError
from swdesk.domain.levels import Level
from swdesk.domain.text import clean_field
from swdesk.i18n import N_, _

# Dots people type between the parts of a minority name (阿依古丽·买买提): keep one form.
_DOTS = "•・‧．.･∙⋅"
_NAME_DOTS = str.maketrans({c: "·" for c in _DOTS})
# A name with no space and none of those dots (nearly every name) is normalised as it is.
_NAME_TOUCHED = re.compile(f"[\\s{re.escape(_DOTS)}]")
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_PHONE = re.compile(r"^\+?[0-9][0-9\- ]{4,19}$")
_SEX_WORDS = {"男": "M", "女": "F", "m": "M", "f": "F", "male": "M", "female": "F"}

CERTIFICATE_NUMBER_LENGTH = 60  # as a submission to the bureau takes it


def normalize_name(raw: str) -> str:
    """Trim a name; drop the spaces offices pad two-character names with (梁  伟 → 梁伟)."""
    name = str(raw)
    if _NAME_TOUCHED.search(name) is None:
        return name
    name = " ".join(name.split()).translate(_NAME_DOTS)
    if _CJK.search(name):
        name = name.replace(" ", "")
    return name


def check_name(raw: str) -> str:
    """The normalised name, or ValidationError when it is empty, too long or holds a control
    character."""
    name = normalize_name(clean_field(raw, "name", N_("The name")))
    if not name:
        raise ValidationError(_("The name is empty."), "name")
    if len(name) > 50:
        raise ValidationError(_("The name is longer than 50 characters."), "name")
    return name


def parse_sex(raw: object) -> str:
    key = str(raw).strip().lower()
    if key.upper() in ("M", "F"):
        return key.upper()
    try:
        return _SEX_WORDS[key]
    except KeyError:
        raise ValidationError(
            _("Sex must be 男 or 女 (M or F), not {value!r}.").format(value=str(raw)), "sex"
        ) from None


def parse_yes_no(raw: object, field_name: str) -> bool:
    if isinstance(raw, bool):
        return raw
    key = str(raw).strip().lower()
    if key in ("是", "yes", "y", "true", "1", "在编"):
        return True
    if key in ("否", "no", "n", "false", "0", "", "不是", "非"):
        return False
    raise ValidationError(
        _("Write 是 or 否 (yes or no), not {value!r}.").format(value=str(raw)), field_name
    )


def mask_phone(phone: str) -> str:
    """Mask the middle digits: 13912345678 → 139****5678; separators stay where they are."""
    digits = [i for i, c in enumerate(phone) if c.isdigit()]
    n = len(digits)
    if n == 0:
        return phone
    if n <= 4:
        hidden = set(digits)
    elif n < 10:
        hidden = set(digits[:-2])
    else:
        hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else c for i, c in enumerate(phone))


@dataclass(frozen=True)
class Staff:
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    phone: str = ""
    education: str = ""
    major: str = ""
    hire_date: dt.date | None = None
    leave_date: dt.date | None = None
    civil_servant: bool = False
    social_work_since: dt.date | None = None
    note: str = ""
    id: int | None = None

    def masked_id(self) -> str:
        return idnumber.mask(self.id_number)

    def employed_on(self, day: dt.date) -> bool:
        started = self.hire_date is None or self.hire_date <= day
        return started and (self.leave_date is None or self.leave_date > day)


@dataclass(frozen=True)
class Credential:
    level: Level
    certificate_number: str
    obtained_on: dt.date
    issuing_body: str = ""
    registered_on: dt.date | None = None
    staff_id: int | None = None
    id: int | None = None
    voided_on: dt.date | None = None  # entered by mistake: kept in the history, counts nowhere
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_on is not None


def make_staff(
    *,
    name: str,
    id_number: str,
    sex: str | None = None,
    birth_date: dt.date | None = None,
    today: dt.date,
    accept_unknown_region: bool = False,
    **details: object,
) -> Staff:
    """A checked Staff: the identity number must be valid, its region known for the birth year
    (or ``accept_unknown_region``), and any sex or birth date given must agree with what the
    number encodes."""
    clean_name = check_name(name)
    info = idnumber.parse(id_number)
    if sex not in (None, ""):
        given = parse_sex(sex)
        if given != info.sex:
            raise ValidationError(
                _(
                    "Sex {given} does not match identity number {number}, which encodes {encoded}."
                ).format(
                    given=_sex_word(given),
                    number=idnumber.mask(info.number),
                    encoded=_sex_word(info.sex),
                ),
                "sex",
            )
    if birth_date is not None and birth_date != info.birth_date:
        raise ValidationError(
            _("Birth date {given} does not match identity number {number} ({encoded}).").format(
                given=birth_date.isoformat(),
                number=idnumber.mask(info.number),
                encoded=info.birth_date.isoformat(),
            ),
            "birth_date",
        )
    if info.birth_date > today:
        raise ValidationError(
            _("The identity number encodes a birth date in the future."), "id_number"
        )
    idnumber.check_region(info, accept_unknown_region)
    staff = Staff(
        name=clean_name,
        id_number=info.number,
        sex=info.sex,
        birth_date=info.birth_date,
        **details,  # type: ignore[arg-type]
    )
    return check_staff_details(staff, today)


def _cleaned(value: str | None, field: str, what: str, multiline: bool = False) -> str:
    # An empty field (most are) is clean as it is: no label to translate, nothing to search.
    if value is None or value == "":
        return ""
    return clean_field(value, field, what, multiline=multiline).strip()


def check_staff_details(staff: Staff, today: dt.date) -> Staff:
    education = _cleaned(staff.education, "education", N_("The education"))
    major = _cleaned(staff.major, "major", N_("The major"))
    note = _cleaned(staff.note, "note", N_("The note"), multiline=True)
    phone = _cleaned(staff.phone, "phone", N_("The phone number"))
    if phone and not _PHONE.match(phone):
        raise ValidationError(_("{value!r} is not a phone number.").format(value=phone), "phone")
    if staff.social_work_since and staff.social_work_since > today:
        raise ValidationError(
            _("The date social work in the city began cannot be in the future."),
            "social_work_since",
        )
    if staff.social_work_since and staff.social_work_since < staff.birth_date:
        raise ValidationError(
            _("The date social work in the city began is before the birth date."),
            "social_work_since",
        )
    if staff.hire_date and staff.hire_date < staff.birth_date:
        raise ValidationError(_("The hire date is before the birth date."), "hire_date")
    if staff.leave_date and staff.hire_date and staff.leave_date < staff.hire_date:
        raise ValidationError(_("The leave date is before the hire date."), "leave_date")
    if (phone, education, major, note) == (staff.phone, staff.education, staff.major, staff.note):
        return staff  # already clean: no copy (an import checks ten thousand at once)
    return replace(staff, phone=phone, education=education, major=major, note=note)


def make_credential(
    *,
    level: Level | str,
    certificate_number: str,
    obtained_on: dt.date,
    today: dt.date,
    registered_on: dt.date | None = None,
    issuing_body: str = "",
) -> Credential:
    from swdesk.domain.levels import parse_level

    lvl = level if isinstance(level, Level) else parse_level(level)
    number = certificate_text(certificate_number)
    if not number:
        raise ValidationError(_("The certificate number is empty."), "certificate_number")
    if obtained_on > today:
        raise ValidationError(_("The date obtained cannot be in the future."), "obtained_on")
    if obtained_on.year < 2008:
        # The national exam was first held in 2008.
        raise ValidationError(
            _("The national certificate did not exist before 2008."), "obtained_on"
        )
    if registered_on is not None:
        if registered_on < obtained_on:
            raise ValidationError(
                _("The registration date is before the date obtained."), "registered_on"
            )
        if registered_on > today:
            raise ValidationError(
                _("The registration date cannot be in the future."), "registered_on"
            )
    body = clean_field(issuing_body or "", "issuing_body", N_("The issuing body")).strip()
    return Credential(lvl, number, obtained_on, body, registered_on)


def certificate_text(raw: object) -> str:
    """A certificate number as it is kept: full-width forms as ASCII (NFKC), no spaces or
    zero-width characters; its letters keep the case they were typed in, and ``text.code_key``
    compares them in one case (g202145000050 is G202145000050)."""
    text = clean_field(raw, "certificate_number", N_("The certificate number"))
    number = "".join(unicodedata.normalize("NFKC", text).split())
    if len(number) > CERTIFICATE_NUMBER_LENGTH:
        # The bureau refuses a submission holding a longer one: refused here, where it is typed.
        raise ValidationError(
            _("The certificate number is longer than {n} characters.").format(
                n=CERTIFICATE_NUMBER_LENGTH
            ),
            "certificate_number",
        )
    return number


def _sex_word(code: str) -> str:
    return _("male") if code == "M" else _("female")
