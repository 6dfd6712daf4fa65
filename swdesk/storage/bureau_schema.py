"""The tables only a civil-affairs bureau's data file fills (migration 0007): the bureau, who
reports to it and by when, the files received and the agency records they brought (kept as
history when a newer one replaces them), what the checks found and the bureau's decisions.
An agency's file has them too, empty: one schema, one kind of file, whose identity row says
whose it is.
"""

from __future__ import annotations

from sqlite_utils import Database


def create_tables(db: Database) -> None:
    """The tables of migration 0007: shipped, so never edited (a change is a new migration)."""
    # A civil-affairs bureau's data file: the same schema as an agency's, with the bureau's own
    # tables. Which one a file is, its one identity row says, and the triggers keep it one.
    db.execute(
        """
        CREATE TABLE bureau (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('district', 'city', 'province')),
            credit_code TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            profile_id TEXT NOT NULL
        )"""
    )
    for table, other in (("bureau", "agency"), ("agency", "bureau")):
        db.execute(
            f"""CREATE TRIGGER {table}_only_in_its_own_file BEFORE INSERT ON {table}
                WHEN EXISTS (SELECT 1 FROM {other})
                BEGIN SELECT RAISE(ABORT, 'this data file is an {other}''s'); END"""
        )
    # Who submits to this bureau directly (its agencies, or the bureaus of the level below),
    # known from their files or entered beforehand, so that a missing one shows.
    db.execute(
        """
        CREATE TABLE reporting_units (
            id INTEGER PRIMARY KEY,
            credit_code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('agency', 'bureau')),
            level TEXT CHECK (level IS NULL OR level IN ('district', 'city', 'province')),
            expected INTEGER NOT NULL DEFAULT 1 CHECK (expected IN (0, 1)),
            added_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """
        CREATE TABLE period_deadlines (
            period INTEGER PRIMARY KEY,
            due_on TEXT NOT NULL
        )"""
    )
    # Every file received, kept as it came (its attachment), whatever became of its records.
    db.execute(
        """
        CREATE TABLE received_files (
            id INTEGER PRIMARY KEY,
            file_id TEXT NOT NULL UNIQUE,
            unit_id INTEGER NOT NULL REFERENCES reporting_units(id),
            period INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_by TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            format_version INTEGER NOT NULL,
            program_version TEXT NOT NULL,
            records INTEGER NOT NULL,
            attachment_id INTEGER REFERENCES attachments(id)
        )"""
    )
    db.execute("CREATE INDEX received_files_unit ON received_files(unit_id, period)")
    # One agency's submission for one period, however it came (directly or inside a bureau's
    # file). ``current`` marks the newest of an agency and period, the one that counts; the
    # older ones stay as history. ``created_utc`` orders them.
    db.execute(
        """
        CREATE TABLE agency_records (
            id INTEGER PRIMARY KEY,
            submission_id TEXT NOT NULL UNIQUE,
            agency_code TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            profile_id TEXT NOT NULL,
            profile_version TEXT NOT NULL,
            period INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            program_version TEXT NOT NULL,
            file_id INTEGER NOT NULL REFERENCES received_files(id),
            via TEXT NOT NULL DEFAULT '',
            current INTEGER NOT NULL CHECK (current IN (0, 1)),
            replaced_by INTEGER REFERENCES agency_records(id),
            people INTEGER NOT NULL,
            claims INTEGER NOT NULL
        )"""
    )
    db.execute(
        """CREATE UNIQUE INDEX agency_records_one_current
           ON agency_records(agency_code, period) WHERE current = 1"""
    )
    db.execute("CREATE INDEX agency_records_period ON agency_records(period, current)")
    # Every file that brought a record: the same record by two paths is one record.
    db.execute(
        """
        CREATE TABLE record_paths (
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            file_id INTEGER NOT NULL REFERENCES received_files(id),
            PRIMARY KEY (record_id, file_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE record_people (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            id_number TEXT NOT NULL,
            name TEXT NOT NULL,
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
            birth_date TEXT NOT NULL,
            hire_date TEXT,
            leave_date TEXT,
            civil_servant INTEGER NOT NULL CHECK (civil_servant IN (0, 1)),
            social_work_since TEXT,
            grade_code TEXT,
            grade_name TEXT,
            grade_name_en TEXT,
            UNIQUE (record_id, id_number)
        )"""
    )
    db.execute("CREATE INDEX record_people_number ON record_people(id_number)")
    db.execute(
        """
        CREATE TABLE record_certificates (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            id_number TEXT NOT NULL,
            number TEXT NOT NULL,
            number_key TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('assistant', 'social_worker', 'senior')),
            obtained_on TEXT NOT NULL,
            registered_on TEXT,
            issuing_body TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX record_certificates_record ON record_certificates(record_id)")
    db.execute("CREATE INDEX record_certificates_key ON record_certificates(number_key)")
    # The level award paid to each person, as the agency knows it (imported history too).
    db.execute(
        """
        CREATE TABLE record_payments (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            id_number TEXT NOT NULL,
            level TEXT,
            amount INTEGER NOT NULL,
            paid_on TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX record_payments_number ON record_payments(id_number)")
    # Hours by form and the reason are JSON, as the file carries them.
    db.execute(
        """
        CREATE TABLE record_ce_results (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            id_number TEXT NOT NULL,
            requirement TEXT NOT NULL,
            clause TEXT NOT NULL,
            period_start TEXT,
            period_end TEXT,
            as_of TEXT NOT NULL,
            level TEXT,
            required REAL,
            hours TEXT NOT NULL,
            counted TEXT NOT NULL,
            carried_over REAL NOT NULL,
            total REAL NOT NULL,
            shortfall REAL,
            status TEXT NOT NULL,
            reason TEXT
        )"""
    )
    db.execute("CREATE INDEX record_ce_results_record ON record_ce_results(record_id)")
    # Claims in fen like the agency's applications; their steps as JSON, as they came.
    db.execute(
        """
        CREATE TABLE record_claims (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES agency_records(id),
            number TEXT NOT NULL,
            kind TEXT NOT NULL,
            award TEXT NOT NULL,
            level TEXT,
            id_number TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_on TEXT NOT NULL,
            submitted_on TEXT,
            paid_fen INTEGER,
            paid_on TEXT,
            claim_key TEXT NOT NULL,
            clause TEXT NOT NULL,
            details TEXT NOT NULL,
            steps TEXT NOT NULL,
            UNIQUE (record_id, number)
        )"""
    )
    db.execute("CREATE INDEX record_claims_person ON record_claims(id_number)")
    # What the checks found. ``key`` names the finding however often the checks run, so a
    # resolution stays with it; ``present`` says whether the latest run still found it.
    db.execute(
        """
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            check_kind TEXT NOT NULL,
            period INTEGER NOT NULL,
            agencies TEXT NOT NULL,
            people TEXT NOT NULL,
            claims TEXT NOT NULL,
            clause TEXT NOT NULL,
            reason TEXT NOT NULL,
            found_at TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
            resolved_at TEXT,
            resolved_by TEXT,
            resolution TEXT
        )"""
    )
    db.execute("CREATE INDEX findings_period ON findings(period)")
    # A bureau's decisions on claims: its own, or those of a bureau below that came in that
    # bureau's file. A claim is decided once by each bureau.
    db.execute(
        """
        CREATE TABLE claim_decisions (
            id INTEGER PRIMARY KEY,
            agency_code TEXT NOT NULL,
            period INTEGER NOT NULL,
            submission_id TEXT NOT NULL,
            claim_number TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('rejected')),
            reason TEXT NOT NULL,
            by_whom TEXT NOT NULL,
            on_date TEXT NOT NULL,
            clause TEXT NOT NULL DEFAULT '',
            finding_id INTEGER REFERENCES findings(id),
            file_id INTEGER REFERENCES received_files(id),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            returned_at TEXT,
            UNIQUE (agency_code, period, claim_number, by_whom)
        )"""
    )


def index_records_by_record(db: Database) -> None:
    """Migration 0010: shipped once released, so never edited then."""
    # The agency records a bureau receives were indexed by identity number in three tables, but
    # nothing asks for one person's rows across records: the checks group whole tables, and a
    # record's rows are read by record. Each row paid for its place in an index in no order
    # (a city's year writes 100,000 people): gone. A record's payments were the one part read
    # by record without an index, so each batch of records printed or passed up read them all.
    for index in ("record_people_number", "record_payments_number", "record_claims_person"):
        db.execute(f"DROP INDEX {index}")
    db.execute("CREATE INDEX record_payments_record ON record_payments(record_id)")
