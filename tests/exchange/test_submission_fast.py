"""The written-out reader of a record's people, CE results and claims (``submission_fast``)
against the generic one (``submission_reader``): on a valid item both give the same value, and
on an item with any field made wrong the fast one gives up, so that the generic one keeps the
problems with their places. A file with a fault is then refused exactly as before."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from decimal import Decimal

import pytest
from bureau_kit import id_number, level_claim, staff

from swdesk.domain.applications import Kind, Status
from swdesk.domain.awards import Payment
from swdesk.domain.ce_compliance import Status as CEStatus
from swdesk.domain.levels import Level
from swdesk.domain.submission import CEResult, Certificate, Claim, ClaimStep, Grade, Person
from swdesk.exchange import submission_fast as fast
from swdesk.exchange import submission_reader as generic
from swdesk.exchange.json_checks import Checker, TooManyProblems
from swdesk.exchange.submission_json import _ce_data, _claim_data, _person_data

NOW = dt.datetime(2026, 11, 21, 10, tzinfo=dt.UTC)

PERSON = Person(
    id_number(7),
    "王丽华",
    "M",
    dt.date(1990, 1, 1),
    dt.date(2020, 1, 1),
    dt.date(2026, 5, 1),
    False,
    dt.date(2018, 3, 1),
    (
        Certificate("GX00000007A", Level.ASSISTANT, dt.date(2019, 6, 20)),
        Certificate(
            "GX00000007S",
            Level.SOCIAL_WORKER,
            dt.date(2022, 6, 20),
            dt.date(2022, 7, 1),
            "广西民政厅",
        ),  # fmt: skip
    ),
    Grade("A3", "助理社工师", "Assistant social worker"),
    (Payment(3000, dt.date(2023, 4, 1), Level.SOCIAL_WORKER), Payment(500, dt.date(2020, 4, 1))),
)
RESULT = CEResult(
    id_number(7),
    "calendar_year",
    "FCG-2023 (九)",
    dt.date(2026, 1, 1),
    dt.date(2026, 12, 31),
    dt.date(2026, 11, 21),
    Level.SOCIAL_WORKER,
    24.0,
    {"face_to_face": 20.0, "online": 12.5},
    {"face_to_face": 20.0, "online": 8.0},
    2.0,
    30.0,
    0.0,
    CEStatus.ON_PACE,
)
CLAIM = level_claim("2026-0001", staff(7, "王丽华"), 3000, status="paid")
CLAIM_OTHER = Claim(
    "2026-0002",
    Kind.EXAM_REIMBURSEMENT,
    "exam_fee",
    None,
    id_number(7),
    "王丽华",
    Decimal("150.50"),
    Status.SUBMITTED,
    dt.date(2026, 3, 2),
    "2026",
    "FCG-2023 (十)",
    {"exam_year": "2026"},
    (ClaimStep(Status.DRAFT, dt.date(2026, 3, 1)),
     ClaimStep(Status.SUBMITTED, dt.date(2026, 3, 2), reason="补交")),
)  # fmt: skip

# What a field may be made into: wrong types, wrong shapes, edge values of each kind.
WRONG: list[object] = [
    None, "", " ", "x" * 61, "y" * 201, "z" * 2001, 0, -1, 1, 2.5, -0.0, 100_000, 100_001,
    10**30, float("nan"), float("inf"), True, False, [], {}, ["a"], {"a": 1}, "M", "F", "X",
    "2026-13-01", "2026-02-30", "2026-W01-1", "20260101", "1899-12-31", "2026-01-01",
    "2026-01-01T00:00", "2019-06-30", "2022-06-01", "2026-06-01", "2026-02-28", "assistant", "senior", "social_worker", "submitted", "paid", "draft",
    "withdrawn", "approved", "met", "behind", "not_required", "level_award", "agency_subsidy",
    "1000.00", "1000", "1000.001", "-1.00", " 100.00 ", "NaN", "Infinity", "1e3", "2000000.00",
    "GX 1", "GX1", id_number(8), id_number(7), id_number(7).lower(), "face_to_face",
    {"face_to_face": 1.0}, {"bogus": 1.0}, {"online": -1.0}, {"online": True},
    {f"k{i}": "v" for i in range(20)}, {f"k{i}": "v" for i in range(21)}, {"k" * 41: "v"},
]  # fmt: skip


def _variants(data: dict, path: tuple = ()) -> list[dict]:
    """``data`` with one field at a time (nested ones too) made wrong, removed, or an extra
    field added."""
    out = []
    for key, value in data.items():
        for wrong in WRONG:
            out.append(_set(data, (*path, key), wrong))
        out.append(_drop(data, (*path, key)))
        if isinstance(value, dict):
            out += [_set(data, (*path, key), v) for v in _variants(value)]
        if isinstance(value, list):
            for n in (10, 11, 20, 21):  # the most a list may hold, and one more
                out.append(_set(data, (*path, key), (value[-1:] or [None]) * n))
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    for v in _variants(item):
                        changed = copy.deepcopy(value)
                        changed[i] = v
                        out.append(_set(data, (*path, key), changed))
                for wrong in WRONG:
                    changed = copy.deepcopy(value)
                    changed[i] = wrong
                    out.append(_set(data, (*path, key), changed))
    out.append({**copy.deepcopy(data), "extra": 1})
    return out


def _set(data: dict, path: tuple, value: object) -> dict:
    out = copy.deepcopy(data)
    *head, last = path
    target = out
    for key in head:
        target = target[key]
    target[last] = copy.deepcopy(value)
    return out


def _drop(data: dict, path: tuple) -> dict:
    out = copy.deepcopy(data)
    *head, last = path
    target = out
    for key in head:
        target = target[key]
    del target[last]
    return out


def _checker() -> Checker:
    c = Checker("data.json", now=NOW)
    c.plain = True
    return c


READERS = [
    ("person", fast.person, generic._person, _person_data(PERSON)),
    ("person, plain", fast.person, generic._person, _person_data(staff(9, "李明"))),
    ("CE result", fast.ce_result, generic._ce_result, _ce_data(RESULT)),
    ("claim, paid", fast.claim, generic._claim, _claim_data(CLAIM)),
    ("claim, exam", fast.claim, generic._claim, _claim_data(CLAIM_OTHER)),
]


@pytest.mark.parametrize(("what", "quick", "slow", "data"), READERS, ids=[r[0] for r in READERS])
def test_a_valid_item_is_read_alike(what, quick, slow, data) -> None:
    c = _checker()
    expected = slow(c, data, "records[0].x")
    assert c.problems == []
    assert quick(_checker(), data) == expected


@pytest.mark.parametrize(("what", "quick", "slow", "data"), READERS, ids=[r[0] for r in READERS])
def test_an_item_made_wrong_is_left_to_the_generic_reader(what, quick, slow, data) -> None:
    variants = _variants(data)
    assert len(variants) > 500
    accepted = refused = 0
    for variant in variants:
        c = _checker()
        try:
            expected = slow(c, copy.deepcopy(variant), "records[0].x")
        except TooManyProblems:
            expected = None
        try:
            got = quick(_checker(), copy.deepcopy(variant))
        except Exception:  # any doubt is the fast reader's way of saying no
            refused += 1
            continue
        # Taken by the fast reader: then the generic one found nothing wrong, and reads the same.
        assert c.problems == [], (variant, c.problems)
        assert got == expected, variant
        assert repr(got) == repr(expected), variant  # -0.0 and 0.0 are equal, not alike
        accepted += 1
    assert refused > 0 and accepted > 0


def test_a_file_with_a_fault_among_many_valid_people_names_it_in_its_place() -> None:
    from bureau_kit import record

    from swdesk.exchange.submission_json import record_to_data

    people = [staff(n, f"员工{n}") for n in range(1, 40)]
    data = record_to_data(record(3, people))
    data["people"][17]["birth_date"] = "1990-02-30"
    data["people"][30]["civil_servant"] = "no"
    c = _checker()
    generic.read_record(c, data, "records[0]")
    assert [where for where, _what in c.problems] == [
        "records[0].people[17].birth_date",
        "records[0].people[30].civil_servant",
    ]


def test_every_wrong_value_is_tried_on_every_field() -> None:
    # The fields of each kind of item, each made into every wrong value: none is left out.
    keys = set(itertools.chain.from_iterable(r[3] for r in READERS))
    assert {"id_number", "birth_date", "hours", "steps", "amount", "certificates"} <= keys
