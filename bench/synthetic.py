"""The synthetic agencies of bench/ratios.py, built once and kept by content hash.

A file's name carries a hash of this module, the migrations and the sizes asked for: change any
of them and the next run builds afresh; otherwise the run reuses what is in ``bench/.cache``.

The agency is made so that every rule does its full work: service start dates (most people are
past the two years the level award asks), certificates of every level obtained on both sides of
the 2022 cut-off (a third of the holders went up a level later), registrations, award payments
already made, applications at every step, training over four years, people who have left.
Rows are written with ``executemany`` in one transaction (the services' per-row checks would
take minutes at 20,000 people); the applications go through the services, so they are real.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from pathlib import Path

from swdesk.domain import idnumber

TODAY = dt.date(2026, 11, 21)
CACHE = Path(__file__).resolve().parent / ".cache"
FORMS = ("face_to_face", "online", "supervision", "conference", "other")
LEVELS = ("assistant", "social_worker", "senior")
SURNAMES = "黄覃韦梁陆莫李张王陈刘杨周吴赵林农蒙潘罗谢邓苏钟唐何冯"
# Region codes that were counties for every birth year the data uses (1965–2002): swdesk flags a
# number whose region did not exist when its holder was born (GB 11643-1999).
REGIONS = (
    "450100", "450200", "450300", "450400", "452100", "452101", "452122", "452123", "452124",
    "452126", "452127", "452128", "452129", "452130", "452131", "452132", "452133", "452200",
    "452223", "452224", "452225", "452226", "452227", "452228", "452229", "452230", "452231",
    "452400", "452424", "452427", "452428", "452600", "452622", "452623", "452624", "452625",
    "452626", "452627", "452628", "452629", "452630", "452631", "452632", "452700", "452723",
    "452724", "452725", "452726", "452727", "452728", "452729", "452730",
)  # fmt: skip
# The people on file and the rows of the import sheet by distinct regions: no sheet row is someone
# already on file.
STAFF_REGIONS, SHEET_REGIONS = REGIONS[:26], REGIONS[26:]
GIVEN = ("丽华", "志强", "秀英", "建军", "晓燕", "明辉", "海燕", "俊杰", "春梅", "文静", "磊", "芳")


def _fingerprint(*parts: object) -> str:
    """A hash of what decides a file's content: this module, the schema and the sizes."""
    from swdesk.storage import migrations

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(migrations.__file__).read_bytes())
    digest.update(repr(parts).encode())
    return digest.hexdigest()[:12]


def cached(name: str, *sizes: int, ext: str = "db") -> tuple[Path, bool]:
    """The cache path of ``name`` for ``sizes`` and whether it is already built."""
    CACHE.mkdir(exist_ok=True)
    stem = f"{name}-{'-'.join(map(str, sizes))}-{_fingerprint(name, sizes)}"
    path = CACHE / stem / f"{name}.{ext}"
    return path, path.is_file()


def fresh_folder(path: Path) -> None:
    """An empty folder for ``path`` (a half-built earlier attempt removed)."""
    if path.parent.exists():
        shutil.rmtree(path.parent)
    path.parent.mkdir(parents=True)


