"""Files read by worker processes are received as this process receives them: the same rows,
outcomes and findings, in the files' order; a refused file among them is refused with what is
wrong, in the program's language, and nothing is written; the workers serve the next receipt.
No worker outlives the program, nor a receipt stopped by Ctrl-C."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.domain import ce_compliance as ce
from swdesk.domain.levels import Level
from swdesk.domain.submission import CEResult
from swdesk.exchange.submission_file import FileRefused
from swdesk.i18n import set_language
from swdesk.services import bureau_reading
from swdesk.services.bureau_checks import list_findings
from swdesk.services.bureau_receive import receive

TABLES = (
    "received_files", "agency_records", "record_people", "record_certificates",
    "record_ce_results", "record_claims", "record_payments", "findings", "reporting_units",
    "attachments",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _stop_workers() -> object:
    yield
    bureau_reading.stop_workers()


def _ce(person, status: ce.Status) -> CEResult:
    hours = {"face_to_face": 30.0}
    return CEResult(
        person.id_number, "annual", "FCG-2023 (八)", dt.date(2026, 1, 1),
        dt.date(2026, 12, 31), dt.date(2026, 12, 31), Level.SOCIAL_WORKER, 50.0, hours,
        hours, 0.0, 30.0, 20.0, status,
    )  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Six agencies' files: someone staff at two of them, a certificate under two numbers'
    people, a CE status that does not follow from the hours, claims."""
    folder = tmp_path_factory.mktemp("agencies")
    shared = kit.staff(11, "黄丽华")
    out = []
    for seq in range(1, 7):
        mine = kit.staff(100 + seq, f"梁伟{seq}", cert=f"GX20230450{seq:02d}")
        people = [mine, shared] if seq in (2, 5) else [mine]
        wrong = ce.Status.MET if seq == 3 else ce.Status.BEHIND
        claims = [kit.level_claim(f"2026-{seq:04d}", mine, 2000)]
        rec = kit.record(seq, people, claims, ce=[_ce(mine, wrong)])
        out.append(kit.record_file(folder, rec, f"{seq}.zip"))
    return out


def contents(ws) -> dict[str, list[tuple]]:
    """Every row of the tables a receipt writes, without the columns that differ between two
    bureaus (row ids, times of receipt, the files' kept names)."""
    out = {}
    for table in TABLES:
        cursor = ws.db.execute(f"SELECT * FROM {table}")  # noqa: S608
        names = [d[0] for d in cursor.description]
        keep = [
            i for i, n in enumerate(names)
            if n not in ("id", "record_id", "file_id", "unit_id", "owner_id", "attachment_id",
                         "received_at", "added_at", "found_at", "seen_at")
        ]  # fmt: skip
        out[table] = sorted(tuple(row[i] for i in keep) for row in cursor.fetchall())
    return out


def test_two_workers_receive_what_one_process_receives(files, tmp_path) -> None:
    alone = kit.bureau(tmp_path / "a", "港口区民政局", "district", 90)
    shared = kit.bureau(tmp_path / "b", "港口区民政局", "district", 90)
    one = receive(alone, files, workers=0)
    two = receive(shared, files, workers=2)
    assert [f.path.name for f in two.files] == [f"{n}.zip" for n in range(1, 7)]
    assert [(o.agency_code, o.outcome) for f in two.files for o in f.records] == [
        (o.agency_code, o.outcome) for f in one.files for o in f.records
    ]
    assert two.checks.by_kind == one.checks.by_kind
    assert {"ce_sums", "two_staffs"} <= set(two.checks.by_kind)
    assert contents(shared) == contents(alone)
    assert [f.finding.key for f in list_findings(shared)] == [
        f.finding.key for f in list_findings(alone)
    ]
    alone.close()
    shared.close()


def test_a_refused_file_among_those_the_workers_read_changes_nothing(files, tmp_path) -> None:
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    with zipfile.ZipFile(files[3]) as zf:
        raw = zf.read("data.json")
    edited = raw.replace(b'"amount":"2000.00"', b'"amount":"5000.00"', 1)
    assert edited != raw and len(edited) == len(raw)  # only the hash can tell
    bad = kit.rewrite(files[3], tmp_path / "4-altered.zip", raw_data=edited, fix_hashes=False)
    before = contents(district)
    set_language("zh_CN")
    with pytest.raises(FileRefused) as caught:
        receive(district, [*files[:3], bad, *files[4:]], workers=2)
    assert caught.value.path == bad
    assert "4-altered.zip" in str(caught.value) and "途中被改动或损坏" in str(caught.value)
    assert contents(district) == before, "a refused file wrote something"
    # The same workers take the good files afterwards.
    receipt = receive(district, files, workers=2)
    assert sum(len(f.records) for f in receipt.files) == 6
    district.close()


def test_a_refusal_travels_between_processes_whole(tmp_path) -> None:
    error = FileRefused(tmp_path / "x.zip", ["its period 2031 lies in the future."])
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.problems, str(again)) == (error.path, error.problems, str(error))


def test_a_refusal_leaves_the_same_workers_and_no_more(files, tmp_path) -> None:
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, files[:2], workers=2)
    workers = {p.pid for p in multiprocessing.active_children()}
    assert len(workers) == 2
    # Refused by a worker (altered on the way), then by this process (the same file's identity
    # with other contents, which only the data file can tell).
    with zipfile.ZipFile(files[3]) as zf:
        raw = zf.read("data.json")
    altered = raw.replace(b'"amount":"2000.00"', b'"amount":"5000.00"', 1)
    bad = kit.rewrite(files[3], tmp_path / "altered.zip", raw_data=altered, fix_hashes=False)
    twin = kit.rewrite(files[0], tmp_path / "twin.zip", data=lambda body: None)  # spaced JSON
    for refused, among in ((bad, [*files, bad]), (twin, [*files[2:], twin, *files])):
        with pytest.raises(FileRefused) as caught:
            receive(district, among, workers=2)
        assert caught.value.path == refused
        assert {p.pid for p in multiprocessing.active_children()} == workers
    assert receive(district, files, workers=2).files[-1].records
    district.close()


