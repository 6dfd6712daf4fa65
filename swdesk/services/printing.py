"""Printing: load what each form needs through the other services, then draw it.

The forms in `swdesk.printing.forms` never touch the database; the functions here read (never
write) and return the document as bytes, writing it to ``output`` as well when given: a PDF, or
the Word copy when ``output`` is a FILE.docx (`swdesk.printing.output`). Everything a
batch needs is read with a fixed number of queries (credentials, staff, trainings and CE results
of a year, attachments), not per applicant. The print font is the process's current font chain:
call `swdesk.printing.fonts.register_fonts(path)` first to print with a system font.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from swdesk.domain.applications import Kind, Status, SummaryLine
from swdesk.domain.errors import NotFound
from swdesk.domain.reminders import Reminder
from swdesk.i18n import _
from swdesk.i18n.collate import name_key
from swdesk.printing.batch import Progress, render_batch
from swdesk.printing.forms import bureau_tables, ce_record, packet, reminder_notice
from swdesk.printing.layout import Section
from swdesk.printing.raster import PrintCancelled
from swdesk.services.agency import get_agency
from swdesk.services.applications import get_application, list_applications
from swdesk.services.awards_summary import awards_summary
from swdesk.services.ce_report import ce_report
from swdesk.services.print_loader import Loader, agency_header
from swdesk.services.reminders import collect_reminders
from swdesk.services.staff import find_staff
from swdesk.services.told import Told
from swdesk.services.workspace import Workspace


def _single(sections: Sequence[Section], ws: Workspace, output: str | Path | None) -> bytes:
    from swdesk.printing.output import write_document

    return write_document(agency_header(ws), sections, output=output)


def print_application(ws: Workspace, number: str, output: str | Path | None = None) -> bytes:
    """The application form of application ``number`` (its kind decides which form)."""
    app = get_application(ws, number)
    return _single([Loader(ws).form_section(app)], ws, output)


def print_packet(ws: Workspace, number: str, output: str | Path | None = None) -> bytes:
    """The packet of application ``number``: cover, form, certificates, CE record, scans."""
    app = get_application(ws, number)
    packets = [Loader(ws).packet_of(app)]
    return packet.render_packets(agency_header(ws), packets, output)


def print_packets(
    ws: Workspace,
    status: Status = Status.SUBMITTED,
    kind: Kind | None = None,
    output: str | Path | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """One PDF with the packet of every application in ``status`` (of ``kind``), by number.

    A large batch is drawn by several processes (``workers``; by default one per core for a
    large batch, `swdesk.printing.batch.worker_count`); ``progress(drawn, total)`` hears how
    many packets are done, and ``cancelled()`` true stops it with `PrintCancelled`."""
    apps = list_applications(ws, status=status, kind=kind)
    if not apps:
        raise NotFound(
            _("There are no applications with status {status}.").format(status=status.label())
        )
    loader = Loader(ws)
    packets = [loader.packet_of(app) for app in apps]
    return render_batch(
        agency_header(ws),
        packets,
        output,
        title=packet.batch_title(packets),
        workers=workers,
        progress=progress,
        cancelled=cancelled,
    )


def print_packets_told(
    ws: Workspace, status: Status = Status.SUBMITTED, *, progress: Told, **kwargs: Any
) -> bytes:
    """`print_packets` telling the progress dialog how many packets are drawn; its
    Cancel stops the worker processes and ends the job as cancelled."""

    def drawn(done: int, total: int) -> None:
        progress(done, total, _("Drawing the packets: {done} of {total}…").format(
            done=done, total=total))  # fmt: skip

    try:
        return print_packets(ws, status, progress=drawn, cancelled=progress.cancelled, **kwargs)
    except PrintCancelled:
        progress.check()  # raises the window's own Cancelled
        raise


def print_ce_record(
    ws: Workspace, id_number: str, year: int, output: str | Path | None = None
) -> bytes:
    """One person's continuing-education record for ``year`` (to today if the year runs)."""
    person = find_staff(ws, id_number)
    record = Loader(ws).record_of(person, year)
    if record is None:
        raise NotFound(
            _("{name} did not work at the agency in {year} and has no hours in it.").format(
                name=person.name, year=year
            )
        )
    return ce_record.render(agency_header(ws), record, output)


