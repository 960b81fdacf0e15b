"""Keys that rotate (issue 20, finding 2): a removed account or an old password leaves no
slot on disk, and `rekey_database` makes the old key useless."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import Role
from screener.errors import InputError, NotADatabase, PermissionDenied, WrongPassword
from screener.store import open_database
from screener.store.keyslots import (
    KeysFile,
    keys_path_for,
    load_keys_file,
    save_keys_file,
    unwrap_key,
)
from tests.unit.store.conftest import WORKER, WORKER_PASSWORD
from tests.unit.store.old_schema import PASSWORDS


def _every_keys_file(folder: Path) -> list[KeysFile]:
    found = []
    for name in os.listdir(folder):
        try:
            found.append(load_keys_file(folder / name))
        except Exception:  # noqa: BLE001 - not a keys file
            continue
    return found


def test_no_file_keeps_a_removed_account_or_an_old_password(
    admin: services.Session, db_path: Path
) -> None:
    services.add_user(admin, "bob", "intake", "bob-password-1")
    services.change_password(admin, "bob-password-2", username="bob")
    services.remove_user(admin, WORKER)
    for keys in _every_keys_file(db_path.parent):
        with pytest.raises(WrongPassword):
            unwrap_key(keys, WORKER, WORKER_PASSWORD)
        with pytest.raises(WrongPassword):
            unwrap_key(keys, "bob", "bob-password-1")


def test_rekey_makes_the_old_key_and_an_old_keys_file_useless(
    admin: services.Session, db_path: Path, clock: FixedClock
) -> None:
    client = services.create_client(admin, services.ClientIdentity("Rosa", "Quintero"))
    stolen = load_keys_file(keys_path_for(db_path))  # copied by the worker before removal
    old_key = unwrap_key(stolen, WORKER, WORKER_PASSWORD)
    services.remove_user(admin, WORKER)
    seen: list[tuple[int, int]] = []
    assert services.rekey_database(admin, lambda done, total: seen.append((done, total))) == 1
    assert seen and seen[-1][0] > 0
    assert services.get_client(admin, client.id).first_name == "Rosa"  # the session goes on
    assert services.verify_audit(admin).ok
    admin.close()
    with pytest.raises(NotADatabase):
        open_database(db_path, old_key)
    save_keys_file(keys_path_for(db_path), stolen)  # putting the old keys file back
    with pytest.raises(NotADatabase):
        services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    assert sorted(os.listdir(db_path.parent)) == ["screener.db", "screener.db.keys"]


def test_rekey_is_for_admins(worker: services.Session) -> None:
    with pytest.raises(PermissionDenied):
        services.rekey_database(worker)


def test_rekey_waits_for_accounts_from_before_the_upgrade(tmp_path: Path, clock: FixedClock) -> None:
    """db_v1 has legacy slots: signing in rewrites one's own; the rekey needs them all."""
    fixtures = Path(__file__).parents[2] / "fixtures"
    path = tmp_path / "screener.db"
    shutil.copyfile(fixtures / "db_v1.sqlcipher", path)
    shutil.copyfile(fixtures / "db_v1.sqlcipher.keys", keys_path_for(path))
    with services.open_session(path, "admin", PASSWORDS["admin"], clock) as session:
        with pytest.raises(InputError, match="have not signed in since.*: ana"):
            services.rekey_database(session)
    with services.open_session(path, "ana", PASSWORDS["ana"], clock) as session:
        assert session.role is Role.INTAKE
    with services.open_session(path, "admin", PASSWORDS["admin"], clock) as session:
        assert services.rekey_database(session) == 2
        assert services.verify_audit(session).ok
