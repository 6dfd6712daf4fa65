"""What a bureau has received: the files (``received_files``, ``record_paths``) and the agency
records they brought with everything in them (``agency_records`` and its ``record_*`` rows) ⇄
the values of swdesk.domain.submission, read back exactly as they came so a bureau passes its
agencies' records up unchanged.

Every function works inside the caller's transaction; none writes the audit log. A record's
rows are written with one ``executemany`` per table: a province receives millions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from swdesk.domain import ce_compliance as ce
from swdesk.domain.applications import Kind, Status, from_fen, to_fen
from swdesk.domain.awards import Payment
from swdesk.domain.levels import Level
from swdesk.domain.reasons import Reason
from swdesk.domain.submission import (
    AgencyRecord,
    CEResult,
    Certificate,
    Claim,
    ClaimStep,
    Grade,
    Person,
    Unit,
    UnitKind,
)
from swdesk.domain.text import code_key
from swdesk.storage.staff import day, iso

_CHUNK = 500


def utc_text(moment: dt.datetime) -> str:
    """A time as text that sorts in time order whatever offset it was written with."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


@contextlib.contextmanager
def receipt_cache(db: Database, mib: int = 64) -> Iterator[None]:
    """A page cache of ``mib`` MiB on the connection while a receipt writes (SQLite's own is
    2 MiB): the indexes the checks need (identity numbers, certificate numbers) take rows in no
    order, and a city's year touches more of their pages than the small cache holds, so each
    was read back from the file again (measured: the writes about 15 % faster for a city)."""
    before = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    db.conn.execute(f"PRAGMA cache_size = {-1024 * int(mib)}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {int(before)}")


# ---------------------------------------------------------------- files


def _one(db: Database, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
    """The first row of a read, straight from the connection: a receipt asks a few of these for
    each of its thousands of records, and sqlite-utils wraps each in a savepoint."""
    cursor = db.conn.execute(sql, params)
    row = cursor.fetchone()
    return None if row is None else dict(zip([d[0] for d in cursor.description], row, strict=True))


def file_row(db: Database, file_id: str) -> dict[str, Any] | None:
    return _one(db, "SELECT * FROM received_files WHERE file_id = ? LIMIT 1", [file_id])


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """One row by plain SQL: a receipt writes thousands, and sqlite-utils looks the table up
    again for each."""
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid)


def insert_file(db: Database, row: dict[str, Any]) -> int:
    return _insert(db, "received_files", row)


def set_file_attachment(db: Database, file_row_id: int, attachment_id: int) -> None:
    db.execute(
        "UPDATE received_files SET attachment_id = ? WHERE id = ?", [attachment_id, file_row_id]
    )


def files_of_period(db: Database, period: int) -> list[dict[str, Any]]:
    """Every file received for ``period``, oldest first, with the name of who sent it."""
    return list(
        db.query(
            """SELECT f.*, u.credit_code, u.name AS unit_name, u.kind AS unit_kind
               FROM received_files f JOIN reporting_units u ON u.id = f.unit_id
               WHERE f.period = ? ORDER BY f.received_at, f.id""",
            [period],
        )
    )


def latest_files(db: Database, period: int) -> dict[int, dict[str, Any]]:
    """Reporting unit id → its latest file for ``period``."""
    out: dict[int, dict[str, Any]] = {}
    for row in files_of_period(db, period):
        out[row["unit_id"]] = row
    return out


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class RecordRow:
    """An agency record as the lists show it (its contents are read with ``load_records``)."""

    id: int
    submission_id: str
    agency_code: str
    agency_name: str
    period: int
    created_at: str
    file_id: int
    via: str
    current: bool
    replaced_by: int | None
    people: int
    claims: int


def _record_row(r: dict[str, Any]) -> RecordRow:
    return RecordRow(
        r["id"], r["submission_id"], r["agency_code"], r["agency_name"], r["period"],
        r["created_at"], r["file_id"], r["via"], bool(r["current"]), r["replaced_by"],
        r["people"], r["claims"],
    )  # fmt: skip


def record_with_submission(db: Database, submission_id: str) -> RecordRow | None:
    row = _one(db, "SELECT * FROM agency_records WHERE submission_id = ? LIMIT 1", [submission_id])
    return _record_row(row) if row else None


def current_record(db: Database, agency_code: str, period: int) -> tuple[RecordRow, str] | None:
    """The record that counts for the agency and period, with its ``created_utc``."""
    row = _one(
        db,
        "SELECT * FROM agency_records WHERE agency_code = ? AND period = ? AND current = 1 LIMIT 1",
        [agency_code, period],
    )
    return (_record_row(row), row["created_utc"]) if row else None


