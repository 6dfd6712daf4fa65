"""The audit log in the user's words: what was done ("证书已更正", not ``credential.update``), each
field as the forms name it (入职日期, not ``hire_date``), levels, grades, sexes and statuses by
their names, money as money, internal ids left out. The window's change log and ``swdesk audit``
both show it so; ``--json`` keeps the stored values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swdesk.domain.applications import Status, from_fen, money_text
from swdesk.domain.grades import grade_named
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Profile
from swdesk.domain.reasons import Reason
from swdesk.domain.training import form_label
from swdesk.i18n import N_, _
from swdesk.i18n.reasons import describe

ACTIONS = {
    "staff.add": N_("Person added"),
    "staff.update": N_("Person's details corrected"),
    "staff.photo": N_("Photo set"),
    "credential.add": N_("Certificate recorded"),
    "credential.update": N_("Certificate corrected"),
    "credential.void": N_("Certificate voided"),
    "credential.register": N_("Certificate registration recorded"),
    "credential.renumber": N_("Certificate number marked as a second one"),
    "registration.add": N_("Registration recorded"),
    "registration.correct": N_("Registration date corrected"),
    "registration.void": N_("Registration voided"),
    "grade.appoint": N_("Appointed to a grade"),
    "grade.void": N_("Appointment voided"),
    "training.add_event": N_("Training recorded"),
    "training.update_event": N_("Training corrected"),
    "training.delete_event": N_("Training deleted"),
    "training.attend": N_("Attendee added"),
    "training.unattend": N_("Attendee removed"),
    "training.set_hours": N_("Attendee's hours corrected"),
    "training.hours_rebuilt": N_("Training hours by year made again"),
    "award.pay": N_("Award paid"),
    "award_payment.import": N_("Award payment imported"),
    "award_payment.void": N_("Award payment voided"),
    "honour.add": N_("Agency honour recorded"),
    "application.draft": N_("Application created"),
    "application.submitted": N_("Application submitted"),
    "application.approved": N_("Application approved"),
    "application.rejected": N_("Application rejected"),
    "application.paid": N_("Application paid"),
    "application.withdrawn": N_("Application withdrawn"),
    "attachment.add": N_("File attached"),
    "intern.add": N_("Intern recorded"),
    "intern.remove": N_("Intern record removed"),
    "interns.base": N_("Recognised as an employment-practice base"),
    "agency.create": N_("Agency created"),
    "agency.update": N_("Agency details changed"),
    "password.set": N_("Program password set"),
    "password.remove": N_("Program password removed"),
    "settings.idle_minutes": N_("Idle time changed"),
    "personal.reveal": N_("Whole numbers shown"),
    "submission.make": N_("Submission file made"),
    "return.import": N_("Bureau's return file imported"),
    "bureau.create": N_("Bureau created"),
    "unit.expect": N_("Reporting unit expected"),
    "deadline.set": N_("Submission deadline set"),
    "submission.receive": N_("Submission received"),
    "findings.check": N_("Checks run"),
    "finding.resolve": N_("Finding resolved"),
    "finding.reopen": N_("Finding reopened"),
    "claim.reject": N_("Claim not approved"),
    "return.make": N_("Return file made"),
    "import": N_("File imported"),
    "demo.fill": N_("Demo data created"),
    "data.restore": N_("Backup restored"),
    "undo": N_("Undone"),
    "redo": N_("Redone"),
}

# What the change log can be narrowed to, by the start of the actions.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "staff": (N_("People"), ("staff.",)),
    "credentials": (N_("Certificates"), ("credential.", "registration.")),
    "grades": (N_("Post grades"), ("grade.",)),
    "training": (N_("Training"), ("training.",)),
    "applications": (N_("Applications"), ("application.", "attachment.")),
    "awards": (N_("Payments and honours"), ("award", "honour.")),
    "interns": (N_("Interns"), ("intern",)),
    "settings": (N_("Agency and password"), ("agency.", "password.", "settings.")),
    "privacy": (N_("Whole numbers shown"), ("personal.",)),
    "reporting": (
        N_("Submissions and the bureau"),
        ("submission.", "return.", "bureau.", "unit.", "deadline.", "finding", "claim."),
    ),
    "data": (N_("Imports, undo and restores"), ("import", "demo.", "data.", "undo", "redo")),
}

FIELDS = {
    "name": N_("Name"),
    "sex": N_("Sex"),
    "id_number": N_("Identity number"),
    "birth_date": N_("Birth date"),
    "phone": N_("Phone"),
    "education": N_("Education"),
    "major": N_("Major"),
    "hire_date": N_("Hired on"),
    "leave_date": N_("Left on"),
    "civil_servant": N_("In-service civil servant"),
    "social_work_since": N_("In social work in the city since"),
    "note": N_("Note"),
    "level": N_("Level"),
    "certificate_number": N_("Certificate number"),
    "obtained_on": N_("Obtained on"),
    "issuing_body": N_("Issued by"),
    "registered_on": N_("Registered on"),
    "voided_on": N_("Voided on"),
    "void_reason": N_("Reason for voiding"),
    "grade_code": N_("Post grade"),
    "appointed_on": N_("From"),
    "title": N_("Title"),
    "organiser": N_("Organiser"),
    "form": N_("Form"),
    "start_date": N_("Starts on"),
    "end_date": N_("Ends on"),
    "hours": N_("Hours"),
    "status": N_("Status"),
    "on_date": N_("Date"),
    "by_whom": N_("Decided by"),
    "reason": N_("Reason"),
    "amount_fen": N_("Amount (CNY)"),
    "amount": N_("Amount (CNY)"),
    "paid_on": N_("Paid on"),
    "award": N_("Award"),
    "number": N_("Number"),
    "original_name": N_("File"),
    "file": N_("File"),
    "rows": N_("Rows"),
    "credit_code": N_("Unified social credit code"),
    "address": N_("Address"),
    "contact_person": N_("Contact person"),
    "profile_id": N_("Policy profile"),
    "conferred_on": N_("Conferred on"),
    "document": N_("Document number"),
    "minutes": N_("Minutes"),
    "field": N_("Field"),
    "fields": N_("Fields"),
    "people": N_("People"),
    "label": N_("Step"),
    "backup": N_("Backup"),
    "source": N_("Source"),
    "hours_required": N_("Hours required"),
    "short_reason": N_("Why registered with the hours short"),
    "voided": N_("Voided"),
    "exam_year": N_("Exam year"),
    "subject": N_("Subject category"),
    "school": N_("School"),
    "graduated_on": N_("Graduated on"),
    "started_on": N_("Practice from"),
    "months": N_("Months"),
    "work_injury_insurance": N_("Work-injury insurance"),
    "recognised_by": N_("Recognised by"),
    "on": N_("Date"),
    # What the bureau's entries hold (receipts, checks, findings, decisions, returns).
    "from": N_("Sent by"),
    "period": N_("Year"),
    "records": N_("Agency records in the file"),
    "decisions": N_("Decisions on claims taken over"),
    "found": N_("Findings in all"),
    "differed": N_("People and years that differed"),
    "new": N_("New findings"),
    "gone": N_("Findings no longer found"),
    "resolution": N_("How it was resolved"),
    "due_on": N_("Due on"),
    "expected": N_("Expected to submit"),
    "agency": N_("Agency (credit code)"),
    "claim": N_("Claim number"),
    "claims": N_("Claims in it"),
    "finding": N_("Finding no."),
    "findings": N_("Finding nos."),
    "bureau": N_("Civil-affairs bureau"),
    "rejected": N_("Applications not approved"),
    "already": N_("Already imported before"),
}
# Ids and bookkeeping a person does not read.
HIDDEN = frozenset({
    "id", "staff_id", "event_id", "application_id", "recorded_at", "recorded_by", "sha256",
    "owner_table", "owner_id", "media_type", "added_at", "size", "undoes", "kind", "step",
    "staff_ids", "made", "safety_backup", "set_aside", "via", "credential_id", "key",
    "submission_id", "return_id",
})  # fmt: skip


def action_text(action: str) -> str:
    key = ACTIONS.get(action)
    return _(key) if key else action


def field_text(field: str) -> str:
    key = FIELDS.get(field)
    return _(key) if key else field


def value_text(field: str, value: Any, profile: Profile | None) -> str:
    """A stored value as the forms show it."""
    if value is None or value == "":
        return "—"
    try:
        if field == "level":
            return Level(value).label()
        if field == "grade_code" and profile is not None:
            return grade_named(profile, str(value)).label()
        if field == "sex":
            return {"M": _("male"), "F": _("female")}.get(str(value), str(value))
        if field in ("civil_servant", "expected"):
            return _("yes") if value in (1, True, "1") else _("no")
        if field == "records" and isinstance(value, Mapping):
            return _records_text(value)
        if field == "form":
            return form_label(str(value))
        if field == "status":
            return Status(value).label()
        if field == "amount_fen":
            return money_text(from_fen(int(value)))  # type: ignore[arg-type]
        if field in ("amount", "hours", "rows", "people") and isinstance(value, int | float):
            return money_text(value) if field == "amount" else f"{value:g}"
        if field == "label" and isinstance(value, Mapping):
            return describe(Reason.from_data(value))
        if field == "fields" and isinstance(value, list):
            return "、".join(field_text(str(v)) for v in value)
        if field == "field":
            return field_text(str(value))
    except (ValueError, TypeError):
        pass  # a value from another version: shown as stored
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    return str(value)


def _records_text(outcomes: Mapping[str, Any]) -> str:
    """A receipt's records (credit code → what became of it) as a count by outcome."""
    from swdesk.services.bureau_receive import OUTCOME_LABELS

    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[str(outcome)] = counts.get(str(outcome), 0) + 1
    return _(", ").join(
        _("{what} {n}").format(what=_(OUTCOME_LABELS[k]) if k in OUTCOME_LABELS else k, n=n)
        for k, n in counts.items()
    )


@dataclass(frozen=True)
class WordedChange:
    field: str
    old: str
    new: str

    def text(self) -> str:
        if self.old == "—" and self.new != "—":
            return _("{field}: {new}").format(field=self.field, new=self.new)
        return _("{field}: {old} → {new}").format(field=self.field, old=self.old, new=self.new)


def worded_changes(
    changes: list[tuple[str, Any, Any]], profile: Profile | None
) -> list[WordedChange]:
    """(field, old, new) in words, without the fields nobody reads."""
    out = []
    for f, old, new in changes:
        if f in HIDDEN:
            continue
        change = WordedChange(
            field_text(f), value_text(f, old, profile), value_text(f, new, profile)
        )
        if change.old != change.new:  # "" and None read the same: nothing to say
            out.append(change)
    return out
