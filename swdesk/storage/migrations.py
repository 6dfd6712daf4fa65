"""Schema migrations, numbered and append-only: never edit one that has shipped.

Each step is a function registered in order; sqlite-utils records the names applied in
``_sqlite_migrations``. ``PRAGMA user_version`` mirrors the count so a newer file is recognised
before anything is touched. The bureau's tables (0007, 0010) are made in ``bureau_schema``, the
tables the file's triggers keep (0009, 0011) in ``trigger_tables``; the steps here call them.
"""

from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from swdesk.storage import bureau_schema, trigger_tables

MIGRATION_SET = "swdesk"
migrations = Migrations(MIGRATION_SET)
_NAMES: list[str] = []


def _step(name: str):  # noqa: ANN202 - a decorator factory
    _NAMES.append(name)
    return migrations(name=name)


@_step("0001_foundation")
def m0001_foundation(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE agency (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            credit_code TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            profile_id TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
            id_number TEXT NOT NULL UNIQUE,
            birth_date TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            education TEXT NOT NULL DEFAULT '',
            major TEXT NOT NULL DEFAULT '',
            hire_date TEXT,
            leave_date TEXT,
            civil_servant INTEGER NOT NULL DEFAULT 0 CHECK (civil_servant IN (0, 1)),
            social_work_since TEXT,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """
        CREATE TABLE credentials (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            level TEXT NOT NULL CHECK (level IN ('assistant', 'social_worker', 'senior')),
            certificate_number TEXT NOT NULL UNIQUE,
            obtained_on TEXT NOT NULL,
            issuing_body TEXT NOT NULL DEFAULT '',
            registered_on TEXT
        )"""
    )
    db.execute("CREATE INDEX credentials_staff ON credentials(staff_id)")
    db.execute(
        """
        CREATE TABLE grade_appointments (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            grade_code TEXT NOT NULL,
            appointed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (staff_id, appointed_on)
        )"""
    )
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id INTEGER,
            staff_id INTEGER,
            old TEXT,
            new TEXT
        )"""
    )
    db.execute("CREATE INDEX audit_log_at ON audit_log(at)")
    db.execute("CREATE INDEX audit_log_staff ON audit_log(staff_id)")


@_step("0002_training_and_applications")
def m0002_training_and_applications(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            original_name TEXT NOT NULL,
            media_type TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            owner_table TEXT NOT NULL,
            owner_id INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX attachments_owner ON attachments(owner_table, owner_id)")
    db.execute(
        """
        CREATE TABLE training_events (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            organiser TEXT NOT NULL DEFAULT '',
            form TEXT NOT NULL CHECK (form IN
                ('face_to_face', 'online', 'supervision', 'conference', 'other')),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours > 0),
            note TEXT NOT NULL DEFAULT '',
            -- 'individual': a person's own course, entered as an event with one attendee
            kind TEXT NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'individual')),
            CHECK (end_date >= start_date)
        )"""
    )
    # Hours count in the period where the event ends: reports filter on end_date.
    db.execute("CREATE INDEX training_events_end ON training_events(end_date)")
    db.execute(
        """
        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES training_events(id),
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            hours REAL NOT NULL CHECK (hours > 0),
            UNIQUE (event_id, staff_id)
        )"""
    )
    db.execute("CREATE INDEX attendance_staff ON attendance(staff_id)")
    # Covers the yearly report's aggregate (events of a period -> their attendees' hours) without
    # touching the table: about 3x faster on a million rows (bench/training_report.py).
    db.execute("CREATE INDEX attendance_event_hours ON attendance(event_id, staff_id, hours)")
    db.execute(
        """
        CREATE TABLE award_payments (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            award TEXT NOT NULL,
            level TEXT CHECK (level IS NULL OR level IN ('assistant', 'social_worker', 'senior')),
            amount INTEGER NOT NULL CHECK (amount >= 0),
            paid_on TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'import',
            application_id INTEGER REFERENCES applications(id)
        )"""
    )
    db.execute("CREATE INDEX award_payments_staff ON award_payments(staff_id)")
    # No double claiming (FCG-2023 (十二)): the store itself refuses a second payment of the
    # level award for the same level to the same person, whoever writes it.
    db.execute(
        """CREATE UNIQUE INDEX award_payments_once_per_level
           ON award_payments(staff_id, award, level) WHERE award = 'level_award'"""
    )
    db.execute(
        """
        CREATE TABLE agency_honours (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL,
            conferred_on TEXT NOT NULL,
            document TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (code, conferred_on)
        )"""
    )
    # Amounts in fen (分): travel receipts have cents. claim_key names what may be claimed
    # once: the level for the level award, "year/level" for an exam, the honour for a subsidy,
    # the year for a nomination.
    db.execute(
        """
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN
                ('level_award', 'exam_reimbursement', 'agency_subsidy', 'nomination')),
            staff_id INTEGER REFERENCES staff(id),
            honour_id INTEGER REFERENCES agency_honours(id),
            award TEXT NOT NULL DEFAULT '',
            level TEXT CHECK (level IS NULL OR level IN ('assistant', 'social_worker', 'senior')),
            claim_key TEXT NOT NULL,
            amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
            status TEXT NOT NULL CHECK (status IN
                ('draft', 'submitted', 'approved', 'rejected', 'paid', 'withdrawn')),
            created_on TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}',
            CHECK ((kind = 'agency_subsidy') = (staff_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX applications_staff ON applications(staff_id)")
    db.execute("CREATE INDEX applications_created ON applications(created_on)")
    # The same claim twice is impossible while one is live (draft to paid); a rejected or
    # withdrawn one does not block a new one.
    db.execute(
        """CREATE UNIQUE INDEX applications_one_live_claim
           ON applications(kind, award, COALESCE(staff_id, 0), claim_key)
           WHERE status IN ('draft', 'submitted', 'approved', 'paid')"""
    )
    # One open level-award application per person: a second would count the same money due.
    db.execute(
        """CREATE UNIQUE INDEX applications_one_open_level_award
           ON applications(staff_id)
           WHERE kind = 'level_award' AND status IN ('draft', 'submitted', 'approved')"""
    )
    db.execute(
        """
        CREATE TABLE application_steps (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id),
            status TEXT NOT NULL CHECK (status IN
                ('draft', 'submitted', 'approved', 'rejected', 'paid', 'withdrawn')),
            on_date TEXT NOT NULL,
            by_whom TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX application_steps_application ON application_steps(application_id)")
    # Nothing is deleted: a mistaken application is withdrawn, and its history stays.
    for table in ("applications", "application_steps"):
        db.execute(
            f"""CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} are never deleted; withdraw instead'); END"""
        )
    db.execute(
        """CREATE TRIGGER application_steps_unchanged BEFORE UPDATE ON application_steps
           BEGIN SELECT RAISE(ABORT, 'application steps are never changed'); END"""
    )


@_step("0003_settings")
def m0003_settings(db: Database) -> None:
    # Program-wide settings (the optional program password's hash, the idle time before it is
    # asked again): one row per key, the value as text or JSON.
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )


