"""The title of every printed form, table and exported list, defined once: the PDF, the Word copy
and the workbook of a table all take their title from here, and so does the file name suggested
for it (`suggested_file_name`), so that an office never sees one table under two names.

A new form or list adds its key here; its writers call `title(key, …)`.
"""

from __future__ import annotations

import re

from swdesk.i18n import N_, _

TITLES: dict[str, str] = {
    # forms
    "award_application": N_("Application for the Professional-Level Award"),
    "reimbursement": N_("Exam Cost Reimbursement Claim"),
    "nomination": N_("Commendation Nomination Form"),
    "subsidy": N_("Application for the Agency's One-Time Subsidy"),
    "ce_record": N_("Continuing Education Record {year}"),
    "ce_record_period": N_("Continuing Education Record"),
    "reminder_notice": N_("Notice of Matters Due"),
    "certificates_held": N_("Certificates Held"),
    "packet": N_("Application Materials: {claim}"),
    "packets": N_("Application Materials"),
    # the bureau's tables
    "ce_summary": N_("Continuing Education Hours of All Staff, {year}"),
    "awards_summary": N_("Summary of Award and Subsidy Applications"),
    "holders": N_("Register of Social Work Certificate Holders"),
    "intern_claim": N_("Claim List of Employment-Practice Subsidies"),
    # a civil-affairs bureau's tables of the agencies' submissions, and its return notice
    "bureau_tables": N_("Summary Tables of the Agencies' Submissions, {period}"),
    "bureau_holders": N_("Certificate Holders by Level, {period}"),
    "bureau_ce": N_("Continuing Education Compliance, {period}"),
    "bureau_claims": N_("Award and Subsidy Claims, {period}"),
    "bureau_budget": N_("Award Funds, {period}"),
    "bureau_missing": N_("Units That Have Not Submitted, {period}"),
    "return_notice": N_("Notice of Claims Not Approved"),
    # lists exported as workbooks
    "staff_list": N_("Staff, Certificates and Post Grades"),
    "training_events": N_("Training Events and Attendees"),
    "applications_list": N_("Register of Applications"),
    "reminders_list": N_("Matters Due"),
    "audit_log": N_("Record of Changes"),
}

# Characters no file name may hold on Windows (and / on Linux), and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_MAX_NAME = 120  # characters before the extension: well inside every file system's limit


def title(key: str, **params: object) -> str:
    """The title of ``key`` in the current language, its fields filled in."""
    return _(TITLES[key]).format(**params)


def suggested_file_name(key: str, extension: str, *parts: object, **params: object) -> str:
    """A file name that says what the file holds: the title (without the part after a colon
    that repeats what ``parts`` say), then ``parts`` (a number, a name, a date), joined by
    "-": ``申请材料-2026-0001-黄丽华.pdf``, ``2026年度社会工作者继续教育学时汇总表.xlsx``.

    Characters a file name may not hold become "_"; the name is kept short enough for any disk.
    """
    head = title(key, **params) if key != "packet" else _(TITLES["packets"])
    pieces = [str(p).strip() for p in (head, *parts) if p is not None and str(p).strip()]
    name = _UNSAFE.sub("_", "-".join(pieces)).strip(" .")[:_MAX_NAME].strip(" .") or "swdesk"
    return f"{name}.{extension.lstrip('.').lower()}"
