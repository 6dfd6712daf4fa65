"""A record's CE hours are kept as the text they came as, even where the same sets of hours
are written once for many results."""

from __future__ import annotations

import json

from swdesk.storage.submissions import _hours_text


def test_hours_are_written_as_they_came() -> None:
    for hours in (
        {"face_to_face": 5.0, "online": 1.5},
        {"online": 1.5, "face_to_face": 5.0},
        {"face_to_face": 5},
        {"face_to_face": -0.0},
        {"face_to_face": 0.0},
        {},
    ):
        for _again in range(2):
            assert _hours_text(hours) == json.dumps(hours)


def test_equal_keys_of_another_kind_are_not_taken_for_each_other() -> None:
    assert _hours_text({"online": 5.0}) == '{"online": 5.0}'
    assert _hours_text({"online": 5}) == '{"online": 5}'
    assert _hours_text({"online": 0.0}) == '{"online": 0.0}'
    assert _hours_text({"online": -0.0}) == '{"online": -0.0}'
