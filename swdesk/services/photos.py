"""The worker's photo (一寸照片) for the photo box of the application forms: an image from outside
or one of the person's attachments, cut to 25:35 by a rectangle that is kept with it.

An image from outside is hostile until checked: it must be an image Pillow reads, of a known
kind and of no more than `swdesk.printing.forms.scans.MAX_PIXELS` pixels (what the scans of a
packet are held to), before it is copied into the attachment store.
"""

from __future__ import annotations

from pathlib import Path

from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.photos import Crop, fit_crop
from swdesk.domain.reasons import Reason
from swdesk.i18n import N_, _
from swdesk.printing.forms.scans import ScanError, image_header
from swdesk.services.staff import find_staff
from swdesk.services.undo import Recording, recorded
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import attachments as store
from swdesk.storage import audit
from swdesk.storage import photos as photo_store
from swdesk.storage.photos import crop_row

PHOTO = "photo"  # the kind of attachment a photo from outside is kept as


def upright_size(path: Path, name: str) -> tuple[int, int]:
    """The image's size as it is seen (turned by its EXIF orientation); `ValidationError` for
    a file that is not an image that may be printed."""
    try:
        (width, height), turn, _plain = image_header(path, name, _("the photo"))
    except ScanError as exc:
        raise ValidationError(str(exc), "photo") from None
    return (height, width) if turn in (5, 6, 7, 8) else (width, height)


def _keep(ws: Workspace, staff_id: int, attachment_id: int, crop: Crop) -> None:
    old = photo_store.photo_of(ws.db, staff_id)
    photo_store.set_photo(ws.db, staff_id, attachment_id, crop)
    audit.record(
        ws.db,
        user=ws.user,
        action="staff.photo",
        table="staff_photos",
        row_id=staff_id,
        old={"attachment_id": old[0], **crop_row(old[1])} if old else None,
        new={"attachment_id": attachment_id, **crop_row(crop)},
        staff_id=staff_id,
    )


def _kept(name: str, staff_id: int, attachment_id: int, crop: Crop, step: Recording) -> Changes:
    return Changes.of(
        {"staff_photos", "attachments"},
        {staff_id},
        _("Photo of {name} kept, cut at {crop} (x,y,width,height in pixels).").format(
            name=name, crop=crop.text()
        ),
        attachment_id,
        step.entry,
    )


def _label(name: str) -> Reason:
    return Reason(N_("Photo of {name}"), {"name": name})


def set_photo(ws: Workspace, id_number: str, path: Path | str, crop: Crop | None = None) -> Changes:
    """Keep the image at ``path`` as the person's photo, cut to ``crop`` (brought to 25:35;
    the middle of the image when none is given)."""
    person = find_staff(ws, id_number)
    path = Path(path)
    if not path.is_file():
        raise NotFound(_("The file {path} does not exist.").format(path=str(path)))
    kept = fit_crop(upright_size(path, path.name), crop)
    with recorded(ws, _label(person.name)) as step:
        attachment_id = store.attach(
            ws.db, ws.path, path, owner_table="staff", owner_id=person.id,  # type: ignore[arg-type]
            user=ws.user, kind=PHOTO, staff_id=person.id,
        )  # fmt: skip
        _keep(ws, person.id, attachment_id, kept)  # type: ignore[arg-type]
    return _kept(person.name, person.id, attachment_id, kept, step)  # type: ignore[arg-type]


def photo_from_attachment(
    ws: Workspace, id_number: str, attachment_id: int, crop: Crop | None = None
) -> Changes:
    """Take one of the person's attached images (a scan, a photo kept before) as their photo."""
    person = find_staff(ws, id_number)
    mine = {row["id"]: row for row in store.attachments_of_person(ws.db, person.id)}  # type: ignore[arg-type]
    if attachment_id not in mine:
        raise NotFound(
            _("{name} has no attachment with id {id}.").format(name=person.name, id=attachment_id)
        )
    path = store.file_for(ws.db, ws.path, attachment_id)
    kept = fit_crop(upright_size(path, mine[attachment_id]["original_name"]), crop)
    with recorded(ws, _label(person.name)) as step:
        _keep(ws, person.id, attachment_id, kept)  # type: ignore[arg-type]
    return _kept(person.name, person.id, attachment_id, kept, step)  # type: ignore[arg-type]


def photo_file(ws: Workspace, staff_id: int) -> tuple[Path, Crop] | None:
    """The stored image of a person's photo (checked to be there and unaltered) and its crop."""
    found = photo_store.photo_of(ws.db, staff_id)
    if found is None:
        return None
    return store.file_for(ws.db, ws.path, found[0]), found[1]


def attachment_image(ws: Workspace, attachment_id: int) -> Path:
    """The stored file of an attached image, checked to be there, unaltered and an image that
    may be printed (kind and size), for the window to show and cut."""
    path = store.file_for(ws.db, ws.path, attachment_id)
    upright_size(path, path.name)
    return path
