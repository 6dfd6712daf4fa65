"""What the print page does with a document: send it to a printer (gui/print_job.py, with the
print dialog's printer, pages and copies), or save it as PDF, as a Word copy or as the bureau's
workbook under a name that says what it holds (services/file_names.py) in the folder the save
dialogs remember."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from swdesk.domain.applications import Status
from swdesk.exchange.targets import TargetRefused, check_target
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.print_job import PrintJob, ask_printer
from swdesk.gui.report_specs import ReportSpec
from swdesk.gui.save_dialog import Format, ask_save_path
from swdesk.i18n import _
from swdesk.services.file_names import print_file_name
from swdesk.services.printing import with_font

Say = Callable[[str, bool], None]


def name_params(params: dict[str, Any]) -> dict[str, Any]:
    """What the page asked, as `print_file_name` takes it."""
    return {
        "number": params.get("application"),
        "id_number": params.get("person"),
        "year": params.get("year"),
        "start": params.get("start"),
        "end": params.get("end"),
        "status": Status(params["status"]) if params.get("status") else None,
    }


def print_document(
    parent: QWidget, data: bytes, pages: int, title: str, say: Say
) -> PrintJob | None:
    """Ask for a printer, then print ``data`` on the print thread with a progress dialog."""
    printer = ask_printer(parent, pages)
    if printer is None:
        return None
    job = PrintJob(data, printer, parent, title=title)
    job.finished.connect(
        lambda sheets: say(_("{n} sheets sent to the printer.").format(n=sheets), False)
    )
    job.cancelled.connect(
        lambda sheets: say(
            _("Printing stopped: {n} sheets were sent before.").format(n=sheets), False
        )
    )
    job.failed.connect(lambda text: say(text, True))
    job.start()
    return job


def save_document(
    ctx: AppContext,
    parent: QWidget,
    spec: ReportSpec,
    params: dict[str, Any],
    fmt: Format,
    say: Say,
    pdf: bytes = b"",
) -> None:
    """Save the chosen report as ``fmt``: the name is made on the worker (it may need the
    application's number and applicant), then the dialog asks where, then the file is written
    (the PDF already previewed as it is; a Word copy or a workbook on the worker)."""

    def chosen(name: str) -> None:
        path = ask_save_path(parent, ctx.store, fmt, name)
        if path is None:
            return
        if fmt is Format.PDF and pdf:
            try:
                check_target(path)
                path.write_bytes(pdf)
            except TargetRefused as exc:
                say(str(exc), True)
                return
            except OSError as exc:
                say(
                    _("Could not save {path}: {error}").format(path=str(path), error=exc.strerror),
                    True,
                )
                return
            say(_("Saved: {path}").format(path=str(path)), False)
            return
        if fmt is Format.EXCEL:
            op = ops.Read(ctx, spec.excel, *spec.args(params), path)  # type: ignore[arg-type]
        else:
            op = ops.Read(
                ctx,
                with_font,
                ctx.store.print_font or None,
                spec.pdf,
                *spec.args(params),
                output=path,
            )
            if spec.long:
                op = op.with_progress(
                    _("Saving {title}…").format(title=_(spec.title)),
                    cancellable=spec.reporting,
                    reporting=spec.reporting,
                )
        op.success(lambda _r: say(_("Saved: {path}").format(path=str(path)), False)).failure(
            lambda exc: say(str(exc), True)
        ).over(parent).run()

    kind = spec.key.replace("_", "-")
    ops.Read(ctx, print_file_name, kind, fmt.value, **name_params(params)).success(chosen).failure(
        lambda exc: say(str(exc), True)
    ).run()
