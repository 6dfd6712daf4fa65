"""Reading the audit log: who changed what and when, with the old and new values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from swdesk.services.security import mask_value
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
) -> list[AuditEntry]:
    """Entries from ``since`` to ``until`` (both days included), about one person (by identity
    number) and/or by one user, oldest first; identity and phone numbers masked unless asked."""
    staff_id = find_staff(ws, staff_id_number).id if staff_id_number else None
    names = staff_names(ws.db)
    out = []
    for row in audit.entries(ws.db, since=since, staff_id=staff_id):
        if until is not None and row["at"][:10] > until.isoformat():
            continue
        if user is not None and row["user"] != user:
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
