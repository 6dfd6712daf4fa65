"""Attached scans in a packet: images drawn on the page, PDF pages merged onto reserved pages.

reportlab cannot draw a page of another PDF, so a packet is laid out with an empty, numbered page
(header, caption, page number) for each page of an attached PDF; once it is built, pypdf scales
each attached page into the space reserved for it. Page numbers and the index are then right
without a second pass. Images are drawn directly, turned upright from their EXIF orientation and
reduced to 200 dpi at the printed size, so that a batch of phone photos does not make a PDF of
hundreds of megabytes.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from swdesk.domain.errors import SwdeskError
from swdesk.i18n import _
from swdesk.printing.styles import CONTENT_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

if TYPE_CHECKING:
    from pypdf import PageObject, Transformation

PRINT_DPI = 200  # enough for a certificate or receipt on paper
SCREEN_DPI = 96  # a small image is shown at this size rather than blown up to the page
_ORIENTATION = 0x0112  # the EXIF tag saying how the camera was held
# The most pixels an image needs: the whole frame of a portrait page at PRINT_DPI.
_MAX_PIXELS = (
    round(CONTENT_WIDTH / 72 * PRINT_DPI),
    round((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / 72 * PRINT_DPI),
)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp")
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP", "MPO")  # MPO: a phone's JPEG
# A scan or photo of more pixels than this is refused before it is decoded: 64 million is a
# 9,000 × 7,000 photo, more than any phone or scanner at 600 dpi makes of an A4 page, and
# about 200 MB decoded. Pillow's own guard only warns below 179 million.
MAX_PIXELS = 64_000_000
PDF_TYPE = "application/pdf"


class ScanError(SwdeskError):
    """An attached file that should print cannot be read."""


@dataclass(frozen=True)
class Scan:
    """An attached file: its original name, its type and where its content is."""

    name: str
    media_type: str
    path: Path
    kind: str = ""  # receipt, certificate, document, ...

    @property
    def printable(self) -> bool:
        return self.media_type in IMAGE_TYPES or self.media_type == PDF_TYPE


def _unreadable(scan: Scan, context: str, reason: object) -> ScanError:
    return ScanError(
        _("The attached file {name} of {context} cannot be printed: {reason}").format(
            name=scan.name, context=context, reason=reason
        )
    )


def image_header(path: Path, name: str, context: str) -> tuple[tuple[int, int], int, bool]:
    """(size as stored, EXIF orientation, whether it is a plain JPEG) of an attached image,
    read from its header alone; `ScanError` for a file that is no image Pillow reads, or one
    that would decode to more pixels than `MAX_PIXELS` (a decompression bomb)."""
    scan = Scan(name, "", path)
    try:
        with Image.open(path) as raw:
            if raw.format not in IMAGE_FORMATS:
                raise _unreadable(scan, context, _("it is not an image of a known kind."))
            size = raw.size
            if size[0] * size[1] > MAX_PIXELS:
                raise _unreadable(
                    scan,
                    context,
                    _("it is {width} × {height} pixels, more than an image may be.").format(
                        width=size[0], height=size[1]
                    ),
                )
            turn = raw.getexif().get(_ORIENTATION, 1)
            plain = raw.format == "JPEG" and turn == 1 and raw.mode in ("RGB", "L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise _unreadable(scan, context, exc) from None
    return size, turn, plain


def decoded(path: Path, name: str, context: str, wanted: int) -> Image.Image:
    """The image turned upright, flattened onto white, in RGB or grey, decoded at a reduced
    scale where JPEG allows (``wanted`` pixels on its longer side at least)."""
    try:
        with Image.open(path) as raw:
            raw.draft("RGB" if raw.mode not in ("RGB", "L") else raw.mode, (wanted, wanted))
            image = ImageOps.exif_transpose(raw)
            image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise _unreadable(Scan(name, "", path), context, exc) from None
    if image.mode in ("RGBA", "LA", "P") or "transparency" in image.info:
        # Transparent parts print white, as on paper, not black.
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return image


def as_jpeg(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


def printable_image(scan: Scan, context: str) -> tuple[io.BytesIO, tuple[float, float]]:
    """An attached image as a JPEG of at most a page at `PRINT_DPI`, and the size it is drawn
    at in points at most (for the Word copy)."""
    size, turn, _plain = image_header(scan.path, scan.name, context)
    pixels = (size[1], size[0]) if turn in (5, 6, 7, 8) else size
    image = decoded(scan.path, scan.name, context, max(_MAX_PIXELS))
    if max(image.size) > max(_MAX_PIXELS):
        image.thumbnail(_MAX_PIXELS, Image.Resampling.LANCZOS, reducing_gap=2.0)
    natural = (pixels[0] * 72 / SCREEN_DPI, pixels[1] * 72 / SCREEN_DPI)
    return as_jpeg(image), natural


def attached_page_png(
    scan: Scan, index: int, context: str
) -> tuple[io.BytesIO, tuple[float, float]]:
    """Page ``index`` of an attached PDF as a picture at `PRINT_DPI`, and its size in points
    (for the Word copy, which cannot hold a page of a PDF)."""
    from swdesk.printing.raster import render_page

    try:
        image, size = render_page(scan.path, index, PRINT_DPI)
    except (OSError, ValueError) as exc:
        raise _unreadable(scan, context, exc) from None
    return as_jpeg(image), size


class ScanImage(Flowable):
    """An attached image, as large as fits the space left on the page, centred at the top.

    Only the header is read here: a batch holds a hundred of these until they are drawn, and
    decoded photos would take gigabytes. A JPEG that is upright and not much larger than it
    will print is embedded as it is (no decoding, no loss); anything else is decoded when drawn
    (at a reduced scale where JPEG allows), turned upright, reduced to `PRINT_DPI` and embedded
    as JPEG.
    """

    def __init__(self, scan: Scan, context: str) -> None:
        super().__init__()
        self.scan = scan
        self.context = context
        size, turn, plain = image_header(scan.path, scan.name, context)
        self.pixels = (size[1], size[0]) if turn in (5, 6, 7, 8) else size
        self.as_is = plain and max(size) <= 1.5 * max(_MAX_PIXELS)
        self.drawn = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        px_w, px_h = self.pixels
        scale = min(avail_width / px_w, avail_height / px_h, 72 / SCREEN_DPI)
        self.drawn = (px_w * scale, px_h * scale)
        self.width, self.height = avail_width, self.drawn[1]
        return self.width, self.height

    def draw(self) -> None:
        width, height = self.drawn
        source: str | ImageReader
        if self.as_is:
            source = str(self.scan.path)
        else:
            wanted = (round(width / 72 * PRINT_DPI), round(height / 72 * PRINT_DPI))
            source = ImageReader(self._reduced((max(1, wanted[0]), max(1, wanted[1]))))
        self.canv.drawImage(source, (self.width - width) / 2, 0, width, height)

    def _reduced(self, wanted: tuple[int, int]) -> io.BytesIO:
        path = self.scan.path
        try:
            stat = path.stat()
            key = (str(path), stat.st_size, stat.st_mtime_ns, wanted)
        except OSError:
            key = None  # decoded() says what is wrong with it
        kept = _REDUCED.get(key) if key is not None else None
        if kept is None:
            image = decoded(path, self.scan.name, self.context, max(wanted))
            if wanted[0] < image.size[0]:
                image = image.resize(wanted, Image.Resampling.LANCZOS, reducing_gap=2.0)
            kept = as_jpeg(image).getvalue()
            if key is not None:
                _remember(key, kept)
        return io.BytesIO(kept)


# Scans decoded, turned, reduced and compressed, by file and size: printing the batch again (or
# a packet after its batch) does not decode them again. Attachments are stored under the hash
# of their content, so the file's name is its content; its size and time guard any other file.
_REDUCED: dict[object, bytes] = {}
_REDUCED_BYTES = 64 << 20  # at most this much is kept (some 150 pages of scans)


_REDUCED_LOCK = threading.Lock()  # the window prints on a thread of its own


def _remember(key: object, data: bytes) -> None:
    with _REDUCED_LOCK:
        _keep(key, data)


def _keep(key: object, data: bytes) -> None:
    while _REDUCED and sum(map(len, _REDUCED.values())) + len(data) > _REDUCED_BYTES:
        del _REDUCED[next(iter(_REDUCED))]  # the oldest first
    if len(data) <= _REDUCED_BYTES:
        _REDUCED[key] = data


@dataclass
class Slot:
    """Space reserved on one page for one page of an attached PDF (points, page from 1)."""

    path: Path
    index: int
    page: int = 0
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # x, y, width, height


@dataclass
class SlotLog:
    slots: list[Slot] = field(default_factory=list)


class PdfPageSlot(Flowable):
    """Takes the rest of the page; remembers where, for `merge_pdf_pages`."""

    def __init__(self, slot: Slot, log: SlotLog) -> None:
        super().__init__()
        self.slot = slot
        self.log = log

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1  # a point to spare: it must fit
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.slot.page = self.canv.getPageNumber()
        self.slot.box = (x, y, self.width, self.height)
        self.log.slots.append(self.slot)


def pdf_page_count(scan: Scan, context: str) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(scan.path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _unreadable(scan, context, _("it is protected by a password."))
        return len(reader.pages)
    except (OSError, PyPdfError, ValueError) as exc:
        raise _unreadable(scan, context, exc) from None


def _upright(page: PageObject) -> tuple[Transformation, tuple[float, float]]:
    """The transformation that puts ``page`` upright (its /Rotate applied, as a viewer shows
    it) with its visible box's lower-left corner at the origin; and the size it then has."""
    from pypdf import Transformation

    box = page.cropbox
    w, h = float(box.width), float(box.height)
    turn = (page.rotation or 0) % 360
    # /Rotate turns clockwise; Transformation.rotate turns anticlockwise.
    moved = Transformation().translate(-float(box.left), -float(box.bottom)).rotate(-turn)
    if turn == 90:
        return moved.translate(0, w), (h, w)
    if turn == 180:
        return moved.translate(w, h), (w, h)
    if turn == 270:
        return moved.translate(h, 0), (h, w)
    return moved, (w, h)


def merge_pdf_pages(pdf: bytes, log: SlotLog) -> bytes:
    """``pdf`` with each logged slot filled by its attached page, scaled to fit, top-centred."""
    if not log.slots:
        return pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    readers: dict[Path, PdfReader] = {}
    for slot in log.slots:
        reader = readers.get(slot.path)
        if reader is None:
            reader = readers[slot.path] = PdfReader(slot.path)
            if reader.is_encrypted:
                reader.decrypt("")
        source = reader.pages[slot.index]
        upright, (page_w, page_h) = _upright(source)
        x, y, width, height = slot.box
        scale = min(width / page_w, height / page_h)
        left = x + (width - page_w * scale) / 2
        bottom = y + height - page_h * scale
        placed = upright.scale(scale, scale).translate(left, bottom)
        page = writer.pages[slot.page - 1]
        # reportlab's pages share one resource dictionary: merging into it would list the
        # attachment's fonts on every page of the document. This page gets its own copy.
        resources = page["/Resources"].get_object()
        page[NameObject("/Resources")] = resources.clone(writer, force_duplicate=True)
        page.merge_transformed_page(source, placed)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
