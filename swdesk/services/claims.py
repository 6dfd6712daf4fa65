"""Creating applications of each kind: the level award, an exam-cost claim, an agency subsidy,
a commendation nomination. Each is checked against the profile, stored as a draft with its
number, and refused with the reason (and clause) when the rules or the store say no."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

from swdesk.domain.applications import Application, Kind, money_text
from swdesk.domain.awards import LEVEL_AWARD, check_claim
from swdesk.domain.claims import (
    check_exam_claim,
    check_nomination_reasons,
    find_commendation,
    find_subsidy,
    label,
)
from swdesk.domain.errors import NotFound, RuleRefused, ValidationError
from swdesk.domain.levels import Level, parse_level
from swdesk.domain.reasons import Named, Reason
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.services.applications import insert_application, record_attachment
from swdesk.services.awards import (
    level_award_for,
    list_honours,
    open_level_award_applications,
    record_honour,
)
from swdesk.services.changes import UndoEntry
from swdesk.services.staff import find_staff
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import awards as awards_store


def _label(app: Application) -> Reason:
    return Reason(N_("Create application {number}"), {"number": app.number})


def _created(app: Application, what: str, undo: UndoEntry | None) -> Changes:
    return Changes.of(
        {Area.APPLICATIONS, Area.ATTACHMENTS},
        [app.staff_id] if app.staff_id else [],
        _("Application {number} created: {what}.").format(number=app.number, what=what),
        app.id,
        undo,
    )


def _date(ws: Workspace, on: dt.date | None) -> dt.date:
    on = on or ws.today()
    if on > ws.today():
        raise ValidationError(_("An application cannot be dated in the future."), "date")
    return on


def _attach_all(ws: Workspace, app: Application, files: Iterable[Path | str], kind: str) -> None:
    for path in files:
        record_attachment(ws, "applications", app.id, path, kind, app.staff_id)


def create_level_award(
    ws: Workspace,
    id_number: str,
    on: dt.date | None = None,
    note: str = "",
    documents: Iterable[Path | str] = (),
) -> Changes:
    """A level-award application for what is due to the person on ``on`` (the full amount of the
    highest level, or the difference to what was already paid); refused with the reason when
    nothing is due."""
    on = _date(ws, on)
    person = find_staff(ws, id_number)
    assert person.id is not None
    # Evaluate and store in one transaction: what is due is what is stored now.
    with recorded(ws) as step:
        result = level_award_for(ws, person.id, on)
        open_app = open_level_award_applications(ws).get(person.id)
        if open_app:
            raise RuleRefused(
                _(
                    "Application {number} for {name}'s professional-level award is still in "
                    "progress: finish or withdraw it first."
                ).format(number=open_app, name=person.name),
                result.clause.ref,
            )
        check_claim(result, result.amount_due)
        assert result.level is not None
        details = {
            "eligible_from": result.eligible_from,
            "already_paid": result.already_paid,
            "entitled": result.entitled,
            "reasons": [r.to_data() for r in result.reasons],
            "note": clean_text(note, "note", _("The note"), multiline=True).strip(),
        }
        app = insert_application(
            ws,
            kind=Kind.LEVEL_AWARD,
            award=LEVEL_AWARD,
            claim_key=result.level.value,
            amount=Decimal(result.amount_due),
            on=on,
            staff_id=person.id,
            level=result.level,
            details=details,
        )
        _attach_all(ws, app, documents, "document")
        step.label = _label(app)
    what = _("professional-level award for {name}, {level}, {amount} CNY").format(
        name=person.name, level=result.level.label(), amount=money_text(result.amount_due)
    )
    return _created(app, what, step.entry)


def create_exam_claim(
    ws: Workspace,
    id_number: str,
    *,
    exam_year: int,
    level: Level | str,
    items: Mapping[str, object],
    on: dt.date | None = None,
    receipts: Iterable[Path | str] = (),
) -> Changes:
    """A claim for the costs of one exam sitting (year, level sat), with its receipts."""
    on = _date(ws, on)
    person = find_staff(ws, id_number)
    lvl = level if isinstance(level, Level) else parse_level(level)
    claim = check_exam_claim(ws.profile, exam_year=exam_year, level=lvl, items=items, today=on)
    details = {
        "exam_year": exam_year,
        "items": {code: str(amount) for code, amount in claim.items.items()},
        "clause": claim.clause,
    }
    with recorded(ws) as step:
        app = insert_application(
            ws,
            kind=Kind.EXAM_REIMBURSEMENT,
            award=Kind.EXAM_REIMBURSEMENT.value,
            claim_key=f"{exam_year}/{lvl.value}",
            amount=claim.total,
            on=on,
            staff_id=person.id,
            level=lvl,
            details=details,
        )
        _attach_all(ws, app, receipts, "receipt")
        step.label = _label(app)
    what = _("exam costs of {name}, {year} {level} exam, {amount} CNY").format(
        name=person.name, year=exam_year, level=lvl.label(), amount=money_text(claim.total)
    )
    return _created(app, what, step.entry)


def create_subsidy(
    ws: Workspace,
    honour_id: int,
    on: dt.date | None = None,
    documents: Iterable[Path | str] = (),
) -> Changes:
    """The agency's application for the one-time subsidy its recorded honour gives."""
    on = _date(ws, on)
    honour = awards_store.honour_row(ws.db, honour_id)
    if honour is None:
        raise NotFound(_("There is no recorded honour {id}.").format(id=honour_id))
    subsidy = find_subsidy(ws.profile, honour["code"])
    details = {
        "honour": honour["code"],
        "conferred_on": honour["conferred_on"],
        "document": honour["document"],
        "clause": subsidy.clause.ref,
    }
    with recorded(ws) as step:
        app = insert_application(
            ws,
            kind=Kind.AGENCY_SUBSIDY,
            award=subsidy.code,
            claim_key=str(honour_id),
            amount=Decimal(subsidy.amount),
            on=on,
            honour_id=honour_id,
            details=details,
        )
        _attach_all(ws, app, documents, "document")
        step.label = _label(app)
    what = _("subsidy for {honour}, {amount} CNY").format(
        honour=label(subsidy), amount=money_text(subsidy.amount)
    )
    return _created(app, what, step.entry)


