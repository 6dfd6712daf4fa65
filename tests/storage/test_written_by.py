"""The data file names the program that last opened it for writing (settings key written_by)."""

import shutil
from pathlib import Path

from swdesk import __version__
from swdesk.storage import settings
from swdesk.storage.database import WRITTEN_BY, open_database

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_new_file_records_this_version(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    assert settings.get(db, WRITTEN_BY) == f"swdesk {__version__}"


def test_an_older_programs_record_is_replaced_on_the_next_writable_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "v1.db", path)
    db = open_database(path)
    with db.conn:
        settings.put(db, WRITTEN_BY, "swdesk 0.1.0")
    db.close()
    db = open_database(path)
    assert settings.get(db, WRITTEN_BY) == f"swdesk {__version__}"
    db.close()


def test_a_read_only_open_leaves_the_record_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    db = open_database(path)
    with db.conn:
        settings.put(db, WRITTEN_BY, "swdesk 0.9.0")
    db.close()
    db = open_database(path, read_only=True)
    assert settings.get(db, WRITTEN_BY) == "swdesk 0.9.0"
