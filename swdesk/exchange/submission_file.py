"""Submission files (报送文件) and return files (退回文件) on disk: a zip of a manifest, the data as
JSON and the tables for people to read (PDF, .xlsx). ``docs/submission-format.md`` describes them.

Writing puts every part's SHA-256 and size in the manifest and replaces the file whole. Reading
checks all of it before giving back a value: the members are exactly the parts the manifest
lists, each unpacks to no more than the size declared (and that size is within a limit), each has
its hash, the format is one this program knows and no newer, the data is valid JSON without
duplicate keys, every record passes the checks of ``submission_reader``, and the manifest and the
data agree. Nothing executable travels: no database, no macro-enabled workbook, no PDF script.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk import __version__
from swdesk.domain.errors import SwdeskError
from swdesk.domain.limits import DEFAULT_LIMITS, Limits
from swdesk.domain.submission import (
    FORMAT_VERSION,
    RETURN_FORMAT,
    SUBMISSION_FORMAT,
    ReturnFile,
    Submission,
)
from swdesk.domain.text import holds_refused
from swdesk.exchange import archive
from swdesk.exchange.json_checks import Checker, TooManyProblems
from swdesk.exchange.submission_json import dumps, return_to_data, submission_json
from swdesk.exchange.submission_reader import read_return, read_submission
from swdesk.exchange.targets import check_target
from swdesk.i18n import _

MANIFEST = "manifest.json"
DATA = "data.json"
TABLES_PDF = "tables.pdf"
TABLES_XLSX = "tables.xlsx"
NOTICE_PDF = "notice.pdf"
MEDIA_TYPES = {
    DATA: "application/json",
    TABLES_PDF: "application/pdf",
    TABLES_XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    NOTICE_PDF: "application/pdf",
}
# The most each part may unpack to: a province's data of 150,000 people is about 100 MB.
PART_LIMITS = {DATA: 256 << 20, TABLES_PDF: 64 << 20, TABLES_XLSX: 64 << 20, NOTICE_PDF: 16 << 20}
_MANIFEST_LIMIT = 1 << 20
_FILE_LIMIT = 512 << 20
_MANIFEST_KEYS = (
    "format", "format_version", "program", "program_version", "id", "kind", "credit_code",
    "period", "created_at", "parts",
)  # fmt: skip
_PART_KEYS = ("name", "sha256", "size", "media_type")
# What would run when the part is opened: a workbook's macros, a PDF's scripts, launches and
# actions, looked for among the PDF's objects (a stream's bytes are data, and may hold any
# sequence); object streams, which could hide objects from that look, are refused too.
_XLSX_REFUSED = ("vbaproject", "activex", ".bin", "macrosheets")
_PDF_REFUSED = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|OpenAction|AA|XFA|ObjStm|SubmitForm)"
    rb"(?![A-Za-z0-9])"
)


class FileRefused(SwdeskError):
    """A file from elsewhere that is not taken, with every problem found; nothing was changed."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(problems[:6])
        if len(problems) > 6:
            shown += " " + _("and {n} more").format(n=len(problems) - 6)
        super().__init__(
            _("{file} was refused, nothing was changed: {problems}").format(
                file=path.name, problems=shown
            )
        )

    def __reduce__(self) -> tuple[type[FileRefused], tuple[Path, list[str]]]:
        # Read in a worker process, a refusal comes back through a pipe whole.
        return type(self), (self.path, self.problems)


@dataclass(frozen=True)
class Received:
    """A file read whole and checked: its contents, its manifest and what it is on disk."""

    path: Path
    manifest: Mapping[str, Any]
    sha256: str
    size: int


@dataclass(frozen=True)
class ReceivedSubmission(Received):
    submission: Submission


@dataclass(frozen=True)
class ReceivedReturn(Received):
    returned: ReturnFile


# ---------------------------------------------------------------- writing


def _entry(name: str, sha256: str, size: int) -> dict[str, Any]:
    return {"name": name, "sha256": sha256, "size": size, "media_type": MEDIA_TYPES[name]}


