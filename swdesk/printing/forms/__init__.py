"""Printed forms, one module per form, each drawn from values already loaded (no database here;
`swdesk.services.printing` loads them):

- `award_application`: application for the professional-level award;
- `reimbursement`: exam-cost reimbursement claim (amounts in figures and capitals);
- `nomination`: commendation nomination form;
- `subsidy`: the agency's one-time subsidy application;
- `ce_record`: one person's continuing-education record for a year;
- `reminder_notice`: a notice to one person of what is due, by when and why;
- `bureau_tables`: the bureau's tables (awards summary, annual CE summary, holders by level);
- `packet`: an application packet (cover with index, form, credentials, CE record, scans), alone
  or many in one batch; `scans` puts the attached images and PDF pages into it.

Each form module has a value class, ``body(value)``, ``section(value)`` (a `Section` for
documents of several parts) and ``render(agency, value, output=None) -> bytes``.
"""