def _person(i: int, rng: random.Random) -> tuple:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=(i * 7919) % 13500)
    number = idnumber.make(STAFF_REGIONS[i // 1000 % len(STAFF_REGIONS)], birth, i % 1000)
    hire = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 6000))
    left = hire + dt.timedelta(days=rng.randint(400, 4000)) if rng.random() < 0.1 else None
    since = hire - dt.timedelta(days=rng.randint(0, 1500)) if rng.random() < 0.9 else None
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[i // len(SURNAMES) % len(GIVEN)] + str(i)
    return (
        i + 1,
        name,
        "M" if int(number[16]) % 2 else "F",
        number,
        birth.isoformat(),
        f"139{i:08d}",
        hire.isoformat(),
        left.isoformat() if left and left < TODAY else None,
        int(rng.random() < 0.03),
        since.isoformat() if since else None,
    )


def _certificates(sid: int, rng: random.Random) -> list[tuple]:
    """None, one, or a climb of levels; obtained 2012-2026, across the 2022 cut-off."""
    if rng.random() >= 0.8:
        return []
    first = rng.choices(range(3), weights=(6, 3, 1))[0]
    year = rng.randint(2012, 2025)
    out = []
    for level in range(first, 3):
        obtained = dt.date(year, 6, 20)
        registered = obtained + dt.timedelta(days=rng.randint(20, 900))
        reg = registered.isoformat() if registered < TODAY and rng.random() < 0.7 else None
        out.append((sid, LEVELS[level], f"C{sid:07d}{level}", obtained.isoformat(), reg))
        year += rng.randint(2, 5)
        if year > 2026 or rng.random() < 0.6:
            break
    return out


def build_agency(path: Path, n_staff: int, n_rows: int, seed: int = 17) -> None:
    """The agency of ``n_staff`` people and about ``n_rows`` attendance rows at ``path``."""
    from swdesk.services.agency import init_agency
    from swdesk.services.workspace import Workspace

    rng = random.Random(seed)
    ws = Workspace.open(path, clock=lambda: TODAY, user="bench")
    init_agency(ws, name="基准测试社会工作服务中心", profile_id="fangchenggang-2023")
    amounts = ws.profile.level_award.amounts  # type: ignore[union-attr]
    staff = [_person(i, rng) for i in range(n_staff)]
    creds = [c for s in staff for c in _certificates(s[0], rng)]
    payments = []
    paid: set[int] = set()
    for sid, level, _number, obtained, _reg in creds:
        # Some awards were paid before the program was used: imported payments.
        if obtained < "2024" and sid not in paid and rng.random() < 0.35:
            paid.add(sid)
            payments.append((sid, "level_award", level, amounts[level], obtained[:4] + "-12-15"))
    n_events = max(50, n_rows // 200)
    events = []
    for e in range(n_events):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1420))
        end = start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        events.append(
            (e + 1, f"培训{e}", rng.choice(FORMS), start.isoformat(), end.isoformat(),
             float(rng.choice((2, 3, 4, 6, 8))), "event")
        )  # fmt: skip
    per_person = max(1, n_rows // n_staff)
    attendance = [
        (eid, s[0], events[eid - 1][5])
        for s in staff
        for eid in rng.sample(range(1, n_events + 1), min(per_person, n_events))
    ]
    conn = ws.db.conn
    with ws.db.atomic():
        conn.executemany(
            "INSERT INTO staff (id, name, sex, id_number, birth_date, phone, hire_date, "
            "leave_date, civil_servant, social_work_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            staff,
        )
        conn.executemany(
            "INSERT INTO credentials (staff_id, level, certificate_number, obtained_on, "
            "registered_on) VALUES (?, ?, ?, ?, ?)",
            creds,
        )
        conn.executemany(
            "INSERT INTO award_payments (staff_id, award, level, amount, paid_on) "
            "VALUES (?, ?, ?, ?, ?)",
            payments,
        )
        conn.executemany(
            "INSERT INTO training_events (id, title, form, start_date, end_date, hours, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO attendance (event_id, staff_id, hours) VALUES (?, ?, ?)", attendance
        )
    _applications(ws, staff, rng, max(5, n_staff // 100))
    conn.execute("ANALYZE")
    # As a file reopened later would be: the bulk insert moved out of the write-ahead log.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()


def _applications(ws: object, staff: list[tuple], rng: random.Random, n: int) -> None:
    """``n`` level-award applications through the services: drafts, submitted, approved, paid."""
    from swdesk.domain.errors import SwdeskError
    from swdesk.services import applications
    from swdesk.services.awards import evaluate_awards
    from swdesk.services.claims import create_level_award

    due = [s for s in evaluate_awards(ws, TODAY) if s.amount_due > 0]  # type: ignore[arg-type]
    for k, standing in enumerate(rng.sample(due, min(n, len(due)))):
        try:
            created = create_level_award(ws, standing.staff.id_number, on=TODAY)  # type: ignore[arg-type]
        except SwdeskError:
            continue
        number = str(ws.db["applications"].get(created.created_id)["number"])  # type: ignore[attr-defined]
        if k % 4 >= 1:
            applications.submit(ws, number, TODAY)  # type: ignore[arg-type]
        if k % 4 >= 2:
            applications.approve(ws, number, by="民政局", on=TODAY)  # type: ignore[arg-type]
        if k % 4 == 3:
            applications.pay(ws, number, on=TODAY)  # type: ignore[arg-type]


def build_import_sheet(path: Path, n_rows: int) -> None:
    """A staff list as an office keeps it: a title line, the headers, ``n_rows`` people."""
    from openpyxl import Workbook

    rng = random.Random(99)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("人员名单")
    sheet.append(["某某社会工作服务中心人员名单"])
    sheet.append(
        ["序号", "姓名", "身份证号", "手机号码", "学历", "专业", "入职日期", "从事社会工作起始日期"]
    )
    for i in range(n_rows):
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=(i * 104729) % 12000)
        number = idnumber.make(SHEET_REGIONS[i // 1000 % len(SHEET_REGIONS)], birth, i % 1000)
        hire = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 5000))
        sheet.append(
            [i + 1, SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)], number,
             f"138{i:08d}", "本科", "社会工作", hire, hire - dt.timedelta(days=200)]
        )  # fmt: skip
    book.save(path)
