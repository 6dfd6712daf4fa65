"""The bureau's CE sums check judges results alike in their figures once: each finding keeps its
own agency and person, and a profile that says otherwise is judged under its own word."""

from __future__ import annotations

import dataclasses
import datetime as dt

from swdesk.domain import ce_compliance as ce
from swdesk.domain.findings import Agency, SeenCE
from swdesk.domain.levels import Level
from swdesk.domain.record_checks import ce_sums
from swdesk.i18n.reasons import describe
from swdesk.policies import find_profile

PROFILE = find_profile("fangchenggang-2023")
ANNUAL = next(q for q in PROFILE.ce_requirements if q.period == "calendar_year")


def _seen(code: str, id_number: str, name: str, total: float, status: ce.Status) -> SeenCE:
    return SeenCE(
        Agency(code, f"机构{code}"), 2026, id_number, name, status, ANNUAL.id,
        Level.SOCIAL_WORKER, ANNUAL.hours_for(Level.SOCIAL_WORKER), {"face_to_face": total},
        {"face_to_face": total}, 0.0, total, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
        dt.date(2026, 12, 31),
    )  # fmt: skip


def test_results_alike_in_figures_each_keep_their_own_agency_and_person() -> None:
    wrong = [
        _seen("A1", "450602199001011234", "黄丽华", 10.0, ce.Status.MET),
        _seen("B2", "450602199202021236", "梁伟", 10.0, ce.Status.MET),
    ]
    right = _seen("C3", "450602199303031238", "何倩", 10.0, ce.Status.BEHIND)
    found = ce_sums([*wrong, right], PROFILE)
    assert [(f.agencies[0].code, f.people[0][1]) for f in found] == [
        ("A1", "黄丽华"),
        ("B2", "梁伟"),
    ]
    assert [f.key for f in found] == [
        "ce_sums:A1:2026:450602199001011234",
        "ce_sums:B2:2026:450602199202021236",
    ]
    assert all("Met" in describe(f.reason) and "Behind" in describe(f.reason) for f in found)
    assert ce_sums([*wrong, right], PROFILE) == found


def test_a_profile_that_requires_otherwise_is_judged_under_its_own_hours() -> None:
    met = _seen("A1", "450602199001011234", "黄丽华", 60.0, ce.Status.MET)
    assert ce_sums([met], PROFILE) == []
    # The same requirement id, asking for more: the answer judged under the first is not reused.
    stricter = dataclasses.replace(ANNUAL, hours=500.0)
    found = ce_sums([met], dataclasses.replace(PROFILE, ce_requirements=(stricter,)))
    assert len(found) == 1 and "500" in describe(found[0].reason)