@_step("0004_certificate_numbers_in_any_case")
def m0004_certificate_numbers_in_any_case(db: Database) -> None:
    # A certificate number is the same whatever the case of its letters (g2021… is G2021…).
    # Numbers typed before this rule may differ only in case: the later one is marked with "#2"
    # (an audit entry keeps what it was), so that the index can be made and both stay in view.
    later = db.execute(
        """SELECT id, staff_id, certificate_number FROM credentials AS c WHERE EXISTS
           (SELECT 1 FROM credentials AS d WHERE d.id < c.id
            AND d.certificate_number = c.certificate_number COLLATE NOCASE) ORDER BY id"""
    ).fetchall()
    for row_id, staff_id, number in later:
        n = 2
        while db.execute(
            "SELECT 1 FROM credentials WHERE certificate_number = ? COLLATE NOCASE",
            [f"{number}#{n}"],
        ).fetchone():
            n += 1
        db.execute(
            "UPDATE credentials SET certificate_number = ? WHERE id = ?", [f"{number}#{n}", row_id]
        )
        db.execute(
            """INSERT INTO audit_log (at, user, action, table_name, row_id, staff_id, old, new)
               VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'swdesk',
                       'credential.renumber', 'credentials', ?, ?, ?, ?)""",
            [
                row_id,
                staff_id,
                json.dumps({"certificate_number": number}, ensure_ascii=False),
                json.dumps({"certificate_number": f"{number}#{n}"}, ensure_ascii=False),
            ],
        )
    db.execute(
        """CREATE UNIQUE INDEX credentials_number_in_any_case
           ON credentials(certificate_number COLLATE NOCASE)"""
    )


