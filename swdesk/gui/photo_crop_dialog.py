"""Cutting the worker's photo (一寸, 25 × 35 mm) out of an image: the image with a 25:35 frame the
user drags into place and sizes (the slider, the mouse wheel, or + and −; the arrow keys move
it), and the photo as it will be printed beside it.

The frame is kept in pixels of the image turned upright (`swdesk.domain.photos.Crop`), as the
service stores it. The image is one already checked by the service (kind and size) before it is
shown here; reading it is still held to the same limit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationError
from swdesk.domain.photos import PHOTO_MM, Crop, centred_crop, fit_crop
from swdesk.i18n import _

_RATIO = PHOTO_MM[0] / PHOTO_MM[1]
_MIN_HEIGHT = 35  # pixels of the image: smaller prints as a blur
_ALLOCATION_MB = 512  # 64 million pixels of 4 bytes, the service's limit, and some room
PREVIEW = QSize(125, 175)  # the photo as printed, 5 pixels a millimetre


def read_upright(path: Path) -> QImage:
    """The image turned by its EXIF orientation, as the service measures it."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    QImageReader.setAllocationLimit(_ALLOCATION_MB)
    image = reader.read()
    if image.isNull():
        raise ValidationError(
            _("{path} could not be read as an image ({reason}).").format(
                path=path.name, reason=reader.errorString()
            ),
            "photo",
        )
    return image


class CropView(QWidget):
    """The image, scaled to fit, with the 25:35 frame over it."""

    moved = Signal()

    def __init__(self, image: QImage, crop: Crop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.frame = QRectF(crop.left, crop.top, crop.width, crop.height)
        self._drag: QPointF | None = None
        self.setMinimumSize(360, 360)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    # ------------------------------------------------------------ geometry

    def _scale(self) -> float:
        return min(self.width() / self.image.width(), self.height() / self.image.height())

    def _offset(self) -> QPointF:
        s = self._scale()
        return QPointF(
            (self.width() - self.image.width() * s) / 2,
            (self.height() - self.image.height() * s) / 2,
        )

    def _to_screen(self, rect: QRectF) -> QRectF:
        s, o = self._scale(), self._offset()
        return QRectF(
            o.x() + rect.x() * s, o.y() + rect.y() * s, rect.width() * s, rect.height() * s
        )

    def max_height(self) -> float:
        return min(self.image.height(), self.image.width() / _RATIO)

    def crop(self) -> Crop:
        r = self.frame
        return Crop(round(r.x()), round(r.y()), round(r.width()), round(r.height()))

    def set_height(self, height: float) -> None:
        """Size the frame about its centre, kept 25:35 and inside the image."""
        height = max(min(height, self.max_height()), min(_MIN_HEIGHT, self.max_height()))
        centre = self.frame.center()
        self.frame = QRectF(0, 0, height * _RATIO, height)
        self.frame.moveCenter(centre)
        self._keep_inside()

    def move_by(self, dx: float, dy: float) -> None:
        self.frame.translate(dx, dy)
        self._keep_inside()

    def _keep_inside(self) -> None:
        r = self.frame
        x = min(max(r.x(), 0.0), self.image.width() - r.width())
        y = min(max(r.y(), 0.0), self.image.height() - r.height())
        self.frame.moveTo(x, y)
        self.update()
        self.moved.emit()

    # ------------------------------------------------------------ Qt events

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        whole = self._to_screen(QRectF(0, 0, self.image.width(), self.image.height()))
        painter.drawImage(whole, self.image)
        frame = self._to_screen(self.frame)
        shade = QPainterPath()
        shade.addRect(whole)
        cut = QPainterPath()
        cut.addRect(frame)
        painter.fillPath(shade.subtracted(cut), QColor(0, 0, 0, 120))
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.drawRect(frame)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drag is not None:
            delta = (event.position() - self._drag) / self._scale()
            self._drag = event.position()
            self.move_by(delta.x(), delta.y())

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120
        self.set_height(self.frame.height() * (0.9**steps))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        step = max(1.0, self.image.width() / 100)
        moves = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if event.key() in moves:
            self.move_by(*moves[event.key()])
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_height(self.frame.height() * 1.1)
        elif event.key() == Qt.Key.Key_Minus:
            self.set_height(self.frame.height() / 1.1)
        else:
            super().keyPressEvent(event)


class PhotoCropDialog(QDialog):
    """Choose the part of ``image`` that is the photo; `crop()` once accepted."""

    def __init__(
        self, image: QImage, crop: Crop | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Cut the photo (one inch, 25 × 35 mm)"))
        size = (image.width(), image.height())
        start = fit_crop(size, crop) if crop is not None else centred_crop(size)
        self.view = CropView(image, start)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW)
        self.preview.setFrameShape(QLabel.Shape.Box)
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(1, 100)
        self.size_slider.setValue(round(100 * start.height / self.view.max_height()))
        self.size_slider.valueChanged.connect(
            lambda v: self.view.set_height(self.view.max_height() * v / 100)
        )
        self.view.moved.connect(self._show_preview)
        hint = QLabel(
            _(
                "Drag the frame onto the face; the slider, the mouse wheel or + and − size "
                "it, the arrow keys move it."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Use this photo"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        side.addWidget(QLabel(_("As printed:")))
        side.addWidget(self.preview)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        size_row = QHBoxLayout()
        size_row.addWidget(QLabel(_("Size")))
        size_row.addWidget(self.size_slider, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(size_row)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._show_preview()
        self.view.setFocus()

    def crop(self) -> Crop:
        """The frame, in pixels of the upright image, brought to 25:35."""
        image = self.view.image
        return fit_crop((image.width(), image.height()), self.view.crop())

    def _show_preview(self) -> None:
        c = self.view.crop()
        cut = self.view.image.copy(QRect(QPoint(c.left, c.top), QSize(c.width, c.height)))
        self.preview.setPixmap(
            QPixmap.fromImage(
                cut.scaled(
                    PREVIEW,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        )
