"""Guards on the shape of the code: what may live where, checked on the source itself.

- Qt only in gui/ (importing everything else must not load PySide6).
- SQL only in storage/: no SQL text, no raw ``execute``/``query``, no table of the database
  by name (``db["t"].insert(...)``, ``ws.db["t"].rows_where(...)``, ``db.table("t")``) and no
  sqlite import anywhere else.
- exchange/ reads and writes files: it imports neither services nor storage.
- domain/ is values and rules: it opens no file and imports no layer that does.
- Nothing is imported by name (import_module, __import__, pkgutil): command modules, pages and
  reminder providers are listed where they are used, for a reader and a packaging tool to
  follow; and importing a module changes no table of the domain.
"""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import swdesk

PACKAGE = Path(swdesk.__file__).resolve().parent


def _modules(*, outside: str | None = None, inside: str | None = None) -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        if outside is not None and part == outside:
            continue
        if inside is not None and part != inside:
            continue
        yield path


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _imported(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """Every module an ``import`` or ``from … import`` names, wherever it stands."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node, node.module
            for alias in node.names:  # from swdesk import storage
                yield node, f"{node.module}.{alias.name}"


def test_core_never_imports_qt() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(swdesk.__path__, "swdesk.")
        # __main__ would start the program itself.
        if not m.name.startswith("swdesk.gui") and m.name != "swdesk.__main__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not loaded, loaded\n"
        "print(len(" + repr(modules) + "))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20


# SQL as it is written in this code base: keywords in capitals. Each pattern needs the shape of a
# statement or clause, so English words in messages ("Select a person") never match.
SQL_TEXT = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\b(CREATE|ALTER|DROP)\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|\bPRAGMA\b|\bWHERE\b|\bJOIN\b|\b(GROUP|ORDER)\s+BY\b|\bIN\s*\(\s*\?"
)
# Calls that run SQL whatever they are called on.
RAW_SQL_CALLS = {"execute", "executemany", "executescript", "query"}
# Database methods that reach a table by name.
DB_TABLE_CALLS = {"table", "create_table", "create_view", "table_names", "attach"}
DB_NAMES = {"db", "conn", "connection", "database"}
# The only sqlite imports outside storage, and why.
# (SQLite's own errors are caught outside storage as swdesk.storage.errors.SQLiteError.)
SQLITE_IMPORTS = {
    "swdesk/services/workspace.py": "the open data file is a sqlite-utils Database",
}


def _names_db(node: ast.AST) -> bool:
    """``db``, ``ws.db``, ``self.ws.db``, ``conn``: an expression that is the database."""
    if isinstance(node, ast.Name):
        return node.id in DB_NAMES
    return isinstance(node, ast.Attribute) and node.attr in DB_NAMES


def sql_found(source: str, name: str) -> list[str]:
    """What in ``source`` (the module ``name``) is SQL or runs it."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_TEXT.search(node.value):
                found.append(f"{where} SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.Subscript) and _names_db(node.value):
            found.append(f"{where} a table of the database by name")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, node.func.value
            if method in RAW_SQL_CALLS:
                found.append(f"{where} .{method}()")
            elif method in DB_TABLE_CALLS and _names_db(receiver):
                found.append(f"{where} db.{method}()")
    for node, module in _imported(tree):
        if module.split(".")[0] in ("sqlite3", "sqlite_utils") and name not in SQLITE_IMPORTS:
            found.append(f"{name}:{node.lineno} imports {module}")
    return found


def test_no_sql_outside_storage() -> None:
    found = [
        f
        for path in _modules(outside="storage")
        for f in sql_found(path.read_text(encoding="utf-8"), _rel(path))
    ]
    assert not found, "SQL belongs in swdesk/storage:\n" + "\n".join(found)


def test_the_sql_check_catches_what_it_is_for() -> None:
    """The guard above must fail on each way SQL had crept out of storage before."""
    samples = {
        "query": 'rows = ws.db.query("SELECT id FROM staff")',
        "fragment": 'where = "WHERE e.end_date BETWEEN ? AND ?"',
        "execute": "ws.db.execute(text, params)",
        "table call": 'ws.db["staff"].rows_where("id = ?", [1])',
        "insert": 'self.ws.db["award_payments"].insert(row)',
        "count": 'n = ws.db["staff"].count',
        "table()": 'ws.db.table("staff").update(1, row)',
        "import": "import sqlite3",
        "in list": 'marks = f"status IN (?, ?)"',
    }
    for what, line in samples.items():
        assert sql_found(line, "swdesk/services/sample.py"), what
    harmless = (
        'message = _("Select a person, then order by name.")\nd.update(x)\nitems.insert(0, x)'
    )
    assert not sql_found(harmless, "swdesk/services/sample.py")


def test_exchange_imports_neither_services_nor_storage() -> None:
    found = [
        f"{_rel(path)}:{node.lineno} imports {module}"
        for path in _modules(inside="exchange")
        for node, module in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if module.startswith(("swdesk.services", "swdesk.storage", "swdesk.gui", "swdesk.cli"))
    ]
    assert not found, "\n".join(found)


# What would let the domain read or write files, directly or through a layer that does.
DOMAIN_MAY_NOT_IMPORT = (
    "swdesk.paths", "swdesk.storage", "swdesk.services", "swdesk.policies", "swdesk.exchange",
    "swdesk.printing", "swdesk.gui", "swdesk.cli", "pathlib", "os", "io", "shutil", "tomllib",
    "sqlite3", "sqlite_utils", "openpyxl", "platformdirs", "glob", "tempfile",
)  # fmt: skip
FILE_CALLS = {
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "glob", "rglob", "iterdir",
    "is_file", "is_dir", "exists", "mkdir", "unlink", "stat", "scandir", "listdir",
}  # fmt: skip


def _forbidden_in_domain(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in DOMAIN_MAY_NOT_IMPORT)


def file_access_found(source: str, name: str) -> list[str]:
    """What in ``source`` imports a layer or library that reads files, or calls a file method."""
    tree = ast.parse(source)
    found = [
        f"{name}:{node.lineno} imports {module}"
        for node, module in _imported(tree)
        if _forbidden_in_domain(module)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called in FILE_CALLS:
                found.append(f"{name}:{node.lineno} calls {called}()")
    return found


def test_domain_opens_no_file() -> None:
    found = [
        f
        for path in _modules(inside="domain")
        for f in file_access_found(path.read_text(encoding="utf-8"), _rel(path))
    ]
    assert not found, "the domain reads no files:\n" + "\n".join(found)


def test_the_file_check_catches_what_it_is_for() -> None:
    samples = {
        "toml": "import tomllib",
        "paths": "from swdesk.paths import policy_dirs",
        "from package": "from swdesk import storage",
        "policies": "from swdesk.policies import find_profile",
        "open": 'with open(name, "rb") as fh: pass',
        "path method": "text = path.read_text()",
        "glob": 'files = folder.glob("*.toml")',
        "is_file": "ok = path.is_file()",
    }
    for what, line in samples.items():
        assert file_access_found(line, "swdesk/domain/sample.py"), what
    assert not file_access_found("from swdesk.i18n import N_\nx = d.get(1)", "x.py")


# What loads a module from a string, or every module of a package.
BY_NAME = {"import_module", "__import__", "iter_modules", "walk_packages"}


def imports_by_name(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    found = [
        f"{name}:{node.lineno} imports {module}"
        for node, module in _imported(tree)
        if module == "pkgutil" or module.rsplit(".", 1)[-1] in BY_NAME
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called in BY_NAME:
                found.append(f"{name}:{node.lineno} calls {called}()")
    return found


def test_nothing_is_imported_by_name() -> None:
    found = [
        f
        for path in _modules()
        for f in imports_by_name(path.read_text(encoding="utf-8"), _rel(path))
    ]
    assert not found, "\n".join(found)


def test_the_by_name_check_catches_what_it_is_for() -> None:
    samples = [
        "import importlib\nimportlib.import_module(name).register(sub)",
        "from importlib import import_module",
        "import pkgutil",
        'getattr(__import__(spec.module), "Page")',
    ]
    for line in samples:
        assert imports_by_name(line, "swdesk/x.py"), line
    assert not imports_by_name("from importlib import metadata", "swdesk/x.py")


def test_importing_everything_changes_no_table_of_the_domain() -> None:
    code = (
        "import importlib, pkgutil, swdesk\n"
        "from swdesk.domain import reminders\n"
        "before = dict(reminders.KIND_LABELS)\n"
        "for m in pkgutil.walk_packages(swdesk.__path__, 'swdesk.'):\n"
        "    if not m.name.startswith('swdesk.gui') and m.name != 'swdesk.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "assert reminders.KIND_LABELS == before, set(reminders.KIND_LABELS) - set(before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- the window and the services


def _service_names(tree: ast.AST) -> dict[str, str]:
    """Local name -> what it is bound to, for every import that reaches swdesk.services."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("swdesk"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if target.startswith("swdesk.services"):
                    names[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("swdesk.services"):
                    # ``import swdesk.services.x`` binds ``swdesk``; ``as y`` binds the module
                    names[alias.asname] = alias.name if alias.asname else None
                    if not alias.asname:
                        names["swdesk"] = "swdesk"
    return {k: v for k, v in names.items() if k and v}


def _resolve(dotted: str) -> object:
    """The object a dotted name stands for, importing the modules on the way."""
    import importlib

    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        for part in parts[n:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(dotted)


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def service_calls(source: str, name: str) -> list[str]:
    """Where ``source`` calls a function of swdesk.services (or a method of a class there, such
    as ``Workspace.open``) itself, instead of handing it to gui/ops.py. Classes (Changes, Area)
    may be made; functions are passed by reference: ``Write(ctx, staff.update_staff, …)``."""
    import inspect

    tree = ast.parse(source)
    imported = _service_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        dotted = _dotted(node.func)
        if not dotted or dotted[0] not in imported:
            continue
        target = _resolve(".".join([imported[dotted[0]], *dotted[1:]]))
        if inspect.isfunction(target) or inspect.ismethod(target):
            module = getattr(target, "__module__", "") or ""
            if module.startswith("swdesk.services"):
                found.append(f"{name}:{node.lineno} calls {'.'.join(dotted)}()")
    return found


def test_the_window_calls_no_service_but_through_ops() -> None:
    found = [
        f
        for path in _modules(inside="gui")
        if path.name != "ops.py"
        for f in service_calls(path.read_text(encoding="utf-8"), _rel(path))
    ]
    assert not found, "the window calls services through gui/ops.py:\n" + "\n".join(found)


def test_the_service_call_check_catches_what_it_is_for() -> None:
    samples = {
        "module": "from swdesk.services import staff\nstaff.list_staff(ws)",
        "function": "from swdesk.services.staff import list_staff\npeople = list_staff(ws)",
        "alias": "from swdesk.services import grades as g\ng.appoint(ws, n, c, d)",
        "in a job": "from swdesk.services import training\njob = lambda ws: training.list_events(ws)",
        "classmethod": "from swdesk.services.workspace import Workspace\nWorkspace.open(path)",
        "package": "import swdesk.services.staff\nswdesk.services.staff.get_staff(ws, 1)",
    }
    for what, line in samples.items():
        assert service_calls(line, "swdesk/gui/sample.py"), what
    harmless = (
        "from swdesk.services import staff\nfrom swdesk.services.changes import Changes, Area\n"
        "from swdesk.gui import ops\nops.Read(ctx, staff.list_staff).run()\n"
        "c = Changes(frozenset({Area.STAFF}))"
    )
    assert not service_calls(harmless, "swdesk/gui/sample.py")
