"""Policy profiles from their TOML files: found (the agency's own folder before the shipped one),
read, merged onto the profile they ``extends`` and checked — a malformed profile is refused with
the file, the key and what is wrong. The values they become live in swdesk.domain.profiles; the
domain itself never reads a file.

    find_profile("fangchenggang-2023")     the profile of that id
    available_profiles()                    every profile an agency may choose
    load_profile(path)                      one file
    profile_version(profile)                what its files say, as a short fingerprint
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from swdesk.domain.errors import SwdeskError
from swdesk.domain.profiles import Profile
from swdesk.i18n import _
from swdesk.policies.files import is_abstract, read_with_parents, search_folders
from swdesk.policies.reader import ProfileError
from swdesk.policies.tables import build_profile

__all__ = [
    "ProfileError",
    "available_profiles",
    "find_profile",
    "load_profile",
    "profile_version",
]


def load_profile(path: Path | str) -> Profile:
    path = Path(path)
    return build_profile(path, read_with_parents(path))


def available_profiles(folder: Path | None = None) -> list[Profile]:
    """Every loadable, non-abstract profile: in ``folder``, or else the agency's own folder and
    the shipped ones (an own profile of the same id wins)."""
    seen: dict[str, Profile] = {}
    for place in search_folders(folder):
        for path in sorted(place.glob("*.toml")):
            if path.stem in seen or is_abstract(path):
                continue
            seen[path.stem] = load_profile(path)
    return sorted(seen.values(), key=lambda p: p.id)


def find_profile(profile_id: str, folder: Path | None = None) -> Profile:
    for place in search_folders(folder):
        path = place / f"{profile_id}.toml"
        if path.is_file():
            return load_profile(path)
    known = ", ".join(p.id for p in available_profiles(folder))
    raise SwdeskError(
        _("There is no policy profile {id}. Known profiles: {known}.").format(
            id=profile_id, known=known
        )
    )


def profile_version(profile: Profile) -> str:
    """A fingerprint of everything the profile's files say (with what it ``extends``): two
    agencies on the same id but different amounts or clauses show different versions."""
    if not profile.path:
        return ""
    data = read_with_parents(Path(profile.path))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
