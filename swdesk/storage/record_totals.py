"""The sums of the bureau's tables, counted in SQL over the current records of a period: per
record, and in total with every person counted once (their highest certificate over all their
records; their CE result in the record of the agency that hired them last)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlite_utils import Database

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, Status, from_fen
from swdesk.domain.bureau_summary import ZERO, ClaimKey, ClaimTotals
from swdesk.domain.levels import Level

_OF_PERIOD = "record_id IN (SELECT id FROM agency_records WHERE period = :period AND current = 1)"
_RANKS = " ".join(f"WHEN '{level.value}' THEN {level.rank}" for level in Level)
_BY_RANK = {level.rank: level for level in Level}


def people(db: Database, period: int) -> tuple[dict[int, int], int]:
    """People listed per record, and how many different people in all."""
    per = {
        r["record_id"]: r["n"]
        for r in db.query(
            f"SELECT record_id, COUNT(*) AS n FROM record_people WHERE {_OF_PERIOD} "
            "GROUP BY record_id",
            {"period": period},
        )
    }
    total = db.execute(
        f"SELECT COUNT(DISTINCT id_number) FROM record_people WHERE {_OF_PERIOD}",
        {"period": period},
    ).fetchone()[0]
    return per, total


def holders(
    db: Database, period: int, as_of: dt.date
) -> tuple[dict[int, dict[Level, int]], dict[Level, int]]:
    """People on the staff on ``as_of`` by the highest certificate they held then: per record,
    and in total (each person once, by their highest in any record)."""
    query = f"""
        SELECT p.record_id, p.id_number, MAX(CASE c.level {_RANKS} END) AS top
        FROM record_people p JOIN record_certificates c
             ON c.record_id = p.record_id AND c.id_number = p.id_number AND c.obtained_on <= :day
        WHERE p.{_OF_PERIOD} AND (p.hire_date IS NULL OR p.hire_date <= :day)
              AND (p.leave_date IS NULL OR p.leave_date > :day)
        GROUP BY p.record_id, p.id_number"""
    per: dict[int, dict[Level, int]] = defaultdict(dict)
    best: dict[str, int] = {}
    for r in db.query(query, {"period": period, "day": as_of.isoformat()}):
        level = _BY_RANK[r["top"]]
        per[r["record_id"]][level] = per[r["record_id"]].get(level, 0) + 1
        best[r["id_number"]] = max(best.get(r["id_number"], 0), r["top"])
    total: dict[Level, int] = {}
    for rank in best.values():
        total[_BY_RANK[rank]] = total.get(_BY_RANK[rank], 0) + 1
    return dict(per), total


def ce_counts(
    db: Database, period: int
) -> tuple[dict[int, dict[ce.Status, int]], dict[ce.Status, int]]:
    per: dict[int, dict[ce.Status, int]] = defaultdict(dict)
    for r in db.query(
        f"SELECT record_id, status, COUNT(*) AS n FROM record_ce_results WHERE {_OF_PERIOD} "
        "GROUP BY record_id, status",
        {"period": period},
    ):
        per[r["record_id"]][ce.Status(r["status"])] = r["n"]
    total: dict[ce.Status, int] = {}
    for r in db.query(
        f"""SELECT status, COUNT(*) AS n FROM (
                SELECT x.status, ROW_NUMBER() OVER (
                    PARTITION BY x.id_number
                    ORDER BY COALESCE(p.hire_date, '') DESC, x.record_id DESC) AS pick
                FROM record_ce_results x LEFT JOIN record_people p
                     ON p.record_id = x.record_id AND p.id_number = x.id_number
                WHERE x.{_OF_PERIOD})
            WHERE pick = 1 GROUP BY status""",
        {"period": period},
    ):
        total[ce.Status(r["status"])] = r["n"]
    return dict(per), total


def claims(db: Database, period: int) -> dict[int, dict[ClaimKey, ClaimTotals]]:
    """Claims of each record by kind and level; a claim a bureau decided not to approve counts
    as not approved, whatever the agency's record says."""
    query = f"""
        SELECT c.record_id, c.kind, c.level, c.status, c.amount_fen, c.paid_fen,
               EXISTS (SELECT 1 FROM claim_decisions d JOIN agency_records r ON r.id = c.record_id
                       WHERE d.agency_code = r.agency_code AND d.period = r.period
                       AND d.claim_number = c.number) AS refused
        FROM record_claims c WHERE c.{_OF_PERIOD}"""
    per: dict[int, dict[ClaimKey, ClaimTotals]] = defaultdict(dict)
    for r in db.query(query, {"period": period}):
        status = Status(r["status"])
        refused = bool(r["refused"]) or status is Status.REJECTED
        asked = from_fen(r["amount_fen"]) or ZERO
        approved = asked if status in (Status.APPROVED, Status.PAID) and not refused else ZERO
        paid = from_fen(r["paid_fen"]) or ZERO
        line = ClaimTotals(1, asked, approved, paid, int(refused), ZERO if refused else asked)
        key = (Kind(r["kind"]), Level(r["level"]) if r["level"] else None)
        bucket = per[r["record_id"]]
        bucket[key] = bucket.get(key, ClaimTotals()) + line
    return dict(per)
