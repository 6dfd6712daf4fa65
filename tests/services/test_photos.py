"""The worker's photo (一寸, 25 × 35 mm): kept from an image with its crop, checked as a hostile
file, printed in the photo box of the application form, in the PDF and the Word copy."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from swdesk.domain.errors import NotFound, ValidationError
from swdesk.domain.photos import Crop, centred_crop, fit_crop, parse_crop
from swdesk.services.claims import create_level_award
from swdesk.services.photos import photo_file, photo_from_attachment, set_photo
from swdesk.services.printing import print_application
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace
from swdesk.storage import attachments as store

ID = "45060219900307011X"
OTHER = "450602199003070128"


def face(path: Path, size: tuple[int, int] = (1200, 1000)) -> Path:
    image = Image.new("RGB", size, (200, 220, 240))
    image.paste((40, 60, 120), (size[0] // 3, size[1] // 2, 2 * size[0] // 3, size[1]))
    image.save(path)
    return path


def bomb(path: Path, width: int = 40_000, height: int = 40_000) -> Path:
    """A PNG whose header says 1.6 billion pixels, made of a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))
    path.write_bytes(png + chunk(b"IEND", b""))
    return path


@pytest.fixture
def person(ws: Workspace) -> Workspace:
    add_staff(ws, name="黄丽华", id_number=ID, social_work_since=dt.date(2019, 5, 1),
              hire_date=dt.date(2019, 5, 1))  # fmt: skip
    add_credential(ws, ID, level="社会工作师", certificate_number="GX2023000001",
                   obtained_on=dt.date(2023, 6, 18))  # fmt: skip
    return ws


def test_a_crop_is_brought_to_25_by_35_inside_the_image() -> None:
    assert centred_crop((1200, 1000)) == Crop(243, 0, 714, 1000)
    assert centred_crop((500, 1000)) == Crop(0, 150, 500, 700)
    assert fit_crop((1200, 1000), Crop(100, 100, 250, 350)) == Crop(100, 100, 250, 350)
    assert fit_crop((1200, 1000), Crop(100, 100, 400, 350)) == Crop(175, 100, 250, 350)
    assert parse_crop("10, 20,250,350") == Crop(10, 20, 250, 350)
    with pytest.raises(ValidationError, match="outside"):
        fit_crop((1200, 1000), Crop(1000, 0, 250, 350))
    with pytest.raises(ValidationError, match="four whole numbers"):
        parse_crop("10,20,250")


def test_a_photo_is_kept_with_its_crop_and_audited(person: Workspace, tmp_path: Path) -> None:
    changes = set_photo(person, ID, face(tmp_path / "照片.jpg"), Crop(380, 120, 440, 600))
    assert "385,120,429,600" in changes.message  # narrowed to 25:35 about its centre
    path, crop = photo_file(person, 1)  # type: ignore[misc]
    assert crop == Crop(385, 120, 429, 600) and path.is_file()
    [row] = store.attachments_of_person(person.db, 1)
    assert row["original_name"] == "照片.jpg" and row["kind"] == "photo"
    audit = [r for r in person.db["audit_log"].rows if r["action"] == "staff.photo"]
    assert len(audit) == 1 and '"crop_width": 429' in audit[0]["new"]
    # Without a crop: the middle of the image.
    set_photo(person, ID, face(tmp_path / "再拍.png", (800, 800)))
    assert photo_file(person, 1)[1] == Crop(114, 0, 571, 800)  # type: ignore[index]


@pytest.mark.parametrize("make", ["text", "bomb", "truncated"])
def test_a_hostile_image_is_refused_and_nothing_is_kept(
    person: Workspace, tmp_path: Path, make: str
) -> None:
    path = tmp_path / "photo.png"
    if make == "text":
        path.write_text("not an image at all")
    elif make == "bomb":
        bomb(path)
    else:
        path.write_bytes(face(tmp_path / "x.png").read_bytes()[:40])
    with pytest.raises(ValidationError):
        set_photo(person, ID, path)
    assert photo_file(person, 1) is None
    assert list(person.db["attachments"].rows) == []


