"""What the bureau's checks read from the current agency records, as the values of
swdesk.domain.findings. Only current records count (a replaced one is history); the searches
for what two agencies share (a certificate number, a person in the same period) are done in
SQL, so a province's millions of rows come back as the few that matter.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from sqlite_utils import Database

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, Status, from_fen
from swdesk.domain.findings import (
    Agency,
    SeenCE,
    SeenCertificate,
    SeenClaim,
    SeenPayment,
    Spell,
)
from swdesk.domain.levels import Level
from swdesk.storage.staff import day

_CURRENT = "JOIN agency_records r ON r.id = {alias}.record_id AND r.current = 1"
# Value → member, looked up in a dict rather than by calling the enum for each of a
# province's rows.
_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}
_LEVELS = {lv.value: lv for lv in Level}


def _agency(row: dict) -> Agency:
    return Agency(row["agency_code"], row["agency_name"])


class _Amounts(dict[int, Decimal]):
    """Fen -> the amount in yuan, each worked out once: a province's claims are of a few
    amounts (those of the profile's awards), and a Decimal division for each was a fifth of
    reading them."""

    def __missing__(self, fen: int) -> Decimal:
        self[fen] = amount = from_fen(fen) or Decimal("0.00")
        return amount


class _Agencies(dict[tuple[str, str], Agency]):
    """One Agency value per agency: a check reads a row per claim and payment of a province."""

    def __missing__(self, key: tuple[str, str]) -> Agency:
        self[key] = agency = Agency(*key)
        return agency


def seen_claims(db: Database) -> list[SeenClaim]:
    """Every claim of every current record, with the person's civil-servant flag in that record
    and whether a bureau has decided not to approve it."""
    # Rows as tuples straight from the connection: after each receipt the checks read every
    # current claim, and a dict per row was most of the time it took.
    rows = db.conn.execute(
        f"""SELECT r.agency_code, r.agency_name, r.period, c.number, c.kind, c.award, c.level,
                   c.claim_key, c.id_number, c.name, c.amount_fen, c.status, c.submitted_on,
                   c.paid_on, COALESCE(p.civil_servant, 0) AS civil_servant,
                   EXISTS (SELECT 1 FROM claim_decisions d WHERE d.agency_code = r.agency_code
                           AND d.period = r.period AND d.claim_number = c.number) AS rejected
            FROM record_claims c {_CURRENT.format(alias="c")}
            LEFT JOIN record_people p ON p.record_id = c.record_id AND p.id_number = c.id_number
            ORDER BY r.period, r.agency_code, c.number"""
    )
    agencies = _Agencies()
    money = _Amounts()
    return [
        SeenClaim(
            agencies[code, name],
            period,
            number,
            _KINDS[kind],
            award,
            _LEVELS[level] if level else None,
            claim_key,
            id_number,
            person,
            money[amount_fen],
            _STATUSES[status],
            day(submitted_on),
            day(paid_on),
            bool(civil_servant),
            bool(rejected),
        )  # fmt: skip
        for (
            code,
            name,
            period,
            number,
            kind,
            award,
            level,
            claim_key,
            id_number,
            person,
            amount_fen,
            status,
            submitted_on,
            paid_on,
            civil_servant,
            rejected,
        ) in rows  # fmt: skip
    ]


def seen_payments(db: Database) -> list[SeenPayment]:
    """The level-award payments the current records report, whichever period they are of."""
    rows = db.conn.execute(
        f"""SELECT DISTINCT r.agency_code, r.agency_name, x.id_number, x.level, x.amount,
                   x.paid_on
            FROM record_payments x {_CURRENT.format(alias="x")}"""
    )
    agencies = _Agencies()
    return [
        SeenPayment(
            agencies[code, name],
            id_number,
            _LEVELS[level] if level else None,
            amount,
            dt.date.fromisoformat(paid_on),
        )  # fmt: skip
        for code, name, id_number, level, amount, paid_on in rows
    ]


def shared_certificates(db: Database) -> list[SeenCertificate]:
    """The certificates whose number (in any case) two or more identity numbers carry."""
    # The numbers first, from the certificates table alone (MIN and MAX differ exactly when a
    # number has two identity numbers, none being NULL, and cost less than a COUNT(DISTINCT)),
    # and only their rows joined to the people: a city's five years in 0.06 s instead of 0.17 s.
    # A number may come out whose second holder is in no people row of a record; the check
    # counts the holders of the rows it gets, so it finds what the one query over the join did.
    rows = db.query(
        f"""WITH twice AS (
                SELECT number_key FROM record_certificates
                WHERE record_id IN (SELECT id FROM agency_records WHERE current = 1)
                GROUP BY number_key HAVING MIN(id_number) <> MAX(id_number))
            SELECT x.number_key, x.number, x.id_number, r.agency_code, r.agency_name,
                   r.period, p.name
            FROM twice t JOIN record_certificates x ON x.number_key = t.number_key
            {_CURRENT.format(alias="x")}
            JOIN record_people p ON p.record_id = x.record_id AND p.id_number = x.id_number
            ORDER BY x.number_key, x.id_number"""
    )
    return [
        SeenCertificate(
            _agency(x), x["period"], x["id_number"], x["name"], x["number"], x["number_key"]
        )
        for x in rows
    ]


def shared_people(db: Database, periods: Iterable[int] | None = None) -> list[Spell]:
    """The staff spells of people whom two or more agencies list in the same period (of
    ``periods``; of every period when None)."""
    only = sorted(set(periods)) if periods is not None else None
    if only == []:
        return []
    where = "" if only is None else f"WHERE r.period IN ({','.join('?' * len(only))})"
    rows = db.query(
        f"""WITH cur AS (
                SELECT p.id_number, p.name, p.hire_date, p.leave_date, r.agency_code,
                       r.agency_name, r.period
                FROM record_people p {_CURRENT.format(alias="p")} {where})
            SELECT * FROM cur WHERE (period, id_number) IN (
                SELECT period, id_number FROM cur GROUP BY period, id_number
                HAVING COUNT(DISTINCT agency_code) > 1)
            ORDER BY period, id_number, agency_code""",
        only or [],
    )
    return [
        Spell(
            _agency(x),
            x["period"],
            x["id_number"],
            x["name"],
            day(x["hire_date"]),
            day(x["leave_date"]),
        )  # fmt: skip
        for x in rows
    ]


def seen_ce_results(db: Database) -> Iterator[SeenCE]:
    """Every CE result of every current record, one at a time (a province has a million)."""
    rows = db.query(
        f"""SELECT x.*, r.agency_code, r.agency_name, r.period AS record_period,
                   COALESCE(p.name, '') AS name
            FROM record_ce_results x {_CURRENT.format(alias="x")}
            LEFT JOIN record_people p ON p.record_id = x.record_id AND p.id_number = x.id_number"""
    )
    for x in rows:
        yield SeenCE(
            _agency(x), x["record_period"], x["id_number"], x["name"], ce.Status(x["status"]),
            x["requirement"], Level(x["level"]) if x["level"] else None, x["required"],
            json.loads(x["hours"]), json.loads(x["counted"]), x["carried_over"], x["total"],
            day(x["period_start"]), day(x["period_end"]), dt.date.fromisoformat(x["as_of"]),
        )  # fmt: skip
