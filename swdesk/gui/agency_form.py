"""The agency's identity (it heads every form) and its policy profile: one form, used by the
welcome screen to create the agency and by the settings page to change it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from swdesk.domain.agency import Agency, check_credit_code
from swdesk.domain.errors import ValidationError
from swdesk.domain.places import profile_for_address
from swdesk.gui.fields import CheckedField, Incomplete
from swdesk.i18n import _, current_language
from swdesk.policies import available_profiles


def _credit_code_check(text: str) -> str:
    code = "".join(text.split()).upper()
    if 0 < len(code) < 18 and code.isalnum():
        raise Incomplete(_("{n} of 18 characters typed.").format(n=len(code)), "credit_code")
    return check_credit_code(code)


def _name_check(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError(_("The agency name is empty."), "name")
    return name


class AgencyForm(QWidget):
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = CheckedField(
            _name_check, optional=False, placeholder=_("e.g. 阳光社会工作服务中心")
        )
        self.credit_code = CheckedField(
            _credit_code_check, placeholder=_("18 characters, on the registration certificate")
        )
        self.address = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.profile = QComboBox()
        self.profile_note = QLabel()
        self.profile_note.setObjectName("hint")
        self.profile_note.setWordWrap(True)
        lang = current_language()
        self._profiles = available_profiles()
        for p in self._profiles:
            self.profile.addItem(f"{p.label(lang)} — {p.document}", p.id)
        self.profile.currentIndexChanged.connect(self._show_profile)
        self._show_profile()
        # The profile follows the address typed, until the user chooses one themselves.
        self._profile_chosen = False
        self.profile.activated.connect(self._chosen_by_hand)
        self.address.textChanged.connect(self._follow_address)

        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addRow(_("Agency name") + " *", self.name)
        layout.addRow(_("Unified social credit code"), self.credit_code)
        layout.addRow(_("Address"), self.address)
        layout.addRow(_("Contact person"), self.contact)
        layout.addRow(_("Phone"), self.phone)
        layout.addRow(_("Policy profile"), self.profile)
        layout.addRow("", self.profile_note)
        for field in (self.name, self.credit_code):
            field.validity_changed.connect(lambda _v: self.validity_changed.emit(self.is_valid()))
        self.setTabOrder(self.name, self.credit_code)
        self.setTabOrder(self.credit_code, self.address)
        self.setTabOrder(self.address, self.contact)
        self.setTabOrder(self.contact, self.phone)
        self.setTabOrder(self.phone, self.profile)

    def _show_profile(self) -> None:
        index = self.profile.currentIndex()
        if 0 <= index < len(self._profiles):
            self.profile_note.setText(self._profiles[index].title)

    def _chosen_by_hand(self, _index: int) -> None:
        self._profile_chosen = True

    def _follow_address(self, address: str) -> None:
        if self._profile_chosen:
            return
        found = profile_for_address(address, [(p.id, p.name) for p in self._profiles])
        if found is not None:
            self.select_profile(found)

    def is_valid(self) -> bool:
        return bool(self.name.text()) and self.name.is_valid() and self.credit_code.is_valid()

    def select_profile(self, profile_id: str) -> None:
        index = self.profile.findData(profile_id)
        if index >= 0:
            self.profile.setCurrentIndex(index)

    def set_agency(self, agency: Agency) -> None:
        self._profile_chosen = True  # an agency's profile is its own choice: never guessed again
        self.name.setText(agency.name)
        self.credit_code.setText(agency.credit_code)
        self.address.setText(agency.address)
        self.contact.setText(agency.contact_person)
        self.phone.setText(agency.phone)
        self.select_profile(agency.profile_id)

    def values(self) -> dict[str, Any]:
        """The fields as the agency service takes them (it checks them again)."""
        return {
            "name": self.name.text(),
            "credit_code": self.credit_code.text(),
            "address": self.address.text(),
            "contact_person": self.contact.text(),
            "phone": self.phone.text(),
            "profile_id": self.profile.currentData(),
        }

    def show_error(self, exc: ValidationError) -> bool:
        """Put a service's error under the field it is about; False when it names no field."""
        field = {"name": self.name, "credit_code": self.credit_code}.get(exc.field or "")
        if field is None:
            return False
        field.show_error(str(exc))
        field.setFocus()
        return True
