"""Which policy profile an agency's address points to: a profile is named after its place and
year (防城港市（2023）, 北京市（2017）), and an address names the place (广西防城港市港口区…,
北京市朝阳区…). An address goes from the province down, so the place named furthest into it is
the most particular (东兴市 inside 防城港市: Dongxing's own profile, if there is one), and the
agency form proposes the profile of where the agency is."""

from __future__ import annotations

import re
from collections.abc import Iterable

_YEAR = re.compile(r"[（(].*?[)）]")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "县", "区", "盟", "旗")


def place_of(profile_name: str) -> str:
    """The place a profile is named after, without its year and the word 市/省/县:
    ``防城港市（2023）`` → ``防城港``."""
    place = _YEAR.sub("", profile_name).strip()
    for suffix in _SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


def profile_for_address(address: str, profiles: Iterable[tuple[str, str]]) -> str | None:
    """The id of the profile, among ``(id, name)`` pairs, whose place the address names; None
    when it names none of them."""
    text = "".join(address.split())
    best: tuple[int, int, str] | None = None
    for profile_id, name in profiles:
        place = place_of(name)
        where = text.find(place) if len(place) >= 2 else -1
        if where >= 0 and (best is None or (where, len(place)) > best[:2]):
            best = (where, len(place), profile_id)
    return best[2] if best else None