def records(
    db: Database, period: int | None = None, *, current_only: bool = True
) -> list[RecordRow]:
    where, params = [], []
    if period is not None:
        where.append("period = ?")
        params.append(period)
    if current_only:
        where.append("current = 1")
    rows = db["agency_records"].rows_where(
        " AND ".join(where) or None, params, order_by="agency_name, period, created_utc"
    )
    return [_record_row(r) for r in rows]


def periods(db: Database) -> list[int]:
    return [r["period"] for r in db.query("SELECT DISTINCT period FROM agency_records ORDER BY 1")]


def add_path(db: Database, record_id: int, file_row_id: int) -> None:
    db.execute(
        "INSERT OR IGNORE INTO record_paths (record_id, file_id) VALUES (?, ?)",
        [record_id, file_row_id],
    )


def retire(db: Database, record_id: int) -> None:
    """The record no longer counts: a newer one of its agency and period is coming in."""
    db.execute("UPDATE agency_records SET current = 0 WHERE id = ?", [record_id])


def set_replaced_by(db: Database, record_id: int, newer_id: int) -> None:
    db.execute("UPDATE agency_records SET replaced_by = ? WHERE id = ?", [newer_id, record_id])


@dataclass(frozen=True)
class RecordRows:
    """A record as the rows it is stored in, made without the database (a worker process makes
    them while the receiving one writes), each row without its ``record_id``."""

    head: dict[str, Any]  # agency_records, without file_id, via, current and replaced_by
    people: list[tuple[Any, ...]]
    certificates: list[tuple[Any, ...]]
    payments: list[tuple[Any, ...]]
    ce_results: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]


_HOURS_TEXT: dict[tuple[tuple[str, float], ...], str] = {}


def _hours_text(hours: Mapping[str, float]) -> str:
    """Hours by form as the JSON they are kept in. A city's 200,000 results share a few
    thousand sets of hours, each written once: only sets of floats none of which is zero are
    kept (0.0 and -0.0, 5 and 5.0 are one key, not one text)."""
    items = tuple(hours.items())
    if not all(type(h) is float and h for _form, h in items):
        return json.dumps(dict(items))
    text = _HOURS_TEXT.get(items)
    if text is None:
        if len(_HOURS_TEXT) >= 50_000:
            _HOURS_TEXT.clear()
        _HOURS_TEXT[items] = text = json.dumps(dict(items))
    return text


def record_rows(record: AgencyRecord) -> RecordRows:
    """The rows ``record`` is stored in."""
    a = record.agency
    head = {
        "submission_id": record.submission_id,
        "agency_code": a.credit_code,
        "agency_name": a.name,
        "address": a.address,
        "contact_person": a.contact_person,
        "phone": a.phone,
        "profile_id": a.profile_id,
        "profile_version": a.profile_version,
        "period": record.period,
        "created_at": record.created_at.isoformat(),
        "created_utc": utc_text(record.created_at),
        "program_version": record.program_version,
        "people": len(record.people),
        "claims": len(record.claims),
    }
    people = [
        (
            p.id_number,
            p.name,
            p.sex,
            p.birth_date.isoformat(),
            iso(p.hire_date),
            iso(p.leave_date),
            int(p.civil_servant),
            iso(p.social_work_since),
            p.grade.code if p.grade else None,
            p.grade.name if p.grade else None,
            p.grade.name_en if p.grade else None,
        )  # fmt: skip
        for p in record.people
    ]
    certificates = [
        (
            p.id_number,
            c.number,
            code_key(c.number),
            c.level.value,
            c.obtained_on.isoformat(),
            iso(c.registered_on),
            c.issuing_body,
        )  # fmt: skip
        for p in record.people
        for c in p.certificates
    ]
    payments = [
        (p.id_number, x.level.value if x.level else None, x.amount, x.paid_on.isoformat())
        for p in record.people
        for x in p.paid
    ]
    dumps = json.dumps
    ce_results = [
        (
            r.id_number,
            r.requirement,
            r.clause,
            iso(r.period_start),
            iso(r.period_end),
            r.as_of.isoformat(),
            r.level.value if r.level else None,
            r.required,
            _hours_text(r.hours),
            _hours_text(r.counted),
            r.carried_over,
            r.total,
            r.shortfall,
            r.status.value,
            dumps(r.reason.to_data(), ensure_ascii=False) if r.reason else None,
        )  # fmt: skip
        for r in record.ce_results
    ]
    claims = [_claim_params(c) for c in record.claims]
    return RecordRows(head, people, certificates, payments, ce_results, claims)


