"""The worker's photo (一寸, 25 × 35 mm) on the person's page: the photo as it prints, and
Photo… to take one from an image file or one of the person's attached images, cut in the crop
dialog and kept by the photos service (checked for kind and size before it is shown)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from swdesk.domain.errors import SwdeskError
from swdesk.domain.photos import Crop
from swdesk.gui import ops
from swdesk.gui.context import AppContext
from swdesk.gui.messages import show_error
from swdesk.gui.photo_crop_dialog import PREVIEW, PhotoCropDialog, read_upright
from swdesk.gui.save_dialog import ask_open_path
from swdesk.i18n import _
from swdesk.services import photos
from swdesk.services.attachments import PersonAttachment

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp")
SHOWN = QSize(PREVIEW.width() * 4 // 5, PREVIEW.height() * 4 // 5)  # 100 × 140 on the page


class PersonPhoto(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id: int | None = None
        self.id_number = ""
        self.images: list[PersonAttachment] = []
        self.picture = QLabel(_("No photo"))
        self.picture.setObjectName("photoBox")
        self.picture.setFixedSize(SHOWN)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFrameShape(QLabel.Shape.Box)
        self.button = QPushButton(_("Photo…"))
        self.button.setToolTip(_("A one-inch photo (25 × 35 mm) for the application forms"))
        self.menu = QMenu(self)
        self.button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self._fill_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.button.setEnabled(False)

    def show_person(
        self, staff_id: int, id_number: str, attachments: list[PersonAttachment]
    ) -> None:
        self.staff_id, self.id_number = staff_id, id_number
        self.images = [
            a for a in attachments if Path(a.original_name).suffix.lower() in IMAGE_SUFFIXES
        ]
        self.button.setEnabled(True)
        ops.Read(self.ctx, photos.photo_file, staff_id).success(self._show_photo).failure(
            lambda _exc: self._show_photo(None)
        ).run()

    def _show_photo(self, found: tuple[Path, Crop] | None) -> None:
        if found is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("No photo"))
            return
        path, crop = found
        try:
            image = read_upright(path)
        except SwdeskError:
            self.picture.setText(_("No photo"))
            return
        cut = image.copy(QRect(crop.left, crop.top, crop.width, crop.height))
        self.picture.setPixmap(
            QPixmap.fromImage(cut).scaled(
                SHOWN,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction(_("From an image file…"), self.from_file)
        for attachment in self.images:
            self.menu.addAction(
                _("From {name} ({owner})").format(
                    name=attachment.original_name, owner=attachment.owner
                ),
                lambda a=attachment: self.from_attachment(a),
            )

    def from_file(self) -> None:
        path = ask_open_path(
            self,
            self.ctx.store,
            _("Choose the photo"),
            _("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)"),
        )
        if path is None:
            return
        # Checked by the service (kind, size) before it is decoded here.
        ops.Read(self.ctx, photos.upright_size, path, path.name).without_file().success(
            lambda _size: self._crop(
                path, lambda crop: ops.Write(self.ctx, photos.set_photo, self.id_number, path, crop)
            )
        ).over(self).run()

    def from_attachment(self, attachment: PersonAttachment) -> None:
        ops.Read(self.ctx, photos.attachment_image, attachment.id).success(
            lambda path: self._crop(
                path,
                lambda crop: ops.Write(
                    self.ctx, photos.photo_from_attachment, self.id_number, attachment.id, crop
                ),
            )
        ).over(self).run()

    def _crop(self, path: Path, keep) -> None:  # noqa: ANN001 - (Crop) -> ops.Write
        try:
            image = read_upright(path)
        except SwdeskError as exc:
            show_error(self, exc)
            return
        dialog = PhotoCropDialog(image, None, self)
        if dialog.exec() == PhotoCropDialog.DialogCode.Accepted:
            keep(dialog.crop()).success(
                lambda _c: self.show_person(self.staff_id, self.id_number, self.images)
            ).over(self).run()
