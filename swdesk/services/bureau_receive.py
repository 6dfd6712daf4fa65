"""Receiving submission files (收取报送), strictly: each file is read and checked whole before
anything of it is written, all the files of one receipt are written in one transaction with
the checks that follow, and a file that is refused leaves the data as it was.

A record counts once per agency and period: a newer submission replaces the one before (which
stays as history), an older one arriving late goes into history at once, and the same record
arriving a second time (directly and inside a district's file) is the one record it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.domain.submission import Submission, Unit, UnitKind
from swdesk.exchange.submission_file import FileRefused
from swdesk.i18n import N_, _, ngettext
from swdesk.services.bureau import bureau_unit
from swdesk.services.bureau_checks import ArrivedCE, CheckRun, run_checks
from swdesk.services.bureau_reading import ReadFile, ReadRecord, read_files, stop_workers
from swdesk.services.told import Told
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import attachments, audit
from swdesk.storage import bureau as units_store
from swdesk.storage import findings as findings_store
from swdesk.storage import submissions as store

NEW = "new"
REPLACES = "replaces"
OLDER = "older"
AGAIN = "again"
OUTCOME_LABELS = {
    NEW: N_("new"),
    REPLACES: N_("replaces the earlier submission"),
    OLDER: N_("older than the one on file: kept as history"),
    AGAIN: N_("already received"),
}


@dataclass(frozen=True)
class RecordOutcome:
    agency_code: str
    agency_name: str
    period: int
    submission_id: str
    outcome: str

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self.outcome])


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    submitter: Unit
    period: int
    again: bool  # the very same file had been received before
    records: tuple[RecordOutcome, ...] = ()
    decisions: int = 0


@dataclass(frozen=True)
class Receipt:
    files: tuple[FileOutcome, ...]
    checks: CheckRun | None
    changes: Changes = field(default_factory=Changes)


def moment(ws: Workspace) -> dt.datetime:
    """Now, on the workspace's day (the clock tests set), with the local offset."""
    return dt.datetime.combine(ws.today(), dt.datetime.now().time()).astimezone()


def _refuse(path: Path, problem: str) -> FileRefused:
    return FileRefused(path, [problem])


def _check_sender(me: Unit, sub: Submission, path: Path, today: dt.date) -> None:
    sender = sub.submitter
    if sender.credit_code and sender.credit_code == me.credit_code:
        raise _refuse(path, _("it is this bureau's own file."))
    if (
        sender.kind is UnitKind.BUREAU
        and me.level is not None
        and sender.level is not None
        and sender.level.rank >= me.level.rank
    ):
        raise _refuse(
            path,
            _("it comes from {sender}, a bureau of the same or a higher level.").format(
                sender=sender.name
            ),
        )
    if sub.period > today.year:
        raise _refuse(path, _("its period {period} lies in the future.").format(period=sub.period))


def _unit_id(ws: Workspace, sender: Unit, path: Path) -> int:
    unit = units_store.unit_with_code(ws.db, sender.credit_code)
    if unit is None:
        return units_store.add_unit(
            ws.db,
            credit_code=sender.credit_code,
            name=sender.name,
            kind=sender.kind,
            level=sender.level,
            on=ws.today(),
        )
    if unit.kind is not sender.kind:
        known_as = (
            _("{code} reports here as an agency, but this file is a bureau's.")
            if unit.kind is UnitKind.AGENCY
            else _("{code} reports here as a bureau, but this file is an agency's.")
        )
        raise _refuse(path, known_as.format(code=sender.credit_code))
    if unit.name != sender.name:
        units_store.update_unit(ws.db, unit.id, name=sender.name)
    return unit.id


def _take_record(
    ws: Workspace, record: ReadRecord, file_row: int, via: str, arrived: ArrivedCE
) -> RecordOutcome:
    code, period = record.agency.credit_code, record.period

    def outcome(kind: str) -> RecordOutcome:
        return RecordOutcome(code, record.agency.name, period, record.submission_id, kind)

    known = store.record_with_submission(ws.db, record.submission_id)
    if known is not None:
        store.add_path(ws.db, known.id, file_row)
        return outcome(AGAIN)
    current = store.current_record(ws.db, code, period)
    if current is None:
        store.insert_record(ws.db, record.rows, file_row_id=file_row, via=via, current=True)
        arrived.add(code, period, record.ce)
        return outcome(NEW)
    row, created_utc = current
    if record.created_utc > created_utc:
        store.retire(ws.db, row.id)
        new_id = store.insert_record(
            ws.db, record.rows, file_row_id=file_row, via=via, current=True
        )
        store.set_replaced_by(ws.db, row.id, new_id)
        arrived.add(code, period, record.ce)
        return outcome(REPLACES)
    store.insert_record(
        ws.db, record.rows, file_row_id=file_row, via=via, current=False, replaced_by=row.id
    )
    return outcome(OLDER)