def _write(
    path: Path, header: Mapping[str, Any], data: Iterable[str], extra: Mapping[str, bytes]
) -> Path:
    """The zip: the data part streamed in as it is made (hashed on the way), the other parts,
    then the manifest with every part's hash and size."""
    path = Path(path)
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".swdesk-", suffix=".zip.tmp")
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            digest, size = hashlib.sha256(), 0
            with zf.open(DATA, "w", force_zip64=True) as out:
                for piece in data:
                    chunk = piece.encode("utf-8")
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            entries = [_entry(DATA, digest.hexdigest(), size)]
            for name, body in extra.items():
                zf.writestr(name, body)
                entries.append(_entry(name, hashlib.sha256(body).hexdigest(), len(body)))
            manifest = {**header, "parts": entries}
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _header(
    format_name: str, ident: str, kind: str, code: str, period: int, made: dt.datetime
) -> dict[str, Any]:
    return {
        "format": format_name,
        "format_version": FORMAT_VERSION,
        "program": "swdesk",
        "program_version": __version__,
        "id": ident,
        "kind": kind,
        "credit_code": code,
        "period": period,
        "created_at": made.isoformat(),
    }


def write_submission_file(path: Path, sub: Submission, pdf: bytes, xlsx: bytes) -> Path:
    """Write ``sub`` with its tables to ``path`` (replaced whole, never left half-written)."""
    header = _header(
        SUBMISSION_FORMAT, sub.submission_id, sub.submitter.kind.value,
        sub.submitter.credit_code, sub.period, sub.created_at,
    )  # fmt: skip
    data = submission_json(sub, SUBMISSION_FORMAT, FORMAT_VERSION)
    return _write(path, header, data, {TABLES_PDF: pdf, TABLES_XLSX: xlsx})


def write_return_file(path: Path, ret: ReturnFile, notice: bytes) -> Path:
    header = _header(
        RETURN_FORMAT, ret.return_id, ret.bureau.kind.value, ret.bureau.credit_code, ret.period,
        ret.created_at,
    )  # fmt: skip
    data = [dumps(return_to_data(ret, RETURN_FORMAT, FORMAT_VERSION))]
    return _write(path, header, data, {NOTICE_PDF: notice})


