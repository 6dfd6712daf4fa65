"""Benchmark: a batch of application packets against plain reportlab text of the same pages.

    python bench/print_packets.py [--applicants 100] [--output batch.pdf]

Builds a data file in a temporary folder with N applicants (certificate, three trainings, a
submitted level-award application, a photo of the certificate and, for every fourth, a one-page
PDF), then times `print_packets` (forms, index, scans, page numbers) and, for comparison, a
reportlab canvas drawing the text of the same pages line by line in the same font (no tables,
no fallback fonts, no images). Fonts are registered and both paths warmed up before timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

TODAY = dt.date(2026, 11, 21)
SURNAMES = "黄覃韦梁陆莫李张王陈刘杨周吴赵林农蒙潘罗谢邓苏钟唐何冯"
GIVEN = ["丽华", "志强", "秀英", "建军", "晓燕", "明辉", "海燕", "俊杰", "春梅", "䶮", "文静", "磊"]


def scan_photo(path: Path, seed: int) -> Path:
    """A certificate photographed by phone: 1500 x 2000 pixels of JPEG."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1500, 2000), (244, 240, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 1440, 1940), outline=(130, 20, 20), width=18)
    for y in range(400, 1800, 90):
        draw.line((200, y, 200 + rng.randint(600, 1100), y), fill=(50, 50, 50), width=8)
    image.save(path, quality=88)
    return path


def scan_pdf(path: Path, text: str) -> Path:
    from swdesk.printing.fonts import current_fonts

    fonts = current_fonts()
    canvas = Canvas(str(path), pagesize=A4, initialFontName=fonts.primary)
    fonts.draw_string(canvas, 72, 760, text, 16)
    canvas.rect(60, 60, A4[0] - 120, A4[1] - 120)
    canvas.save()
    return path


def build(folder: Path, applicants: int) -> object:
    """A data file with ``applicants`` submitted level-award applications, with scans."""
    from swdesk.domain import idnumber
    from swdesk.services import applications
    from swdesk.services.agency import init_agency
    from swdesk.services.claims import create_level_award
    from swdesk.services.demo import _credit_code
    from swdesk.services.staff import add_credential, add_staff
    from swdesk.services.training import add_event
    from swdesk.services.workspace import Workspace
    from swdesk.storage.attachments import attach

    ws = Workspace.open(folder / "bench.db", clock=lambda: TODAY, user="bench")
    init_agency(ws, name="防城港市港口区阳光社会工作服务中心", profile_id="fangchenggang-2023",
                credit_code=_credit_code(), address="广西防城港市港口区兴港大道 88 号",
                contact_person="黄丽华", phone="0770-2822888")  # fmt: skip
    rng = random.Random(7)
    numbers = []
    for n in range(applicants):
        born = dt.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
        number = idnumber.make("450602", born, 100 + n)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)]
        add_staff(ws, name=name, id_number=number, social_work_since=dt.date(2018, 3, 1),
                  phone="13877001234", education="本科", major="社会工作",
                  accept_unknown_region=True)  # fmt: skip
        add_credential(ws, number, level=rng.choice(["assistant", "social_worker"]),
                       certificate_number=f"GX2024{n:05d}", obtained_on=dt.date(2024, 6, 20),
                       issuing_body="人力资源和社会保障部、民政部")  # fmt: skip
        numbers.append(number)
    for title, form, day, hours in (
        ("社会工作伦理与实务", "face_to_face", dt.date(2026, 3, 5), 12),
        ("个案管理线上课程", "online", dt.date(2026, 6, 9), 20),
        ("季度专业督导", "supervision", dt.date(2026, 9, 18), 6),
    ):
        add_event(ws, title=title, form=form, start=day, end=None, hours=hours,
                  organiser="防城港市民政局", attendees=[(x, None) for x in numbers])  # fmt: skip
    for n, number in enumerate(numbers):
        app_id = create_level_award(ws, number, on=TODAY).created_id
        files = [scan_photo(folder / f"photo{n}.jpg", n)]
        if n % 4 == 0:
            files.append(scan_pdf(folder / f"proof{n}.pdf", f"在职证明 No. {n}"))
        with ws.db.atomic():
            for path in files:
                attach(ws.db, ws.path, path, owner_table="applications", owner_id=app_id,
                       user=ws.user, kind="document")  # fmt: skip
        applications.submit(ws, str(ws.db["applications"].get(app_id)["number"]), TODAY)
    return ws


def plain_text(pages: list[str], font: str) -> bytes:
    """The baseline: the same text, line by line, one canvas page per page, one font."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=font)
    for text in pages:
        y = A4[1] - 60
        for line in text.splitlines():
            canvas.setFont(font, 10.5)
            canvas.drawString(57, y, line.strip())
            y -= 14
            if y < 50:  # a long page of text continues at the top of the same page
                y = A4[1] - 60
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100)
    parser.add_argument("--output", type=Path, help="keep the batch PDF here")
    args = parser.parse_args(argv)

    from swdesk.i18n import set_language
    from swdesk.printing.fonts import register_fonts
    from swdesk.services.printing import print_packet, print_packets

    set_language("zh_CN")
    started = time.perf_counter()
    fonts = register_fonts()
    registered = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ws = build(Path(tmp), args.applicants)
        built = time.perf_counter() - started
        print_packet(ws, f"{TODAY.year}-0001")  # warm-up: imports, first subsets
        plain_text(["预热 warm-up"], fonts.primary)

        started = time.perf_counter()
        data = print_packets(ws)
        packets = time.perf_counter() - started
        ws.close()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    started = time.perf_counter()
    baseline_pdf = plain_text(pages, fonts.primary)
    baseline = time.perf_counter() - started
    if args.output:
        args.output.write_bytes(data)

    print(f"fonts registered once:        {registered:7.2f} s")
    print(f"data file with {args.applicants} applicants: {built:7.2f} s (not timed below)")
    print(f"batch of {args.applicants} packets:        {packets:7.2f} s  "
          f"{len(pages)} pages, {len(data) / 1e6:.1f} MB, "
          f"{packets / args.applicants * 1000:.0f} ms a packet")  # fmt: skip
    print(f"plain reportlab, same pages:  {baseline:7.2f} s  "
          f"{len(pages)} pages, {len(baseline_pdf) / 1e6:.1f} MB")  # fmt: skip
    print(f"ratio:                        {packets / baseline:7.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
