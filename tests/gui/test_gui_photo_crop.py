"""Cutting the worker's photo: a 25:35 frame over the upright image, moved by dragging or the arrow
keys, sized by the slider, the wheel or + and −, kept inside the image; the crop handed back is
in pixels of the upright image, as the service keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from swdesk.domain.errors import ValidationError
from swdesk.domain.photos import Crop
from swdesk.gui.photo_crop_dialog import PhotoCropDialog, read_upright


@pytest.fixture
def portrait(tmp_path: Path) -> Path:
    # 600 × 400 as stored, turned by EXIF (orientation 6): 400 × 600 as seen.
    path = tmp_path / "photo.jpg"
    image = Image.new("RGB", (600, 400), (200, 180, 160))
    exif = image.getexif()
    exif[0x0112] = 6
    image.save(path, exif=exif)
    return path


def shape(crop: Crop) -> float:
    return crop.width / crop.height


def test_the_frame_starts_centred_and_the_image_is_upright(qtbot, portrait: Path) -> None:
    image = read_upright(portrait)
    assert (image.width(), image.height()) == (400, 600)
    dialog = PhotoCropDialog(image)
    qtbot.addWidget(dialog)
    crop = dialog.crop()
    assert crop == Crop(0, 20, 400, 560)  # the largest 25:35 in the middle
    assert not dialog.preview.pixmap().isNull()


def test_keys_and_slider_move_and_size_the_frame_inside_the_image(qtbot, portrait: Path) -> None:
    dialog = PhotoCropDialog(read_upright(portrait))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.size_slider.setValue(50)
    half = dialog.crop()
    assert half.height == 280 and shape(half) == pytest.approx(25 / 35, rel=0.02)
    for _n in range(100):  # far to the left and up: stops at the edge
        qtbot.keyClick(dialog.view, Qt.Key.Key_Left)
        qtbot.keyClick(dialog.view, Qt.Key.Key_Up)
    corner = dialog.crop()
    assert (corner.left, corner.top) == (0, 0) and corner.height == 280
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus)
    assert dialog.crop().height < 280
    before = dialog.crop()
    qtbot.mousePress(dialog.view, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(dialog.view, QPoint(160, 140))
    qtbot.mouseRelease(dialog.view, Qt.MouseButton.LeftButton, pos=QPoint(160, 140))
    after = dialog.crop()
    assert after.left > before.left and after.top > before.top


def test_a_crop_kept_before_is_where_the_frame_starts(qtbot, portrait: Path) -> None:
    dialog = PhotoCropDialog(read_upright(portrait), Crop(100, 100, 200, 280))
    qtbot.addWidget(dialog)
    assert dialog.crop() == Crop(100, 100, 200, 280)


def test_a_file_that_is_no_image_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValidationError, match="photo.jpg could not be read as an image"):
        read_upright(bad)
