"""Agencies and bureaus for the bureau tests, each with its own data file, made through the
same services an office uses: staff, certificates, training, claims, submission files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.domain import idnumber
from swdesk.domain.agency import credit_code_check
from swdesk.services import applications as apps
from swdesk.services.agency import init_agency
from swdesk.services.bureau import init_bureau
from swdesk.services.claims import create_level_award
from swdesk.services.staff import add_credential, add_staff
from swdesk.services.submission import make_submission
from swdesk.services.training import add_event
from swdesk.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)
PROFILE = "fangchenggang-2023"
BUREAU_BY = "港口区民政局"


def credit_code(seq: int, prefix: str = "52450600MJ") -> str:
    first = f"{prefix}{seq:07d}"
    return first + credit_code_check(first)


def id_number(seq: int, birth: dt.date = dt.date(1990, 1, 1), region: str = "452822") -> str:
    return idnumber.make(region, birth, seq)


def open_ws(path: Path, today: dt.date = TODAY) -> Workspace:
    return Workspace.open(path, clock=lambda: today, user="tester")


def agency(folder: Path, name: str, seq: int, today: dt.date = TODAY) -> Workspace:
    ws = open_ws(folder / f"agency-{seq}.db", today)
    init_agency(ws, name=name, profile_id=PROFILE, credit_code=credit_code(seq))
    return ws


def bureau(folder: Path, name: str, level: str, seq: int, today: dt.date = TODAY) -> Workspace:
    ws = open_ws(folder / f"bureau-{seq}.db", today)
    init_bureau(
        ws, name=name, level=level, profile_id=PROFILE, credit_code=credit_code(seq, "11450600MB")
    )
    return ws


def person(
    ws: Workspace,
    name: str,
    seq: int,
    *,
    hired: dt.date = dt.date(2020, 1, 1),
    left: dt.date | None = None,
    since: dt.date = dt.date(2018, 3, 1),
    certificate: tuple[str, str, dt.date] | None = ("社会工作师", "", dt.date(2023, 6, 18)),
    civil_servant: bool = False,
) -> str:
    number = id_number(seq)
    add_staff(
        ws, name=name, id_number=number, social_work_since=since, hire_date=hired,
        leave_date=left, civil_servant=civil_servant,
    )  # fmt: skip
    if certificate is not None:
        level, cert_no, obtained = certificate
        add_credential(
            ws, number, level=level, certificate_number=cert_no or f"GX{seq:08d}",
            obtained_on=obtained,
        )  # fmt: skip
    return number


def claim(ws: Workspace, number: str, on: dt.date, *, submit: dt.date | None = None) -> str:
    """A level-award application for what is due, submitted (on ``submit``, or ``on``)."""
    changes = create_level_award(ws, number, on=on)
    app = ws.db.execute("SELECT number FROM applications WHERE id = ?", [changes.created_id])
    app_number = app.fetchone()[0]
    apps.submit(ws, app_number, submit or on)
    return app_number


def training(ws: Workspace, numbers: list[str], hours: float, on: dt.date) -> None:
    add_event(
        ws, title="年度继续教育培训", start=on, end=on, hours=hours, form="face_to_face",
        attendees=[(n, None) for n in numbers],
    )  # fmt: skip


def submit(
    ws: Workspace,
    folder: Path,
    period: int = 2026,
    *,
    at: dt.datetime | None = None,
    name: str = "",
) -> Path:
    made = make_submission(
        ws, period, folder / (name or f"sub-{ws.path.stem}-{period}.zip"), made_at=at
    )
    return made.path


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(
        day.year, day.month, day.day, hour, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )


def rewrite(
    source: Path,
    target: Path,
    *,
    data=None,
    manifest=None,
    fix_hashes: bool = True,
    extra: dict[str, bytes] | None = None,
    raw_data: bytes | None = None,
) -> Path:
    """A copy of a submission file changed on the way: ``data(dict)`` and ``manifest(dict)``
    edit the parsed parts in place; the manifest's hashes and sizes are brought up to date
    unless ``fix_hashes`` is False (an edit its maker did not make)."""
    import hashlib
    import json
    import zipfile

    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    head = json.loads(parts.pop("manifest.json"))
    if raw_data is not None:
        parts["data.json"] = raw_data
    elif data is not None:
        body = json.loads(parts["data.json"])
        data(body)
        parts["data.json"] = json.dumps(body, ensure_ascii=False).encode("utf-8")
    if fix_hashes:
        for entry in head["parts"]:
            entry["sha256"] = hashlib.sha256(parts[entry["name"]]).hexdigest()
            entry["size"] = len(parts[entry["name"]])
    if manifest is not None:
        manifest(head)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(head, ensure_ascii=False))
        for name, body in {**parts, **(extra or {})}.items():
            zf.writestr(name, body)
    return target


# ---------------------------------------------------------------- records made by hand
# For what an agency's own rules would never let it write (a claim for a civil servant, a
# wrong amount, hours that do not add up): the record is built as values and written by the
# same code an agency's submission goes through.


def unit(seq: int, name: str = ""):
    from swdesk.domain.submission import Unit, UnitKind

    return Unit(UnitKind.AGENCY, name or f"机构{seq}", credit_code(seq), profile_id=PROFILE)


def staff(
    seq: int,
    name: str,
    *,
    level: str = "social_worker",
    cert: str = "",
    obtained=dt.date(2023, 6, 18),
    hired=dt.date(2020, 1, 1),
    left=None,
    civil_servant=False,
    paid=(),
):
    from swdesk.domain.levels import Level
    from swdesk.domain.submission import Certificate, Person

    number = id_number(seq)
    certs = (Certificate(cert or f"GX{seq:08d}", Level(level), obtained),) if level else ()
    return Person(
        number,
        name,
        "M" if seq % 2 else "F",
        dt.date(1990, 1, 1),
        hired,
        left,
        civil_servant,
        dt.date(2018, 3, 1),
        certs,
        None,
        tuple(paid),
    )


def level_claim(
    number: str,
    person,
    amount,
    *,
    level: str = "social_worker",
    status: str = "submitted",
    on=dt.date(2026, 3, 2),
):
    from decimal import Decimal

    from swdesk.domain.applications import Kind, Status
    from swdesk.domain.levels import Level
    from swdesk.domain.submission import Claim, ClaimStep

    steps = [ClaimStep(Status.DRAFT, on), ClaimStep(Status.SUBMITTED, on)]
    if status in ("approved", "paid"):
        steps.append(ClaimStep(Status.APPROVED, on, "市民政局"))
    if status == "paid":
        steps.append(ClaimStep(Status.PAID, on, amount=Decimal(amount)))
    return Claim(
        number,
        Kind.LEVEL_AWARD,
        "level_award",
        Level(level),
        person.id_number,
        person.name,
        Decimal(amount),
        Status(status),
        on,
        level,
        "FCG-2023 (十二)",
        {},
        tuple(steps),
    )


def record(seq: int, people, claims=(), ce=(), *, period: int = 2026, made=None, name: str = ""):
    import uuid

    from swdesk import __version__
    from swdesk.domain.submission import AgencyRecord

    return AgencyRecord(
        str(uuid.uuid4()),
        unit(seq, name),
        period,
        made or at(dt.date(period, 11, 1)),
        __version__,
        tuple(people),
        tuple(ce),
        tuple(claims),
    )


def record_file(folder: Path, rec, name: str = "") -> Path:
    from swdesk.policies import find_profile
    from swdesk.services.submission import write_agency_file

    path = folder / (name or f"{rec.agency.credit_code}-{rec.period}-{rec.submission_id[:8]}.zip")
    return write_agency_file(rec, find_profile(PROFILE), TODAY, path)
