"""The program's message boxes: an error with the clause that caused it, a confirmation before
anything that cannot be taken back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _


def error_text(exc: BaseException) -> str:
    """What the user reads: the message, and the clause when a rule refused."""
    if isinstance(exc, SwdeskError):
        text = str(exc)
        clause = getattr(exc, "clause", None)
        if clause:
            text += "\n\n" + _("Clause: {clause}").format(clause=clause)
        return text
    return _("Something went wrong that the program did not expect: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )


def show_error(parent: QWidget | None, exc: BaseException, trace: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Cannot do that") if isinstance(exc, SwdeskError) else _("Error"))
    box.setText(error_text(exc))
    if trace and not isinstance(exc, SwdeskError):
        box.setDetailedText(trace)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something destructive; the safe answer is the default one."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
