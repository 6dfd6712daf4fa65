"""Finding profile files and reading them: the agency's own folder before the shipped one, TOML
parsed, and a profile that ``extends`` another merged onto it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from swdesk.i18n import _
from swdesk.paths import policy_dirs
from swdesk.policies.reader import ProfileError


def search_folders(folder: Path | None = None) -> list[Path]:
    """``folder`` alone when given, else the agency's own profiles, then the shipped ones."""
    return [folder] if folder else policy_dirs()


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(path, "-", _("not valid TOML: {error}").format(error=exc)) from None
    except OSError as exc:
        raise ProfileError(path, "-", str(exc)) from None


def is_abstract(path: Path) -> bool:
    """A profile only to be extended (``national``), never an agency's own."""
    return bool(read_toml(path).get("abstract"))


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys override the base; tables merge; ce.requirements and clauses accumulate."""
    merged = dict(base)
    for key, value in child.items():
        if key in ("id", "extends"):
            merged[key] = value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "awards":
            merged[key] = merge(merged[key], value)
        elif key == "requirements" and isinstance(merged.get(key), list):
            merged[key] = list(merged[key]) + list(value)
        else:
            merged[key] = value
    return merged


def _parent_path(path: Path, parent: str) -> Path:
    beside = path.with_name(f"{parent}.toml")
    if beside.is_file():
        return beside
    # A profile of the agency's own may build on a shipped one (usually "national").
    found = [d / f"{parent}.toml" for d in policy_dirs() if (d / f"{parent}.toml").is_file()]
    if not found:
        raise ProfileError(path, "extends", _("no profile {id} beside this file").format(id=parent))
    return found[0]


def read_with_parents(path: Path, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """The profile at ``path`` merged onto the profiles it extends, nearest last."""
    data = read_toml(path)
    parent = data.get("extends")
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(path, "extends", _("expected the id of another profile"))
    if parent in seen:
        raise ProfileError(path, "extends", _("profiles extend each other in a circle"))
    base = read_with_parents(_parent_path(path, parent), (*seen, data.get("id", path.stem)))
    base.pop("abstract", None)
    return merge(base, data)
