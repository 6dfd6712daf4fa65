"""Program-wide settings, one row per key in the ``settings`` table (migration 0003)."""

from __future__ import annotations

from sqlite_utils import Database

# The program password's hash (services/security.py sets it; a restore must not drop it unasked).
PASSWORD_KEY = "program_password"


def get(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def put(db: Database, key: str, value: str) -> None:
    """Set ``key`` inside the caller's transaction."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def delete(db: Database, key: str) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])
