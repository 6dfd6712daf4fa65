"""The agency imports its bureau's return file (退回文件): each claim the bureau did not approve
becomes a 不予批准 (rejected) step of its application, with the bureau's reason, through the
same application service as a step typed by hand, so every rule and the audit log apply. The
file is checked whole first and every step is written in one transaction, or none is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from swdesk.domain.applications import Status
from swdesk.domain.errors import SwdeskError
from swdesk.domain.reasons import Reason
from swdesk.exchange.submission_file import FileRefused, read_return_file
from swdesk.i18n import N_, _, ngettext
from swdesk.services import applications
from swdesk.services.agency import get_agency
from swdesk.services.undo import recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit


@dataclass(frozen=True)
class ReturnImported:
    rejected: tuple[str, ...]  # application numbers now rejected
    already: tuple[str, ...]  # rejected before (the file was imported already)
    changes: Changes


def _reason(reason: str, clause: str) -> str:
    return reason if not clause or clause in reason else f"{reason} ({clause})"


def import_return(ws: Workspace, path: Path | str) -> ReturnImported:
    path = Path(path)
    agency = get_agency(ws)
    now = dt.datetime.combine(ws.today(), dt.datetime.now().time()).astimezone()
    got = read_return_file(path, now=now, limits=ws.limits)
    ret = got.returned
    if ret.agency_code != agency.credit_code:
        raise FileRefused(
            path,
            [
                _("it is addressed to the agency {code}, not to this one ({mine}).").format(
                    code=ret.agency_code, mine=agency.credit_code or "—"
                )
            ],
        )
    rejected, already, problems = [], [], []
    # The whole return is one step of the undo history (each refusal is an application step).
    label = Reason(N_("Import the return from {bureau}"), {"bureau": ret.bureau.name})
    with recorded(ws, label) as step:
        for d in ret.decisions:
            try:
                app = applications.get_application(ws, d.claim_number)
            except SwdeskError as exc:
                problems.append(str(exc))
                continue
            if app.status is Status.REJECTED:
                already.append(app.number)
                continue
            try:
                applications.reject(ws, app.number, d.by, _reason(d.reason, d.clause), d.on)
            except SwdeskError as exc:
                problems.append(
                    _("Application {number}: {problem}").format(number=app.number, problem=exc)
                )
                continue
            rejected.append(app.number)
        if problems:
            # Raised inside the transaction: the steps recorded above are rolled back.
            raise FileRefused(path, problems)
        audit.record(
            ws.db, user=ws.user, action="return.import", table="applications", row_id=None,
            new={"return_id": ret.return_id, "bureau": ret.bureau.name, "file": path.name,
                 "rejected": rejected, "already": already},
        )  # fmt: skip
    message = ngettext(
        "Return from {bureau} imported: {n} application not approved.",
        "Return from {bureau} imported: {n} applications not approved.",
        len(rejected),
    ).format(bureau=ret.bureau.name, n=len(rejected))
    if already:
        message += " " + _("Already recorded: {numbers}.").format(numbers=", ".join(already))
    tables = {"applications", "application_steps"} if rejected else set()
    return ReturnImported(
        tuple(rejected), tuple(already), Changes.of(tables, message=message, undo=step.entry)
    )
