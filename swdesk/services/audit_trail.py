"""Reading the audit log: who changed what and when, with the old and new values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from swdesk.services.audit_wording import KINDS, WordedChange, action_text, worded_changes
from swdesk.services.security import mask_value, record_reveal
from swdesk.services.staff import find_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import audit
from swdesk.storage.staff import staff_names


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    table: str
    row_id: int | None
    staff_id: int | None
    staff_name: str
    changes: tuple[FieldChange, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "table": self.table,
            "row_id": self.row_id,
            "staff_id": self.staff_id,
            "staff_name": self.staff_name,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in self.changes],
        }


def _changes(old: Any, new: Any, show_personal: bool) -> tuple[FieldChange, ...]:
    """Fields whose value differs; a record that is not a dict of fields is one change."""
    if not isinstance(old, dict | None) or not isinstance(new, dict | None):
        return (FieldChange("", old, new),)
    old, new = old or {}, new or {}
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if not show_personal:
            before, after = mask_value(key, before), mask_value(key, after)
        out.append(FieldChange(key, before, after))
    return tuple(out)


def audit_trail(
    ws: Workspace,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    staff_id_number: str | None = None,
    user: str | None = None,
    show_personal: bool = False,
    kind: str | None = None,
) -> list[AuditEntry]:
    """Entries from ``since`` to ``until`` (both days included), about one person (by identity
    number), by one user and/or of one kind (audit_wording.KINDS), oldest first; identity and
    phone numbers masked unless asked."""
    staff_id = find_staff(ws, staff_id_number).id if staff_id_number else None
    prefixes = KINDS[kind][1] if kind else None
    names = staff_names(ws.db)
    out = []
    for row in audit.entries(ws.db, since=since, staff_id=staff_id):
        if until is not None and row["at"][:10] > until.isoformat():
            continue
        if user is not None and row["user"] != user:
            continue
        if prefixes is not None and not row["action"].startswith(prefixes):
            continue
        out.append(
            AuditEntry(
                id=row["id"],
                at=row["at"],
                user=row["user"],
                action=row["action"],
                table=row["table_name"],
                row_id=row["row_id"],
                staff_id=row["staff_id"],
                staff_name=names.get(row["staff_id"], ""),
                changes=_changes(row["old"], row["new"], show_personal),
            )
        )
    return out


def describe(value: Any) -> str:
    """A value as the audit listing shows it."""
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class WordedEntry:
    """An audit entry as the change log shows it, in the language of the moment."""

    entry: AuditEntry
    what: str
    fields: tuple[WordedChange, ...]

    @property
    def changes(self) -> tuple[str, ...]:
        """Each change as one line: "入职日期：2020-01-01 → 2020-02-01"."""
        return tuple(c.text() for c in self.fields)


def change_log(
    ws: Workspace, *, show_personal: bool = False, via: str = "audit", **filters: Any
) -> list[WordedEntry]:
    """The audit trail (filters of ``audit_trail``) in words; showing whole identity and phone
    numbers is itself noted in the log, naming the people shown and where (``via``)."""
    entries = audit_trail(ws, show_personal=show_personal, **filters)
    if show_personal:
        people = [e.staff_id for e in entries if e.staff_id is not None]
        record_reveal(ws, people, ("id_number", "phone"), via)
    profile = ws.profile if ws.agency_row() is not None else None
    return [
        WordedEntry(
            e,
            action_text(e.action),
            tuple(worded_changes([(f.field, f.old, f.new) for f in e.changes], profile)),
        )
        for e in entries
    ]