RECEIVING = """
import sys
import bureau_kit as kit
from swdesk.services.bureau_receive import receive
ws = kit.open_ws(kit.Path(sys.argv[1]))
paths = sys.argv[2:]
print("receiving", flush=True)
try:
    # Long enough to be still running when the Ctrl-C comes (240 files no longer were once
    # reading got faster: the receipt ended first, under a light load).
    receive(ws, paths * (400 if len(paths) > 2 else 1), workers=2)
except KeyboardInterrupt:
    sys.exit(130)
print("received", flush=True)
"""


def _processes_marked(mark: str) -> list[int]:
    """The processes whose environment holds ``mark``: the receiving one and its workers."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # ended meanwhile, or not ours to read
    return found


def _run_receiving(tmp_path, paths, mark: str) -> subprocess.Popen:
    env = {**os.environ, "SWDESK_TEST_MARK": mark}
    # The kit, and this swdesk rather than one installed.
    here = [Path(__file__).parents[1], Path(bureau_reading.__file__).parents[2]]
    env["PYTHONPATH"] = os.pathsep.join([*map(str, here), *sys.path])
    return subprocess.Popen(
        [sys.executable, "-c", RECEIVING, str(tmp_path / "bureau-90.db"), *map(str, paths)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # a terminal of its own: Ctrl-C reaches it and its workers only
    )  # fmt: skip


def _none_left(mark: str) -> bool:
    deadline = time.monotonic() + 20
    while _processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _processes_marked(mark)


def test_no_worker_outlives_the_program_nor_a_ctrl_c(files, tmp_path) -> None:
    kit.bureau(tmp_path, "港口区民政局", "district", 90).close()
    mark = f"receipt-{os.getpid()}-{time.monotonic_ns()}"
    done = _run_receiving(tmp_path, files[:2], mark + "-done")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert "received" in out
    assert _none_left(mark + "-done"), "a worker outlived the program that received"

    # A long receipt (the files again and again), stopped as a terminal's Ctrl-C stops it.
    stopped = _run_receiving(tmp_path, files, mark + "-stopped")
    assert stopped.stdout.readline().strip() == "receiving"
    deadline = time.monotonic() + 60
    # The receiving process, its two workers (and multiprocessing's resource tracker).
    while len(_processes_marked(mark + "-stopped")) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_processes_marked(mark + "-stopped")) >= 3, "the workers did not start"
    time.sleep(0.5)  # the workers reading
    os.killpg(stopped.pid, signal.SIGINT)
    out, err = stopped.communicate(timeout=60)
    assert stopped.returncode == 130, err
    assert "received" not in out
    assert "Traceback" not in err, "a worker printed its traceback on Ctrl-C"
    assert _none_left(mark + "-stopped"), "a worker outlived a receipt stopped by Ctrl-C"


def test_a_few_files_or_cores_are_read_in_this_process() -> None:
    assert bureau_reading.worker_count(3, 8) == 0
    assert bureau_reading.worker_count(300, 2) == 2  # two cores, measured idle: both busy
    assert bureau_reading.worker_count(300, 1) == 0
    assert bureau_reading.worker_count(300, 3) == 2
    assert bureau_reading.worker_count(16, 2) == 2
    assert bureau_reading.worker_count(20, 8) == 2
    assert bureau_reading.worker_count(300, 16) == bureau_reading.MAX_WORKERS


def test_the_workers_judge_under_the_profile_of_the_receipt(
    files, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile reaches the workers when they start: the kept ones serve a receipt under the
    same profile, and a receipt under another one is judged under that one, not the first."""
    import dataclasses

    from swdesk.services.workspace import Workspace

    first = kit.bureau(tmp_path / "a", "港口区民政局", "district", 90)
    receive(first, files, workers=2)
    served = {p.pid for p in multiprocessing.active_children()}
    again = kit.bureau(tmp_path / "b", "港口区民政局", "district", 90)
    receive(again, files, workers=2)
    assert {p.pid for p in multiprocessing.active_children()} == served  # the same profile
    usual = sorted(f.finding.key for f in list_findings(again) if f.finding.kind == "ce_sums")

    # At most 10 hours of face-to-face training count: every record's 30 hours are judged again.
    profile = first.profile
    capped = dataclasses.replace(
        profile,
        ce_requirements=tuple(
            dataclasses.replace(r, caps={**r.caps, "face_to_face": 10.0})
            for r in profile.ce_requirements
        ),
    )
    monkeypatch.setattr(Workspace, "profile", property(lambda _ws: capped))
    alone = kit.bureau(tmp_path / "c", "港口区民政局", "district", 90)
    workers = kit.bureau(tmp_path / "d", "港口区民政局", "district", 90)
    receive(alone, files, workers=0)
    receive(workers, files, workers=2)
    judged = sorted(f.finding.key for f in list_findings(workers) if f.finding.kind == "ce_sums")
    assert judged == sorted(
        f.finding.key for f in list_findings(alone) if f.finding.kind == "ce_sums"
    )
    assert judged != usual
    for ws in (first, again, alone, workers):
        ws.close()
