"""Remove from an installed site-packages what swdesk never loads, for the .deb and the installer.

    python3 packaging/trim.py linux|windows SITE_PACKAGES

What goes: PySide6's bindings other than the six the program imports, QML/Quick, Designer and the
other Qt tools, type stubs and headers, Qt's translations other than zh_CN/en, opengl32sw.dll (a
software OpenGL for Quick scenes; widgets do not use it), and Babel's locale data other than the
locales swdesk loads. Which Qt libraries stay is not guessed: it is the closure of what the kept
bindings and plugins link to, read from the binaries themselves (ELF DT_NEEDED, PE imports), and
the result is checked again so that a trim never leaves a library that needs a missing one.
Prints the size before and after.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

# The PySide6 modules that swdesk imports (tests/test_release.py keeps this list honest).
BINDINGS = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets"}
# Plugin folders a desktop widget program uses: windowing, input methods (Chinese input), images
# and icons, printing, styles. QML tooling, SQL drivers, TLS and the rest go.
PLUGINS = {
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "imageformats",
    "iconengines",
    "printsupport",
    "styles",
    "generic",
    "xcbglintegrations",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
# Window systems of a desktop (and offscreen, for tests and the smoke runs); framebuffer, VNC and
# EGL-device platforms go.
PLATFORMS = ("qxcb", "qwayland", "qoffscreen", "qminimal.", "qwindows", "qdirect2d")
# Qt's own dialogs and buttons in Chinese (appearance.install_qt_translations) and English.
TRANSLATIONS = {"qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm", "qt_en.qm"}
# What Locale.parse("zh_CN") and Locale.parse("en") read, parents included; global.dat is not a
# locale and always stays.
BABEL_LOCALES = {"root", "en", "zh", "zh_Hans", "zh_Hans_CN"}
# PySide6's tools and build files: nothing the program runs.
PYSIDE_EXTRAS = {
    "assistant",
    "designer",
    "linguist",
    "lrelease",
    "lupdate",
    "qmlformat",
    "qmllint",
    "qmlls",
    "svgtoqml",
    "doc",
    "glue",
    "include",
    "lib",
    "scripts",
    "typesystems",
}
# ... and in Qt's own folder (PySide6/Qt on Linux, PySide6 itself on Windows).
QT_EXTRAS = {"qml", "metatypes", "libexec"}


QT_PREFIXES = ("qt6", "libqt6", "pyside6", "libpyside6")


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def elf_needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return [
        line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line
    ]


def pe_imports(path: Path) -> list[str]:
    """The DLL names in a PE file's import and delay-import tables."""
    data = path.read_bytes()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections, opt_size = struct.unpack_from("<H12xH", data, pe + 6)
    opt = pe + 24
    dirs = opt + (112 if struct.unpack_from("<H", data, opt)[0] == 0x20B else 96)
    table = opt + opt_size
    # (virtual size, virtual address, raw size, raw offset) of each section
    spans = [struct.unpack_from("<8xIIII", data, table + 40 * i) for i in range(sections)]

    def offset(rva: int) -> int:
        for vsize, vaddr, raw_size, raw in spans:
            if vaddr <= rva < vaddr + max(vsize, raw_size):
                return raw + rva - vaddr
        raise ValueError(f"{path}: RVA {rva:#x} in no section")

    def cstring(rva: int) -> str:
        start = offset(rva)
        return data[start : data.index(b"\0", start)].decode("ascii")

    names = []
    for entry, size_of, name_at in ((1, 20, 12), (13, 32, 4)):
        rva = struct.unpack_from("<I", data, dirs + 8 * entry)[0]
        if not rva:
            continue
        at = offset(rva)
        while True:
            name_rva = struct.unpack_from("<I", data, at + name_at)[0]
            if not name_rva:
                break
            names.append(cstring(name_rva))
            at += size_of
    return names


