"""Is a data file on a network share? SQLite's write-ahead log needs memory shared on one
computer, and two computers opening one file over SMB or NFS defeat the writer lock, so a file
there is not opened for writing.

The decision (``network_kind``) is a pure function of the path and a few facts about where it
lives; gathering the facts (``facts_for``) is the only part that asks the operating system.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from swdesk.i18n import _

# GetDriveTypeW's answer for a mapped network drive.
DRIVE_REMOTE = 4
# Linux file-system types (mountinfo's field after " - ") that live on another computer. WSL's own
# drives (9p, drvfs) are this computer's disk and are not listed.
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "sshfs",
        "fuse.sshfs",
        "afs",
        "ncpfs",
        "coda",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
        "lustre",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",
    }
)


@dataclass(frozen=True)
class PlaceFacts:
    """What the operating system says about where a path lives."""

    platform: str  # sys.platform
    drive_type: int | None = None  # Windows: GetDriveTypeW of the path's drive
    fs_type: str | None = None  # Linux: the type of the file system that holds the path


def network_kind(path: str, facts: PlaceFacts) -> str | None:
    """How the path is on a network (a UNC path, a mapped drive, a file-system type), or None
    when it is on this computer's own disk."""
    if facts.platform == "win32":
        text = path.replace("/", "\\")
        if text.upper().startswith("\\\\?\\UNC\\") or (
            text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))
        ):
            return _("a \\\\server\\share path")
        if facts.drive_type == DRIVE_REMOTE:
            return _("a mapped network drive")
        return None
    fs_type = (facts.fs_type or "").lower()
    if fs_type in NETWORK_FILE_SYSTEMS or fs_type.startswith(("nfs", "smb")):
        return _("a {type} network file system").format(type=fs_type)
    return None


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as octal escapes.
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def mount_fs_type(path: str, mountinfo: str) -> str | None:
    """The type of the mount holding ``path`` (absolute, links resolved), from the text of
    ``/proc/self/mountinfo``: the mount whose point is the longest prefix of the path wins."""
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        before, sep, after = line.partition(" - ")
        fields, rest = before.split(), after.split()
        if not sep or len(fields) < 5 or not rest:
            continue
        point = _unescape(fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), rest[0])
    return best[1] if best else None


def _drive_type(path: str) -> int | None:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return None
    return int(ctypes.windll.kernel32.GetDriveTypeW(drive.rstrip("\\") + "\\"))


def facts_for(path: Path) -> PlaceFacts:
    """Ask the operating system where ``path`` lives; what it cannot say stays None."""
    text = str(path)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            return PlaceFacts(sys.platform, drive_type=_drive_type(text))
        except OSError:
            return PlaceFacts(sys.platform)
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return PlaceFacts(sys.platform)  # macOS and others: no mountinfo to read
    return PlaceFacts(sys.platform, fs_type=mount_fs_type(text, mountinfo))


def network_location(path: Path) -> str | None:
    """How ``path`` is on a network, or None when it is on this computer's disk."""
    return network_kind(str(path), facts_for(path))
