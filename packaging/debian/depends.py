"""Print the Depends (first line) and Recommends (second) of the .deb: the Debian packages of the
shared libraries that the files under /opt/swdesk link to and do not bring themselves, with libc6
at the newest glibc symbol they use.

    python3 packaging/debian/depends.py STAGED_OPT_SWDESK

The library → package names are in libraries.txt beside this file (Debian 12 names; Ubuntu's t64
packages provide them). A library missing there stops the build, naming it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trim import elf_needed  # noqa: E402


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def glibc_floor(files: list[Path]) -> str:
    versions = set()
    for path in files:
        out = subprocess.run(["readelf", "-V", str(path)], capture_output=True, text=True).stdout
        versions.update(re.findall(r"Name: GLIBC_(\d+\.\d+)", out))
    return max(versions, key=lambda v: tuple(map(int, v.split("."))))


def main(opt: Path) -> None:
    table: dict[str, tuple[str, bool]] = {}
    for line in (Path(__file__).parent / "libraries.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            soname, package, *kind = line.split()
            table[soname] = (package, kind == ["recommends"])
    files = elf_files(opt)
    inside = {f.name for f in opt.rglob("*")}
    packages, recommended, unknown = set(), set(), set()
    for path in files:
        for soname in elf_needed(path):
            if soname in inside:
                continue
            if soname in table:
                package, optional = table[soname]
                (recommended if optional else packages).add(package)
            else:
                unknown.add(f"{soname} (needed by {path.relative_to(opt)})")
    if unknown:
        sys.exit("add to packaging/debian/libraries.txt:\n  " + "\n  ".join(sorted(unknown)))
    packages.discard("libc6")
    print(", ".join([f"libc6 (>= {glibc_floor(files)})", *sorted(packages)]))
    print(", ".join(sorted(recommended - packages)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
