"""Interns of the agency as an employment-practice base (就业见习基地, FCG-2023 (十六)): the
recognition, each intern with the months of practice, and the claim list for the bureau."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.domain import idnumber
from swdesk.domain.errors import NotFound, SwdeskError, ValidationError
from swdesk.domain.interns import (
    SUBSIDY_LABELS,
    Intern,
    InternClaim,
    check_intern,
    claim_lines,
    unset_rates,
)
from swdesk.domain.profiles import InternRule
from swdesk.domain.reasons import Reason
from swdesk.domain.text import clean_text
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe
from swdesk.services.undo import recorded
from swdesk.services.workspace import Area, Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import interns as store


def intern_rule(ws: Workspace) -> InternRule:
    rule = ws.profile.interns
    if rule is None:
        raise SwdeskError(
            _("The policy profile {profile} has no rules for interns.").format(
                profile=ws.profile.id
            )
        )
    return rule


def recognise_base(ws: Workspace, recognised_by: str, on: dt.date) -> Changes:
    """Record that a human-resources bureau recognised the agency as an employment-practice
    base (经县级及以上人力资源和社会保障部门认定) on ``on``."""
    rule = intern_rule(ws)
    by = clean_text(recognised_by, "recognised_by", _("The bureau")).strip()
    if not by:
        raise ValidationError(_("Name the bureau that recognised the agency."), "recognised_by")
    if on > ws.today():
        raise ValidationError(_("The recognition cannot be dated in the future."), "date")
    old = store.get_base(ws.db)
    # Kept in the settings, which undo does not take back (as the password): not an undo step.
    with ws.db.atomic():
        store.put_base(ws.db, by, on)
        audit.record(ws.db, user=ws.user, action="interns.base", table="settings", row_id=None,
                     old=old, new={"recognised_by": by, "on": on.isoformat()})  # fmt: skip
    return Changes.of(
        {Area.SETTINGS},
        message=_("Recognised as an employment-practice base by {by} on {date} ({clause}).").format(
            by=by, date=on.isoformat(), clause=rule.clause.ref
        ),
    )


def add_intern(
    ws: Workspace,
    *,
    name: str,
    id_number: str,
    school: str,
    graduated_on: dt.date,
    started_on: dt.date,
    months: int,
    work_injury_insurance: bool = False,
    phone: str = "",
    note: str = "",
    accept_unknown_region: bool = False,
) -> Changes:
    """Record an intern; refused, with the clause, for a practice the rule does not cover."""
    rule = intern_rule(ws)
    base = store.get_base(ws.db)
    if base is None:
        raise SwdeskError(
            _(
                "Record first which human-resources bureau recognised the agency as an "
                "employment-practice base (swdesk interns base); {clause} pays only such bases."
            ).format(clause=rule.clause.ref)
        )
    person = clean_text(name, "name", _("The name")).strip()
    if not person:
        raise ValidationError(_("The name is required."), "name")
    info = idnumber.parse(id_number)
    idnumber.check_region(info, accept_unknown_region)
    if graduated_on <= info.birth_date:
        raise ValidationError(_("The graduation date is before the date of birth."), "graduated_on")
    if started_on < dt.date.fromisoformat(base["on"]):
        raise ValidationError(
            _("The practice starts before the agency was recognised as a base ({date}).").format(
                date=base["on"]
            ),
            "started_on",
        )
    reason = check_intern(rule, graduated_on, started_on, months)
    intern = Intern(
        None, person, info.number, info.sex, info.birth_date,
        clean_text(school, "school", _("The school")).strip(), graduated_on, started_on, months,
        work_injury_insurance, clean_text(phone, "phone", _("The phone")).strip(),
        clean_text(note, "note", _("The note"), multiline=True).strip(),
    )  # fmt: skip
    label = Reason(N_("Record the intern {name}"), {"name": person})
    with recorded(ws, label) as step:
        new_id = store.insert(ws.db, intern)
        if new_id is None:
            raise ValidationError(
                _("The practice of {name} from {date} is already recorded.").format(
                    name=person, date=started_on.isoformat()
                ),
                "started_on",
            )
        audit.record(ws.db, user=ws.user, action="intern.add", table="interns", row_id=new_id,
                     new=store.to_row(intern))  # fmt: skip
    return Changes.of(
        {Area.INTERNS},
        message=_("{name}: practice of {months} months from {start} recorded. {reason}").format(
            name=person, months=months, start=started_on.isoformat(), reason=describe(reason)
        ),
        created_id=new_id,
        undo=step.entry,
    )


def remove_intern(ws: Workspace, intern_id: int, reason: str) -> Changes:
    """Remove a mistaken intern record, with the reason, kept in the audit log."""
    why = clean_text(reason, "reason", _("The reason")).strip()
    if not why:
        raise ValidationError(_("Give the reason for removing it."), "reason")
    found = [i for i in store.all_interns(ws.db) if i.id == intern_id]
    if not found:
        raise NotFound(_("No intern with id {id}.").format(id=intern_id))
    label = Reason(N_("Remove the intern {name}"), {"name": found[0].name})
    with recorded(ws, label) as step:
        store.delete(ws.db, intern_id)
        audit.record(ws.db, user=ws.user, action="intern.remove", table="interns",
                     row_id=intern_id, old=store.to_row(found[0]), new={"reason": why})  # fmt: skip
    return Changes.of(
        {Area.INTERNS},
        message=_("Removed the record of {name}.").format(name=found[0].name),
        undo=step.entry,
    )


def list_interns(ws: Workspace) -> list[Intern]:
    return store.all_interns(ws.db)


@dataclass(frozen=True)
class InternsOverview:
    """What the interns page shows: whether the profile pays interns at all (``clause`` None: it
    does not), who recognised the agency as a base and when, and the interns recorded."""

    clause: str | None
    recognised_by: str
    recognised_on: dt.date | None
    interns: list[Intern]


def interns_overview(ws: Workspace) -> InternsOverview:
    rule = ws.profile.interns
    base = store.get_base(ws.db)
    return InternsOverview(
        rule.clause.ref if rule else None,
        base["recognised_by"] if base else "",
        dt.date.fromisoformat(base["on"]) if base else None,
        store.all_interns(ws.db),
    )


def intern_claim(ws: Workspace, start: dt.date, end: dt.date) -> InternClaim:
    rule = intern_rule(ws)
    if end < start:
        raise ValidationError(_("The end of the period is before its start."), "to")
    base = store.get_base(ws.db)
    lines = claim_lines(rule, store.started_between(ws.db, start, end))
    notes = [
        Reason(
            N_(
                "The profile sets no amount a month for the {subsidy}: {clause} names none; "
                "fill it in by hand, or set [interns] per_month in the profile."
            ),
            {"subsidy": _(SUBSIDY_LABELS[code]), "clause": rule.clause.ref},
            rule.clause.ref,
        )
        for code in unset_rates(rule, lines)
    ]
    by = base["recognised_by"] if base else ""
    return InternClaim(start, end, by, lines, notes, rule.clause.ref)
