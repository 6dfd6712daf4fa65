"""Attachments live under their content hash in a folder beside the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from safety_kit import open_ws

from swdesk.domain.errors import NotFound, ValidationError
from swdesk.storage import attachments
from swdesk.storage.attachments import attach, file_for, orphans, store_dir, verify
from swdesk.storage.backup import make_backup
from swdesk.storage.restore import restore_backup

SCAN = b"%PDF-1.4 certificate scan " + bytes(range(256)) * 40


@pytest.fixture
def with_staff(demo_file: Path):
    ws = open_ws(demo_file)
    staff_id = ws.db.execute("SELECT min(id) FROM staff").fetchone()[0]
    yield ws, staff_id
    ws.close()


def _attach(ws, staff_id: int, source: Path, kind: str = "certificate") -> int:
    with ws.db.atomic():
        return attach(
            ws.db,
            ws.path,
            source,
            owner_table="credentials",
            owner_id=staff_id,
            user=ws.user,
            kind=kind,
            staff_id=staff_id,
        )


def test_a_file_is_stored_under_its_hash_with_its_name_type_and_size_recorded(
    with_staff, tmp_path: Path
) -> None:
    ws, staff_id = with_staff
    source = tmp_path / "黄丽华 证书.pdf"
    source.write_bytes(SCAN)
    new_id = _attach(ws, staff_id, source)
    row = ws.db["attachments"].get(new_id)
    sha = hashlib.sha256(SCAN).hexdigest()
    assert row["sha256"] == sha and row["size"] == len(SCAN)
    assert row["original_name"] == "黄丽华 证书.pdf" and row["media_type"] == "application/pdf"
    stored = store_dir(ws.path) / sha[:2] / sha
    assert stored.read_bytes() == SCAN
    assert file_for(ws.db, ws.path, new_id) == stored
    audit = ws.db.execute("SELECT action, staff_id FROM audit_log ORDER BY id DESC").fetchone()
    assert audit == ("attachment.add", staff_id)


def test_no_file_name_can_reach_outside_the_folder(with_staff, tmp_path: Path) -> None:
    ws, staff_id = with_staff
    evil = tmp_path / "deep" / "x"
    evil.mkdir(parents=True)
    source = evil / "..\\..\\..\\windows\\system32\\evil.exe"
    source.write_bytes(b"MZ not really")
    new_id = _attach(ws, staff_id, source)
    row = ws.db["attachments"].get(new_id)
    assert row["original_name"] == "evil.exe"
    store = store_dir(ws.path).resolve()
    for path in store.rglob("*"):
        assert path.resolve().is_relative_to(store)
    # A record tampered with to hold a path instead of a hash is refused, not followed.
    ws.db["attachments"].update(new_id, {"sha256": "../../../etc/passwd"})
    with pytest.raises(ValidationError, match="not a file hash"):
        file_for(ws.db, ws.path, new_id)


def test_the_same_content_twice_is_stored_once(with_staff, tmp_path: Path) -> None:
    ws, staff_id = with_staff
    a, b = tmp_path / "a.pdf", tmp_path / "copy of a.pdf"
    a.write_bytes(SCAN)
    b.write_bytes(SCAN)
    _attach(ws, staff_id, a)
    _attach(ws, staff_id, b)
    files = [p for p in store_dir(ws.path).rglob("*") if p.is_file()]
    assert len(files) == 1
    assert [
        r["original_name"] for r in attachments.attachments_of(ws.db, "credentials", staff_id)
    ] == [
        "a.pdf",
        "copy of a.pdf",
    ]


def test_missing_and_altered_files_are_reported(with_staff, tmp_path: Path) -> None:
    ws, staff_id = with_staff
    one, two = tmp_path / "one.jpg", tmp_path / "two.jpg"
    one.write_bytes(SCAN)
    two.write_bytes(SCAN[::-1])
    id_one = _attach(ws, staff_id, one)
    id_two = _attach(ws, staff_id, two)
    assert verify(ws.db, ws.path) == []
    blob_one = file_for(ws.db, ws.path, id_one)
    blob_two = file_for(ws.db, ws.path, id_two)
    blob_one.unlink()
    blob_two.write_bytes(SCAN[::-1][:-1] + b"!")
    found = {(p.attachment_id, p.problem, p.original_name) for p in verify(ws.db, ws.path)}
    assert found == {(id_one, "missing", "one.jpg"), (id_two, "altered", "two.jpg")}
    with pytest.raises(NotFound, match="one.jpg is missing"):
        file_for(ws.db, ws.path, id_one)
    with pytest.raises(ValidationError, match="two.jpg has been altered"):
        file_for(ws.db, ws.path, id_two)


def test_a_rolled_back_attachment_leaves_only_an_unreferenced_file(
    with_staff, tmp_path: Path
) -> None:
    ws, staff_id = with_staff
    source = tmp_path / "receipt.png"
    source.write_bytes(SCAN)
    with pytest.raises(RuntimeError), ws.db.atomic():
        attach(ws.db, ws.path, source, owner_table="applications", owner_id=1, user="t")
        raise RuntimeError("the service failed after attaching")
    assert ws.db["attachments"].count == 0
    assert [p.name for p in orphans(ws.db, ws.path)] == [hashlib.sha256(SCAN).hexdigest()]
    assert verify(ws.db, ws.path) == []


def test_backups_carry_the_attachments_and_restore_puts_them_back(
    demo_file: Path, tmp_path: Path
) -> None:
    ws = open_ws(demo_file)
    source = tmp_path / "scan.pdf"
    source.write_bytes(SCAN)
    new_id = _attach(ws, 1, source)
    blob = file_for(ws.db, ws.path, new_id)
    ws.close()
    good = make_backup(demo_file)
    blob.write_bytes(b"overwritten by a virus")
    result = restore_backup(demo_file, good.path)
    assert result.attachments_copied == 1 and result.restored.attachments == 1
    assert blob.read_bytes() == SCAN


def test_a_backup_missing_an_attachment_is_refused_unless_accepted(
    demo_file: Path, tmp_path: Path
) -> None:
    from swdesk.storage.errors import BadBackup

    ws = open_ws(demo_file)
    source = tmp_path / "scan.pdf"
    source.write_bytes(SCAN)
    blob = file_for(ws.db, ws.path, _attach(ws, 1, source))
    ws.close()
    blob.unlink()
    partial = make_backup(demo_file)
    with pytest.raises(BadBackup, match="1 attached files are missing"):
        restore_backup(demo_file, partial.path)
    result = restore_backup(demo_file, partial.path, allow_missing=True)
    assert result.restored.attachments == 0
