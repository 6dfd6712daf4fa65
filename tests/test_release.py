"""One version number, and locks that agree with the ranges in setup.cfg.

The locks under requirements/ are what CI, the README's commands and both packages install; they are
written by requirements/update.sh from setup.cfg. Here they are read back: a range changed in
setup.cfg without re-locking, a dependency added to one but not the other, or two locks of one
platform that pin different versions all fail.
"""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import swdesk

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"


def _setup_cfg() -> configparser.ConfigParser:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return cfg


def _requirements(text: str) -> list[Requirement]:
    return [Requirement(line) for line in text.splitlines() if line.strip()]


RUNTIME = _requirements(_setup_cfg()["options"]["install_requires"])
TEST = _requirements(_setup_cfg()["options.extras_require"]["test"])
BUILD = [
    Requirement(r)
    for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
]

# lock file: what it must hold
EXPECTED = {
    "linux.txt": RUNTIME,
    "windows.txt": RUNTIME,
    "linux-dev.txt": RUNTIME + TEST + BUILD,
    "windows-dev.txt": RUNTIME + TEST + BUILD,
    "build.txt": BUILD,
}


def pins(lock: str) -> dict[str, str]:
    """name → pinned version; every pin must carry its hashes."""
    text = (LOCKS / lock).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        head = block.split("\\", 1)[0].strip()
        if not head or head.startswith("#"):
            continue
        name, _, version = head.partition("==")
        assert version, f"{lock}: {head!r} is not pinned with =="
        assert "--hash=sha256:" in block, f"{lock}: {name} has no hash"
        found[canonicalize_name(name)] = version.split(";")[0].strip()
    return found


@pytest.mark.parametrize("lock", sorted(EXPECTED))
def test_every_range_of_setup_cfg_is_met_by_the_lock(lock: str) -> None:
    pinned = pins(lock)
    for req in EXPECTED[lock]:
        name = canonicalize_name(req.name)
        assert name in pinned, f"{lock} lacks {req.name}: run requirements/update.sh"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {req.name}=={pinned[name]}, outside {req}: run requirements/update.sh"
        )


@pytest.mark.parametrize(
    "runtime, dev",
    [
        ("linux.txt", "linux-dev.txt"),
        ("windows.txt", "windows-dev.txt"),
        ("build.txt", "linux-dev.txt"),
    ],
)
def test_a_package_carries_the_versions_the_tests_ran_on(runtime: str, dev: str) -> None:
    tested = pins(dev)
    shipped = pins(runtime)
    assert {n: v for n, v in shipped.items() if tested.get(n) != v} == {}
    assert set(shipped) <= set(tested)


def test_build_in_is_the_build_system_of_pyproject() -> None:
    listed = _requirements(
        "\n".join(
            line
            for line in (LOCKS / "build.in").read_text().splitlines()
            if not line.startswith("#")
        )
    )
    assert sorted(map(str, listed)) == sorted(map(str, BUILD))


def test_the_readme_commands_install_from_the_lock() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_block = readme.split("<!-- test-command -->", 1)[1].split("```", 2)[1]
    command = test_block.removeprefix("sh").strip()
    assert "\n" not in command
    assert "--require-hashes -r requirements/linux-dev.txt" in command
    assert "--no-deps --no-build-isolation ." in command
    assert command.endswith("pytest")


def test_the_version_comes_from_setup_cfg() -> None:
    version = _setup_cfg()["metadata"]["version"]
    assert swdesk.__version__ == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(version)}\b", changelog, re.M), "CHANGELOG.md lacks it"
    out = subprocess.run(
        [sys.executable, "-m", "swdesk", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"swdesk {version}"


def test_installed_the_version_is_read_off_the_metadata_folder(tmp_path: Path) -> None:
    from importlib import metadata

    package = tmp_path / "site-packages" / "swdesk"
    package.mkdir(parents=True)
    (package.parent / "swdesk-2.3.4.dist-info").mkdir()
    (package.parent / "swdesk_extra-9.9.dist-info").mkdir()  # another project's: not ours
    assert swdesk._version(package) == "2.3.4"
    # Two of them (an upgrade left one behind): importlib.metadata decides, as before.
    (package.parent / "swdesk-2.3.3.dist-info").mkdir()
    assert swdesk._version(package) == metadata.version("swdesk")


def test_the_packages_keep_every_pyside6_module_the_program_imports() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from trim import BINDINGS
    finally:
        sys.path.pop(0)
    imported = {
        match
        for path in (ROOT / "swdesk").rglob("*.py")
        for match in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))
    }
    assert imported, "no PySide6 import found"
    assert imported <= BINDINGS, f"packaging/trim.py would remove {sorted(imported - BINDINGS)}"


def test_the_trim_keeps_the_region_table_that_identity_numbers_are_checked_with(
    tmp_path: Path,
) -> None:
    """stdnum.cn.ric reads its county table from stdnum/cn/loc.dat inside the package: a trim
    that dropped data files would make every identity number's region unknown."""
    import shutil

    import stdnum

    site = tmp_path / "site-packages"
    shutil.copytree(Path(stdnum.__file__).parent, site / "stdnum")
    for folder in ("PySide6/Qt/lib", "PySide6/Qt/plugins/platforms", "PySide6/Qt/translations"):
        (site / folder).mkdir(parents=True)
    (site / "shiboken6").mkdir()
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "trim.py"), "linux", str(site)],
        check=True,
        capture_output=True,
    )
    assert (site / "stdnum" / "cn" / "loc.dat").is_file()
    check = (
        f"import sys; sys.path.insert(0, {str(site)!r}); import stdnum; "
        f"assert stdnum.__file__.startswith({str(site)!r}); from stdnum.cn import ric; "
        "print(ric.get_birth_place('360426199101010071')['county'])"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", check],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "德安县"
