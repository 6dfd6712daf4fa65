"""The worker's photo on forms: a 一寸 photo is 25 × 35 mm, so what is cut from an attached
image is a rectangle of that shape. The rectangle is kept with the photo (in pixels of the image
turned upright), so the picture can be cut again from the original at any size."""

from __future__ import annotations

from dataclasses import dataclass

from swdesk.domain.errors import ValidationError
from swdesk.i18n import _

PHOTO_MM = (25, 35)  # width, height of 一寸
# A rectangle whose shape is within this share of 25:35 is taken as it is (a hand-drawn crop
# is never exact); anything further off is narrowed to 25:35 about its centre.
_SHAPE_TOLERANCE = 0.02


@dataclass(frozen=True)
class Crop:
    """A rectangle of an image: left, top, width and height in pixels."""

    left: int
    top: int
    width: int
    height: int

    def box(self) -> tuple[int, int, int, int]:
        """(left, upper, right, lower), as Pillow crops."""
        return self.left, self.top, self.left + self.width, self.top + self.height

    def text(self) -> str:
        return f"{self.left},{self.top},{self.width},{self.height}"


def parse_crop(text: str) -> Crop:
    """``x,y,w,h`` in pixels, as typed on the command line."""
    parts = [p.strip() for p in text.replace("，", ",").split(",")]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4:
        raise ValidationError(
            _("A crop is four whole numbers of pixels, x,y,width,height (e.g. 120,80,500,700), "
              "not {text!r}.").format(text=text),
            "crop",
        )  # fmt: skip
    return Crop(*numbers)


def centred_crop(size: tuple[int, int]) -> Crop:
    """The largest 25:35 rectangle in the middle of an image of ``size`` (width, height)."""
    width, height = size
    ratio = PHOTO_MM[0] / PHOTO_MM[1]
    if width / height > ratio:  # wider than a photo: take the full height
        w = max(1, round(height * ratio))
        return Crop((width - w) // 2, 0, w, height)
    h = max(1, round(width / ratio))
    return Crop(0, (height - h) // 2, width, h)


def fit_crop(size: tuple[int, int], crop: Crop | None) -> Crop:
    """The rectangle to keep for an image of ``size``: ``crop`` checked to lie inside the image
    and brought to 25:35, or the centred one when none is given."""
    if crop is None:
        return centred_crop(size)
    width, height = size
    if crop.width <= 0 or crop.height <= 0 or crop.left < 0 or crop.top < 0:
        raise ValidationError(
            _("The crop {crop} must have a positive width and height and start inside the "
              "image.").format(crop=crop.text()),
            "crop",
        )  # fmt: skip
    if crop.left + crop.width > width or crop.top + crop.height > height:
        raise ValidationError(
            _("The crop {crop} reaches outside the image, which is {width} × {height} "
              "pixels.").format(crop=crop.text(), width=width, height=height),
            "crop",
        )  # fmt: skip
    ratio = PHOTO_MM[0] / PHOTO_MM[1]
    shape = crop.width / crop.height
    if abs(shape - ratio) <= ratio * _SHAPE_TOLERANCE:
        return crop
    if shape > ratio:  # too wide: narrow it
        w = max(1, round(crop.height * ratio))
        return Crop(crop.left + (crop.width - w) // 2, crop.top, w, crop.height)
    h = max(1, round(crop.width / ratio))
    return Crop(crop.left, crop.top + (crop.height - h) // 2, crop.width, h)