class Layout:
    """Where one platform's PySide6 wheel keeps its parts."""

    def __init__(self, site: Path, platform: str) -> None:
        self.site = site
        self.windows = platform == "windows"
        self.pyside = site / "PySide6"
        qt = self.pyside if self.windows else self.pyside / "Qt"
        self.qt = qt
        self.libdir = self.pyside if self.windows else qt / "lib"
        self.plugins = qt / "plugins"
        self.translations = qt / "translations"
        self.ext = ".pyd" if self.windows else ".abi3.so"

    def needed(self, path: Path) -> list[str]:
        return pe_imports(path) if self.windows else elf_needed(path)

    def qt_libraries(self) -> dict[str, Path]:
        """Every shared library shipped by PySide6 and shiboken6, by the name others link to."""
        pattern = "*.dll" if self.windows else "*.so*"
        found = {}
        for folder in (self.libdir, self.pyside, self.site / "shiboken6"):
            for lib in folder.glob(pattern):
                found[lib.name.lower() if self.windows else lib.name] = lib
        return found

    def roots(self) -> list[Path]:
        bindings = [self.pyside / f"{name}{self.ext}" for name in sorted(BINDINGS)]
        plugins = [f for f in self.plugins.rglob("*") if f.is_file()]
        return bindings + [self.site / "shiboken6" / f"Shiboken{self.ext}"] + plugins

    def key(self, name: str) -> str:
        return name.lower() if self.windows else name


def closure(layout: Layout) -> tuple[set[Path], list[tuple[Path, str]]]:
    """The PySide6/shiboken6 libraries the roots need, and (binary, name) for each Qt library
    that a binary links to and no file provides."""
    libraries = layout.qt_libraries()
    keep: set[Path] = set()
    missing = []
    todo = layout.roots()
    seen: set[Path] = set()
    while todo:
        binary = todo.pop()
        if binary in seen:
            continue
        seen.add(binary)
        for name in layout.needed(binary):
            lib = libraries.get(layout.key(name))
            if lib is not None:
                keep.add(lib)
                todo.append(lib)
            elif name.lower().startswith(QT_PREFIXES + ("shiboken", "libshiboken")):
                missing.append((binary, name))
    return keep, missing


def trim(site: Path, platform: str) -> None:
    layout = Layout(site, platform)
    before = size(site)
    for extra in PYSIDE_EXTRAS:
        remove(layout.pyside / extra)
        remove(layout.pyside / f"{extra}.exe")
    for extra in QT_EXTRAS:
        remove(layout.qt / extra)
    for stub in list(site.glob("PySide6/*.pyi")) + list(site.glob("shiboken6/*.pyi")):
        remove(stub)
    for binding in layout.pyside.glob(f"Qt*{layout.ext}"):
        if binding.name.removesuffix(layout.ext) not in BINDINGS:
            remove(binding)
    remove(layout.pyside / "opengl32sw.dll")
    for folder in layout.plugins.iterdir():
        if folder.name not in PLUGINS:
            remove(folder)
    for plugin in (layout.plugins / "platforms").iterdir():
        if not any(name in plugin.name for name in PLATFORMS):
            remove(plugin)
    for qm in layout.translations.glob("*.qm"):
        if qm.name not in TRANSLATIONS:
            remove(qm)
    for dat in (site / "babel" / "locale-data").glob("*.dat"):
        if dat.stem not in BABEL_LOCALES:
            remove(dat)
    keep, missing = closure(layout)
    # Plugins for parts of Qt that the wheel lacks (the virtual keyboard wants Quick) cannot load.
    for binary, _name in missing:
        if layout.plugins in binary.parents:
            remove(binary)
    keep, missing = closure(layout)
    # Only Qt's own libraries go by the closure: others (the C++ runtime, d3dcompiler) may be
    # loaded at run time without being linked to.
    for lib in layout.qt_libraries().values():
        if lib not in keep and lib.name.lower().startswith(QT_PREFIXES):
            remove(lib)
    # Check the result from scratch: every kept binary finds the Qt libraries it links to.
    keep, missing = closure(layout)
    if missing:
        lines = sorted({f"{binary.name} needs {name}" for binary, name in missing})
        sys.exit("trim left libraries without their dependencies:\n  " + "\n  ".join(lines))
    after = size(site)
    print(f"trimmed {site}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("linux", "windows"):
        sys.exit(__doc__)
    trim(Path(sys.argv[2]), sys.argv[1])