_ROW_INSERTS = (
    (
        "people",
        """INSERT INTO record_people (record_id, id_number, name, sex, birth_date, hire_date,
           leave_date, civil_servant, social_work_since, grade_code, grade_name, grade_name_en)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
    ),
    (
        "certificates",
        """INSERT INTO record_certificates (record_id, id_number, number, number_key, level,
           obtained_on, registered_on, issuing_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
    ),
    (
        "payments",
        """INSERT INTO record_payments (record_id, id_number, level, amount, paid_on)
           VALUES (?, ?, ?, ?, ?)""",
    ),
    (
        "ce_results",
        """INSERT INTO record_ce_results (record_id, id_number, requirement, clause,
           period_start, period_end, as_of, level, required, hours, counted, carried_over,
           total, shortfall, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
           ?, ?)""",
    ),
    (
        "claims",
        """INSERT INTO record_claims (record_id, number, kind, award, level, id_number, name,
           amount_fen, status, created_on, submitted_on, paid_fen, paid_on, claim_key, clause,
           details, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
    ),
)


def insert_record(
    db: Database,
    record: AgencyRecord | RecordRows,
    *,
    file_row_id: int,
    via: str,
    current: bool,
    replaced_by: int | None = None,
) -> int:
    """Store ``record`` (or the rows made of it) with all it holds; returns its row id."""
    rows = record if isinstance(record, RecordRows) else record_rows(record)
    head = {
        **rows.head,
        "file_id": file_row_id,
        "via": via,
        "current": int(current),
        "replaced_by": replaced_by,
    }
    record_id = _insert(db, "agency_records", head)
    add_path(db, record_id, file_row_id)
    conn = db.conn
    for name, sql in _ROW_INSERTS:
        values = getattr(rows, name)
        if values:
            conn.executemany(sql, [(record_id, *row) for row in values])
    return record_id


def _claim_params(c: Claim) -> tuple[Any, ...]:
    paid = c.step(Status.PAID)
    steps = [
        [
            s.status.value,
            s.on.isoformat(),
            s.by,
            s.reason,
            None if s.amount is None else str(s.amount),
        ]
        for s in c.steps
    ]
    return (
        c.number, c.kind.value, c.award, c.level.value if c.level else None,
        c.id_number, c.name, to_fen(c.amount), c.status.value, c.created_on.isoformat(),
        iso(c.submitted_on), to_fen(paid.amount) if paid and paid.amount is not None else None,
        paid.on.isoformat() if paid else None, c.claim_key, c.clause,
        json.dumps(dict(c.details), ensure_ascii=False), json.dumps(steps, ensure_ascii=False),
    )  # fmt: skip


# ---------------------------------------------------------------- reading records back


def _chunks(ids: Sequence[int]) -> Iterable[tuple[str, list[int]]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        yield ",".join("?" * len(chunk)), chunk


def _rows_of(db: Database, table: str, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for marks, chunk in _chunks(ids):
        for row in db[table].rows_where(f"record_id IN ({marks})", chunk, order_by="id"):
            out[row["record_id"]].append(row)
    return out


def person_from_row(
    row: dict[str, Any],
    certificates: Sequence[dict[str, Any]],
    payments: Sequence[dict[str, Any]] = (),
) -> Person:
    return Person(
        row["id_number"], row["name"], row["sex"], dt.date.fromisoformat(row["birth_date"]),
        day(row["hire_date"]), day(row["leave_date"]), bool(row["civil_servant"]),
        day(row["social_work_since"]),
        tuple(
            Certificate(
                c["number"], Level(c["level"]), dt.date.fromisoformat(c["obtained_on"]),
                day(c["registered_on"]), c["issuing_body"],
            )
            for c in certificates
        ),
        Grade(row["grade_code"], row["grade_name"] or "", row["grade_name_en"] or "")
        if row["grade_code"]
        else None,
        tuple(
            Payment(x["amount"], dt.date.fromisoformat(x["paid_on"]),
                    Level(x["level"]) if x["level"] else None)
            for x in payments
        ),
    )  # fmt: skip


def ce_from_row(r: dict[str, Any]) -> CEResult:
    return CEResult(
        r["id_number"], r["requirement"], r["clause"], day(r["period_start"]),
        day(r["period_end"]), dt.date.fromisoformat(r["as_of"]),
        Level(r["level"]) if r["level"] else None, r["required"], json.loads(r["hours"]),
        json.loads(r["counted"]), r["carried_over"], r["total"], r["shortfall"],
        ce.Status(r["status"]), Reason.from_data(json.loads(r["reason"])) if r["reason"] else None,
    )  # fmt: skip


def claim_from_row(r: dict[str, Any]) -> Claim:
    steps = tuple(
        ClaimStep(
            Status(s[0]),
            dt.date.fromisoformat(s[1]),
            s[2],
            s[3],
            None if s[4] is None else Decimal(s[4]),
        )  # fmt: skip
        for s in json.loads(r["steps"])
    )
    return Claim(
        r["number"], Kind(r["kind"]), r["award"], Level(r["level"]) if r["level"] else None,
        r["id_number"], r["name"], from_fen(r["amount_fen"]) or Decimal("0.00"),
        Status(r["status"]), dt.date.fromisoformat(r["created_on"]), r["claim_key"],
        r["clause"], json.loads(r["details"]), steps,
    )  # fmt: skip


def load_records(db: Database, record_ids: Sequence[int]) -> list[AgencyRecord]:
    """The records with these ids, whole, in the order asked."""
    ids = list(record_ids)
    heads = {}
    for marks, chunk in _chunks(ids):
        for r in db["agency_records"].rows_where(f"id IN ({marks})", chunk):
            heads[r["id"]] = r
    people = _rows_of(db, "record_people", ids)
    certificates = _rows_of(db, "record_certificates", ids)
    results = _rows_of(db, "record_ce_results", ids)
    payments = _rows_of(db, "record_payments", ids)
    claims = _rows_of(db, "record_claims", ids)
    out = []
    for rid in ids:
        h = heads[rid]
        by_person: dict[str, list[dict[str, Any]]] = {}
        for c in certificates[rid]:
            by_person.setdefault(c["id_number"], []).append(c)
        paid: dict[str, list[dict[str, Any]]] = {}
        for x in payments[rid]:
            paid.setdefault(x["id_number"], []).append(x)
        unit = Unit(
            UnitKind.AGENCY, h["agency_name"], h["agency_code"], None, h["address"],
            h["contact_person"], h["phone"], h["profile_id"], h["profile_version"],
        )  # fmt: skip
        out.append(
            AgencyRecord(
                h["submission_id"],
                unit,
                h["period"],
                dt.datetime.fromisoformat(h["created_at"]),
                h["program_version"],
                tuple(
                    person_from_row(
                        p, by_person.get(p["id_number"], ()), paid.get(p["id_number"], ())
                    )
                    for p in people[rid]
                ),
                tuple(ce_from_row(r) for r in results[rid]),
                tuple(claim_from_row(c) for c in claims[rid]),
            )  # fmt: skip
        )
    return out


def current_claim(
    db: Database, agency_code: str, period: int, number: str
) -> tuple[RecordRow, Claim] | None:
    """A claim of the record that counts for the agency and period."""
    rows = list(
        db.query(
            """SELECT c.*, r.id AS rid FROM record_claims c
               JOIN agency_records r ON r.id = c.record_id AND r.current = 1
               WHERE r.agency_code = ? AND r.period = ? AND c.number = ?""",
            [agency_code, period, number],
        )
    )
    if not rows:
        return None
    head = list(db["agency_records"].rows_where("id = ?", [rows[0]["rid"]]))[0]
    return _record_row(head), claim_from_row(rows[0])


class RecordsOnFile(Sequence[AgencyRecord]):
    """Records read whole a few hundred at a time, as a file of a province's is written: only
    one batch is ever in memory."""

    def __init__(self, db: Database, record_ids: Sequence[int], batch: int = 200) -> None:
        self._db, self._ids, self._batch = db, list(record_ids), batch

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index: int) -> AgencyRecord:  # type: ignore[override]
        return load_records(self._db, [self._ids[index]])[0]

    def __iter__(self) -> Iterator[AgencyRecord]:
        for start in range(0, len(self._ids), self._batch):
            yield from load_records(self._db, self._ids[start : start + self._batch])


def current_claims(db: Database, period: int) -> dict[tuple[str, str], str]:
    """(agency code, claim number) → the submission id of the current record that holds it."""
    rows = db.query(
        """SELECT r.agency_code, c.number, r.submission_id FROM record_claims c
           JOIN agency_records r ON r.id = c.record_id AND r.current = 1 AND r.period = ?""",
        [period],
    )
    return {(r["agency_code"], r["number"]): r["submission_id"] for r in rows}
