"""Input fields that check what is typed as it is typed, with the same checks the services make
(identity number, dates, credit code), and show the problem under the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from swdesk.domain import idnumber
from swdesk.domain.dates import parse_date
from swdesk.domain.errors import ValidationError
from swdesk.i18n import _, format_date, join_sentences
from swdesk.i18n.reasons import describe


class Incomplete(ValidationError):
    """Still being typed: not acceptable yet, but not wrong either (no red border)."""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flag a field for the stylesheet (red border) and repaint it."""
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class CheckedField(QWidget):
    """A line edit with a message line under it. ``check`` turns the text into a value or raises
    ValidationError; an empty optional field is valid and worth None."""

    validity_changed = Signal(bool)

    def __init__(
        self,
        check: Callable[[str], Any],
        *,
        optional: bool = True,
        placeholder: str = "",
        hint: Callable[[Any], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._optional = optional
        self._hint = hint
        self._valid = True
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        # As tall as its content: a form must not hand spare height to its fields.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.edit.textChanged.connect(self._revalidate)
        self._revalidate()  # an empty required field starts invalid (silently)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming, like the line edit it wraps
        self.edit.setText(text)
        self._revalidate()

    def value(self) -> Any:
        """The checked value; raises ValidationError when the text is not acceptable."""
        text = self.text()
        if not text:
            if self._optional:
                return None
            raise ValidationError(_("This field is required."))
        return self._check(text)

    def is_valid(self) -> bool:
        return self._valid

    def set_masked(self, text: str) -> None:
        """Show a masked value (personal data not revealed): read-only, not checked."""
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)
        self.edit.setReadOnly(True)
        self._set_valid(True, False)
        self._show("", error=False)

    def unmask(self, text: str) -> None:
        self.edit.setReadOnly(False)
        self.setText(text)

    def show_error(self, message: str) -> None:
        """A problem found on saving (by the service): shown until the text changes."""
        set_invalid(self.edit, True)
        self._show(message, error=True)

    def _revalidate(self) -> None:
        try:
            value = self.value()
        except ValidationError as exc:
            wrong = not isinstance(exc, Incomplete) and bool(self.text())
            self._set_valid(False, wrong)
            self._show(str(exc) if self.text() else "", error=wrong)
            return
        self._set_valid(True, False)
        self._show(self._hint(value) if self._hint and value is not None else "", error=False)

    def _set_valid(self, valid: bool, wrong: bool) -> None:
        set_invalid(self.edit, wrong)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _show(self, text: str, *, error: bool) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))


def date_field(optional: bool = True, parent: QWidget | None = None) -> CheckedField:
    return CheckedField(
        lambda text: parse_date(text),
        optional=optional,
        placeholder=_("e.g. 2024-05-01"),
        parent=parent,
    )


def _id_check(text: str) -> idnumber.IdInfo:
    number = idnumber.normalize(text)
    if len(number) < 18 and number.isdigit():
        raise Incomplete(_("{n} of 18 characters typed.").format(n=len(number)), "id_number")
    return idnumber.parse(number)


def _id_hint(info: idnumber.IdInfo) -> str:
    born = {
        "date": format_date(info.birth_date),
        "sex": _("male") if info.sex == "M" else _("female"),
    }
    if info.region_problem is not None:
        # A warning, not an error: saving asks whether to keep the number.
        return join_sentences(
            _("Valid: born {date}, {sex}.").format(**born), describe(info.region_problem)
        )
    return _("Valid: born {date}, {sex}, {place}.").format(**born, place=info.place)


def id_number_field(parent: QWidget | None = None) -> CheckedField:
    field = CheckedField(
        _id_check,
        optional=False,
        placeholder=_("18 characters, e.g. 450602199001011234"),
        hint=_id_hint,
        parent=parent,
    )
    field.edit.setMaxLength(22)  # room for spaces people paste in; normalised before checking
    return field
