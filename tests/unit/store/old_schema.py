"""Databases as an older Screener left them: built by running the migrations only up to an old
schema version and filling the tables with plain SQL of that version.

Used by the upgrade test (schema N-1) and by `tests/fixtures/make_db_v1.py`, which froze
`tests/fixtures/db_v1.sqlcipher` (schema 1) into git.
"""

from __future__ import annotations

from pathlib import Path

from screener.store.audit import AuditLog
from screener.store.db import create_database_file
from screener.store.keyslots import (
    KeysFile,
    keys_path_for,
    new_database_key,
    save_keys_file,
    wrap_key,
)
from screener.store.sqlite import Connection

DATABASE_ID = "5c1e0b7a-6d0e-4f53-9d87-0f1f1e2a3b4c"
DEVICE_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
PASSWORDS = {"admin": "fixture-admin-v1", "ana": "fixture-ana-v1x"}
ROLES = {"admin": "admin", "ana": "intake"}
CLIENT_IDS = ("c1000000-0000-4000-8000-000000000001", "c1000000-0000-4000-8000-000000000002")
INTAKE_ID = "e1000000-0000-4000-8000-000000000001"
AT = "2026-06-01T17:00:00.000Z"


def _hlc(counter: int) -> str:
    return f"{AT}-{counter:04x}-{DEVICE_ID}"


def fill_schema_1(conn: Connection) -> None:
    """Rows in every schema-1 table (settings, users, clients, intakes, answers, history)."""
    conn.execute("BEGIN")
    for key, value in (("database_id", DATABASE_ID), ("device_id", DEVICE_ID),
                       ("auto_lock_minutes", "10")):
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    for name, role in ROLES.items():
        conn.execute("INSERT INTO users (username, role, created_at, created_by, disabled) "
                     "VALUES (?, ?, ?, ?, 0)", (name, role, AT, None if name == "admin" else "admin"))
    clients = [
        (CLIENT_IDS[0], "José", "García", "Pepe", "1984-07-09", "(323) 555-0142", "3235550142",
         "BK20240611", None, "es", "G620", 1),
        (CLIENT_IDS[1], "Dana", "O'Neil", None, "1990-12-31", None, None, None, "AB1234", "en",
         "O540", 2),
    ]
    for (cid, first, last, preferred, dob, phone, digits, booking, cdcr, lang, key, n) in clients:
        conn.execute(
            "INSERT INTO clients (id, first_name, last_name, preferred_name, dob, phone, "
            "phone_digits, booking_number, cdcr_number, preferred_language, name_key, "
            "created_at, created_by, updated_at, device_id, seq) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, first, last, preferred, dob, phone, digits, booking, cdcr, lang, key, AT,
             "ana", _hlc(n), DEVICE_ID, n),
        )
    conn.execute(
        "INSERT INTO intakes (id, client_id, form_id, form_version, status, current_section, "
        "current_question, started_at, started_by, completed_at, completed_by, updated_at, "
        "device_id, seq) VALUES (?,?,?,?,'complete','housing','housing_status',?,?,?,?,?,?,?)",
        (INTAKE_ID, CLIENT_IDS[0], "intake", 1, AT, "ana", AT, "ana", _hlc(3), DEVICE_ID, 3),
    )
    answers = [("a1", "housing_status", '"rent_own"', "moved in with sister", 6),
               ("a2", "release_date", '"2026-05-20"', None, 5),
               ("a3", "children", '[{"age":4},{"age":7}]', None, 7)]
    for short, field, value, reason, n in answers:
        conn.execute(
            "INSERT INTO answers (id, intake_id, field_id, value, reason, entered_at, "
            "entered_by, updated_at, device_id, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (f"{short}000000-0000-4000-8000-000000000000", INTAKE_ID, field, value, reason, AT,
             "ana", _hlc(n), DEVICE_ID, n),
        )
    conn.execute(
        "INSERT INTO answer_history (answer_id, value, reason, entered_at, entered_by, "
        "updated_at, device_id, replaced_at, replaced_by) VALUES (?,?,?,?,?,?,?,?,?)",
        ("a1000000-0000-4000-8000-000000000000", '"unsheltered"', None, AT, "ana", _hlc(4),
         DEVICE_ID, AT, "ana"),
    )
    conn.execute("UPDATE sync_clock SET seq = 7, hlc = ?", (_hlc(7),))
    conn.execute("COMMIT")


def build_database(path: Path, schema_version: int) -> None:
    """A database at `schema_version` (1 or later) with rows, audit lines and a keys file."""
    key = new_database_key()
    db = create_database_file(path, key, schema_version=schema_version)
    try:
        fill_schema_1(db.conn)
        log = AuditLog(db)
        log.append(AT, "admin", "database.create", "database", DATABASE_ID)
        log.append(AT, "admin", "user.add", "user", "ana", {"role": "intake"})
        log.append(AT, "ana", "client.create", "client", CLIENT_IDS[0])
        log.append(AT, "ana", "answer.edit", "intake", INTAKE_ID, {"field": "housing_status"})
    finally:
        db.close()
    slots = tuple(wrap_key(key, name, password, DATABASE_ID) for name, password in PASSWORDS.items())
    save_keys_file(keys_path_for(path), KeysFile(database_id=DATABASE_ID, slots=slots))
