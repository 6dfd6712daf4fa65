"""The photo box of a form (一寸照片, 25 × 35 mm): the worker's photo cut from its image by the
stored crop, or an empty box that says where to paste one. The image is checked as any
attached scan is (`swdesk.printing.forms.scans.image_header`: a known kind, a sane size)."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from swdesk.domain.photos import PHOTO_MM, fit_crop
from swdesk.i18n import N_, _
from swdesk.printing.blocks import Photo
from swdesk.printing.fonts import current_fonts
from swdesk.printing.forms.scans import as_jpeg, decoded, image_header
from swdesk.printing.styles import SMALL_SIZE

LABEL_PHOTO = N_("Photo (1 inch)")
PHOTO_DPI = 300  # a photo is small: it is printed at the finest a printer is sent


def photo_image(photo: Photo, context: str) -> io.BytesIO | None:
    """The photo cut to 25:35 at `PHOTO_DPI`, as JPEG; None when there is none."""
    if photo.path is None:
        return None
    name = photo.path.name
    image_header(photo.path, name, context)
    image = decoded(photo.path, name, context, 1 << 20)  # whole: the crop needs every pixel
    crop = fit_crop(image.size, photo.crop)
    image = image.crop(crop.box())
    wanted = (round(PHOTO_MM[0] / 25.4 * PHOTO_DPI), round(PHOTO_MM[1] / 25.4 * PHOTO_DPI))
    if image.size[0] > wanted[0]:
        image = image.resize(wanted, reducing_gap=2.0)
    return as_jpeg(image)


class PhotoBox(Flowable):
    """25 × 35 mm: the photo, or a thin frame with "照片（一寸）" in it."""

    def __init__(self, picture: io.BytesIO | None) -> None:
        super().__init__()
        self.picture = picture
        self.width, self.height = PHOTO_MM[0] * mm, PHOTO_MM[1] * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if self.picture is not None:
            canv.drawImage(ImageReader(self.picture), 0, 0, self.width, self.height)
            return
        canv.saveState()
        canv.setDash(2, 2)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height)
        canv.restoreState()
        words = _(LABEL_PHOTO)
        current_fonts().draw_string(
            canv, self.width / 2, self.height / 2, words, SMALL_SIZE, anchor="centre"
        )


def photo_cell(photo: Photo, context: str) -> Flowable:
    return PhotoBox(photo_image(photo, context))
