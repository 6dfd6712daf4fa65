"""Personal data on screen, and the optional program password.

Identity and phone numbers are shown masked in lists and on screen; ``reveal`` gives one whole and
notes in the audit log who looked at whose number. Printed forms use the whole values.

The program password keeps a passer-by at the office PC out of the program. Only a slow salted hash
(scrypt) is stored, never the password. It does not encrypt the data file: whoever can copy the
file can read it with any SQLite tool.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable, Iterable

from swdesk.domain import idnumber
from swdesk.domain.errors import SwdeskError, ValidationError
from swdesk.domain.staff import mask_phone
from swdesk.i18n import _
from swdesk.services.staff import get_staff
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit, settings

PASSWORD_KEY = settings.PASSWORD_KEY
IDLE_KEY = "lock_after_idle_minutes"
MIN_PASSWORD_LENGTH = 6
# scrypt costs: 16 MiB and about 50 ms per try on an office PC; stored with each hash so that a
# later version can raise them without locking anyone out.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024


def mask_id_number(number: str) -> str:
    return idnumber.mask(number)


PERSONAL_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}


def mask_value(field: str, value: object) -> object:
    """The masked form of ``value`` when ``field`` holds personal data, else the value."""
    masker = PERSONAL_FIELDS.get(field)
    if masker is None or not isinstance(value, str) or not value:
        return value
    return masker(value)


def reveal(ws: Workspace, staff_id: int, field: str) -> str:
    """The whole identity or phone number of one person, because the user asked to see it."""
    if field not in PERSONAL_FIELDS:
        raise ValidationError(_("{field} is not personal data.").format(field=field), "field")
    person = get_staff(ws, staff_id)
    if not ws.read_only:
        with ws.db.atomic():
            audit.record(
                ws.db,
                user=ws.user,
                action="personal.reveal",
                table="staff",
                row_id=staff_id,
                new={"field": field},
                staff_id=staff_id,
            )
    return str(getattr(person, field))


def reveal_numbers(ws: Workspace, staff_id: int) -> tuple[str, str]:
    """A person's whole identity and phone numbers (each look noted in the audit log)."""
    return reveal(ws, staff_id, "id_number"), reveal(ws, staff_id, "phone")


def must_note_reveal(ws: Workspace) -> None:
    """Refuse, with what to do instead, a list with whole numbers from a data file open
    read-only: who saw them goes into the audit log, which that file cannot take (SQLite's own
    "attempt to write a readonly database" said nothing a user could act on)."""
    if ws.read_only:
        raise SwdeskError(
            _(
                "Whole identity and phone numbers are noted in the audit log, and this data file "
                "is open read-only: save the list with the numbers masked, or open the file "
                "where it can be written."
            )
        )


def record_reveal(ws: Workspace, staff_ids: Iterable[int], fields: Iterable[str], via: str) -> None:
    """Note in the audit log that whole identity or phone numbers of these people were shown
    (a command run with --show-personal): one entry for the list, naming everyone on it."""
    must_note_reveal(ws)
    ids = sorted(set(staff_ids))
    with ws.db.atomic():
        audit.record(
            ws.db,
            user=ws.user,
            action="personal.reveal",
            table="staff",
            row_id=None,
            new={"fields": sorted(fields), "via": via, "people": len(ids), "staff_ids": ids},
        )


def hash_password(
    password: str,
    *,
    salt: bytes | None = None,
    n: int = SCRYPT_N,
    r: int = SCRYPT_R,
    p: int = SCRYPT_P,
) -> str:
    """``scrypt$n$r$p$salt$key`` (hex): what is stored instead of the password."""
    salt = salt if salt is not None else os.urandom(16)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32
    )
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def password_matches(stored: str, attempt: str) -> bool:
    match = re.fullmatch(r"scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]+)\$([0-9a-f]+)", stored)
    if not match:
        return False
    n, r, p = (int(match[i]) for i in (1, 2, 3))
    salt, key = bytes.fromhex(match[4]), bytes.fromhex(match[5])
    trial = hashlib.scrypt(
        attempt.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=len(key)
    )
    return hmac.compare_digest(trial, key)


