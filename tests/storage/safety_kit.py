"""Helpers for the data-safety tests: demo files on disk, table dumps, damage.

Import the fixtures by name into a test module to use them."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rows_kit import table_rows

from swdesk.services.workspace import Workspace

DAY1 = dt.date(2026, 11, 21)


def open_ws(path: Path, day: dt.date = DAY1, **kwargs: object) -> Workspace:
    return Workspace.open(path, clock=lambda: day, user="tester", **kwargs)


def make_demo(path: Path, day: dt.date = DAY1) -> Path:
    from swdesk.services.demo import fill_demo

    ws = open_ws(path, day)
    fill_demo(ws)
    ws.close()
    return path


def dump(path: Path, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, read without writing; what 'the same data' means in a test."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {t: table_rows(conn, t) for t in tables if t not in skip}
    finally:
        conn.close()


def damage_middle_page(path: Path, seed: int = 7) -> int:
    """Overwrite the page in the middle of the file with random bytes, as a failing disk sector
    would; returns the page number."""
    import random

    page_size = 4096
    pages = path.stat().st_size // page_size
    page = pages // 2
    rng = random.Random(seed)
    with path.open("r+b") as fh:
        fh.seek(page * page_size)
        fh.write(bytes(rng.randrange(256) for _ in range(page_size)))
    return page


def rewrite_backup(zip_path: Path, target: Path, change) -> Path:
    """A copy of a backup with members changed by ``change(name, bytes) -> bytes | None``
    (None leaves the member out)."""
    import zipfile

    with (
        zipfile.ZipFile(zip_path) as src,
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = change(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item.filename, data)
    return target


def tamper(path: Path, *statements: str) -> Path:
    """Run SQL on a data file behind the program's back, as someone with any SQLite tool could."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return path


def tampered_backup(zip_path: Path, target: Path, *statements: str) -> Path:
    """A copy of a backup whose database had ``statements`` run on it."""
    import zipfile

    work = target.with_suffix(".db")
    with zipfile.ZipFile(zip_path) as zf:
        work.write_bytes(zf.read("data.db"))
    tamper(work, *statements)
    data = work.read_bytes()
    work.unlink()

    def change(name: str, old: bytes) -> bytes:
        if name == "data.db":
            return data
        if name == "manifest.json":
            # Whoever alters the database says its new size too, as the program would have.
            manifest = json.loads(old)
            if "data_size" in manifest:
                manifest["data_size"] = len(data)
            return json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        return old

    return rewrite_backup(zip_path, target, change)


@contextlib.contextmanager
def write_protected(path: Path) -> Iterator[Path]:
    """``path`` (a folder, or a file) write-protected for this process, as a CD or a locked USB
    stick is: by its permissions, or for root (whom permissions do not stop) by a read-only bind
    mount. Skips the test where neither is possible."""
    import os
    import subprocess

    import pytest

    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    probe = path if path.is_file() else path / ".probe"
    if not os.access(probe if probe.exists() else path, os.W_OK):
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    path.chmod(mode)
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("this machine cannot make a folder read-only for this user")
    try:
        subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(path)], capture_output=True, check=True
        )
        yield path
    finally:
        # Lazily: a command run in this process may still hold the file open.
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=True)
