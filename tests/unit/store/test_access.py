"""Who can unlock the database, and what their role lets them do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity, Role
from screener.errors import InputError, PermissionDenied, SessionLocked, WrongPassword
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD


def test_right_password_opens_and_wrong_one_fails(db_path: Path, clock: FixedClock) -> None:
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.role is Role.INTAKE
    with pytest.raises(WrongPassword):
        services.open_session(db_path, WORKER, WORKER_PASSWORD + "x", clock)
    with pytest.raises(WrongPassword):
        services.open_session(db_path, "nobody", WORKER_PASSWORD, clock)


def test_user_names_are_case_insensitive(db_path: Path, clock: FixedClock) -> None:
    with services.open_session(db_path, " ANA ", WORKER_PASSWORD, clock) as session:
        assert session.username == WORKER


def test_password_change_locks_out_old_password_and_keeps_data(
    db_path: Path, clock: FixedClock
) -> None:
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        client = services.create_client(session, ClientIdentity("Rosa", "Parks"))
        services.change_password(session, "a-brand-new-password",
                                 current_password=WORKER_PASSWORD)
    with pytest.raises(WrongPassword):
        services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    with services.open_session(db_path, WORKER, "a-brand-new-password", clock) as session:
        assert services.find_clients(session, "parks").clients[0].id == client.id


def test_own_password_change_needs_the_current_password(worker: services.Session) -> None:
    with pytest.raises(InputError):
        services.change_password(worker, "a-brand-new-password")
    with pytest.raises(WrongPassword):
        services.change_password(worker, "a-brand-new-password", current_password="wrong-one!")


def test_admin_resets_anothers_password_but_a_worker_cannot(
    admin: services.Session, worker: services.Session, db_path: Path, clock: FixedClock
) -> None:
    with pytest.raises(PermissionDenied):
        services.change_password(worker, "taken-over-1", username=ADMIN)
    services.change_password(admin, "reset-by-admin-1", username=WORKER)
    with services.open_session(db_path, WORKER, "reset-by-admin-1", clock):
        pass


def test_every_slot_wraps_the_same_key_and_the_database_is_not_reencrypted(
    admin: services.Session, db_path: Path
) -> None:
    header = db_path.read_bytes()[:16]  # SQLCipher 4's per-database salt
    services.add_user(admin, "office1", "office", "office-password-1")
    keys = load_keys_file(keys_path_for(db_path))
    assert unwrap_key(keys, ADMIN, ADMIN_PASSWORD) == unwrap_key(keys, "office1", "office-password-1")
    assert db_path.read_bytes()[:16] == header


def test_removing_a_user_removes_only_their_access(
    admin: services.Session, db_path: Path, clock: FixedClock
) -> None:
    services.add_user(admin, "office1", "office", "office-password-1")
    old_keys = keys_path_for(db_path).read_bytes()
    services.remove_user(admin, WORKER)
    assert [s.username for s in load_keys_file(keys_path_for(db_path)).slots] == [ADMIN, "office1"]
    with pytest.raises(WrongPassword):
        services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    with services.open_session(db_path, "office1", "office-password-1", clock) as office:
        assert office.role is Role.OFFICE
    # An old copy of the keys file still holds the slot, but the account is removed inside
    # the encrypted database, so it does not sign in.
    keys_path_for(db_path).write_bytes(old_keys)
    with pytest.raises(WrongPassword):
        services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)


def test_editing_a_role_in_the_keys_file_does_not_grant_admin(
    db_path: Path, clock: FixedClock
) -> None:
    path = keys_path_for(db_path)
    doc = json.loads(path.read_text())
    for slot in doc["slots"]:
        if slot["username"] == WORKER:
            slot["role"] = "admin"
    path.write_text(json.dumps(doc))
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.role is Role.INTAKE
        with pytest.raises(PermissionDenied):
            services.add_user(session, "mallory", "admin", "mallory-password")


def test_worker_slot_renamed_to_admin_does_not_sign_in(db_path: Path, clock: FixedClock) -> None:
    path = keys_path_for(db_path)
    doc = json.loads(path.read_text())
    doc["slots"] = [s for s in doc["slots"] if s["username"] == WORKER]
    doc["slots"][0]["username"] = ADMIN
    path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassword):
        services.open_session(db_path, ADMIN, WORKER_PASSWORD, clock)


def test_intake_staff_cannot_manage_accounts(worker: services.Session) -> None:
    for attempt in (
        lambda: services.add_user(worker, "x-user", "intake", "long-enough-1"),
        lambda: services.remove_user(worker, ADMIN),
        lambda: services.list_users(worker),
        lambda: services.verify_audit(worker),
        lambda: services.set_auto_lock_minutes(worker, 5),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_account_rules(admin: services.Session) -> None:
    with pytest.raises(InputError, match="already exists"):
        services.add_user(admin, WORKER, "intake", "long-enough-1")
    with pytest.raises(InputError, match="at least 10"):
        services.add_user(admin, "newbie", "intake", "short")
    with pytest.raises(InputError, match="Unknown role"):
        services.add_user(admin, "newbie", "boss", "long-enough-1")
    with pytest.raises(InputError, match="user name"):
        services.add_user(admin, "Bad Name!", "intake", "long-enough-1")
    with pytest.raises(InputError, match="last admin"):
        services.remove_user(admin, ADMIN)
    assert [u.username for u in services.list_users(admin)] == [ADMIN, WORKER]


def test_removed_user_can_be_added_again(admin: services.Session, db_path: Path,
                                         clock: FixedClock) -> None:
    services.remove_user(admin, WORKER)
    services.add_user(admin, WORKER, "office", "second-life-pass")
    with services.open_session(db_path, WORKER, "second-life-pass", clock) as session:
        assert session.role is Role.OFFICE


def test_failed_keys_file_write_leaves_no_account(
    admin: services.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("screener.services.users.save_keys_file", broken)
    with pytest.raises(OSError):
        services.add_user(admin, "newbie", "intake", "long-enough-1")
    assert admin.repos.users.get("newbie") is None


def test_lock_drops_the_key_and_the_connections(admin: services.Session) -> None:
    db = admin.repos.db
    admin.lock()
    assert admin.locked
    assert not any(db._key)
    with pytest.raises(SessionLocked):
        services.find_clients(admin, "")


def test_auto_lock_setting_defaults_to_ten_minutes(admin: services.Session) -> None:
    assert services.auto_lock_minutes(admin) == 10
    services.set_auto_lock_minutes(admin, 5)
    assert services.auto_lock_minutes(admin) == 5


def test_sessions_on_two_copies_do_not_mix(tmp_path: Path, db_path: Path, clock: FixedClock) -> None:
    other = tmp_path / "copy" / "screener.db"
    other.parent.mkdir()
    shutil.copyfile(db_path, other)
    shutil.copyfile(keys_path_for(db_path), keys_path_for(other))
    with services.open_session(other, ADMIN, ADMIN_PASSWORD, clock) as session:
        services.create_client(session, ClientIdentity("Only", "InCopy"))
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock) as session:
        assert services.find_clients(session, "incopy").clients == ()
