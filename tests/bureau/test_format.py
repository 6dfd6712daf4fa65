"""The submission file as docs/submission-format.md describes it: what an agency's file holds,
its manifest, and that a record comes back out of a bureau exactly as it went in (so a bureau
passes its agencies' records up unchanged)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import bureau_kit as kit

from swdesk import __version__
from swdesk.domain.applications import Status
from swdesk.domain.submission import FORMAT_VERSION, SUBMISSION_FORMAT
from swdesk.exchange.submission_file import read_submission_file
from swdesk.services import applications as apps
from swdesk.services.bureau_receive import receive
from swdesk.services.bureau_submit import submit_up
from swdesk.services.grades import appoint
from swdesk.storage import audit
from swdesk.storage import submissions as store

NOW = dt.datetime(2026, 11, 21, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_what_an_agency_file_holds(tmp_path: Path) -> None:
    a = kit.agency(tmp_path, "阳光社工", 1)
    number = kit.person(a, "黄丽华", 11)
    kit.person(a, "梁伟", 12, left=dt.date(2025, 12, 1))  # left before the period: not in it
    kit.person(a, "何倩", 13, hired=dt.date(2026, 3, 1), left=dt.date(2026, 9, 1))
    appoint(a, number, "SW3", dt.date(2024, 1, 1))
    kit.training(a, [number], 12.5, dt.date(2026, 5, 10))
    app = kit.claim(a, number, dt.date(2026, 3, 2))
    apps.approve(a, app, "港口区民政局", dt.date(2026, 4, 1))
    apps.pay(a, app, on=dt.date(2026, 5, 8))
    path = kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        parts = {n: zf.read(n) for n in names}
    assert sorted(names) == ["data.json", "manifest.json", "tables.pdf", "tables.xlsx"]
    assert manifest["format"] == SUBMISSION_FORMAT
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["program_version"] == __version__
    assert manifest["credit_code"] == kit.credit_code(1) and manifest["period"] == 2026
    assert manifest["created_at"] == "2026-11-01T10:00:00+08:00"
    for entry in manifest["parts"]:
        body = parts[entry["name"]]
        assert entry["sha256"] == hashlib.sha256(body).hexdigest()
        assert entry["size"] == len(body)
    assert parts["tables.pdf"].startswith(b"%PDF-")

    record = read_submission_file(path, now=NOW).submission.records[0]
    assert record.agency.profile_id == "fangchenggang-2023" and record.agency.profile_version
    people = {p.name: p for p in record.people}
    assert set(people) == {"黄丽华", "何倩"}
    huang = people["黄丽华"]
    assert huang.grade.code == "SW3" and huang.certificates[0].number == "GX00000011"
    assert [(p.level.value, p.amount) for p in huang.paid] == [("social_worker", 2000)]
    (claim,) = record.claims
    assert claim.status is Status.PAID and [s.status for s in claim.steps] == [
        Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.PAID,
    ]  # fmt: skip
    ce = {r.id_number: r for r in record.ce_results}[number]
    assert ce.hours == {"face_to_face": 12.5} and ce.total == 12.5 and ce.required == 50
    made = [e for e in audit.entries(a.db) if e["action"] == "submission.make"]
    assert made and made[0]["new"]["submission_id"] == record.submission_id


def test_a_record_comes_out_of_a_bureau_as_it_went_in(tmp_path: Path) -> None:
    a = kit.agency(tmp_path, "阳光社工", 1)
    number = kit.person(a, "黄丽华", 11)
    kit.training(a, [number], 12, dt.date(2026, 5, 10))
    kit.claim(a, number, dt.date(2026, 3, 2))
    path = kit.submit(a, tmp_path, at=kit.at(dt.date(2026, 11, 1)))
    sent = read_submission_file(path, now=NOW).submission.records[0]

    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [path])
    (row,) = store.records(district.db, 2026)
    assert store.load_records(district.db, [row.id]) == [sent]

    up = submit_up(district, 2026, tmp_path / "up.zip").path
    passed = read_submission_file(up, now=NOW).submission
    assert passed.submitter.name == "港口区民政局" and passed.records == (sent,)
