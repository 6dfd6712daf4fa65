"""The tables the data file's own triggers keep (migrations 0009 and 0011): every person's
training hours of each calendar year, summed as attendance and events change, and the count of
writes to each table whose rows the program keeps in memory between readings. Triggers rather
than the program's code: whoever writes the file, and undo, keep them right.
"""

from __future__ import annotations

from sqlite_utils import Database

# The forms and subject categories of 0008's CHECKs, as they were then: a shipped migration
# makes the same schema whatever the program's lists become later.
_CE_FORMS_0009 = ("face_to_face", "online", "supervision", "conference", "other", "degree")
_CE_SUBJECTS_0009 = ("general", "professional")


def _ce_values(sign: str, hours: str, form: str, subject: str) -> list[str]:
    """The hundredths of ``hours`` in the column of ``form`` and in that of ``subject``, zero in
    the others, in the order of the table's columns."""
    h = f"{sign}CAST(ROUND({hours} * 100) AS INTEGER)"
    values = [f"CASE {form} WHEN '{f}' THEN {h} ELSE 0 END" for f in _CE_FORMS_0009]
    return values + [f"CASE WHEN {subject} = '{s}' THEN {h} ELSE 0 END" for s in _CE_SUBJECTS_0009]


_CE_COLUMNS_0009 = ", ".join(_CE_FORMS_0009 + _CE_SUBJECTS_0009)


def _ce_add(sign: str, staff: str, hours: str, end: str, form: str, subject: str) -> str:
    """The ``INSERT … SELECT`` head of an upsert adding ``sign`` ``hours`` to the year of
    ``end`` of ``staff``."""
    values = ", ".join(_ce_values(sign, hours, form, subject))
    return (
        f"INSERT INTO ce_hours_by_year (staff_id, year, {_CE_COLUMNS_0009}) "
        f"SELECT {staff}, CAST(substr({end}, 1, 4) AS INTEGER), {values}"
    )


def _ce_upsert() -> str:
    sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in _CE_FORMS_0009 + _CE_SUBJECTS_0009)
    return f" ON CONFLICT (year, staff_id) DO UPDATE SET {sets}"


def create_ce_hours_by_year(db: Database) -> None:
    """Migration 0009: shipped, so never edited (a change is a new migration)."""
    # Every person's training hours of each calendar year by form and by subject category,
    # kept by triggers as attendance and events change: a year's CE report reads 20,000 rows of
    # sums instead of grouping a year of attendance (a quarter of a million rows for 20,000
    # people). Hundredths of an hour, as integers: hours have two decimals at most, so sums
    # taken and given back come out exact. Whatever the order rows are written in (undo puts
    # rows back with foreign keys deferred), the sums are those of attendance joined to its
    # events: an attendance row counts while both it and its event exist.
    columns = ",\n".join(
        f"            {c} INTEGER NOT NULL DEFAULT 0" for c in _CE_FORMS_0009 + _CE_SUBJECTS_0009
    )
    db.execute(
        f"""
        CREATE TABLE ce_hours_by_year (
            staff_id INTEGER NOT NULL,
            year INTEGER NOT NULL,
{columns},
            -- by year first: a report reads one year of everyone
            PRIMARY KEY (year, staff_id)
        ) WITHOUT ROWID"""
    )
    upsert = _ce_upsert()
    old_a = _ce_add("-", "OLD.staff_id", "OLD.hours", "e.end_date", "e.form", "e.subject")
    new_a = _ce_add("+", "NEW.staff_id", "NEW.hours", "e.end_date", "e.form", "e.subject")
    take_old_a = f"{old_a} FROM training_events e WHERE e.id = OLD.event_id{upsert}"
    add_new_a = f"{new_a} FROM training_events e WHERE e.id = NEW.event_id{upsert}"
    old_e = _ce_add("-", "a.staff_id", "a.hours", "OLD.end_date", "OLD.form", "OLD.subject")
    new_e = _ce_add("+", "a.staff_id", "a.hours", "NEW.end_date", "NEW.form", "NEW.subject")
    take_old_e = f"{old_e} FROM attendance a WHERE a.event_id = OLD.id{upsert}"
    add_new_e = f"{new_e} FROM attendance a WHERE a.event_id = NEW.id{upsert}"
    for name, when, statements in (
        ("attendance_insert", "AFTER INSERT ON attendance", [add_new_a]),
        ("attendance_delete", "AFTER DELETE ON attendance", [take_old_a]),
        (
            "attendance_update",
            "AFTER UPDATE OF event_id, staff_id, hours ON attendance",
            [take_old_a, add_new_a],
        ),
        ("event_insert", "AFTER INSERT ON training_events", [add_new_e]),
        ("event_delete", "AFTER DELETE ON training_events", [take_old_e]),
        (
            "event_update",
            "AFTER UPDATE OF id, end_date, form, subject ON training_events",
            [take_old_e, add_new_e],
        ),
    ):
        body = " ".join(f"{statement};" for statement in statements)
        db.execute(f"CREATE TRIGGER ce_hours_{name} {when} BEGIN {body} END")
    # A person's attendance read whole from the index (registration periods, a person's page):
    # the index by person alone sent each row to the table for its event and hours.
    db.execute("DROP INDEX attendance_staff")
    db.execute("CREATE INDEX attendance_staff_event ON attendance(staff_id, event_id, hours)")
    sums = ", ".join(f"SUM({v})" for v in _ce_values("+", "a.hours", "e.form", "e.subject"))
    db.execute(
        f"""INSERT INTO ce_hours_by_year (staff_id, year, {_CE_COLUMNS_0009})
            SELECT a.staff_id, CAST(substr(e.end_date, 1, 4) AS INTEGER), {sums}
            FROM attendance a JOIN training_events e ON e.id = a.event_id
            GROUP BY 1, 2"""
    )


# The tables whose rows a program keeps in memory between readings (services/reading.py
# ``kept``), each with a count of the writes made to it since.
VERSIONED_0011 = ("staff", "credentials")


def create_table_versions(db: Database) -> None:
    """Migration 0011: shipped once released, so never edited then."""
    # The staff and their certificates (0.2 s to read for 20,000 people) were kept until any
    # write at all: recording an attendance made every report read them again. Each write to
    # one of these tables now counts in its row here, by the file's own triggers, so a reading
    # (from any connection or process) knows whether what it kept is still what the file holds.
    # No integer id: the undo history leaves these counts alone, and the rows it puts back
    # count as writes.
    db.execute(
        """CREATE TABLE table_versions (
            name TEXT PRIMARY KEY,
            version INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID"""
    )
    for table in VERSIONED_0011:
        db.execute("INSERT INTO table_versions (name) VALUES (?)", [table])
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"""CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table}
                    BEGIN
                        UPDATE table_versions SET version = version + 1 WHERE name = '{table}';
                    END"""
            )
