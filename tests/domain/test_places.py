"""The profile an address points to, by the place each profile is named after."""

from __future__ import annotations

from swdesk.domain.places import place_of, profile_for_address

PROFILES = [
    ("beijing-2017", "北京市（2017）"),
    ("fangchenggang-2023", "防城港市（2023）"),
    ("dongxing-2024", "东兴市（2024）"),
]


def test_the_place_of_a_profile() -> None:
    assert place_of("防城港市（2023）") == "防城港"
    assert place_of("北京市（2017）") == "北京"
    assert place_of("广西壮族自治区(2020)") == "广西壮族"


def test_an_address_points_to_its_places_profile() -> None:
    assert profile_for_address("广西防城港市港口区渔洲坪街道", PROFILES) == "fangchenggang-2023"
    assert profile_for_address("北京市 朝阳区 建国路 88 号", PROFILES) == "beijing-2017"
    # A county-level city inside Fangchenggang with a profile of its own: the place named
    # furthest into the address is where the agency is.
    assert profile_for_address("防城港市东兴市东兴镇", PROFILES) == "dongxing-2024"
    assert profile_for_address("防城港市港口区", PROFILES[:2]) == "fangchenggang-2023"
    assert profile_for_address("东兴市东兴镇", PROFILES) == "dongxing-2024"


def test_an_address_of_no_known_place_points_to_none() -> None:
    assert profile_for_address("", PROFILES) is None
    assert profile_for_address("南宁市青秀区", PROFILES) is None
