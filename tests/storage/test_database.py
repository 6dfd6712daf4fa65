import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sqlite_utils import hookimpl
from sqlite_utils.plugins import pm

from swdesk.storage import migrations as schema
from swdesk.storage import schema_check
from swdesk.storage.backup import make_backup
from swdesk.storage.database import DatabaseError, NewerVersionError, open_database, open_reader
from swdesk.storage.restore import check_backup

FIXTURES = Path(__file__).parent / "fixtures"


def test_new_file_gets_every_migration_foreign_keys_and_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(sqlite3.IntegrityError):
        db["credentials"].insert(
            {
                "staff_id": 999,
                "level": "assistant",
                "certificate_number": "X",
                "obtained_on": "2020-01-01",
            }
        )


def test_a_version_1_file_is_backed_up_and_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "v1.db", path)
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.count()
    assert "attendance" in db.table_names()
    assert [r["name"] for r in db["staff"].rows] == ["黄丽华"]
    assert db["grade_appointments"].count == 1
    db.close()
    from swdesk.storage.backup import BEFORE_MIGRATION, backups_dir, list_backups

    backups = [b for b in list_backups(backups_dir(path)) if b.kind == BEFORE_MIGRATION]
    assert backups, "no backup was made before the upgrade"
    with zipfile.ZipFile(backups[0].path) as zf:
        (tmp_path / "inside.db").write_bytes(zf.read("data.db"))
    old = sqlite3.connect(tmp_path / "inside.db")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT name FROM staff").fetchall() == [("黄丽华",)]


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('swdesk', '0999_future', 'x')"
    )
    conn.execute(f"PRAGMA user_version = {schema.count() + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerVersionError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, "utf-8")
    with pytest.raises(DatabaseError):
        open_database(path)


class _Recorder:
    """A sqlite-utils plugin, as any package installed beside the program could register."""

    def __init__(self) -> None:
        self.connections: list[sqlite3.Connection] = []

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection) -> None:
        self.connections.append(conn)


def test_no_sqlite_utils_plugin_runs_on_a_data_file_or_a_backup(tmp_path: Path) -> None:
    plugin = _Recorder()
    pm.register(plugin)
    try:
        db = open_database(tmp_path / "swdesk.db")
        db.close()
        reader = open_reader(tmp_path / "swdesk.db")
        reader.close()
        made = make_backup(tmp_path / "swdesk.db")
        check_backup(made.path)
        schema_check.expected_shape.cache_clear()
        schema_check.expected_shape(len(schema.known_names()))
    finally:
        pm.unregister(plugin)
    assert plugin.connections == []