@_step("0005_staff_photos")
def m0005_staff_photos(db: Database) -> None:
    # The worker's photo on forms (一寸, 25 × 35 mm): an attached image and the rectangle cut
    # from it, in pixels of the image turned upright. One photo a person; the image is an
    # attachment like any other (kept by its hash, backed up with the data).
    db.execute(
        """
        CREATE TABLE staff_photos (
            staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
            attachment_id INTEGER NOT NULL REFERENCES attachments(id),
            crop_left INTEGER NOT NULL CHECK (crop_left >= 0),
            crop_top INTEGER NOT NULL CHECK (crop_top >= 0),
            crop_width INTEGER NOT NULL CHECK (crop_width > 0),
            crop_height INTEGER NOT NULL CHECK (crop_height > 0)
        )"""
    )


@_step("0006_corrections_and_undo")
def m0006_corrections_and_undo(db: Database) -> None:
    # A certificate, an appointment or a payment entered by mistake is voided, never deleted: it
    # stays in the history with the day and reason, and counts nowhere. A voided certificate's
    # number, or a voided appointment's date, may be entered again correctly: the uniqueness that
    # the columns declared holds among live rows only, so both tables are rebuilt (SQLite cannot
    # drop a column's UNIQUE in place).
    _rebuild(
        db,
        "credentials",
        """
        CREATE TABLE credentials_rebuilt (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            level TEXT NOT NULL CHECK (level IN ('assistant', 'social_worker', 'senior')),
            certificate_number TEXT NOT NULL,
            obtained_on TEXT NOT NULL,
            issuing_body TEXT NOT NULL DEFAULT '',
            registered_on TEXT,
            voided_on TEXT,
            void_reason TEXT NOT NULL DEFAULT ''
        )""",
        "id, staff_id, level, certificate_number, obtained_on, issuing_body, registered_on",
    )
    db.execute("CREATE INDEX credentials_staff ON credentials(staff_id)")
    db.execute(
        """CREATE UNIQUE INDEX credentials_number_in_any_case
           ON credentials(certificate_number COLLATE NOCASE) WHERE voided_on IS NULL"""
    )
    _rebuild(
        db,
        "grade_appointments",
        """
        CREATE TABLE grade_appointments_rebuilt (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            grade_code TEXT NOT NULL,
            appointed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            voided_on TEXT,
            void_reason TEXT NOT NULL DEFAULT ''
        )""",
        "id, staff_id, grade_code, appointed_on, note",
    )
    db.execute(
        """CREATE UNIQUE INDEX grade_appointments_one_a_day
           ON grade_appointments(staff_id, appointed_on) WHERE voided_on IS NULL"""
    )
    # Undo notes the rows a change touched by an integer ``id``: a person's photo gets one (the
    # person stays the key of the photo, one each).
    _rebuild(
        db,
        "staff_photos",
        """
        CREATE TABLE staff_photos_rebuilt (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL UNIQUE REFERENCES staff(id),
            attachment_id INTEGER NOT NULL REFERENCES attachments(id),
            crop_left INTEGER NOT NULL CHECK (crop_left >= 0),
            crop_top INTEGER NOT NULL CHECK (crop_top >= 0),
            crop_width INTEGER NOT NULL CHECK (crop_width > 0),
            crop_height INTEGER NOT NULL CHECK (crop_height > 0)
        )""",
        "staff_id, attachment_id, crop_left, crop_top, crop_width, crop_height",
    )
    # Payments are history too: a mistaken one is voided, and a voided level award no longer
    # stands in the way of paying that level (FCG-2023 (十二) counts what was really paid).
    db.execute("ALTER TABLE award_payments ADD COLUMN voided_on TEXT")
    db.execute("ALTER TABLE award_payments ADD COLUMN void_reason TEXT NOT NULL DEFAULT ''")
    db.execute("DROP INDEX award_payments_once_per_level")
    db.execute(
        """CREATE UNIQUE INDEX award_payments_once_per_level
           ON award_payments(staff_id, award, level)
           WHERE award = 'level_award' AND voided_on IS NULL"""
    )
    # Undoing a step of an application adds a step that says so: ``undoes`` names the first step
    # it takes back (that one and the later ones before it no longer count).
    db.execute(
        "ALTER TABLE application_steps ADD COLUMN undoes INTEGER REFERENCES application_steps(id)"
    )
    # The undo history: the last changes with the rows they touched, before and after, as JSON;
    # ``state`` says whether a step is done (undo takes it back) or undone (redo does it again).
    db.execute(
        """
        CREATE TABLE undo_steps (
            id INTEGER PRIMARY KEY,
            made_at TEXT NOT NULL,
            user TEXT NOT NULL,
            label TEXT NOT NULL,
            rows TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone'))
        )"""
    )


