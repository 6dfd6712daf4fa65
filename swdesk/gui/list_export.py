"""Excel for every list: the rows in view — filtered and sorted as the user sees them — saved as
a workbook under the list's title, in the folder the save dialogs remember."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QWidget

from swdesk.domain.titles import suggested_file_name
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.save_dialog import Format, ask_save_path
from swdesk.i18n import ngettext


def ids_in_view(
    model: QAbstractItemModel, role: int, key: Callable[[Any], int | None] = int
) -> list[int]:
    """The ids of the rows shown, top to bottom (``role`` holds each row's id or value)."""
    out = []
    for row in range(model.rowCount()):
        value = model.index(row, 0).data(role)
        if value is None:
            continue
        found = key(value)
        if found is not None:
            out.append(found)
    return out


def save_list(
    ctx: AppContext,
    parent: QWidget,
    title_key: str,
    export: Callable[..., tuple[Any, int]],
    **kwargs: Any,
) -> bool:
    """Ask where, then run ``export(ws, path, **kwargs)`` on the worker; False if cancelled."""
    name = suggested_file_name(title_key, "xlsx", ctx.today().isoformat())
    path = ask_save_path(parent, ctx.store, Format.EXCEL, name)
    if path is None:
        return False

    def saved(result: tuple[Any, int]) -> None:
        written, rows = result
        ctx.status.emit(
            ngettext("Saved {n} row: {path}", "Saved {n} rows: {path}", rows).format(
                n=rows, path=str(written)
            )
        )

    # Whole numbers saved are noted in the change log: that is a write, for the worker that holds
    # the file open for writing (the pages' reader has a read-only connection).
    op = (
        ops.Write(ctx, export, path, **kwargs).even_read_only()
        if kwargs.get("show_personal")
        else ops.Read(ctx, export, path, **kwargs)
    )
    op.success(saved).over(parent).run()
    return True
