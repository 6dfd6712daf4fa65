"""Files read by worker processes are received as this process receives them: the same rows,
outcomes and findings, in the files' order; a refused file among them is refused with what is
wrong, in the program's language, and nothing is written; the workers serve the next receipt."""

from __future__ import annotations

import datetime as dt
import pickle
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


def test_a_few_files_are_read_in_this_process() -> None:
    assert bureau_reading.worker_count(3) == 0
    assert bureau_reading.worker_count(300) >= 1
