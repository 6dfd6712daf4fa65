"""What goes wrong is said clearly: a name no font can draw (which character, whose record), an
attached file that is missing, altered, corrupt or of a type that cannot be printed, nothing to
print. Also: attached photos come out upright."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from form_samples import TODAY, number, photo
from PIL import Image
from pypdf import PdfReader

from swdesk.domain.errors import NotFound, SwdeskError
from swdesk.printing.fonts import MissingGlyphError
from swdesk.printing.forms.scans import Scan, ScanError, ScanImage
from swdesk.services import printing
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.workspace import Workspace
from swdesk.storage.attachments import attach, blob_path, store_dir


def _person(ws: Workspace, name: str, seq: int = 11) -> str:
    id_number = number(seq)
    add_staff(ws, name=name, id_number=id_number, social_work_since=dt.date(2019, 5, 1))
    add_credential(ws, id_number, level="social_worker", certificate_number=f"GX{seq}",
                   obtained_on=dt.date(2023, 6, 18))  # fmt: skip
    return id_number


def _application(ws: Workspace, files: list[Path]) -> str:
    from swdesk.services.claims import create_level_award

    changes = create_level_award(ws, number(11), on=TODAY)
    app_id = changes.created_id
    with ws.db.atomic():
        for path in files:
            attach(ws.db, ws.path, path, owner_table="applications", owner_id=app_id,
                   user=ws.user, kind="document")  # fmt: skip
    return str(ws.db["applications"].get(app_id)["number"])


def test_a_name_no_font_has_names_the_character_and_the_person(ws: Workspace) -> None:
    id_number = _person(ws, "李\ue000")  # a private-use character from an old input method
    with pytest.raises(MissingGlyphError) as info:
        printing.print_ce_record(ws, id_number, 2026)
    assert info.value.code == "U+E000"
    assert info.value.context.startswith("李\ue000 / ")
    assert "U+E000" in str(info.value) and "李\ue000" in str(info.value)


def test_the_cli_reports_it_without_writing_a_file(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from swdesk.cli.main import main

    _person(ws, "李\ue000")
    out = tmp_path / "holders.pdf"
    code = main(["--db", str(ws.path), "--lang", "zh_CN", "print", "holders", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "U+E000" in err and "李\ue000 / 姓名" in err and "无法打印" in err


def test_a_missing_or_altered_scan_is_named_with_its_application(
    ws: Workspace, tmp_path: Path
) -> None:
    _person(ws, "王䶮")
    scan = photo(tmp_path / "证书.png")
    app = _application(ws, [scan])
    stored = blob_path(store_dir(ws.path), ws.db["attachments"].get(1)["sha256"])
    stored.write_bytes(stored.read_bytes()[:-10])
    with pytest.raises(SwdeskError, match=f"Application {app}: .*证书.png.*altered"):
        printing.print_packet(ws, app)
    stored.unlink()
    with pytest.raises(SwdeskError, match=f"Application {app}: .*证书.png.*missing"):
        printing.print_packet(ws, app)


def test_a_corrupt_pdf_scan_is_an_error_naming_it(ws: Workspace, tmp_path: Path) -> None:
    _person(ws, "王䶮")
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
    app = _application(ws, [broken])
    with pytest.raises(ScanError, match=f"scan.pdf of application {app} cannot be printed"):
        printing.print_packet(ws, app)


def test_a_file_that_cannot_be_printed_gets_a_page_saying_so(ws: Workspace, tmp_path: Path) -> None:
    _person(ws, "王䶮")
    document = tmp_path / "事迹材料.docx"
    document.write_bytes(b"PK\x03\x04 not really a document")
    app = _application(ws, [document])
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(printing.print_packet(ws, app))).pages]
    assert "Attachment 1: 事迹材料.docx" in pages[0]
    last = " ".join(pages[-1].split())
    assert last.startswith("Attachment 1")
    assert "This file (.docx) cannot be printed by the program: print it separately" in last


def test_nothing_to_print_is_said_plainly(ws: Workspace) -> None:
    with pytest.raises(NotFound, match="no applications with status Submitted"):
        printing.print_packets(ws)
    with pytest.raises(NotFound, match="Nothing is due on 2026-11-21"):
        printing.print_reminders(ws, TODAY)


def test_a_photo_taken_sideways_is_printed_upright(tmp_path: Path) -> None:
    path = tmp_path / "sideways.jpg"
    image = Image.new("RGB", (400, 300), "white")
    exif = image.getexif()
    exif[0x0112] = 6  # orientation: the camera was turned; viewers rotate it 90°
    image.save(path, exif=exif)
    scan = ScanImage(Scan("sideways.jpg", "image/jpeg", path), "x")
    assert scan.pixels == (300, 400) and not scan.as_is
    drawn = Image.open(scan._reduced((300, 400)))
    assert drawn.size == (300, 400)


def test_an_unreadable_image_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "receipt.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(ScanError, match="receipt.png of application 2026-0001"):
        ScanImage(Scan("receipt.png", "image/png", path), "application 2026-0001")


def test_a_corrupt_scan_found_by_a_worker_of_a_batch_is_the_same_error(
    ws: Workspace, tmp_path: Path
) -> None:
    from swdesk.domain.applications import Status
    from swdesk.printing.batch import stop_workers
    from swdesk.services.claims import create_level_award

    _person(ws, "王䶮")
    _person(ws, "李四", seq=12)
    create_level_award(ws, number(12), on=TODAY)
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
    app = _application(ws, [broken])
    try:
        with pytest.raises(ScanError, match=f"scan.pdf of application {app} cannot be printed"):
            printing.print_packets(ws, Status.DRAFT, workers=2)
    finally:
        stop_workers()


def test_a_scan_reduced_once_is_reused_until_its_file_changes(tmp_path: Path) -> None:
    import os

    path = tmp_path / "receipt.png"
    Image.new("RGB", (800, 600), "red").save(path)
    scan = ScanImage(Scan("receipt.png", "image/png", path), "x")
    first = scan._reduced((400, 300)).getvalue()
    assert scan._reduced((400, 300)).getvalue() == first
    assert Image.open(io.BytesIO(first)).getpixel((10, 10))[0] > 200  # red
    Image.new("RGB", (800, 600), "blue").save(path)
    later = os.stat(path).st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))
    again = Image.open(scan._reduced((400, 300)))
    assert again.getpixel((10, 10))[2] > 200  # the new picture, not the one kept
