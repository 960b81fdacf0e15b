"""An insider with an intake password and a text editor (issue 20, finding 1).

They hold the database key (their password unwraps it) and can edit the database and the
keys file directly. They must not be able to act as admin, nor change the audit log
without `audit verify` saying so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import Role
from screener.errors import PermissionDenied
from screener.store.audit import row_hash
from screener.store.keyslots import keys_path_for, load_keys_file, save_keys_file, wrap_key
from tests.unit.store.conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    WORKER,
    WORKER_PASSWORD,
    raw_connection,
)


def _as_insider(db_path: Path, sql: str, *params: object) -> None:
    conn = raw_connection(db_path, WORKER, WORKER_PASSWORD)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_editing_the_users_table_does_not_make_an_intake_worker_admin(
    db_path: Path, clock: FixedClock
) -> None:
    services.open_session(db_path, WORKER, WORKER_PASSWORD, clock).close()
    _as_insider(db_path, "UPDATE users SET role = 'admin' WHERE username = ?", WORKER)
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.role is Role.INTAKE
        with pytest.raises(PermissionDenied):
            services.add_user(session, "mallory", "admin", "mallory-password-1")
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock) as admin:
        listed = {u.username: u.role for u in services.list_users(admin)}
        assert listed[WORKER] is Role.INTAKE
        actions = [e.action for e in services.audit_entries(admin, limit=1000)]
        assert "user.role_mismatch" in actions


def test_a_forged_grant_is_refused(db_path: Path, clock: FixedClock) -> None:
    services.open_session(db_path, WORKER, WORKER_PASSWORD, clock).close()
    conn = raw_connection(db_path, WORKER, WORKER_PASSWORD)
    raw = conn.execute("SELECT value FROM settings WHERE key = ?", (f"grant.{WORKER}",)).fetchone()
    grant = json.loads(raw[0])
    grant["role"] = "admin"  # the signature no longer matches
    conn.execute("UPDATE settings SET value = ? WHERE key = ?",
                 (json.dumps(grant), f"grant.{WORKER}"))
    conn.commit()
    conn.close()
    with pytest.raises(PermissionDenied, match="could not be verified"):
        services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)


def test_a_slot_of_your_own_under_the_admins_name_does_not_sign_in_as_admin(
    db_path: Path, clock: FixedClock
) -> None:
    """The insider wraps the database key under the admin's name with a password they chose:
    the admin's grant names the admin's own key, which they do not have."""
    services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock).close()
    keys_path = keys_path_for(db_path)
    keys = load_keys_file(keys_path)
    conn = raw_connection(db_path, WORKER, WORKER_PASSWORD)
    conn.close()
    from screener.store.keyslots import unwrap_key

    key = unwrap_key(keys, WORKER, WORKER_PASSWORD)
    save_keys_file(keys_path, keys.with_slot(wrap_key(key, ADMIN, "mallory-chose-this", keys.database_id)))
    with pytest.raises(PermissionDenied, match="could not be verified"):
        services.open_session(db_path, ADMIN, "mallory-chose-this", clock)


def test_rewriting_an_audit_row_and_recomputing_the_chain_is_reported(
    admin: services.Session, db_path: Path
) -> None:
    services.create_client(admin, services.ClientIdentity("Rosa", "Quintero"))
    last = services.audit_entries(admin, limit=1000)[-1]
    admin.close()
    conn = raw_connection(db_path, WORKER, WORKER_PASSWORD)
    rows = conn.execute(
        "SELECT seq, at, username, action, record_type, record_id, details, prev_hash "
        "FROM audit ORDER BY seq").fetchall()
    # Rebuild the whole chain with the admin's row changed, as a key holder can.
    conn.execute("DROP TRIGGER audit_no_update")
    prev = rows[0][7]
    for seq, at, user, action, rtype, rid, details, _ in rows:
        if seq == last.seq:
            action = "session.open"
        digest = row_hash(seq, at, user, action, rtype, rid, details, prev)
        conn.execute("UPDATE audit SET action = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (action, prev, digest, seq))
        prev = digest
    conn.execute("UPDATE audit_head SET hash = ? WHERE id = 1", (prev,))
    conn.commit()
    conn.close()
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, admin.clock) as session:
        report = services.verify_audit(session)
    # the changed row, and every later row (each signed its predecessor's hash)
    assert report.problems[0].seq == last.seq
    assert {p.kind for p in report.problems} == {"forged"}


def test_an_audit_row_written_outside_screener_is_reported(
    admin: services.Session, db_path: Path
) -> None:
    admin.close()
    conn = raw_connection(db_path, WORKER, WORKER_PASSWORD)
    seq, prev = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    args = (seq + 1, "2026-11-25T10:00:00Z", ADMIN, "client.delete", None, None, "{}", prev)
    conn.execute("INSERT INTO audit (seq, at, username, action, record_type, record_id, details, "
                 "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (*args, row_hash(*args)))
    conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq + 1, row_hash(*args)))
    conn.commit()
    conn.close()
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, admin.clock) as session:
        report = services.verify_audit(session)
    assert [(p.seq, p.kind) for p in report.problems] == [(seq + 1, "unsigned")]
