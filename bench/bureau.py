"""The bureau's side at the scale of a city and of a province (issue 15, item 6).

    python bench/bureau.py                          # city and province
    python bench/bureau.py --scale city             # 300 agencies, 20,000 people, 5 periods
    python bench/bureau.py --scale province         # 3,000 agencies, 150,000 people, 1 period
    python bench/bureau.py --scale province --stacked   # and the province fed by 10 cities
    python bench/bureau.py --small                  # a tenth of each, to try it quickly

It first makes the agencies' submission files — what each agency would send: the records are
built as values by a synthetic generator (people who move between agencies, certificates, CE
hours, level-award claims paid in earlier periods, a few double claims and other faults for the
checks to find), and each file is written by ``services.submission.write_agency_file``, the very
code an agency's ``swdesk submit`` ends in (data.json, the PDF and the workbook drawn from it).
Drawing ~5,000 PDFs takes a while, so the files are made in parallel and kept under ``--cache``
(``bench/.cache/bureau`` by default) for the next run.

Then, in a fresh process for each scale (so that its peak memory is the bureau's alone), a new
bureau data file receives every file with ``services.bureau_receive.receive`` (all checked, all
written in one transaction, the checks run at the end) and the timings are taken of: the receipt
(the merge and the checks together), the checks alone (run again), the tables (values, PDF,
.xlsx) of the last period, and the bureau's own submission to the level above. The files are
read by worker processes as ``receive`` decides (``--read-workers 0``: by the receiving process
alone, as before); the CPU time of the receiving process and of the workers is given beside the
time it took, since on a shared machine the time says more about the others' load. Goals: a
city's merge and checks under 10 s, a province's under 2 minutes, memory under 1 GB.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from swdesk import __version__  # noqa: E402
from swdesk.domain import idnumber  # noqa: E402
from swdesk.domain.agency import credit_code_check  # noqa: E402
from swdesk.domain.applications import Kind, Status  # noqa: E402
from swdesk.domain.awards import Payment  # noqa: E402
from swdesk.domain.ce_compliance import assess, calendar_year  # noqa: E402
from swdesk.domain.dates import add_years  # noqa: E402
from swdesk.domain.levels import Level  # noqa: E402
from swdesk.domain.staff import Credential, Staff  # noqa: E402
from swdesk.domain.submission import (  # noqa: E402
    FORMAT_VERSION,
    AgencyRecord,
    CEResult,
    Certificate,
    Claim,
    ClaimStep,
    Person,
    Unit,
    UnitKind,
)

PROFILE = "fangchenggang-2023"
TZ = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 11, 21)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫陆"
GIVEN = "丽华伟芳娜敏静强磊军洋勇艳杰娟涛明超秀霞平刚桂英海燕建国玉兰志红文斌春梅"
SCALES = {
    "city": {"agencies": 300, "people": 20_000, "periods": (2022, 2023, 2024, 2025, 2026)},
    "province": {"agencies": 3_000, "people": 150_000, "periods": (2026,)},
}


def credit_code(seq: int) -> str:
    first = f"52450{seq // 10_000_000 % 10}00MJ{seq % 10_000_000:07d}"
    return first + credit_code_check(first)


def bureau_code(seq: int) -> str:
    first = f"11450600MB{seq:07d}"
    return first + credit_code_check(first)


@dataclasses.dataclass
class Someone:
    number: str
    name: str
    sex: str
    birth: dt.date
    since: dt.date
    spells: list[tuple[int, dt.date, dt.date | None]]  # (agency, hired, left)
    certificates: list[Certificate]
    civil_servant: bool = False


def _people(
    rng: random.Random, agencies: int, people: int, periods: tuple[int, ...]
) -> list[Someone]:
    out, seen = [], set()
    first, last = dt.date(periods[0], 1, 1), dt.date(periods[-1], 12, 31)
    for n in range(people):
        while True:
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(13_000))
            number = idnumber.make(rng.choice(("450602", "450603", "450621", "450681")), birth,
                                   rng.randrange(1000))  # fmt: skip
            if number not in seen:
                seen.add(number)
                break
        since = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4_000))
        hired = max(since, first - dt.timedelta(days=rng.randrange(2_000)))
        agency = rng.randrange(agencies)
        spells: list[tuple[int, dt.date, dt.date | None]] = [(agency, hired, None)]
        # About one in twenty moves to another agency each year; a few leave for good.
        for year in periods:
            if rng.random() < 0.05:
                day = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
                if day <= spells[-1][1] or day > last:
                    continue
                a, h, _ = spells[-1]
                spells[-1] = (a, h, day)
                if rng.random() < 0.85:
                    spells.append((rng.randrange(agencies), day, None))
                else:
                    break
        certificates = []
        if rng.random() < 0.7:
            got = dt.date(2012 + rng.randrange(15), rng.randrange(1, 13), 20)
            certificates.append(Certificate(f"GX{n:09d}A", Level.ASSISTANT, min(got, TODAY)))
            if rng.random() < 0.45:
                higher = got + dt.timedelta(days=365 * rng.randrange(1, 5))
                if higher <= TODAY:
                    certificates.append(Certificate(f"GX{n:09d}S", Level.SOCIAL_WORKER, higher))
                    if rng.random() < 0.08:
                        top = higher + dt.timedelta(days=365 * rng.randrange(2, 5))
                        if top <= TODAY:
                            certificates.append(Certificate(f"GX{n:09d}H", Level.SENIOR, top))
        out.append(
            Someone(
                number,
                rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randrange(1, 3))),
                idnumber.parse(number).sex,
                birth,
                since,
                spells,
                certificates,
                rng.random() < 0.01,
            )  # fmt: skip
        )
    return out


def _claim(number: str, who: Someone, level: Level, amount: int, on: dt.date, paid: bool) -> Claim:
    steps = [ClaimStep(Status.DRAFT, on), ClaimStep(Status.SUBMITTED, on)]
    if paid:
        steps += [
            ClaimStep(Status.APPROVED, on, "民政局"),
            ClaimStep(Status.PAID, on, amount=Decimal(amount)),
        ]
    status = Status.PAID if paid else Status.SUBMITTED
    return Claim(number, Kind.LEVEL_AWARD, "level_award", level, who.number, who.name,
                 Decimal(amount), status, on, level.value, "FCG-2023 (十二)", {}, tuple(steps))  # fmt: skip


def generate(scale: str, small: bool, seed: int = 15) -> Iterator[tuple[AgencyRecord, dt.date]]:
    """Every agency's record of every period, as an agency would make it."""
    from swdesk.policies import find_profile

    spec = SCALES[scale]
    agencies = spec["agencies"] // (10 if small else 1)
    people = spec["people"] // (10 if small else 1)
    periods = spec["periods"]
    rng = random.Random(seed)
    profile = find_profile(PROFILE)
    rule = profile.level_award
    requirement = next(q for q in profile.ce_requirements if q.period == "calendar_year")
    everyone = _people(rng, agencies, people, periods)

    # The level award: claimed by whoever employs the person when it falls due, in that year;
    # paid the same year, except in the running one. A few moved people are claimed again by
    # their new agency (the double claims the checks must find).
    claims: dict[tuple[int, int], list[Claim]] = {}
    paid: dict[tuple[int, str], list[Payment]] = {}
    count: dict[tuple[int, int], int] = {}
    for who in everyone:
        done: Level | None = None
        unpaid = False
        for cert in who.certificates:
            if unpaid:
                break  # one open level-award claim at a time: the next waits for the payment
            due = max(cert.obtained_on, add_years(who.since, 2), dt.date(2023, 1, 1))
            if due.year not in periods or due > TODAY:
                continue
            spell = next(
                (s for s in who.spells if s[1] <= due and (s[2] is None or s[2] > due)), None
            )
            if spell is None:
                continue
            amount = rule.amounts[cert.level] - (rule.amounts[done] if done else 0)
            if who.civil_servant and rng.random() < 0.9:
                continue
            key = (spell[0], due.year)
            count[key] = count.get(key, 0) + 1
            number = f"{due.year}-{count[key]:04d}"
            is_paid = due.year < TODAY.year
            claims.setdefault(key, []).append(_claim(number, who, cert.level, amount, due, is_paid))
            if is_paid:
                paid.setdefault((spell[0], who.number), []).append(Payment(amount, due, cert.level))
            done, unpaid = cert.level, not is_paid
            later = [s for s in who.spells if s[1] > due and s[1].year in periods]
            if later and rng.random() < 0.04:
                again = later[0]
                on = min(TODAY, again[1] + dt.timedelta(days=40))
                key = (again[0], on.year)
                count[key] = count.get(key, 0) + 1
                claims.setdefault(key, []).append(
                    _claim(f"{on.year}-{count[key]:04d}", who, cert.level, amount, on, False)
                )

    for period in periods:
        made = dt.datetime.combine(min(TODAY, dt.date(period, 12, 28)), dt.time(10), TZ)
        year = calendar_year(period)
        # An agency keeps one row per person: someone who came back is listed by the later spell.
        by_agency: dict[int, dict[str, tuple[Someone, tuple]]] = {}
        for who in everyone:
            for spell in who.spells:
                if spell[1] <= year.end and (spell[2] is None or spell[2] > year.start):
                    by_agency.setdefault(spell[0], {})[who.number] = (who, spell)
        for agency in range(agencies):
            listed, results = [], []
            for who, (_a, hired, left) in by_agency.get(agency, {}).values():
                held = tuple(c for c in who.certificates if c.obtained_on <= made.date())
                person = Person(who.number, who.name, who.sex, who.birth, hired, left,
                                who.civil_servant, who.since, held, None,
                                tuple(p for p in paid.get((agency, who.number), ()) if p.paid_on <= made.date()))  # fmt: skip
                listed.append(person)
                staff = Staff(
                    who.name, who.number, who.sex, who.birth, hire_date=hired, leave_date=left
                )
                creds = [Credential(c.level, c.number, c.obtained_on) for c in held]
                raw = {
                    "face_to_face": float(rng.randrange(0, 50)),
                    "online": float(rng.randrange(0, 25)),
                }
                r = assess(staff=staff, credentials=creds, requirement=requirement, period=year,
                           as_of=min(made.date(), year.end), raw=raw)  # fmt: skip
                results.append(CEResult.of(who.number, r))
            numbers = {p.id_number for p in listed}
            theirs = tuple(c for c in claims.get((agency, period), ()) if c.id_number in numbers)
            unit = Unit(UnitKind.AGENCY, f"防城港市第{agency + 1}社会工作服务中心", credit_code(agency + 1),
                        profile_id=PROFILE, profile_version="bench")  # fmt: skip
            record = AgencyRecord(str(uuid.UUID(int=rng.getrandbits(128))), unit, period, made,
                                  __version__, tuple(listed), tuple(results), theirs)  # fmt: skip
            yield record, made.date()