def test_a_photo_can_be_one_of_the_persons_attachments(person: Workspace, tmp_path: Path) -> None:
    from swdesk.services.attachments import attach_certificate_scan

    attach_certificate_scan(person, "GX2023000001", face(tmp_path / "证书.jpg"))
    [row] = store.attachments_of_person(person.db, 1)
    photo_from_attachment(person, ID, row["id"], Crop(0, 0, 250, 350))
    assert photo_file(person, 1)[1] == Crop(0, 0, 250, 350)  # type: ignore[index]
    add_staff(person, name="李明", id_number=OTHER)
    with pytest.raises(NotFound, match="no attachment"):
        photo_from_attachment(person, OTHER, row["id"])


def _images(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_the_photo_is_printed_in_its_box_in_pdf_and_word(person: Workspace, tmp_path: Path) -> None:
    changes = create_level_award(person, ID, on=dt.date(2026, 11, 21))
    number = person.db["applications"].get(changes.created_id)["number"]
    assert _images(print_application(person, number)) == []  # an empty box to paste one in
    set_photo(person, ID, face(tmp_path / "照片.jpg"), Crop(385, 120, 429, 600))
    [image] = _images(print_application(person, number))
    width, height = image.image.size
    assert abs(width / height - 25 / 35) < 0.01 and width >= 250  # 300 dpi at 25 mm
    print_application(person, number, output=tmp_path / "申请表.docx")
    [shape] = docx.Document(str(tmp_path / "申请表.docx")).inline_shapes
    assert round(shape.width.mm) == 25 and round(shape.height.mm) == 35


def test_the_cli_sets_a_photo(person: Workspace, tmp_path: Path, capsys) -> None:
    from swdesk.cli.main import main

    image = face(tmp_path / "face.jpg")
    code = main(
        ["--db", str(person.path), "staff", "photo", ID, str(image), "--crop", "0,0,250,350"]
    )
    assert code == 0 and "0,0,250,350" in capsys.readouterr().out
    code = main(["--db", str(person.path), "staff", "photo", ID, str(image), "--crop", "a,b"])
    assert code == 1 and "four whole numbers" in capsys.readouterr().err


def test_an_attached_image_is_handed_to_the_window_checked(
    person: Workspace, tmp_path: Path
) -> None:
    from swdesk.services.attachments import attach_certificate_scan
    from swdesk.services.photos import attachment_image

    attach_certificate_scan(person, "GX2023000001", face(tmp_path / "证书.jpg"))
    [row] = store.attachments_of_person(person.db, 1)
    path = attachment_image(person, row["id"])
    assert Image.open(path).size == (1200, 1000)
    path.write_bytes(b"changed behind the program's back")
    with pytest.raises(ValidationError):
        attachment_image(person, row["id"])


def test_a_photo_is_one_step_of_the_undo_history(person: Workspace, tmp_path: Path) -> None:
    from swdesk.services.undo import redo, undo, undo_status

    staff_id = add_staff(person, name="韦志强", id_number=OTHER).created_id
    first = set_photo(person, ID, face(tmp_path / "a.png"))
    assert first.undo is not None
    assert undo_status(person).undo.label.key == "Photo of {name}"
    set_photo(person, ID, face(tmp_path / "b.png", (900, 1200)), Crop(0, 0, 500, 700))
    undo(person)  # back to the first photo, whole
    shown = photo_file(person, next(iter(first.staff_ids)))
    assert shown is not None and shown[1] == fit_crop((1200, 1000), None)
    undo(person)  # no photo at all
    assert photo_file(person, next(iter(first.staff_ids))) is None
    redo(person)
    assert photo_file(person, next(iter(first.staff_ids))) is not None
    assert photo_file(person, staff_id) is None