def print_ce_summary(
    ws: Workspace, year: int, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """The bureau's annual table of every person's CE hours and status, by name (pinyin)."""
    report = ce_report(ws, year, as_of)
    rows = sorted(report.rows, key=lambda row: name_key(row.staff.name))
    lines = [bureau_tables.CELine(row.staff, row.result) for row in rows]
    summary = bureau_tables.CESummary(year, report.as_of, lines)
    return bureau_tables.render_ce_summary(agency_header(ws), summary, output)


def print_awards_summary(
    ws: Workspace, start: dt.date, end: dt.date, output: str | Path | None = None
) -> bytes:
    """The bureau's table of award and subsidy applications submitted in a period."""
    source = awards_summary(ws, start, end)

    def lines(group: Sequence[SummaryLine]) -> list[bureau_tables.AwardLine]:
        out = []
        for x in group:
            app = x.application
            rejected = app.step(Status.REJECTED) if app.status is Status.REJECTED else None
            out.append(
                bureau_tables.AwardLine(
                    app.number,
                    app.person,
                    app.id_number,
                    x.award,
                    app.level,
                    app.amount,
                    x.submitted_on,
                    app.status.label(),
                    app.paid_amount,
                    x.clause,
                    rejected.reason if rejected else "",
                )  # fmt: skip
            )
        return out

    summary = bureau_tables.AwardsSummary(
        start, end, source.made_on,
        lines(source.counted), lines(source.pending), lines(source.rejected),
    )  # fmt: skip
    return bureau_tables.render_awards_summary(agency_header(ws), summary, output)


def print_holders(
    ws: Workspace, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """The register of certificate holders working at the agency, by highest level, then by
    name (pinyin)."""
    as_of = as_of or ws.today()
    loader = Loader(ws)
    holders = []
    for person in sorted(loader.staff.values(), key=lambda p: name_key(p.name)):
        credential = loader.highest(person.id, as_of)  # type: ignore[arg-type]
        if credential is None or not person.employed_on(as_of):
            continue
        grade = loader.grade(person.id, as_of)  # type: ignore[arg-type]
        holders.append(bureau_tables.Holder(person, credential, grade))
    register = bureau_tables.Holders(as_of, holders)
    return bureau_tables.render_holders(agency_header(ws), register, output)


def reminder_notices(
    ws: Workspace, as_of: dt.date | None = None
) -> list[reminder_notice.ReminderNotice]:
    """One notice per person with something due on ``as_of``, in the order of the list."""
    as_of = as_of or ws.today()
    agency = get_agency(ws)
    by_person: dict[str, list[Reminder]] = {}
    names: dict[str, str] = {}
    for reminder in collect_reminders(ws, as_of):
        if not reminder.id_number:
            continue  # an agency-wide matter: no one to address it to
        by_person.setdefault(reminder.id_number, []).append(reminder)
        names[reminder.id_number] = reminder.name
    return [
        reminder_notice.ReminderNotice(
            names[number], number, as_of, items, agency.name, agency.contact_person, agency.phone
        )
        for number, items in by_person.items()
    ]


def print_reminders(
    ws: Workspace, as_of: dt.date | None = None, output: str | Path | None = None
) -> bytes:
    """A notice for each person with something due, one after another in one PDF."""
    notices = reminder_notices(ws, as_of)
    if not notices:
        raise NotFound(
            _("Nothing is due on {date}: there is no notice to print.").format(
                date=(as_of or ws.today()).isoformat()
            )
        )
    return reminder_notice.render(agency_header(ws), notices, output)


def print_intern_claim(
    ws: Workspace, start: dt.date, end: dt.date, output: str | Path | None = None
) -> bytes:
    """The claim list of the interns whose practice started from ``start`` to ``end``
    (就业见习补贴 and the insurance subsidies, FCG-2023 (十六))."""
    from swdesk.printing.forms import intern_claim
    from swdesk.services.interns import intern_claim as claim_of

    claim = claim_of(ws, start, end)
    clause = ws.profile.interns.clause if ws.profile.interns else None
    return intern_claim.render(agency_header(ws), claim, clause, ws.today(), output)


def with_font(
    ws: Workspace, font: str | None, make: Callable[..., bytes], *args: Any, **kwargs: Any
) -> bytes:
    """Draw a form with ``make(ws, *args, **kwargs)`` in the user's print font (None: the
    bundled fonts); ``output=FILE.docx`` among ``kwargs`` writes the Word copy too."""
    from swdesk.printing.fonts import register_fonts

    register_fonts(font or None)
    return make(ws, *args, **kwargs)
