"""Realistic, deterministic demo data: an agency in Fangchenggang with about 60 staff.

Anchored to the current year so that there is always a year in progress to look at; for a given
year the same data comes out every time.
"""

from __future__ import annotations

import datetime as dt
import random

from swdesk.domain import idnumber
from swdesk.domain.agency import credit_code_check
from swdesk.domain.awards import LEVEL_AWARD
from swdesk.domain.dates import add_years
from swdesk.domain.errors import SwdeskError
from swdesk.domain.grades import Appointment
from swdesk.domain.levels import Level
from swdesk.domain.staff import make_credential, make_staff
from swdesk.domain.training import TrainingEvent
from swdesk.i18n import _
from swdesk.services.agency import init_agency
from swdesk.services.changes import EVERYTHING
from swdesk.services.staff import insert_credential, insert_staff
from swdesk.services.workspace import Changes, Workspace
from swdesk.storage import audit
from swdesk.storage import awards as awards_store
from swdesk.storage import grades as grades_store
from swdesk.storage import staff as staff_store
from swdesk.storage import training as training_store

SURNAMES = "黄覃韦梁陆莫李张王陈刘杨周吴赵林农蒙潘罗谢邓苏钟唐何冯"
GIVEN_F = [
    "丽华",
    "秀英",
    "晓燕",
    "海燕",
    "桂兰",
    "春梅",
    "文静",
    "永红",
    "思琪",
    "子涵",
    "雨婷",
    "美玲",
    "丹",
    "婷婷",
    "秋菊",
    "金凤",
    "凤英",
    "艳",
    "小红",
    "慧敏",
]
GIVEN_M = [
    "志强",
    "伟",
    "建军",
    "明辉",
    "家豪",
    "俊杰",
    "宏伟",
    "晓东",
    "磊",
    "小龙",
    "国庆",
    "少华",
    "文斌",
    "海波",
    "振宇",
]
MINORITY = ["阿依古丽·买买提", "热依拉·艾力", "扎西·多吉"]
REGIONS = ["450602", "450603", "450681", "450621"]
EDUCATION = ["大专", "本科", "本科", "本科", "硕士"]
MAJORS = ["社会工作", "社会工作", "社会学", "心理学", "行政管理", "护理学", "教育学"]
EVENTS = [
    ("社会工作伦理与实务", "face_to_face", "防城港市民政局"),
    ("个案管理专题培训", "face_to_face", "防城港市社会工作协会"),
    ("小组工作方法线上课程", "online", "中国社会工作教育协会"),
    ("季度专业督导", "supervision", "本机构"),
    ("广西社会工作发展研讨会", "conference", "广西社会工作协会"),
    ("儿童保护与家庭支持", "face_to_face", "防城港市妇联"),
    ("心理急救与危机干预", "online", "广西民政厅"),
    ("社区治理与五社联动", "face_to_face", "港口区民政局"),
]


def _credit_code() -> str:
    first17 = "52450600MJ" + "0123456"
    return first17 + credit_code_check(first17)


def fill_demo(ws: Workspace, seed: int = 2023) -> Changes:
    """Fill a new, empty data file with the demo agency."""
    if ws.agency_row() is not None or staff_store.has_staff(ws.db):
        raise SwdeskError(_("The demo needs a new, empty data file; this one already has data."))
    today = ws.today()
    rng = random.Random(seed * 10000 + today.year)
    # One transaction from the agency row to the last payment: a demo killed halfway leaves an
    # empty file that `demo` fills again, not an agency it refuses for ever.
    try:
        with ws.db.atomic():
            init_agency(
                ws,
                name="防城港市港口区阳光社会工作服务中心",
                profile_id="fangchenggang-2023",
                credit_code=_credit_code(),
                address="广西防城港市港口区兴港大道 88 号",
                contact_person="黄丽华",
                phone="0770-2822888",
            )
            people = _staff(ws, rng, today)
            _credentials_and_grades(ws, rng, today, people)
            _training(ws, rng, today, people)
            _award_history(ws, rng, today)
            audit.record(
                ws.db,
                user=ws.user,
                action="demo.fill",
                table="staff",
                row_id=None,
                new={"staff": len(people)},
            )
    except BaseException:
        ws.forget_profile()
        raise
    return Changes.of(
        EVERYTHING,
        message=_("Demo data created: {n} staff.").format(n=len(people)),
    )