def create_nomination(
    ws: Workspace,
    id_number: str,
    commendation: str,
    reasons: str,
    *,
    case_title: str = "",
    on: dt.date | None = None,
    documents: Iterable[Path | str] = (),
) -> Changes:
    """A nomination of a person for one of the profile's commendations (one per year and type);
    its outcome is recorded by approving or rejecting it."""
    on = _date(ws, on)
    person = find_staff(ws, id_number)
    kind = find_commendation(ws.profile, commendation)
    details = {
        "reasons": check_nomination_reasons(reasons),
        "case_title": clean_text(case_title, "case_title", _("The case title")).strip(),
        "clause": kind.clause.ref,
    }
    with recorded(ws) as step:
        app = insert_application(
            ws,
            kind=Kind.NOMINATION,
            award=kind.code,
            claim_key=str(on.year),
            amount=Decimal(0),
            on=on,
            staff_id=person.id,
            details=details,
        )
        _attach_all(ws, app, documents, "document")
        step.label = _label(app)
    what = _("nomination of {name} for {commendation}").format(
        name=person.name, commendation=label(kind)
    )
    return _created(app, what, step.entry)


def claim_honour_subsidy(
    ws: Workspace,
    code: str,
    conferred_on: dt.date,
    document: str = "",
    on: dt.date | None = None,
) -> Changes:
    """The subsidy application for an honour, recorded with it when it is not on file yet (an
    honour recorded earlier without a claim is used): one step, one undo."""
    with recorded(ws) as step:
        found = [
            h for h in list_honours(ws)
            if h.code == code and h.conferred_on == conferred_on and not h.application
        ]  # fmt: skip
        honour_id = (
            found[0].id if found else record_honour(ws, code, conferred_on, document).created_id
        )
        changes = create_subsidy(ws, honour_id, on)  # type: ignore[arg-type]
        subsidy = find_subsidy(ws.profile, code)
        step.label = Reason(
            N_("Claim the subsidy for {honour}"),
            {"honour": Named(subsidy.name, subsidy.name_en)},
        )
    return Changes.of(
        {Area.APPLICATIONS, Area.AWARDS}, changes.staff_ids, changes.message, changes.created_id,
        step.entry,
    )  # fmt: skip