class UnlockGuard:
    """Wrong passwords make the next try wait: a few free tries, then a delay that doubles with
    each wrong one (1, 2, 4 … seconds, at most ``MAX_DELAY``). While it runs no password is
    even checked, so guessing costs time and not just the scrypt of each try."""

    FREE_TRIES = 3
    MAX_DELAY = 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self._until = 0.0

    def wait_left(self) -> float:
        """Seconds before the next try is taken (0 when it may be made now)."""
        return max(0.0, self._until - self.clock())

    def attempt(self, ws: Workspace, password: str) -> bool:
        """Whether ``password`` opens the program; False without checking it while a delay runs."""
        if self.wait_left() > 0:
            return False
        if check_password(ws, password):
            self.failures, self._until = 0, 0.0
            return True
        self.failures += 1
        extra = self.failures - self.FREE_TRIES
        if extra >= 0:
            self._until = self.clock() + min(self.MAX_DELAY, 2.0**extra)
        return False


_GUARDS: dict[str, UnlockGuard] = {}


def unlock_guard(ws: Workspace) -> UnlockGuard:
    """The guard of this data file for as long as the program runs (closing the file and opening
    it again does not start the count again)."""
    return _GUARDS.setdefault(str(ws.path), UnlockGuard())


def password_is_set(ws: Workspace) -> bool:
    return settings.get(ws.db, PASSWORD_KEY) is not None


def check_password(ws: Workspace, attempt: str) -> bool:
    """Whether ``attempt`` opens the program (always true when no password is set)."""
    stored = settings.get(ws.db, PASSWORD_KEY)
    return stored is None or password_matches(stored, attempt)


def _require_current(ws: Workspace, current: str | None) -> None:
    stored = settings.get(ws.db, PASSWORD_KEY)
    if stored is not None and (current is None or not password_matches(stored, current)):
        raise ValidationError(_("The current program password is not right."), "current_password")


def set_password(ws: Workspace, new: str, *, current: str | None = None) -> Changes:
    """Set or change the program password; changing it needs the current one."""
    _require_current(ws, current)
    if len(new) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            _("The program password must have at least {n} characters.").format(
                n=MIN_PASSWORD_LENGTH
            ),
            "password",
        )
    stored = hash_password(new)
    with ws.db.atomic():
        settings.put(ws.db, PASSWORD_KEY, stored)
        audit.record(ws.db, user=ws.user, action="password.set", table="settings", row_id=None)
    return Changes.of({Area.SETTINGS}, message=_("The program password is set."))


def remove_password(ws: Workspace, current: str) -> Changes:
    _require_current(ws, current)
    with ws.db.atomic():
        settings.delete(ws.db, PASSWORD_KEY)
        audit.record(ws.db, user=ws.user, action="password.remove", table="settings", row_id=None)
    return Changes.of({Area.SETTINGS}, message=_("The program password is removed."))


def idle_minutes(ws: Workspace) -> int | None:
    """Minutes without use after which the password is asked again; None: never."""
    value = settings.get(ws.db, IDLE_KEY)
    return int(value) if value else None


def set_idle_minutes(ws: Workspace, minutes: int | None) -> Changes:
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        raise ValidationError(
            _("The idle time must be between 1 and 1440 minutes, or none."), "idle_minutes"
        )
    old = idle_minutes(ws)
    with ws.db.atomic():
        if minutes is None:
            settings.delete(ws.db, IDLE_KEY)
        else:
            settings.put(ws.db, IDLE_KEY, str(minutes))
        audit.record(
            ws.db,
            user=ws.user,
            action="settings.idle_minutes",
            table="settings",
            row_id=None,
            old={"minutes": old},
            new={"minutes": minutes},
        )
    return Changes.of({Area.SETTINGS}, message=_("Idle time saved."))
