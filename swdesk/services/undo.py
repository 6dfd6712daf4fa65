"""Undo and redo (Anki's ``undo_status`` / ``undo`` / ``redo``): every change a user makes is one
step in the data file's undo history — a whole import too — and the last 50 can be taken back,
and done again, in the window or with ``swdesk undo`` / ``swdesk redo``, after a restart as well.

A write service records its change by running it inside ``recorded(ws, label)``, in place of a
plain transaction; the rows it touches are noted by the data file itself (swdesk.storage.undo_log),
so nothing a service writes can be forgotten. The label is a key and values (a Reason), worded
when the menu shows it, in the language of that moment: "撤销：导入人员 6 人".

Undo and redo are each one transaction and are written to the audit log. What is history is not
deleted by undo either: undoing an application's step adds a step that takes it back, undoing a
payment voids it. A restored backup starts a new history.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from swdesk.domain.errors import SwdeskError
from swdesk.domain.reasons import Reason
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe
from swdesk.services.changes import Changes, UndoEntry, areas_of
from swdesk.services.workspace import Workspace
from swdesk.storage import audit, undo_log


class NothingToUndo(SwdeskError):
    """Undo or redo asked for with nothing to take back or do again."""


@dataclass
class Recording:
    """The step a change is recorded into: its label may be set inside the change, once what
    it is about has been read; ``entry`` is set once the change is kept."""

    label: Reason | None
    entry: UndoEntry | None = None


@contextmanager
def recorded(ws: Workspace, label: Reason | None = None) -> Iterator[Recording]:
    """One transaction whose changes become one undo step named ``label`` (or the label set on
    the recording inside). Inside another recorded change (an import adding people), it is part
    of that one step."""
    if ws.recording is not None:
        with ws.db.atomic():
            yield Recording(label)
        return
    recording = Recording(label)
    ws.recording = recording
    try:
        with ws.db.atomic():
            undo_log.start(ws.db)
            yield recording
            rows = undo_log.finish(ws.db)
            label = recording.label or Reason(N_("a change"))
            step_id = (
                undo_log.save_step(ws.db, user=ws.user, label=label.to_data(), rows=rows)
                if rows
                else None
            )
    finally:
        ws.recording = None
    if step_id is not None:
        recording.entry = UndoEntry(step_id, label)


@dataclass(frozen=True)
class UndoStatus:
    """What Edit › Undo and Edit › Redo would do now (None: nothing)."""

    undo: UndoEntry | None
    redo: UndoEntry | None


def _entry(row: object) -> UndoEntry | None:
    if row is None:
        return None
    try:
        return UndoEntry(row["id"], Reason.from_data(json.loads(row["label"])))  # type: ignore[index]
    except (ValueError, TypeError, KeyError):
        return UndoEntry(row["id"], Reason(N_("a change")))  # type: ignore[index]


def undo_status(ws: Workspace) -> UndoStatus:
    return UndoStatus(_entry(undo_log.last_done(ws.db)), _entry(undo_log.next_undone(ws.db)))


@dataclass(frozen=True)
class HistoryItem:
    id: int
    made_at: str
    user: str
    label: Reason
    undone: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "made_at": self.made_at,
            "user": self.user,
            "label": describe(self.label),
            "state": "undone" if self.undone else "done",
        }


def undo_history(ws: Workspace) -> list[HistoryItem]:
    """The steps kept, newest first: done ones can be undone (the newest first), undone ones
    redone (the last undone first)."""
    out = []
    for step_id, made_at, user, label, state in undo_log.labels(ws.db):
        entry = _entry({"id": step_id, "label": label})
        assert entry is not None
        out.append(HistoryItem(step_id, made_at, user, entry.label, state == undo_log.UNDONE))
    return out


def undo(ws: Workspace) -> Changes:
    """Take back the last change; refused, with nothing changed, if its rows have been changed
    since by something that was not recorded."""
    return _move(ws, backwards=True)


def redo(ws: Workspace) -> Changes:
    """Do again the change undone last."""
    return _move(ws, backwards=False)


def _move(ws: Workspace, *, backwards: bool) -> Changes:
    with ws.db.atomic():
        row = undo_log.last_done(ws.db) if backwards else undo_log.next_undone(ws.db)
        if row is None:
            raise NothingToUndo(
                _("There is nothing to undo.") if backwards else _("There is nothing to redo.")
            )
        entry = _entry(row)
        assert entry is not None
        name = describe(entry.label)
        try:
            step = undo_log.step_of(row)
            move = undo_log.take_back if backwards else undo_log.do_again
            move(ws.db, step, today=ws.today(), user=ws.user)
        except undo_log.Conflict:
            raise SwdeskError(
                _(
                    "“{step}” cannot be undone: what it changed has been changed since by "
                    "something outside the undo history. Nothing was changed."
                ).format(step=name)
                if backwards
                else _(
                    "“{step}” cannot be done again: what it changed has been changed since. "
                    "Nothing was changed."
                ).format(step=name)
            ) from None
        except ValueError:
            raise SwdeskError(
                _(
                    "The undo history of this data file is damaged; “{step}” cannot be taken back."
                ).format(step=name)
            ) from None
        undo_log.set_state(ws.db, step.id, undo_log.UNDONE if backwards else undo_log.DONE)
        audit.record(
            ws.db,
            user=ws.user,
            action="undo" if backwards else "redo",
            table="undo_steps",
            row_id=step.id,
            new={"step": step.id, "label": step.label, "rows": len(step.rows)},
        )
    tables = {r.table for r in step.rows}
    if "agency" in tables:
        ws.forget_profile()  # the profile may be another again
    return Changes.of(
        areas_of(tables),
        {r.staff_id for r in step.rows if r.staff_id is not None},
        (_("Undone: {step}.") if backwards else _("Redone: {step}.")).format(step=name),
    )
