"""Guards on the shape of the code."""

import pkgutil
import subprocess
import sys

import swdesk


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
