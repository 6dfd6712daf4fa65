"""The bureau's workbooks: load what each table needs, once, and write it (the command line and
the print page both call these)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from swdesk.domain.applications import AwardsSummary
from swdesk.domain.ce_compliance import CEReport
from swdesk.exchange.awards_workbook import write_awards_summary
from swdesk.exchange.ce_workbook import write_ce_workbook
from swdesk.i18n.collate import name_key
from swdesk.services.agency import get_agency
from swdesk.services.awards_summary import awards_summary
from swdesk.services.ce_report import ce_report
from swdesk.services.workspace import Workspace


def export_ce_table(
    ws: Workspace,
    year: int,
    output: Path | str,
    *,
    as_of: dt.date | None = None,
    requirement_id: str | None = None,
) -> tuple[Path, CEReport]:
    """The annual continuing-education table of ``year`` as .xlsx, people by name (pinyin) as on
    the printed table, and the report it shows."""
    report = ce_report(ws, year, as_of, requirement_id)
    rows = tuple(sorted(report.rows, key=lambda row: name_key(row.staff.name)))
    report = dataclasses.replace(report, rows=rows)
    return write_ce_workbook(report, get_agency(ws), Path(output)), report


def export_awards_summary(
    ws: Workspace, start: dt.date, end: dt.date, output: Path | str
) -> tuple[Path, AwardsSummary]:
    """The summary workbook (统计汇总) of the applications submitted from ``start`` to ``end``."""
    summary = awards_summary(ws, start, end)
    return write_awards_summary(summary, output), summary