def _write(job: tuple[AgencyRecord, dt.date, str]) -> str:
    from swdesk.i18n import set_language
    from swdesk.policies import find_profile
    from swdesk.services.submission import write_agency_file

    record, made_on, path = job
    set_language("zh_CN")
    return str(write_agency_file(record, find_profile(PROFILE), made_on, Path(path)))


def make_files(scale: str, small: bool, cache: Path, workers: int) -> list[Path]:
    folder = cache / f"{scale}{'-small' if small else ''}-f{FORMAT_VERSION}-{__version__}"
    done = folder / "complete.json"
    if done.is_file():
        return [folder / name for name in json.loads(done.read_text())["files"]]
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs = [
        (record, made_on, str(folder / f"{record.period}-{record.agency.credit_code}.zip"))
        for record, made_on in generate(scale, small)
    ]
    print(
        f"  {len(jobs)} records generated in {time.perf_counter() - started:.1f} s; writing the files…"
    )
    with ProcessPoolExecutor(workers) as pool:
        written = list(pool.map(_write, jobs, chunksize=8))
    done.write_text(json.dumps({"files": [Path(p).name for p in written]}))
    print(f"  {len(written)} files written in {time.perf_counter() - started:.0f} s")
    return [Path(p) for p in written]


# ---------------------------------------------------------------- measuring (a process of its own)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(
    files: list[Path], level: str, workdir: Path, stacked: int, workers: int | None = None
) -> dict:
    from swdesk.i18n import set_language
    from swdesk.services.bureau import init_bureau
    from swdesk.services.bureau_checks import run_checks
    from swdesk.services.bureau_receive import receive
    from swdesk.services.bureau_submit import submit_up
    from swdesk.services.bureau_summary import (
        bureau_summary,
        export_bureau_summary,
        print_bureau_summary,
    )
    from swdesk.services.workspace import Workspace

    set_language("zh_CN")
    out: dict = {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}

    def bureau(name: str, lvl: str, seq: int) -> Workspace:
        ws = Workspace.open(workdir / f"{name}.db", clock=lambda: TODAY, user="bench")
        init_bureau(ws, name=name, level=lvl, profile_id=PROFILE, credit_code=bureau_code(seq))
        return ws

    if stacked:
        # The province fed by cities: each city receives its share and submits up.
        ups, started = [], time.perf_counter()
        share = -(-len(files) // stacked)
        for n in range(stacked):
            city = bureau(f"city-{n}", "city", 100 + n)
            receive(city, files[n * share : (n + 1) * share])
            ups.append(submit_up(city, 2026, workdir / f"city-{n}.zip").path)
            city.close()
        out["cities made"] = round(time.perf_counter() - started, 1)
        files = ups
    ws = bureau("bench", level, 1)
    periods = sorted({int(f.name[:4]) for f in files}) if not stacked else [2026]
    out["receive by period"] = {}
    started = time.perf_counter()
    for period in periods:
        t = time.perf_counter()
        batch = [f for f in files if stacked or f.name.startswith(str(period))]
        receipt = receive(ws, batch, workers=workers)
        out["receive by period"][period] = round(time.perf_counter() - t, 2)
    out["receive + checks"] = round(time.perf_counter() - started, 2)
    out["peak MB after receive + checks"] = round(_peak_mb())
    # The files are read by worker processes: their time and memory are theirs, counted once
    # they have ended.
    from swdesk.services import bureau_reading

    out["CPU s, receiving process"] = round(_cpu(resource.RUSAGE_SELF), 1)
    bureau_reading.stop_workers(wait=True)
    out["CPU s, reading workers"] = round(_cpu(resource.RUSAGE_CHILDREN), 1)
    out["peak MB of a reading worker"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )
    out["findings"] = receipt.checks.by_kind if receipt.checks else {}
    t = time.perf_counter()
    run = run_checks(ws)
    out["checks alone"] = round(time.perf_counter() - t, 2)
    out["peak MB after checks alone"] = round(_peak_mb())
    out["findings total"] = run.found
    last = periods[-1]
    t = time.perf_counter()
    summary = bureau_summary(ws, last)
    out["tables (values)"] = round(time.perf_counter() - t, 2)
    out["peak MB after tables"] = round(_peak_mb())
    t = time.perf_counter()
    pdf = print_bureau_summary(ws, last, workdir / "tables.pdf")
    out["tables PDF"] = round(time.perf_counter() - t, 2)
    out["peak MB after tables PDF"] = round(_peak_mb())
    out["PDF pages"] = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    t = time.perf_counter()
    export_bureau_summary(ws, last, workdir / "tables.xlsx")
    out["tables xlsx"] = round(time.perf_counter() - t, 2)
    out["peak MB after tables xlsx"] = round(_peak_mb())
    t = time.perf_counter()
    up = submit_up(ws, last, workdir / "up.zip").path
    out["submit up"] = round(time.perf_counter() - t, 2)
    out["peak MB after submit up"] = round(_peak_mb())
    out["up file MB"] = round(up.stat().st_size / 2**20, 1)
    out["people (last period)"] = summary.total.people
    out["agencies (last period)"] = len(summary.agencies)
    rows = {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
            for t in ("agency_records", "record_people", "record_ce_results", "record_claims")}  # fmt: skip
    out["rows"] = rows
    ws.close()
    out["data file MB"] = round((workdir / "bench.db").stat().st_size / 2**20, 1)
    out["peak memory MB"] = round(_peak_mb())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=("city", "province", "all"), default="all")
    parser.add_argument("--small", action="store_true", help="a tenth of each scale")
    parser.add_argument("--stacked", action="store_true", help="also the province fed by 10 cities")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache" / "bureau")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--read-workers",
        type=int,
        default=None,
        help="processes reading the received files (0: the receiving one; default: as many "
        "as receive() finds worth it)",
    )
    parser.add_argument(
        "--measure", nargs=3, metavar=("LIST", "LEVEL", "STACKED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.measure:
        listing, level, stacked = args.measure
        files = [Path(p) for p in json.loads(Path(listing).read_text())]
        with tempfile.TemporaryDirectory(prefix="swdesk-bench-") as work:
            got = measure(files, level, Path(work), int(stacked), args.read_workers)
            print(json.dumps(got, ensure_ascii=False))
        return 0
    scales = ("city", "province") if args.scale == "all" else (args.scale,)
    for scale in scales:
        print(f"{scale}: making the agencies' files")
        files = make_files(scale, args.small, args.cache, args.workers)
        runs = [("city" if scale == "city" else "province", 0)]
        if scale == "province" and args.stacked:
            runs.append(("province", 10))
        for level, stacked in runs:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
                json.dump([str(f) for f in files], fh)
            result = subprocess.run(
                [sys.executable, __file__, "--measure", fh.name, level, str(stacked),
                 *([] if args.read_workers is None else ["--read-workers", str(args.read_workers)])],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            os.unlink(fh.name)
            if result.returncode:
                print(result.stderr)
                return 1
            label = f"{scale}{' (through 10 cities)' if stacked else ''}"
            print(f"{label}:")
            for key, value in json.loads(result.stdout.strip().splitlines()[-1]).items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
