"""First start: create the agency, open the demo data, or open an existing data file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

FILE_FILTER = "swdesk (*.db *.sqlite *.swdesk);;*"


class Welcome(QWidget):
    create_requested = Signal(str, dict)  # data file path, agency fields
    demo_requested = Signal()
    open_requested = Signal()
    back_requested = Signal()  # Back from the agency form

    # The agency form's parts, made the first time one is asked for: a start that opens the last
    # file shows no form, and building it (the profiles, the places) would delay the window.
    _FORM_PARTS = frozenset(
        {"form", "path_edit", "change_path_button", "error", "back_button", "submit_button"}
    )

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self._default_path = default_path
        self._form_built = False
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._choices())
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.stack, 3)
        outer.addStretch(1)

    def __getattr__(self, name: str) -> object:
        if name in Welcome._FORM_PARTS and not self.__dict__.get("_form_built", True):
            self._form_built = True
            self.stack.addWidget(self._create_page(self._default_path))
            return getattr(self, name)
        raise AttributeError(name)

    # ------------------------------------------------------------ pages

    def _choices(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("Welcome to swdesk"))
        title.setObjectName("welcomeTitle")
        intro = QLabel(
            _(
                "Keep your staff, their certificates, continuing education, post grades and "
                "award applications in one file on this computer, and print what the "
                "civil-affairs bureau asks for."
            )
        )
        intro.setWordWrap(True)
        self.create_button = QCommandLinkButton(
            _("Create your agency"),
            _("Start a new data file with your agency's name and policy profile."),
        )
        self.demo_button = QCommandLinkButton(
            _("Open the demo data"),
            _("Look around with a sample agency of about 60 staff; nothing of yours is touched."),
        )
        self.open_button = QCommandLinkButton(
            _("Open an existing data file…"),
            _("A file you or a colleague made with swdesk."),
        )
        self.create_button.clicked.connect(lambda: self.show_create())
        self.demo_button.clicked.connect(self.demo_requested)
        self.open_button.clicked.connect(self.open_requested)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(16)
        for button in (self.create_button, self.demo_button, self.open_button):
            layout.addWidget(button)
        layout.addStretch(2)
        return page

    def _create_page(self, default_path: Path) -> QWidget:
        from swdesk.gui.agency_form import AgencyForm
        from swdesk.gui.form_dialog import FormError

        page = QWidget()
        title = QLabel(_("Create your agency"))
        title.setObjectName("welcomeTitle")
        self.form = AgencyForm()
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setReadOnly(True)
        change = self.change_path_button = QPushButton(_("Change…"))
        change.clicked.connect(self._choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(change)
        self.error = FormError()
        self.back_button = QPushButton(_("Back"))
        self.submit_button = QPushButton(_("Create"))
        self.submit_button.setDefault(True)
        self.submit_button.setEnabled(False)
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button.clicked.connect(self._submit)
        self.form.validity_changed.connect(self.submit_button.setEnabled)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.form)
        file_label = QLabel(_("Data file"))
        file_label.setObjectName("hint")
        layout.addWidget(file_label)
        layout.addLayout(path_row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.setTabOrder(self.form.phone, self.form.profile)
        self.setTabOrder(self.form.profile, change)
        self.setTabOrder(change, self.back_button)
        self.setTabOrder(self.back_button, self.submit_button)
        return page

    # ------------------------------------------------------------ actions

    def show_choices(self) -> None:
        self.stack.setCurrentIndex(0)

    def show_create(self, path: str | None = None, fixed_path: bool = False) -> None:
        """The agency form; ``fixed_path`` when the data file is already chosen (File › New, or an
        opened file that has no agency yet)."""
        if path:
            self.path_edit.setText(path)
        self.change_path_button.setVisible(not fixed_path)
        self.error.hide()
        self.stack.setCurrentWidget(self.form.parentWidget())
        self.form.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and self.form.show_error(exc):
            self.error.hide()
            return
        self.error.show_text(str(exc))

    def _choose_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Where to keep the data file"), self.path_edit.text(), FILE_FILTER
        )
        if path:
            self.path_edit.setText(path)

    def _submit(self) -> None:
        if not self.form.is_valid():
            return
        self.create_requested.emit(self.path_edit.text(), self.form.values())
