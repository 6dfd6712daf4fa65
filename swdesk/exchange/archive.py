"""Zip files from elsewhere (a backup, a submission, a return), read without trusting them: the
members must be exactly those expected (no folders, paths, duplicates, encryption or unknown
compression), and a member is read or unpacked only up to the size declared for it, stopping
the moment it grows past that, so a small file cannot fill the disk or the memory (a zip bomb).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from swdesk.i18n import _

_CHUNK = 1 << 20
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ArchiveProblem(Exception):
    """What is wrong with an archive, in the user's language."""


class MemberTooLarge(ArchiveProblem):
    def __init__(self, member: str, limit: int, declared: int | None = None) -> None:
        self.member, self.limit, self.declared = member, limit, declared
        if declared is not None:
            message = _(
                "{member} would unpack to {size} bytes, more than the {limit} it may hold."
            ).format(member=member, size=declared, limit=limit)
        else:
            message = _("{member} unpacks to more than the {limit} bytes it declares.").format(
                member=member, limit=limit
            )
        super().__init__(message)


@dataclass(frozen=True)
class Member:
    data: bytes
    sha256: str


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip at ``path``, or ArchiveProblem when it is no zip at all."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise ArchiveProblem(
            _("it is not a readable zip file ({detail}).").format(detail=exc)
        ) from None
    except OSError as exc:
        raise ArchiveProblem(
            _("it could not be read ({detail}).").format(detail=exc.strerror or exc)
        ) from None


def check_members(zf: zipfile.ZipFile, required: Iterable[str], allowed: Iterable[str]) -> None:
    """Refuse an archive whose members are not plain files named in ``allowed``, or that lacks
    one of ``required``: nothing else may travel in it."""
    allowed = set(allowed)
    seen: set[str] = set()
    for info in zf.infolist():
        name = info.filename
        if name in seen:
            raise ArchiveProblem(_("it holds {member} twice.").format(member=name))
        seen.add(name)
        if info.is_dir() or name not in allowed:
            raise ArchiveProblem(
                _("it holds {member}, which does not belong in it.").format(member=name)
            )
        if info.flag_bits & 0x1:
            raise ArchiveProblem(_("{member} is encrypted.").format(member=name))
        if info.compress_type not in _METHODS:
            raise ArchiveProblem(
                _("{member} is compressed in a way swdesk does not read.").format(member=name)
            )
    missing = sorted(set(required) - seen)
    if missing:
        raise ArchiveProblem(_("{member} is missing from it.").format(member=missing[0]))


def _copy(zf: zipfile.ZipFile, name: str, limit: int, sink: BinaryIO | None) -> Member:
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise MemberTooLarge(name, limit, info.file_size)
    bound = min(limit, info.file_size)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    written = 0
    with zf.open(info) as src:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > bound:
                raise MemberTooLarge(name, bound)
            digest.update(chunk)
            if sink is None:
                chunks.append(chunk)
            else:
                sink.write(chunk)
    return Member(b"".join(chunks), digest.hexdigest())


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> Member:
    """The bytes of ``name`` and their SHA-256, read up to ``limit`` bytes and no further than
    the size the archive declares for it."""
    return _copy(zf, name, limit, None)


def copy_member(zf: zipfile.ZipFile, name: str, dest: Path, limit: int) -> str:
    """Unpack ``name`` into ``dest`` under the same bounds; its SHA-256."""
    with dest.open("wb") as sink:
        return _copy(zf, name, limit, sink).sha256
