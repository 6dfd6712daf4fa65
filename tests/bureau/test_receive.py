"""Receiving: a newer submission of an agency and period replaces the older one (which stays
in history), an older one arriving late goes into history, the same record by two paths is one
record, and files from the wrong level or from itself are refused; who has submitted, who is
late, missing or overdue."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import bureau_kit as kit
import pytest

from swdesk.domain.errors import SwdeskError
from swdesk.exchange.submission_file import FileRefused
from swdesk.services import bureau as bureau_service
from swdesk.services.bureau_receive import AGAIN, NEW, OLDER, REPLACES, receive
from swdesk.services.bureau_submit import submit_up
from swdesk.services.submission import make_submission
from swdesk.storage import audit
from swdesk.storage import submissions as store


@pytest.fixture
def district(tmp_path: Path):
    ws = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    yield ws
    ws.close()


def outcomes(receipt) -> list[str]:
    return [r.outcome for f in receipt.files for r in f.records]


def test_newer_replaces_older_and_history_is_kept(district, tmp_path) -> None:
    p1 = kit.staff(11, "黄丽华")
    first = kit.record(1, [p1], made=kit.at(dt.date(2026, 10, 1)))
    second = kit.record(1, [p1, kit.staff(12, "梁伟")], made=kit.at(dt.date(2026, 11, 1)))
    assert outcomes(receive(district, [kit.record_file(tmp_path, first)])) == [NEW]
    assert outcomes(receive(district, [kit.record_file(tmp_path, second)])) == [REPLACES]
    counted = store.records(district.db, 2026)
    assert [(r.submission_id, r.people) for r in counted] == [(second.submission_id, 2)]
    old = store.record_with_submission(district.db, first.submission_id)
    assert not old.current and old.replaced_by == counted[0].id
    people = district.db.execute("SELECT count(*) FROM record_people").fetchone()[0]
    assert people == 3  # the history keeps the first record's person too


def test_an_older_file_arriving_late_goes_into_history(district, tmp_path) -> None:
    early = kit.record(1, [kit.staff(11, "黄丽华")], made=kit.at(dt.date(2026, 10, 1)))
    late = kit.record(1, [kit.staff(12, "梁伟")], made=kit.at(dt.date(2026, 11, 1)))
    receive(district, [kit.record_file(tmp_path, late)])
    assert outcomes(receive(district, [kit.record_file(tmp_path, early)])) == [OLDER]
    assert [r.submission_id for r in store.records(district.db, 2026)] == [late.submission_id]


def test_the_same_file_twice_and_the_same_record_by_two_paths(tmp_path) -> None:
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    rec = kit.record(1, [kit.staff(11, "黄丽华")])
    path = kit.record_file(tmp_path, rec)
    receive(district, [path])
    again = receive(district, [path])
    assert again.files[0].again and again.checks is None
    up = submit_up(district, 2026, tmp_path / "up.zip").path

    city = kit.bureau(tmp_path, "防城港市民政局", "city", 91)
    receipt = receive(city, [path, up])
    assert outcomes(receipt) == [NEW, AGAIN]
    (only,) = store.records(city.db, 2026)
    paths = city.db.execute("SELECT count(*) FROM record_paths WHERE record_id = ?", [only.id])
    assert paths.fetchone()[0] == 2
    assert city.db.execute("SELECT count(*) FROM record_people").fetchone()[0] == 1


def test_files_from_the_wrong_level_or_from_itself_are_refused(tmp_path) -> None:
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [kit.record_file(tmp_path, kit.record(1, [kit.staff(11, "黄丽华")]))])
    up = submit_up(district, 2026, tmp_path / "up.zip").path
    with pytest.raises(FileRefused, match="own file"):
        receive(district, [up])
    other = kit.bureau(tmp_path, "防城区民政局", "district", 91)
    with pytest.raises(FileRefused, match="same or a higher level"):
        receive(other, [up])


def test_an_agency_data_file_cannot_receive_and_a_bureau_file_has_no_agency(tmp_path) -> None:
    a = kit.agency(tmp_path, "阳光社工", 1)
    path = kit.record_file(tmp_path, kit.record(2, [kit.staff(11, "黄丽华")]))
    with pytest.raises(SwdeskError, match="not a bureau's"):
        receive(a, [path])
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    with pytest.raises(SwdeskError, match="civil-affairs bureau: it has no agency"):
        make_submission(district, 2026, tmp_path / "x.zip")


def test_who_has_submitted_is_late_missing_or_overdue(district, tmp_path) -> None:
    bureau_service.set_deadline(district, 2026, dt.date(2026, 11, 15))
    bureau_service.expect_unit(district, kit.credit_code(3), "启航社工站")
    bureau_service.expect_unit(district, kit.credit_code(4), "同心社工")
    bureau_service.expect_unit(district, kit.credit_code(4), "", expected=False)
    district.clock = lambda: dt.date(2026, 11, 10)
    receive(district, [kit.record_file(tmp_path, kit.record(1, [kit.staff(11, "黄丽华")]))])
    status = bureau_service.period_status(district, 2026)
    assert {u.unit.name: u.state for u in status.units} == {
        "启航社工站": bureau_service.MISSING,
        "机构1": bureau_service.ON_TIME,
    }
    district.clock = lambda: dt.date(2026, 11, 20)
    receive(district, [kit.record_file(tmp_path, kit.record(2, [kit.staff(12, "梁伟")]))])
    status = bureau_service.period_status(district, 2026)
    assert {u.unit.name: u.state for u in status.units} == {
        "启航社工站": bureau_service.OVERDUE,
        "机构1": bureau_service.ON_TIME,
        "机构2": bureau_service.LATE,
    }
    assert [u.unit.name for u in status.missing()] == ["启航社工站"]
    actions = [e["action"] for e in audit.entries(district.db)]
    assert actions.count("submission.receive") == 2 and "deadline.set" in actions


def test_a_bureau_known_here_as_an_agency_is_refused_by_name_of_its_kind(tmp_path) -> None:
    district = kit.bureau(tmp_path, "港口区民政局", "district", 90)
    receive(district, [kit.record_file(tmp_path, kit.record(1, [kit.staff(11, "黄丽华")]))])
    up = submit_up(district, 2026, tmp_path / "up.zip").path
    city = kit.bureau(tmp_path, "防城港市民政局", "city", 91)
    bureau_service.expect_unit(city, kit.credit_code(90, "11450600MB"), "港口区民政局")
    with pytest.raises(FileRefused, match="reports here as an agency, but this file is a bureau"):
        receive(city, [up])
    assert store.records(city.db, 2026) == []


def test_every_kept_file_is_flushed_to_the_disk_before_the_receipt_commits(
    district, tmp_path, monkeypatch
) -> None:
    from swdesk.storage import attachments

    files = [
        kit.record_file(tmp_path, kit.record(n, [kit.staff(10 + n, "黄丽华")])) for n in (1, 2)
    ]
    flushed: list[Path] = []
    counted_at_flush: list[int] = []
    real = attachments._fsync

    def fsync(path: Path) -> None:
        real(path)
        flushed.append(path)
        # Read on a connection of its own: what is committed when the file is flushed.
        with contextlib.closing(sqlite3.connect(district.path)) as other:
            counted_at_flush.append(
                other.execute("SELECT count(*) FROM received_files").fetchone()[0]
            )

    monkeypatch.setattr(attachments, "_fsync", fsync)
    receive(district, files)
    shas = [r[0] for r in district.db.execute("SELECT sha256 FROM received_files")]
    folder = attachments.store_dir(district.path)
    assert len(shas) == 2
    assert sorted(flushed) == sorted(attachments.blob_path(folder, sha) for sha in shas)
    assert counted_at_flush == [0, 0]  # none of the rows naming them had committed


def test_a_kept_file_that_cannot_be_flushed_leaves_nothing_received(
    district, tmp_path, monkeypatch
) -> None:
    from swdesk.storage import attachments

    files = [
        kit.record_file(tmp_path, kit.record(n, [kit.staff(10 + n, "黄丽华")])) for n in (1, 2)
    ]

    def full_disk(path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(attachments, "_fsync", full_disk)
    with pytest.raises(SwdeskError, match="could not be written to the disk"):
        receive(district, files)
    assert district.db.execute("SELECT count(*) FROM received_files").fetchone()[0] == 0
    assert store.records(district.db, 2026) == []