@_step("0007_bureau")
def m0007_bureau(db: Database) -> None:
    bureau_schema.create_tables(db)


@_step("0008_registrations_exam_years_subjects_interns")
def m0008_registrations_exam_years_subjects_interns(db: Database) -> None:
    # Every registration of a certificate (民发〔2009〕44号), not only the latest: the past
    # periods and their hours can be checked, a lapse seen, a mistaken one voided with a reason.
    # credentials.registered_on stays as the latest live one (storage/registrations.py keeps it).
    db.execute(
        """
        CREATE TABLE registrations (
            id INTEGER PRIMARY KEY,
            credential_id INTEGER NOT NULL REFERENCES credentials(id),
            registered_on TEXT NOT NULL,
            -- a re-registration keeps the hours of the period that ended with it, as counted then
            hours REAL,
            hours_required REAL,
            short_reason TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'entry' CHECK (source IN ('entry', 'import', 'upgrade')),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT '',
            voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
            void_reason TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX registrations_credential ON registrations(credential_id)")
    db.execute(
        """CREATE UNIQUE INDEX registrations_one_a_day ON registrations(credential_id, registered_on)
           WHERE voided = 0"""
    )
    # The dates a file already knows: the current registration, and the earlier ones the audit
    # log kept when a re-registration moved registered_on.
    db.execute(
        """INSERT INTO registrations (credential_id, registered_on, source, recorded_at, recorded_by)
           SELECT DISTINCT c.id, d.day, 'upgrade',
                  strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'swdesk'
           FROM credentials c JOIN (
               SELECT id AS credential_id, registered_on AS day FROM credentials
               UNION SELECT row_id, json_extract(old, '$.registered_on') FROM audit_log
                     WHERE action = 'credential.register' AND table_name = 'credentials'
               UNION SELECT row_id, json_extract(new, '$.registered_on') FROM audit_log
                     WHERE action IN ('credential.register', 'credential.add')
                       AND table_name = 'credentials'
           ) d ON d.credential_id = c.id
           WHERE d.day IS NOT NULL AND d.day >= c.obtained_on
             AND d.day <= COALESCE(c.registered_on, d.day)
           ORDER BY c.id, d.day"""
    )
    # An exam reimbursement paid before the program was used names its exam year, so that a
    # second claim for the same exam is refused (FCG-2023 (十二): 不可重复申领).
    db.execute("ALTER TABLE award_payments ADD COLUMN exam_year INTEGER")
    db.execute(
        """CREATE UNIQUE INDEX award_payments_exam_once
           ON award_payments(staff_id, exam_year, level)
           WHERE award = 'exam_reimbursement' AND exam_year IS NOT NULL AND voided_on IS NULL"""
    )
    # A degree in social work as a training form (学历教育, 民发〔2009〕123号), and the subject
    # category of a training (公需科目 / 专业科目): SQLite cannot change a CHECK in place, so the
    # table is rebuilt (foreign keys are off while migrating; attendance keeps its references).
    db.execute(
        """
        CREATE TABLE training_events_new (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            organiser TEXT NOT NULL DEFAULT '',
            form TEXT NOT NULL CHECK (form IN
                ('face_to_face', 'online', 'supervision', 'conference', 'other', 'degree')),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours > 0),
            note TEXT NOT NULL DEFAULT '',
            -- 'individual': a person's own course, entered as an event with one attendee
            kind TEXT NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'individual')),
            subject TEXT CHECK (subject IS NULL OR subject IN ('general', 'professional')),
            CHECK (end_date >= start_date)
        )"""
    )
    db.execute(
        """INSERT INTO training_events_new
               (id, title, organiser, form, start_date, end_date, hours, note, kind)
           SELECT id, title, organiser, form, start_date, end_date, hours, note, kind
           FROM training_events"""
    )
    db.execute("DROP TABLE training_events")
    db.execute("ALTER TABLE training_events_new RENAME TO training_events")
    db.execute("CREATE INDEX training_events_end ON training_events(end_date)")
    # Interns of an employment-practice base (就业见习基地, FCG-2023 (十六)): graduates in their
    # graduation year or within 2 years of it, the months of their practice, and whether they
    # joined work-injury insurance.
    db.execute(
        """
        CREATE TABLE interns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            id_number TEXT NOT NULL,
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
            birth_date TEXT NOT NULL,
            school TEXT NOT NULL DEFAULT '',
            graduated_on TEXT NOT NULL,
            started_on TEXT NOT NULL,
            months INTEGER NOT NULL CHECK (months > 0),
            work_injury_insurance INTEGER NOT NULL DEFAULT 0
                CHECK (work_injury_insurance IN (0, 1)),
            phone TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (id_number, started_on)
        )"""
    )


@_step("0009_ce_hours_by_year")
def m0009_ce_hours_by_year(db: Database) -> None:
    trigger_tables.create_ce_hours_by_year(db)


@_step("0010_bureau_record_indexes")
def m0010_bureau_record_indexes(db: Database) -> None:
    bureau_schema.index_records_by_record(db)


@_step("0011_table_versions")
def m0011_table_versions(db: Database) -> None:
    trigger_tables.create_table_versions(db)


def _rebuild(db: Database, table: str, create: str, columns: str) -> None:
    """Replace ``table`` by the one ``create`` makes (named ``<table>_rebuilt``), rows and ids
    kept: SQLite's way of changing a table's columns (foreign keys are off while migrating).
    The table's triggers go with it: a migration rebuilding one makes them again (attendance
    and events: 0009's sums; staff and credentials: 0011's counts of writes)."""
    db.execute(create)
    db.execute(f"INSERT INTO {table}_rebuilt ({columns}) SELECT {columns} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")


def count() -> int:
    return len(_NAMES)


def known_names() -> list[str]:
    return list(_NAMES)