def _take_file(
    ws: Workspace,
    me: Unit,
    got: ReadFile,
    now: dt.datetime,
    arrived: ArrivedCE,
    unsynced: list[Path],
) -> FileOutcome:
    path, sub = got.path, got.submission
    if got.unsynced is not None:
        unsynced.append(got.unsynced)
    _check_sender(me, sub, path, ws.today())
    seen = store.file_row(ws.db, sub.submission_id)
    if seen is not None:
        if seen["sha256"] != got.sha256:
            raise _refuse(
                path,
                _(
                    "a different file with the same identity was received on {date}: one of "
                    "the two is not what its maker wrote."
                ).format(date=seen["received_at"][:10]),
            )
        return FileOutcome(path, sub.submitter, sub.period, again=True)
    unit_id = _unit_id(ws, sub.submitter, path)
    file_row = store.insert_file(
        ws.db,
        {
            "file_id": sub.submission_id,
            "unit_id": unit_id,
            "period": sub.period,
            "created_at": sub.created_at.isoformat(),
            "received_at": now.isoformat(timespec="seconds"),
            "received_by": ws.user,
            "file_name": path.name,
            "sha256": got.sha256,
            "size": got.size,
            "format_version": got.format_version,
            "program_version": sub.program_version,
            "records": len(got.records),
        },
    )
    kept = attachments.attach(
        ws.db, ws.path, path, owner_table="received_files", owner_id=file_row, user=ws.user,
        kind="submission", expect_sha256=got.sha256, unsynced=unsynced, kept=got.kept,
    )  # fmt: skip
    store.set_file_attachment(ws.db, file_row, kept)
    via = sub.submitter.name if sub.submitter.kind is UnitKind.BUREAU else ""
    outcomes = tuple(_take_record(ws, r, file_row, via, arrived) for r in got.records)
    at = now.isoformat(timespec="seconds")
    taken = sum(
        findings_store.insert_decision(
            ws.db, d, recorded_at=at, recorded_by=ws.user, file_row_id=file_row
        )
        is not None
        for d in sub.decisions
    )
    audit.record(
        ws.db,
        user=ws.user,
        action="submission.receive",
        table="received_files",
        row_id=file_row,
        new={
            "file": path.name,
            "from": sub.submitter.name,
            "credit_code": sub.submitter.credit_code,
            "period": sub.period,
            "sha256": got.sha256,
            "records": {o.agency_code: o.outcome for o in outcomes},
            "decisions": taken,
        },
    )
    return FileOutcome(path, sub.submitter, sub.period, False, outcomes, taken)


def _tell(told: Told | None, done: int, total: int, text: str = "") -> None:
    """Stop here if the window's Cancel was pressed (``check`` raises); else say how far."""
    if told is None:
        return
    told.check()
    default = _("Receiving the files: {done} of {total}…").format(done=done, total=total)
    told(done, total, text or default)


def receive_told(ws: Workspace, paths: Iterable[Path | str], *, progress: Told) -> Receipt:
    """`receive` telling the window's progress dialog how many files are taken; its Cancel
    stops the receipt and nothing is received."""
    return receive(ws, paths, told=progress)


def receive(
    ws: Workspace,
    paths: Iterable[Path | str],
    *,
    workers: int | None = None,
    told: Told | None = None,
) -> Receipt:
    """Receive the files at ``paths`` and run the checks, all in one transaction; FileRefused
    (naming the file and every problem) if any file is not taken, and then nothing changes.
    The files are read by ``workers`` processes while this one writes (see
    `bureau_reading.read_files`; None: as many as are worth it, 0: in this process). ``told``
    hears how many files are taken, and its ``check`` raises to stop (the window's Cancel):
    the transaction is rolled back, and nothing was received."""
    me = bureau_unit(ws)
    now = moment(ws)
    paths = [Path(p) for p in paths]
    reading = read_files(
        paths, now=now, limits=ws.limits, profile=ws.profile, db_path=ws.path, workers=workers
    )
    files: list[FileOutcome] = []
    # The CE results of the records that become current, judged as they arrive.
    arrived = ArrivedCE()
    unsynced: list[Path] = []  # the copies a file's taking made, for the flusher
    # Closed on the way out: a file refused here leaves the workers reading ahead, and the
    # workers free for the next receipt only once the reading is closed.
    try:
        # The larger cache kept until after the commit, which writes what it holds. The kept
        # files are flushed to the disk as they are taken, all of them before the commit.
        with (
            store.receipt_cache(ws.db),
            ws.db.atomic(),
            contextlib.closing(reading),
            attachments.Flusher() as flusher,
        ):
            for got in reading:
                _tell(told, len(files), len(paths))
                files.append(_take_file(ws, me, got, now, arrived, unsynced))
                flusher.add(unsynced)
                unsynced.clear()
            _tell(told, len(files), len(paths), _("Checking across the agencies…"))
            checks = run_checks(ws, arrived) if any(not f.again for f in files) else None
            _tell(told, len(files), len(paths), _("Saving…"))
            flusher.wait()
    except SwdeskError:
        # A refusal, or the window's Cancel: the workers, idle once their files in hand are
        # read, serve the next receipt.
        raise
    except BaseException:
        # Ctrl-C, or a failure no one foresaw: the program may be ending, and the files the
        # workers are reading are of no use; they are stopped now rather than left to finish.
        stop_workers()
        raise
    outcomes = [o.outcome for f in files for o in f.records]
    fresh = [f for f in files if not f.again]
    if not fresh:
        message = _("Nothing new: every file had been received before.")
    else:
        message = ngettext(
            "{n} file received: {records} agency records taken, {again} already on file.",
            "{n} files received: {records} agency records taken, {again} already on file.",
            len(fresh),
        ).format(
            n=len(fresh),
            records=sum(o != AGAIN for o in outcomes),
            again=outcomes.count(AGAIN),
        )
    if checks is not None and checks.new:
        message += " " + ngettext(
            "The checks found {n} new finding.", "The checks found {n} new findings.", checks.new
        ).format(n=checks.new)
    tables = {"received_files", "agency_records", "reporting_units", "attachments", "findings"}
    return Receipt(tuple(files), checks, Changes.of(tables, message=message))
