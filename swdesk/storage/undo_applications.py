"""Undo and redo of an application's history, which is append-only: the data file's triggers
refuse to delete or change a step. Undoing the steps a change added appends one step that goes
back to the status before and names (``undoes``) the first step it takes back; redoing appends
copies of the steps taken back. An application undone from its creation is withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlite_utils import Database

if TYPE_CHECKING:
    from swdesk.storage.undo_log import RowChange

APPLICATIONS, STEPS = "applications", "application_steps"
WITHDRAWN = "withdrawn"  # what an application undone from its creation becomes


def by_application(
    rows: Iterable[RowChange],
) -> dict[int, tuple[RowChange | None, list[RowChange]]]:
    """Each application the step touched: its row's change (None when only steps were added)
    and the steps the change added to it, in the order they were added."""
    out: dict[int, tuple[RowChange | None, list[RowChange]]] = {}
    for change in rows:
        if change.table == APPLICATIONS:
            app, steps = out.get(change.id, (None, []))
            out[change.id] = (change, steps)
        elif change.table == STEPS:
            image = change.after or change.before or {}
            app_id = image.get("application_id")
            if not isinstance(app_id, int) or change.before is not None:
                raise ValueError("application steps are only ever added")
            app, steps = out.get(app_id, (None, []))
            out[app_id] = (app, steps)
            steps.append(change)
    for _app, steps in out.values():
        steps.sort(key=lambda c: c.id)
    return out


def _effective_steps(db: Database, app_id: int) -> list[tuple[int, str]]:
    """(id, on_date) of the application's steps that count, oldest first: an undo step drops the
    step it names and every later one (swdesk.domain.applications reads them the same way)."""
    effective: list[tuple[int, str]] = []
    for step_id, on, undoes in db.execute(
        "SELECT id, on_date, undoes FROM application_steps WHERE application_id = ? ORDER BY id",
        [app_id],
    ).fetchall():
        if undoes is None:
            effective.append((step_id, on))
        else:
            effective = [(i, d) for i, d in effective if i < undoes]
    return effective


def _status_now(db: Database, app_id: int) -> str | None:
    row = db.execute("SELECT status FROM applications WHERE id = ?", [app_id]).fetchone()
    return row[0] if row else None


def _statuses(app: RowChange | None, now: str | None) -> tuple[str | None, str | None]:
    """(status before the step, status after it)."""
    if app is None:
        return now, now
    before = app.before["status"] if app.before else None
    after = app.after["status"] if app.after else None
    return before, after


def check(db: Database, app_id: int, app: RowChange | None, undo: bool) -> bool:
    """Whether the application is in the status the step left it in (undo) or found it in
    (redo)."""
    now = _status_now(db, app_id)
    before, after = _statuses(app, now)
    return now is not None and now == (after if undo else (before or WITHDRAWN))


def put(
    db: Database,
    app_id: int,
    app: RowChange | None,
    steps: list[RowChange],
    undo: bool,
    user: str,
) -> None:
    before, after = _statuses(app, _status_now(db, app_id))
    recorded_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    if undo:
        target = before or WITHDRAWN
        effective = _effective_steps(db, app_id)
        k = max(len(steps), 1)
        taken_back = effective[-k][0] if steps and len(effective) >= k else None
        # The reversal is dated like the step it returns to, so that the next step may be dated
        # as if the one taken back had never been (a new application's: its creation date).
        if before and len(effective) > k:
            on = effective[-k - 1][1]
        else:
            on = db.execute(
                "SELECT created_on FROM applications WHERE id = ?", [app_id]
            ).fetchone()[0]
        db["application_steps"].insert(
            {
                "application_id": app_id,
                "status": target,
                "on_date": on,
                "by_whom": "",
                "reason": "",
                "amount_fen": None,
                "recorded_at": recorded_at,
                "recorded_by": user,
                "undoes": taken_back,
            }
        )
    else:
        target = after or WITHDRAWN
        for change in steps:
            copy = {k: v for k, v in (change.after or {}).items() if k != "id"}
            db["application_steps"].insert(
                {**copy, "recorded_at": recorded_at, "recorded_by": user, "undoes": None}
            )
    db.execute("UPDATE applications SET status = ? WHERE id = ?", [target, app_id])