def _staff(ws: Workspace, rng: random.Random, today: dt.date) -> list[tuple[int, dt.date]]:
    people = []
    used_names: set[str] = set()
    for i in range(60):
        female = rng.random() < 0.7
        if i in (7, 31, 48):
            name = MINORITY[(i // 20) % len(MINORITY)]
            female = name != "扎西·多吉"
        else:
            given = GIVEN_F if female else GIVEN_M
            name = rng.choice(SURNAMES) + rng.choice(given)
            while name in used_names:
                name = rng.choice(SURNAMES) + rng.choice(given)
        used_names.add(name)
        birth = dt.date(rng.randint(1972, 2001), rng.randint(1, 12), rng.randint(1, 28))
        seq = rng.randint(10, 99) * 10 + (
            rng.choice([0, 2, 4, 6, 8]) if female else rng.choice([1, 3, 5, 7, 9])
        )
        number = idnumber.make(rng.choice(REGIONS), birth, seq)
        earliest = max(add_years(birth, 21), dt.date(2012, 1, 1))
        hire = earliest + dt.timedelta(days=rng.randint(0, max(1, (today - earliest).days - 200)))
        # Most started social work in the city when hired; some came from another agency here.
        since = hire - dt.timedelta(days=rng.choice([0, 0, 0, 365, 700]))
        # A few new arrivals: not yet two years, so eligibility dates are in the future.
        if i in (5, 22, 40):
            hire = since = today - dt.timedelta(days=rng.randint(200, 600))
        staff = make_staff(
            name=name,
            id_number=number,
            today=today,
            phone=f"139{rng.randint(10000000, 99999999)}",
            education=rng.choice(EDUCATION),
            major=rng.choice(MAJORS),
            hire_date=hire,
            social_work_since=max(since, birth.replace(year=birth.year + 18)),
            civil_servant=i in (3, 27),
            leave_date=(today - dt.timedelta(days=90)) if i == 59 else None,
        )
        people.append((insert_staff(ws, staff), hire))
    return people


def _credentials_and_grades(
    ws: Workspace, rng: random.Random, today: dt.date, people: list[tuple[int, dt.date]]
) -> None:
    cert_no = 0
    for n, (staff_id, hire) in enumerate(people):
        roll = rng.random()
        if n in (10, 33):
            roll = 0.97  # a few senior social workers, whatever the dice say
        if roll < 0.2:
            continue  # no certificate yet
        levels = [Level.ASSISTANT]
        if roll > 0.55:
            levels.append(Level.SOCIAL_WORKER)
        if roll > 0.93:
            levels.append(Level.SENIOR)
        year = rng.randint(max(2012, hire.year - 2), min(today.year - 1, 2024))
        obtained = []
        for level in levels:
            if year > today.year - 1 and level is not Level.ASSISTANT:
                break
            day = dt.date(year, 6, 20) if level is not Level.SENIOR else dt.date(year, 12, 1)
            if day > today:
                break
            cert_no += 1
            code = {"assistant": "Z", "social_worker": "S", "senior": "G"}[level.value]
            cred = make_credential(
                level=level,
                certificate_number=f"{code}{year}{45000000 + cert_no:08d}",
                obtained_on=day,
                today=today,
                issuing_body="人力资源和社会保障部 民政部",
                registered_on=_latest_registration(rng, day, today),
            )
            insert_credential(ws, staff_id, cred)
            obtained.append((level, day))
            year += rng.randint(1, 4)
            if year >= today.year:
                break
        # Most are appointed to the grade their highest certificate allows; a few lag behind.
        if not obtained or n % 9 == 0:
            continue
        level, day = obtained[-1]
        code = {
            Level.ASSISTANT: rng.choice(["ASW1", "ASW2"]),
            Level.SOCIAL_WORKER: rng.choice(["SW1", "SW2", "SW3"]),
            Level.SENIOR: "SW1",
        }[level]
        if n % 7 == 0 and len(obtained) > 1:
            code = "ASW1"
        # Appointed after both the certificate and the hire, never in the future.
        appointed = min(max(day, hire) + dt.timedelta(days=rng.randint(30, 200)), today)
        grades_store.insert_appointment(ws.db, Appointment(staff_id, code, appointed))


def _training(
    ws: Workspace, rng: random.Random, today: dt.date, people: list[tuple[int, dt.date]]
) -> None:
    for year in range(today.year - 3, today.year + 1):
        for k in range(14):
            title, form, organiser = EVENTS[k % len(EVENTS)]
            start = dt.date(year, 1 + (k * 11) // 14, rng.randint(1, 25))
            if start >= today:
                continue
            days = 1 if form in ("online", "supervision") else rng.randint(1, 3)
            end = min(start + dt.timedelta(days=days - 1), today)
            hours = float(rng.choice([3, 4, 6, 8, 12, 16]))
            event = TrainingEvent(f"{year}年{title}", form, start, end, hours, organiser)
            event_id = training_store.insert_event(ws.db, event)
            rows = []
            for staff_id, hire in people:
                if hire <= start and rng.random() < 0.55:
                    part = hours if rng.random() > 0.1 else max(1.0, hours / 2)
                    rows.append((event_id, staff_id, part))
            training_store.insert_attendances(ws.db, rows)


def _latest_registration(rng: random.Random, obtained: dt.date, today: dt.date) -> dt.date | None:
    """The certificate's latest registration (民发〔2009〕44号): a first one within the year after
    the exam, then, for most people, a renewal in the months before each 3-year term ends."""
    first = obtained + dt.timedelta(days=rng.randint(30, 300))
    if first >= today or rng.random() < 0.1:
        return None  # not registered yet: shows as due or overdue
    latest = first
    keeps_renewing = rng.random() < 0.9
    while keeps_renewing:
        renewal = add_years(latest, 3) - dt.timedelta(days=rng.randint(10, 80))
        if renewal >= today:
            break
        latest = renewal
    return latest


def _award_history(ws: Workspace, rng: random.Random, today: dt.date) -> None:
    """Level awards already paid (as an office would import them): the assistant-level award,
    paid in the September after the person became eligible (certificate held and two years of
    social work in the city), from 2023 on — only to people who held no higher certificate by
    then, since certificates of 2022 or earlier are awarded once, by the highest level."""
    people = {p.id: p for p in staff_store.list_staff(ws.db)}
    credentials = staff_store.credentials_in_order(ws.db)
    for cred in credentials:
        person = people[cred.staff_id]
        if person.civil_servant or cred.level is not Level.ASSISTANT:
            continue
        since = person.social_work_since
        eligible = max(cred.obtained_on, add_years(since, 2))  # type: ignore[arg-type]
        paid = dt.date(max(eligible.year, 2023), 9, 15)
        if paid < eligible:
            paid = paid.replace(year=paid.year + 1)
        higher = min(
            (
                c.obtained_on
                for c in credentials
                if c.staff_id == cred.staff_id and c.level is not Level.ASSISTANT
            ),
            default=None,
        )
        if higher is not None and (higher.year <= 2022 or higher <= paid):
            continue
        if paid < today and rng.random() < 0.5:
            awards_store.insert_payment(
                ws.db,
                {
                    "staff_id": cred.staff_id,
                    "award": LEVEL_AWARD,
                    "level": Level.ASSISTANT.value,
                    "amount": 1000,
                    "paid_on": paid.isoformat(),
                    "source": "demo",
                },
            )
