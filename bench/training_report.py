"""Benchmark: the continuing-education report on a large synthetic agency.

    /work/venv/bin/python bench/training_report.py [--staff 20000] [--rows 1000000] [--keep FILE]

Builds a data file (staff with valid identity numbers, certificates, some registered, training
events over four years, attendance rows written with executemany in one transaction), then times,
on the same file, best of several runs:

- the bare SQL aggregate of the year's hours by person and form (what the report cannot beat),
- ``ce_report`` for the calendar year (that aggregate + staff + credentials + the rules in Python),
- the same pair for the registration-period requirement (a window per person, one JSON parameter),
- the full reminders list.

and prints each time with its ratio to the bare aggregate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from swdesk.domain import idnumber  # noqa: E402
from swdesk.i18n import set_language  # noqa: E402
from swdesk.services.agency import init_agency  # noqa: E402
from swdesk.services.workspace import Workspace  # noqa: E402

TODAY = dt.date(2026, 11, 21)
FORMS = ("face_to_face", "online", "supervision", "conference", "other")
LEVELS = ("assistant", "assistant", "social_worker", "senior")


def build(path: Path, n_staff: int, n_rows: int, seed: int = 7) -> Workspace:
    rng = random.Random(seed)
    ws = Workspace.open(path, clock=lambda: TODAY, user="bench")
    init_agency(ws, name="基准测试社会工作服务中心", profile_id="fangchenggang-2023")
    conn = ws.db.conn
    staff, creds = [], []
    for i in range(n_staff):
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=i % 13000)
        number = idnumber.make("450602", birth, i // 13000 * 10 + rng.randint(0, 9) + 100)
        hire = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5800))
        left = hire + dt.timedelta(days=rng.randint(400, 4000)) if rng.random() < 0.1 else None
        staff.append(
            (i + 1, f"员工{i}", "M" if int(number[16]) % 2 else "F", number, birth.isoformat(),
             hire.isoformat(), left.isoformat() if left and left < TODAY else None)
        )  # fmt: skip
        if rng.random() < 0.8:
            obtained = dt.date(rng.randint(2012, 2025), 6, 20)
            registered = obtained + dt.timedelta(days=rng.randint(20, 900))
            creds.append(
                (i + 1, rng.choice(LEVELS), f"C{i:08d}", obtained.isoformat(),
                 registered.isoformat() if registered < TODAY and rng.random() < 0.7 else None)
            )  # fmt: skip
    # Numbers may repeat across the synthetic birth dates: keep the first of each.
    seen: set[str] = set()
    staff = [s for s in staff if not (s[3] in seen or seen.add(s[3]))]  # type: ignore[func-returns-value]
    kept = {s[0] for s in staff}
    creds = [c for c in creds if c[0] in kept]
    n_events = max(50, n_rows // 200)
    events = []
    for e in range(n_events):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1420))
        end = start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        events.append(
            (e + 1, f"培训{e}", rng.choice(FORMS), start.isoformat(), end.isoformat(),
             float(rng.choice((2, 3, 4, 6, 8))))
        )  # fmt: skip
    ids = sorted(kept)
    per_person = max(1, n_rows // len(ids))
    rows = []
    for sid in ids:
        for eid in rng.sample(range(1, n_events + 1), min(per_person, n_events)):
            rows.append((eid, sid, events[eid - 1][5]))
    with ws.db.atomic():
        conn.executemany(
            "INSERT INTO staff (id, name, sex, id_number, birth_date, hire_date, leave_date) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            staff,
        )
        conn.executemany(
            "INSERT INTO credentials (staff_id, level, certificate_number, obtained_on, "
            "registered_on) VALUES (?, ?, ?, ?, ?)",
            creds,
        )
        conn.executemany(
            "INSERT INTO training_events (id, title, form, start_date, end_date, hours) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO attendance (event_id, staff_id, hours) VALUES (?, ?, ?)", rows
        )
    conn.execute("ANALYZE")
    # As a file reopened later would be: the bulk insert moved out of the write-ahead log.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ws


def best_of(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm the page cache: every timing below reads from memory
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--staff", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="FILE", help="build the data file here and keep it")
    args = parser.parse_args(argv)
    set_language("en")

    from swdesk.services.ce_report import ce_report
    from swdesk.services.reminders import collect_reminders
    from swdesk.services.staff import all_credentials, list_staff
    from swdesk.storage.training import hours_in_periods, hours_in_window

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        ws = build(path, args.staff, args.rows)
        built = time.perf_counter() - t0
        n_staff = ws.db["staff"].count
        n_rows = ws.db["attendance"].count
        print(f"synthetic agency: {n_staff} staff, {n_rows} attendance rows, "
              f"{ws.db['training_events'].count} events; built in {built:.1f} s")  # fmt: skip
        year = TODAY.year
        first, last = dt.date(year, 1, 1), TODAY

        def bare_year() -> object:
            return list(
                ws.db.execute(
                    """SELECT a.staff_id, e.form, SUM(a.hours) FROM attendance a
                       JOIN training_events e ON e.id = a.event_id
                       WHERE e.end_date BETWEEN ? AND ? GROUP BY a.staff_id, e.form""",
                    [first.isoformat(), last.isoformat()],
                )
            )

        report = ce_report(ws, year, TODAY)
        windows = {
            r.staff.id: (r.result.period.start, r.result.period.start, min(r.result.period.end, TODAY))
            for r in ce_report(ws, year, TODAY, "registration_period").rows
            if r.result.period is not None
        }  # fmt: skip
        results = [
            ("bare SQL aggregate, calendar year", best_of(bare_year, args.runs)),
            ("same via hours_in_window", best_of(lambda: hours_in_window(ws.db, first, last), args.runs)),
            ("read staff + credentials (two queries)",
             best_of(lambda: (list_staff(ws), all_credentials(ws)), args.runs)),
            ("ce_report, calendar year (FCG 50 h)", best_of(lambda: ce_report(ws, year, TODAY), args.runs)),
            ("bare SQL aggregate, per-person registration windows",
             best_of(lambda: hours_in_periods(ws.db, windows), args.runs)),
            ("ce_report, registration period (72/90 h)",
             best_of(lambda: ce_report(ws, year, TODAY, "registration_period"), args.runs)),
            ("collect_reminders (both requirements + registrations)",
             best_of(lambda: collect_reminders(ws, TODAY), max(1, args.runs - 1))),
        ]  # fmt: skip
        base = results[0][1]
        print(f"report rows: {len(report.rows)}; statuses: "
              + ", ".join(f"{k.value} {v}" for k, v in sorted(report.counts().items())))  # fmt: skip
        print(f"{'what':58} {'seconds':>8} {'x bare':>7}")
        for name, seconds in results:
            print(f"{name:58} {seconds:8.3f} {seconds / base:7.2f}")
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
