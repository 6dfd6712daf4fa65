"""Sample data for the form tests: a workspace filled through the services (for the end-to-end
tests of `swdesk.services.printing`), attached scans (a photo, a PDF), and form values built
directly (for the reference images, which must not change when another module's wording does)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas

from swdesk.domain import idnumber
from swdesk.services.workspace import Changes, Workspace

TODAY = dt.date(2026, 11, 21)
# Names a form must print exactly: markup characters, CJK Extension A and B (non-BMP), a dot.
RARE = "王䶮"
NON_BMP = "𠮷田A&B<C>"
DOTTED = "阿依古丽·买买提"
PLAIN = "黄丽华"


def number(seq: int, born: dt.date = dt.date(1990, 3, 7)) -> str:
    # 港口区's code dates from 1993; those born before carry 防城各族自治县's.
    return idnumber.make("450602" if born.year >= 1993 else "452822", born, seq)


def photo(path: Path, text: str = "CERT", size: tuple[int, int] = (900, 1200)) -> Path:
    """A 'phone photo' of a certificate: light paper, a dark frame and a heading band."""
    image = Image.new("RGB", size, (246, 243, 235))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((40, 40, w - 40, h - 40), outline=(120, 20, 20), width=12)
    draw.rectangle((120, 140, w - 120, 260), fill=(150, 30, 30))
    for y in range(360, h - 160, 70):
        draw.line((140, y, w - 140, y), fill=(60, 60, 60), width=6)
    draw.text((150, 180), text, fill=(255, 255, 255))
    image.save(path)
    return path


def scanned_pdf(path: Path, pages: int = 2, text: str = "Receipt / 收据") -> Path:
    """A small PDF with an embedded font (a receipt that was scanned and OCRed)."""
    from swdesk.printing.fonts import current_fonts

    fonts = current_fonts()
    # A landscape slip, not A4; in the body font from the start, so no Helvetica is referenced.
    canvas = Canvas(str(path), pagesize=(420, 300), initialFontName=fonts.primary)
    for page in range(1, pages + 1):
        canvas.setLineWidth(3)
        canvas.rect(20, 20, 380, 260)
        fonts.draw_string(canvas, 40, 240, f"{text} {page}", 18)
        canvas.showPage()
    canvas.save()
    return path


def fill(ws: Workspace, files: Path) -> dict[str, str]:
    """Staff, certificates, trainings and one application of each kind, submitted, with scans
    in the real attachment store. Returns the application numbers by kind."""
    from swdesk.services import applications as apps
    from swdesk.services.agency import update_agency
    from swdesk.services.awards import list_honours, record_honour
    from swdesk.services.claims import (
        create_exam_claim,
        create_level_award,
        create_nomination,
        create_subsidy,
    )
    from swdesk.services.demo import _credit_code
    from swdesk.services.staff import add_credential, add_staff
    from swdesk.services.training import add_event
    from swdesk.storage.attachments import attach

    update_agency(
        ws,
        name="防城港市港口区阳光社会工作服务中心",
        credit_code=_credit_code(),
        address="广西防城港市港口区兴港大道 88 号",
        contact_person="黄丽华",
        phone="0770-2822888",
    )
    people = [
        (RARE, number(11), dt.date(2019, 5, 1), "social_worker", dt.date(2023, 6, 18)),
        (NON_BMP, number(23), dt.date(2018, 3, 1), "assistant", dt.date(2024, 6, 20)),
        (DOTTED, number(36), dt.date(2020, 9, 1), "social_worker", dt.date(2021, 6, 20)),
        (PLAIN, number(47), dt.date(2017, 1, 1), "senior", dt.date(2022, 12, 1)),
    ]
    for n, (name, id_no, since, level, obtained) in enumerate(people):
        add_staff(ws, name=name, id_number=id_no, social_work_since=since, hire_date=since,
                  phone="13877001234", education="本科", major="社会工作")  # fmt: skip
        add_credential(ws, id_no, level=level, certificate_number=f"GX{obtained.year}{n:05d}",
                       obtained_on=obtained, registered_on=obtained + dt.timedelta(days=60),
                       issuing_body="人力资源和社会保障部、民政部")  # fmt: skip
    add_event(ws, title="社会工作伦理与实务 <进阶> & 督导", form="face_to_face",
              start=dt.date(2026, 3, 5), end=dt.date(2026, 3, 6), hours=12,
              organiser="防城港市民政局", attendees=[(p[1], None) for p in people])  # fmt: skip
    add_event(ws, title="个案管理线上课程", form="online", start=dt.date(2026, 9, 9),
              end=None, hours=20, organiser="中国社会工作教育协会",
              attendees=[(people[0][1], None), (people[3][1], 18)])  # fmt: skip
    numbers: dict[str, str] = {}
    numbers["level_award"] = _number(ws, create_level_award(ws, people[0][1], on=TODAY))
    numbers["exam"] = _number(ws, create_exam_claim(
        ws, people[1][1], exam_year=2024, level="assistant", on=TODAY,
        items={"registration_fee": "120", "textbook_fee": "86.50", "intercity_transport": "1005"},
    ))  # fmt: skip
    numbers["nomination"] = _number(ws, create_nomination(
        ws, people[2][1], "most_admired", "扎根社区五年，服务困境儿童 300 余人次。\n牵头“四点半课堂”项目。",
        case_title="“小候鸟”暑期陪伴计划", on=TODAY,
    ))  # fmt: skip
    record_honour(ws, "advanced_unit_regional", dt.date(2026, 6, 1), "桂民发〔2026〕12号")
    numbers["subsidy"] = _number(ws, create_subsidy(ws, list_honours(ws)[0].id, on=TODAY))
    scans = {
        "level_award": [photo(files / "证书照片.png"), scanned_pdf(files / "在职证明.pdf", 1)],
        "exam": [scanned_pdf(files / "receipts.pdf", 2), photo(files / "ticket.jpg", "TICKET")],
        "nomination": [photo(files / "case.png", "CASE")],
        "subsidy": [],
    }
    for kind, paths in scans.items():
        app = apps.get_application(ws, numbers[kind])
        with ws.db.atomic():
            for path in paths:
                attach(ws.db, ws.path, path, owner_table="applications", owner_id=app.id,
                       user=ws.user, kind="receipt" if kind == "exam" else "document")  # fmt: skip
        apps.submit(ws, numbers[kind], TODAY)
    return numbers


def _number(ws: Workspace, changes: Changes) -> str:
    row = ws.db["applications"].get(changes.created_id)
    return str(row["number"])


# ---------------------------------------------------------------- checks on a printed PDF


def pdf_fonts(data: bytes) -> list:
    """Every font dictionary of the PDF (Type0 fonts and their descendants)."""
    import io

    from pypdf import PdfReader

    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[id(font)] = font
            for child in font.get("/DescendantFonts", []):
                found[id(child)] = child.get_object()
    return list(found.values())


def not_embedded(data: bytes) -> list[str]:
    """Names of the fonts the PDF uses without embedding them (should be none)."""
    missing = []
    for font in pdf_fonts(data):
        if font["/Subtype"] == "/Type0":
            continue  # its descendant carries the descriptor
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not (
            {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())
        ):
            missing.append(str(font.get("/BaseFont")))
    return missing