# ---------------------------------------------------------------- reading


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        # Two parsers could each take another of the two values: refuse the file.
        seen: set[str] = set()
        key = next(k for k, _v in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(_("the key {key!r} appears twice").format(key=key))
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(_("{value} is not a number JSON allows").format(value=name))


def parse_json(raw: bytes | str, what: str) -> Any:
    """JSON from elsewhere: UTF-8, no duplicate keys, no NaN or Infinity, not nested to death."""
    try:
        return json.loads(
            raw.decode("utf-8") if isinstance(raw, bytes) else raw,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        detail = str(exc) if not isinstance(exc, RecursionError) else _("nested too deep")
        raise archive.ArchiveProblem(
            _("{part} is not valid JSON ({detail}).").format(part=what, detail=detail)
        ) from None


def _manifest(zf: zipfile.ZipFile, format_name: str, parts: tuple[str, ...]) -> dict[str, Any]:
    raw = archive.read_member(zf, MANIFEST, _MANIFEST_LIMIT).data
    manifest = parse_json(raw, MANIFEST)
    found = manifest.get("format") if isinstance(manifest, dict) else None
    if found != format_name:
        other = {SUBMISSION_FORMAT: _("a submission file"), RETURN_FORMAT: _("a return file")}
        if found in other:
            raise archive.ArchiveProblem(
                _("it is {found}, not {wanted}.").format(
                    found=other[found], wanted=other[format_name]
                )
            )
        raise archive.ArchiveProblem(_("it is not a swdesk file of this kind."))
    version = manifest.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise archive.ArchiveProblem(_("its manifest gives no format version."))
    if version > FORMAT_VERSION:
        raise archive.ArchiveProblem(
            _(
                "it is written in version {found} of the format, made by swdesk {program}; this "
                "program (swdesk {mine}) reads versions up to {known}. Install the newer swdesk "
                "to read it."
            ).format(
                found=version,
                program=str(manifest.get("program_version", "?"))[:20],
                mine=__version__,
                known=FORMAT_VERSION,
            )
        )
    check = Checker(MANIFEST)
    body = check.obj(manifest, "", _MANIFEST_KEYS)
    entries = check.array(body["parts"], "parts", len(parts)) if body else []
    for i, entry in enumerate(entries):
        e = check.obj(entry, f"parts[{i}]", _PART_KEYS)
        if e is None:
            continue
        size = e["size"]
        if e["name"] not in parts:
            check.fail(f"parts[{i}].name", _("not a part of this format"))
        elif isinstance(size, bool) or not isinstance(size, int) or size < 0:
            check.fail(f"parts[{i}].size", _("expected a size in bytes"))
        elif size > PART_LIMITS[e["name"]]:
            check.fail(f"parts[{i}].size", _("more than the {n} bytes this part may hold").format(
                n=PART_LIMITS[e["name"]]
            ))  # fmt: skip
        sha = e["sha256"]
        if not (
            isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)
        ):
            check.fail(f"parts[{i}].sha256", _("expected a SHA-256 in hexadecimal"))
    if check.problems:
        raise archive.ArchiveProblem(_place(MANIFEST, check.problems[0]))
    return manifest


def _place(part: str, problem: tuple[str, str]) -> str:
    where, what = problem
    return _("{part}, {where}: {problem}").format(part=part, where=where or "-", problem=what)


def _outside_streams(body: bytes) -> bytes:
    """A PDF's objects without the contents of its streams (fonts and pages are data)."""
    pieces, at = [], 0
    while (start := body.find(b"stream", at)) >= 0:
        pieces.append(body[at:start])
        end = body.find(b"endstream", start + 6)
        if end < 0:
            return b"".join(pieces) + body[start:]  # an unended stream: look at all of it
        at = end + 9
    pieces.append(body[at:])
    return b"".join(pieces)


def _check_table(name: str, body: bytes) -> None:
    if name.endswith(".pdf"):
        if not body.startswith(b"%PDF-"):
            raise archive.ArchiveProblem(_("{part} is not a PDF.").format(part=name))
        if _PDF_REFUSED.search(_outside_streams(body)):
            raise archive.ArchiveProblem(
                _("{part} carries a script or an embedded file.").format(part=name)
            )
        return
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            names = [n.lower() for n in book.namelist()]
    except (zipfile.BadZipFile, ValueError):
        raise archive.ArchiveProblem(_("{part} is not a workbook.").format(part=name)) from None
    if "[content_types].xml" not in names:
        raise archive.ArchiveProblem(_("{part} is not a workbook.").format(part=name))
    if any(word in n for n in names for word in _XLSX_REFUSED):
        raise archive.ArchiveProblem(_("{part} carries macros.").format(part=name))


def _read(
    path: Path,
    format_name: str,
    parts: tuple[str, ...],
    decode: Callable[[Checker, Any], Any],
    now: dt.datetime,
    limits: Limits,
) -> tuple[Any, dict[str, Any], str, int]:
    path = Path(path)
    if not path.is_file():
        raise FileRefused(path, [_("the file does not exist.")])
    size = path.stat().st_size
    if size > _FILE_LIMIT:
        raise FileRefused(path, [_("it is larger than any such file can be.")])
    try:
        with archive.open_zip(path) as zf:
            if MANIFEST not in zf.namelist():
                raise archive.ArchiveProblem(_("it is not a swdesk file of this kind."))
            # The manifest first: it says what the file is (a return is not a submission).
            manifest = _manifest(zf, format_name, parts)
            archive.check_members(zf, (MANIFEST, DATA), (MANIFEST, *parts))
            declared = {e["name"]: e for e in manifest["parts"]}
            members = {n for n in zf.namelist() if n != MANIFEST}
            if set(declared) != members:
                raise archive.ArchiveProblem(_("its parts are not those its manifest lists."))
            bodies: dict[str, bytes] = {}
            for name, entry in declared.items():
                if zf.getinfo(name).file_size != entry["size"]:
                    raise archive.ArchiveProblem(
                        _("{part} is not the size its manifest gives.").format(part=name)
                    )
                member = archive.read_member(zf, name, entry["size"])
                if member.sha256 != entry["sha256"]:
                    raise archive.ArchiveProblem(
                        _(
                            "{part} is not what its maker wrote (its SHA-256 differs from the "
                            "manifest's): it was altered or damaged on the way."
                        ).format(part=name)
                    )
                bodies[name] = member.data
    except archive.ArchiveProblem as exc:
        raise FileRefused(path, [str(exc)]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise FileRefused(
            path, [_("it is unreadable or damaged ({detail}).").format(detail=exc)]
        ) from None
    try:
        for name, body in bodies.items():
            if name != DATA:
                _check_table(name, body)
        text = bodies.pop(DATA).decode("utf-8")
        data = parse_json(text, DATA)
    except UnicodeDecodeError as exc:
        problem = _("{part} is not valid JSON ({detail}).").format(part=DATA, detail=exc)
        raise FileRefused(path, [problem]) from None
    except archive.ArchiveProblem as exc:
        raise FileRefused(path, [str(exc)]) from None
    if (
        not isinstance(data, dict)
        or data.get("format") != format_name
        or data.get("format_version") != manifest["format_version"]
    ):
        raise FileRefused(path, [_("its data is not in the format its manifest gives.")])
    check = Checker(DATA, limits, now)
    # Every control or override character a string could hold is either written as an escape
    # (a backslash) or there as itself: with neither, no text field needs looking at again.
    check.plain = "\\" not in text and not holds_refused(text)
    try:
        value = decode(check, data)
    except TooManyProblems:
        value = None
    if check.problems or value is None:
        raise FileRefused(path, [_place(DATA, p) for p in check.problems] or [_("no data.")])
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return value, manifest, digest.hexdigest(), size


def _agrees(path: Path, manifest: Mapping[str, Any], facts: Mapping[str, Any]) -> None:
    def same(key: str, value: object) -> bool:
        if key != "created_at":
            return manifest.get(key) == value
        try:
            return dt.datetime.fromisoformat(str(manifest.get(key))) == value
        except ValueError:
            return False

    wrong = [key for key, value in facts.items() if not same(key, value)]
    if wrong:
        raise FileRefused(
            path,
            [_("the manifest and the data disagree on {fields}.").format(fields=", ".join(wrong))],
        )


def read_submission_file(
    path: Path, *, now: dt.datetime, limits: Limits = DEFAULT_LIMITS
) -> ReceivedSubmission:
    """The submission in the file at ``path``, checked whole; FileRefused with every problem."""
    parts = (DATA, TABLES_PDF, TABLES_XLSX)
    sub, manifest, sha, size = _read(path, SUBMISSION_FORMAT, parts, read_submission, now, limits)
    facts = {
        "id": sub.submission_id,
        "kind": sub.submitter.kind.value,
        "credit_code": sub.submitter.credit_code,
        "period": sub.period,
        "created_at": sub.created_at,
    }
    _agrees(Path(path), manifest, facts)
    return ReceivedSubmission(Path(path), manifest, sha, size, sub)


def read_return_file(
    path: Path, *, now: dt.datetime, limits: Limits = DEFAULT_LIMITS
) -> ReceivedReturn:
    ret, manifest, sha, size = _read(
        path, RETURN_FORMAT, (DATA, NOTICE_PDF), read_return, now, limits
    )
    facts = {
        "id": ret.return_id,
        "kind": ret.bureau.kind.value,
        "credit_code": ret.bureau.credit_code,
        "period": ret.period,
        "created_at": ret.created_at,
    }
    _agrees(Path(path), manifest, facts)
    return ReceivedReturn(Path(path), manifest, sha, size, ret)
