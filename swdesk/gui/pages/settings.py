"""Settings: the agency's details and policy profile, the language, the print font, and where the
data file is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationError
from swdesk.gui import ops
from swdesk.gui.agency_form import AgencyForm
from swdesk.gui.context import AppContext
from swdesk.gui.messages import confirm, show_error
from swdesk.gui.pages.page import Page
from swdesk.gui.password_box import PasswordBox
from swdesk.i18n import _, current_language
from swdesk.services.agency import update_agency
from swdesk.services.changes import Area

LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


class SettingsPage(Page):
    key = "settings"
    areas = frozenset({Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        title = QLabel(_("Settings"))
        title.setObjectName("pageTitle")

        agency_box = QGroupBox(_("Agency details"))
        self.form = AgencyForm()
        self.save_button = QPushButton(_("Save agency details"))
        self.save_button.clicked.connect(self.save_agency)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        agency_layout = QVBoxLayout(agency_box)
        agency_layout.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        agency_layout.addLayout(save_row)

        prefs = QGroupBox(_("Language and printing"))
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(self._language_chosen)
        self.print_font = QLineEdit(ctx.store.print_font)
        self.print_font.setReadOnly(True)
        self.print_font.setPlaceholderText(_("The bundled font (WenQuanYi Micro Hei)"))
        choose_font = QPushButton(_("Choose…"))
        choose_font.clicked.connect(self._choose_font)
        bundled = QPushButton(_("Use the bundled font"))
        bundled.clicked.connect(lambda: self._set_font(""))
        font_row = QHBoxLayout()
        font_row.addWidget(self.print_font, 1)
        font_row.addWidget(choose_font)
        font_row.addWidget(bundled)
        font_hint = QLabel(
            _(
                "A TrueType font file (.ttf or .ttc) such as SimSun, so that forms look like the "
                "office's other documents; characters it lacks come from the bundled fonts."
            )
        )
        font_hint.setObjectName("hint")
        font_hint.setWordWrap(True)
        prefs_layout = QFormLayout(prefs)
        prefs_layout.addRow(_("Language"), self.language)
        prefs_layout.addRow(_("Print font"), font_row)
        prefs_layout.addRow("", font_hint)

        data_box = QGroupBox(_("Data file"))
        self.path_label = QLabel(str(ctx.path))
        self.path_label.setWordWrap(True)
        show = QPushButton(_("Show in folder"))
        show.clicked.connect(self._show_folder)
        data_hint = QLabel(
            _(
                "Everything is kept in this one file. To move it, close swdesk, move the file, "
                "then open it with File › Open."
            )
        )
        data_hint.setObjectName("hint")
        data_hint.setWordWrap(True)
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(self.path_label)
        data_layout.addWidget(data_hint)
        row = QHBoxLayout()
        row.addWidget(show)
        row.addStretch(1)
        data_layout.addLayout(row)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(title)
        body_layout.addWidget(agency_box)
        body_layout.addWidget(prefs)
        self.password_box = PasswordBox(ctx)
        body_layout.addWidget(self.password_box)
        body_layout.addWidget(data_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self) -> None:
        self.form.set_agency(self.ctx.agency)
        self.password_box.refresh()

    def save_agency(self) -> bool:
        values = self.form.values()
        old = self.ctx.agency
        if values["profile_id"] != old.profile_id and not confirm(
            self,
            _("Change the policy profile"),
            _(
                "The policy profile decides the training hours, the grade ladder and the awards. "
                "Change it from {old} to {new}? Nothing recorded is deleted; results are "
                "worked out again under the new rules."
            ).format(old=old.profile_id, new=values["profile_id"]),
            _("Change profile"),
        ):
            self.form.select_profile(old.profile_id)
            return False
        ops.Write(self.ctx, update_agency, **values).failure(self._refused).run()
        return True

    def _refused(self, exc: Exception) -> None:
        if not (isinstance(exc, ValidationError) and self.form.show_error(exc)):
            show_error(self, exc)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        if code != current_language():
            self.ctx.window.switch_language(code)  # type: ignore[attr-defined]

    def _choose_font(self) -> None:
        start = self.print_font.text() or _font_folder()
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Print font"), start, _("Fonts (*.ttf *.ttc *.otf)")
        )
        if path:
            self._set_font(path)

    def _set_font(self, path: str) -> None:
        self.ctx.store.print_font = path
        self.print_font.setText(path)
        self.ctx.status.emit(
            _("Forms will print with {font}.").format(font=Path(path).name)
            if path
            else _("Forms will print with the bundled font.")
        )

    def _show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.path.parent)))


def _font_folder() -> str:
    for folder in ("C:/Windows/Fonts", "/usr/share/fonts", "/Library/Fonts"):
        if Path(folder).is_dir():
            return folder
    return str(Path.home())
