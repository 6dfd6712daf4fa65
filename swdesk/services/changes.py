"""What an operation changed, named the way the views think of it (Anki's OpChanges idea).

A page shows staff, certificates, training, applications…; it repaints when an operation touched
one of those *areas*, never because of the name of a table. The map from tables to areas is kept
here, once, for the undo log, which finds out from the rows it restores what an undo changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from swdesk.domain.reasons import Reason


class Area(StrEnum):
    STAFF = "staff"  # people and their details
    CREDENTIALS = "credentials"  # certificates and their registration
    GRADES = "grades"  # post-grade appointments
    TRAINING = "training"  # events, attendees and their hours
    APPLICATIONS = "applications"  # applications and the steps of their life
    AWARDS = "awards"  # award payments and the agency's honours
    ATTACHMENTS = "attachments"  # scans, receipts and documents
    INTERNS = "interns"  # the interns of an employment-practice base
    SETTINGS = "settings"  # the agency's (or bureau's) details and profile, the password, …
    SUBMISSIONS = "submissions"  # a bureau's: its units, deadlines and the files received
    FINDINGS = "findings"  # a bureau's: the findings of its checks and its decisions on claims


EVERYTHING = frozenset(Area)

# The tables of the data file by the area they belong to. A table this map does not know (one a
# later migration adds) counts as every area: a page repaints once too often, never too seldom.
TABLE_AREAS: dict[str, Area] = {
    "staff": Area.STAFF,
    "staff_photos": Area.STAFF,
    "credentials": Area.CREDENTIALS,
    "registrations": Area.CREDENTIALS,
    "grade_appointments": Area.GRADES,
    "training_events": Area.TRAINING,
    "attendance": Area.TRAINING,
    "applications": Area.APPLICATIONS,
    "application_steps": Area.APPLICATIONS,
    "award_payments": Area.AWARDS,
    "agency_honours": Area.AWARDS,
    "attachments": Area.ATTACHMENTS,
    "interns": Area.INTERNS,
    "agency": Area.SETTINGS,
    "settings": Area.SETTINGS,
    "bureau": Area.SETTINGS,
    "reporting_units": Area.SUBMISSIONS,
    "period_deadlines": Area.SUBMISSIONS,
    "received_files": Area.SUBMISSIONS,
    "agency_records": Area.SUBMISSIONS,
    "record_paths": Area.SUBMISSIONS,
    "record_people": Area.SUBMISSIONS,
    "record_certificates": Area.SUBMISSIONS,
    "record_payments": Area.SUBMISSIONS,
    "record_ce_results": Area.SUBMISSIONS,
    "record_claims": Area.SUBMISSIONS,
    "findings": Area.FINDINGS,
    "claim_decisions": Area.FINDINGS,
}


def areas_of(names: Iterable[Area | str]) -> frozenset[Area]:
    """Areas for areas, area names or table names (see TABLE_AREAS)."""
    out: set[Area] = set()
    for name in names:
        if isinstance(name, Area):
            out.add(name)
        elif name in TABLE_AREAS:
            out.add(TABLE_AREAS[name])
        elif name in Area.__members__.values():
            out.add(Area(name))
        else:
            out |= EVERYTHING
    return frozenset(out)


@dataclass(frozen=True)
class UndoEntry:
    """The step an operation left in the undo history: its number and what the menu calls it (a
    key and values, worded when shown, in the language of that moment)."""

    id: int
    label: Reason


@dataclass(frozen=True)
class Changes:
    areas: frozenset[Area] = frozenset()
    staff_ids: frozenset[int] = frozenset()
    message: str = ""
    created_id: int | None = None
    undo: UndoEntry | None = None  # None: nothing to undo (a read, a password, a nested call)

    @classmethod
    def of(
        cls,
        areas: Iterable[Area | str],
        staff_ids: Iterable[int] = (),
        message: str = "",
        created_id: int | None = None,
        undo: UndoEntry | None = None,
    ) -> Changes:
        return cls(areas_of(areas), frozenset(staff_ids), message, created_id, undo)

    def touches(self, areas: Iterable[Area]) -> bool:
        return not self.areas.isdisjoint(areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.areas | other.areas,
            self.staff_ids | other.staff_ids,
            "\n".join(m for m in (self.message, other.message) if m),
            other.created_id if other.created_id is not None else self.created_id,
            other.undo or self.undo,
        )
