"""One page of every form against a reference image in tests/printing/reference/.

The forms are drawn from fixed values (no database), rendered with pdftoppm at 72 dpi in grey,
and compared after a slight blur: the mean difference over the page and that of the worst
12-pixel tile must both stay small. That tolerates another renderer's anti-aliasing (even the
page drawn at 144 dpi and scaled down passes) but not a moved table, a missing box or another
form. The words themselves are checked by the text-extraction tests, which see one character.
After a deliberate change of a form, look at the new pages, then rewrite the references with

    SWDESK_UPDATE_REFERENCES=1 pytest tests/printing/test_forms_reference.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from form_samples import DOTTED, NON_BMP, PLAIN, RARE, TODAY, number, photo
from PIL import Image, ImageChops, ImageFilter, ImageStat

from swdesk.domain.ce_compliance import Compliance, Counted, Period, Status
from swdesk.domain.levels import Level
from swdesk.domain.profiles import Clause
from swdesk.domain.reasons import recorded
from swdesk.domain.reminders import Reminder, Severity
from swdesk.domain.staff import Credential, Staff
from swdesk.printing.forms import (
    award_application,
    bureau_tables,
    ce_record,
    nomination,
    packet,
    reimbursement,
    reminder_notice,
    subsidy,
)
from swdesk.printing.forms.scans import Scan
from swdesk.printing.layout import AgencyHeader

REFERENCE = Path(__file__).parent / "reference"
UPDATE = os.environ.get("SWDESK_UPDATE_REFERENCES") == "1"
MEAN_LIMIT = 3.5  # grey levels, averaged over the page
TILE_LIMIT = 60.0  # grey levels, averaged over the worst 12 x 12 pixel tile
TILE = 12

pytestmark = pytest.mark.usefixtures("zh")

AGENCY = AgencyHeader(
    "防城港市港口区阳光社会工作服务中心",
    "52450600MJ0123456W",
    "广西防城港市港口区兴港大道 88 号",
    "黄丽华",
    "0770-2822888",
)
EMPLOYER = AGENCY.name
AWARD = Clause("award_level", "FCG-2023 (十二)", "对在防城港市从事社会工作连续满2年……给予奖励。")
CE = Clause("ce_annual", "FCG-2023 (八)", "每年度接受继续教育累计不得少于50学时。")


def person(name: str, seq: int, sex: str = "M", since: dt.date = dt.date(2019, 5, 1)) -> Staff:
    born = dt.date(1990, 3, 7)
    return Staff(name, number(seq, born), sex, born, "13877001234", "本科", "社会工作",
                 since, None, False, since, "", seq)  # fmt: skip


STAFF = person(RARE, 11)
CREDENTIAL = Credential(Level.SOCIAL_WORKER, "GX2023000001", dt.date(2023, 6, 18),
                        "人力资源和社会保障部、民政部", dt.date(2023, 8, 17), 11, 1)  # fmt: skip


def compliance(total: float, status: Status, reason: str) -> Compliance:
    counted = Counted({"face_to_face": total}, {"face_to_face": total})
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    short = max(0.0, 50 - total)
    return Compliance("annual", period, TODAY, Level.SOCIAL_WORKER, 50, counted, short, 44.5,
                      status, recorded(reason) if reason else None, CE)  # fmt: skip


def award_form() -> award_application.AwardApplication:
    reasons = (
        recorded("社会工作师证书于2023年6月18日取得，按等级奖励2,000元。", "FCG-2023 (十二)"),
        recorded("自2019年5月1日起在本市从事社会工作，2021年5月1日满2年。", "FCG-2023 (十二)"),
        recorded("非在职在编公务员。", "FCG-2023 (十二)"),
    )
    return award_application.AwardApplication(
        "2026-0001", TODAY, STAFF, EMPLOYER, Level.SOCIAL_WORKER, CREDENTIAL,
        Decimal("2000.00"), 2000, 0, dt.date(2023, 6, 18), reasons,
    )  # fmt: skip


def record() -> ce_record.CERecord:
    lines = [
        ce_record.TrainingLine(dt.date(2026, 3, 5), dt.date(2026, 3, 6),
                               "社会工作伦理与实务 <进阶> & 督导", "防城港市民政局", "face_to_face", 12),
        ce_record.TrainingLine(dt.date(2026, 9, 9), dt.date(2026, 9, 9), "个案管理线上课程",
                               "中国社会工作教育协会", "online", 20),
    ]  # fmt: skip
    result = compliance(32, Status.BEHIND, "已完成32学时，截至2026年11月21日应达44.5学时。")
    return ce_record.CERecord(STAFF, EMPLOYER, 2026, CREDENTIAL, lines, result, TODAY)


def reminders() -> list[reminder_notice.ReminderNotice]:
    items = [
        Reminder("ce_behind", 11, STAFF.id_number, RARE, dt.date(2026, 12, 31), Severity.MEDIUM,
                 recorded("继续教育进度落后：已完成32学时，尚差18学时。"), "FCG-2023 (八)"),
        Reminder("registration_due", 11, STAFF.id_number, RARE, dt.date(2027, 6, 18),
                 Severity.LOW, recorded("社会工作师证书须于2027年6月18日前办理首次登记。"),
                 "民发〔2009〕44号"),
    ]  # fmt: skip
    return [reminder_notice.ReminderNotice(RARE, STAFF.id_number, TODAY, items, EMPLOYER,
                                           "黄丽华", "0770-2822888")]  # fmt: skip


def people() -> list[Staff]:
    return [STAFF, person(NON_BMP, 23), person(DOTTED, 36, "F"), person(PLAIN, 47, "F")]


def awards_summary() -> bureau_tables.AwardsSummary:
    lines = [
        bureau_tables.AwardLine("2026-0001", RARE, STAFF.id_number, "专业水平提升奖励",
                                Level.SOCIAL_WORKER, Decimal("2000.00"), TODAY, "已提交", None,
                                "FCG-2023 (十二)"),
        bureau_tables.AwardLine("2026-0004", EMPLOYER, "", "自治区民政部门社会工作先进单位", None,
                                Decimal("10000.00"), TODAY, "已发放", Decimal("10000.00"),
                                "FCG-2023 (十七)"),
    ]  # fmt: skip
    rejected = bureau_tables.AwardLine("2026-0005", PLAIN, number(47), "考试费用报销", Level.ASSISTANT,
                                       Decimal("293.50"), TODAY, "不予批准", None, "FCG-2023 (十二)",
                                       "票据不全")  # fmt: skip
    return bureau_tables.AwardsSummary(dt.date(2026, 1, 1), TODAY, TODAY, [lines[1]], [lines[0]],
                                       [rejected])  # fmt: skip


def holders() -> bureau_tables.Holders:
    levels = [Level.SOCIAL_WORKER, Level.ASSISTANT, Level.SOCIAL_WORKER, Level.SENIOR]
    found = [
        bureau_tables.Holder(p, replace(CREDENTIAL, level=lv, certificate_number=f"GX20230{i}"),
                             "社会工作师二级岗位" if lv is Level.SOCIAL_WORKER else "")
        for i, (p, lv) in enumerate(zip(people(), levels, strict=True))
    ]  # fmt: skip
    return bureau_tables.Holders(TODAY, found)


def packet_pdf(tmp_path: Path, out: Path | None = None) -> bytes:
    cover = packet.Cover("2026-0001", "专业水平提升奖励", RARE, STAFF.id_number, EMPLOYER,
                         Decimal("2000.00"), TODAY, TODAY, "已提交", TODAY)  # fmt: skip
    scan = Scan("证书照片.png", "image/png", photo(tmp_path / "scan.png"))
    parts = [award_application.section(award_form()), ce_record.section(record())]
    return packet.render_packets(AGENCY, [packet.Packet(cover, parts, [scan])], out)


FORMS: dict[str, Callable[..., bytes]] = {
    "award_application": lambda _t, out=None: award_application.render(AGENCY, award_form(), out),
    "reimbursement": lambda _t, out=None: reimbursement.render(
        AGENCY,
        reimbursement.ReimbursementClaim(
            "2026-0002",
            TODAY,
            person(NON_BMP, 23),
            EMPLOYER,
            2024,
            Level.ASSISTANT,
            [
                reimbursement.ClaimItem("报名费", Decimal("120")),
                reimbursement.ClaimItem("教材费", Decimal("86.50")),
                reimbursement.ClaimItem("往返差旅费", Decimal("1005")),
            ],
            2,
            Clause("exam", "FCG-2023 (十二)", "从2023年度开始……报销报名费、教材费、往返差旅费。"),
        ),  # fmt: skip
        out,
    ),
    "nomination": lambda _t, out=None: nomination.render(
        AGENCY,
        nomination.Nomination(
            "2026-0003",
            TODAY,
            person(DOTTED, 36, "F"),
            EMPLOYER,
            "防城港市“最美社工”",
            CREDENTIAL,
            "社会工作师二级岗位",
            "扎根社区五年，服务困境儿童 300 余人次。",
            "“小候鸟”暑期陪伴计划",
            Clause("c", "FCG-2023 (十三)", "适时组织开展“最美社工”……"),
        ),  # fmt: skip
        out,
    ),
    "subsidy": lambda _t, out=None: subsidy.render(
        AGENCY,
        subsidy.SubsidyApplication(
            "2026-0004",
            TODAY,
            EMPLOYER,
            AGENCY.credit_code,
            AGENCY.address,
            "黄丽华",
            "0770-2822888",
            "自治区民政部门社会工作先进单位",
            dt.date(2026, 6, 1),
            "桂民发〔2026〕12号",
            Decimal("10000"),
            Clause("s", "FCG-2023 (十七)", "……一次性补助。"),
        ),  # fmt: skip
        out,
    ),
    "ce_record": lambda _t, out=None: ce_record.render(AGENCY, record(), out),
    "reminder_notice": lambda _t, out=None: reminder_notice.render(AGENCY, reminders(), out),
    "ce_summary": lambda _t, out=None: bureau_tables.render_ce_summary(
        AGENCY,
        bureau_tables.CESummary(
            2026,
            TODAY,
            [
                bureau_tables.CELine(p, compliance(h, s, "" if s is Status.MET else "进度落后"))
                for p, h, s in zip(
                    people(),
                    (52, 12, 30, 50),
                    (Status.MET, Status.BEHIND, Status.BEHIND, Status.MET),
                    strict=True,
                )
            ],
        ),
        out,
    ),  # fmt: skip
    "awards_summary": lambda _t, out=None: bureau_tables.render_awards_summary(
        AGENCY, awards_summary(), out
    ),
    "holders": lambda _t, out=None: bureau_tables.render_holders(AGENCY, holders(), out),
    "packet": packet_pdf,
}


def first_page(data: bytes, folder: Path, dpi: int = 72) -> Image.Image:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm not found: install poppler-utils (apt-get install poppler-utils)")
    pdf = folder / "form.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        [tool, "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
         str(pdf), str(folder / "page")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(folder / "page.png") as image:
        return image.convert("L")


def difference(actual: Image.Image, reference: Image.Image) -> tuple[float, float]:
    """(mean difference over the page, mean difference of the worst tile), in grey levels,
    after a blur that absorbs sub-pixel shifts of anti-aliased edges."""
    assert actual.size == reference.size, (actual.size, reference.size)
    blur = ImageFilter.GaussianBlur(1)
    diff = ImageChops.difference(actual.filter(blur), reference.filter(blur))
    tiles = diff.resize((diff.width // TILE, diff.height // TILE), Image.Resampling.BOX)
    return ImageStat.Stat(diff).mean[0], float(tiles.getextrema()[1])


@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_matches_its_reference_page(name: str, tmp_path: Path) -> None:
    page = first_page(FORMS[name](tmp_path), tmp_path)
    reference = REFERENCE / f"{name}.png"
    if UPDATE:
        REFERENCE.mkdir(exist_ok=True)
        page.save(reference, optimize=True)
    assert reference.is_file(), f"no reference for {name}: run with SWDESK_UPDATE_REFERENCES=1"
    with Image.open(reference) as image:
        mean, worst = difference(page, image.convert("L"))
    assert mean < MEAN_LIMIT and worst < TILE_LIMIT, (name, mean, worst)


def test_the_comparison_tolerates_rendering_but_not_layout(tmp_path: Path) -> None:
    form = award_form()
    page = first_page(award_application.render(AGENCY, form), tmp_path)
    assert difference(page, page) == (0.0, 0.0)
    # Another rasteriser's edges: drawn at twice the resolution, then scaled down.
    fine = first_page(award_application.render(AGENCY, form), tmp_path, dpi=144)
    mean, worst = difference(page, fine.resize(page.size, Image.Resampling.LANCZOS))
    assert mean < MEAN_LIMIT and worst < TILE_LIMIT, (mean, worst)
    # A remarks box moves everything below it down by a few millimetres: that must fail.
    moved = first_page(award_application.render(AGENCY, replace(form, note="备注")), tmp_path)
    mean, worst = difference(page, moved)
    assert mean >= MEAN_LIMIT and worst >= TILE_LIMIT, (mean, worst)
