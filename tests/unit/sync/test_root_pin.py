"""The office pins each laptop's root admin key (issue 20: roles an insider cannot forge,
"at the latest at the office, after the laptop's next bundle").

An intake worker with only her password and direct edits of the database and keys file
replaces her laptop's root admin key with her own account key and re-signs the grants
(herself as admin). On the laptop every signature then checks out; the office, which
recorded the laptop's root key when it joined, refuses its next bundle.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from screener import services
from screener.domain import Role
from screener.errors import BundleError, InputError
from screener.services import audit_heads
from screener.store.grants import Grants
from screener.store.keyslots import load_keys_file, unlock_slot
from screener.store.sqlite import Connection, connect
from tests.unit.sync.world import PASSWORD, World, add_clients


class _RawSettings:
    """The `settings` table through a plain SQLCipher connection (the insider's tool)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def with_prefix(self, prefix: str) -> tuple[str, ...]:
        rows = self._conn.execute("SELECT key FROM settings").fetchall()
        return tuple(sorted(str(r[0]) for r in rows if str(r[0]).startswith(prefix)))

    def set(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           (key, value))


def _take_over_root(world: World, name: str) -> None:
    """ana (intake) makes her own account key the root and grants herself admin."""
    world[name].close()
    path = world.db(name)
    keys = load_keys_file(world.key(name))
    unlocked = unlock_slot(keys, "ana", PASSWORD)
    assert unlocked.account is not None
    conn = connect(path.resolve().as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(unlocked.key).hex()}'\"")
    grants = Grants(_RawSettings(conn), keys.database_id)
    old_root = grants.root()
    assert old_root is not None
    granted = {user: grants.check(user) for user in ("fadmin", "ana")}
    grants.establish_root("ana", unlocked.account, old_root.since_seq)
    for user, grant in granted.items():
        assert grant is not None
        role = Role.ADMIN if user == "ana" else grant.role
        grants.sign("ana", unlocked.account, replace(grant, role=role))
    conn.execute("UPDATE users SET role = 'admin' WHERE username = 'ana'")
    conn.close()
    world.sessions[name] = services.open_session(path, "ana", PASSWORD, world.clock)


def _device_id(world: World, name: str) -> str:
    identity = services.sync_identity(world[name])
    assert identity is not None
    return identity.device_id


def test_the_office_pins_the_root_key_when_a_laptop_joins(world: World) -> None:
    laptop_root = world["field1"].grants.root()
    assert laptop_root is not None
    assert audit_heads.pinned_root(world.office, _device_id(world, "field1")) == (
        laptop_root.public_key)


def test_a_replaced_root_key_is_refused_at_the_office(world: World) -> None:
    add_clients(world["field1"], 1)
    world.sync_to_office("field1")
    _take_over_root(world, "field1")
    assert world["field1"].role is Role.ADMIN  # on the laptop, the forgery checks out
    [client_id] = add_clients(world["field1"], 1, prefix="X")
    world.tick()
    with pytest.raises(BundleError, match=r"Laptop field1 .*another root admin key"):
        world.sync_to_office("field1")
    with pytest.raises(InputError, match="no client"):  # nothing was imported
        services.get_client(world.office, client_id)
    report = services.verify_audit(world.office)
    assert [p.kind for p in report.problems] == ["device"]
    assert _device_id(world, "field1") in report.problems[0].message
    assert "root admin key" in report.problems[0].message


def test_a_laptop_enrolled_before_pinning_is_pinned_by_its_first_bundle(world: World) -> None:
    device = _device_id(world, "field2")
    with world.office.repos.db.transaction():  # as an office from before pinning has it
        world.office.repos.db.conn.execute("DELETE FROM settings WHERE key = ?",
                                           (f"device_root.{device}",))
    add_clients(world["field2"], 1)
    world.sync_to_office("field2")
    root = world["field2"].grants.root()
    assert root is not None and audit_heads.pinned_root(world.office, device) == root.public_key
    actions = [e.action for e in services.audit_entries(world.office, limit=1000)]
    assert audit_heads.ROOT_PINNED in actions
    _take_over_root(world, "field2")
    add_clients(world["field2"], 1, prefix="Y")
    world.tick()
    with pytest.raises(BundleError, match="another root admin key"):
        world.sync_to_office("field2")


def test_a_bundle_without_its_proof_is_refused_once_pinned(world: World) -> None:
    """Stripping the proof from the manifest (the insider holds the device key and can
    sign such a bundle) does not get past the pin."""
    from screener.services.devices import sync_identity
    from screener.store.sync_repo import SyncRepo
    from screener.sync.importing import verify

    identity = sync_identity(world.office)
    assert identity is not None
    manifest = verify(SyncRepo(world.office.repos.db), world.export("field1"), identity).manifest
    assert manifest.signing
    proof = json.loads(manifest.signing)
    proof["head"][3] = "session.close"  # another newest row than the checkpoints say
    carried = proof["settings"]
    grant = json.loads(carried["grant.ana"])
    grant["role"] = "admin"  # a grant whose signature no longer matches
    carried["grant.ana"] = json.dumps(grant)
    for forged, why in ((replace(manifest, signing=""), "carries no proof"),
                        (replace(manifest, signing=json.dumps(proof)), "does not match"),
                        (replace(manifest, signing=json.dumps({**proof, "head": json.loads(
                            manifest.signing)["head"]})), "not signed by a key")):
        with pytest.raises(BundleError, match=why):
            audit_heads.check_device_root(world.office, forged)


def test_enrolling_a_device_file_with_another_root_is_refused(
    world: World, tmp_path: Path
) -> None:
    _take_over_root(world, "field1")  # ana is admin on the laptop now, so she can join
    device_file = tmp_path / "again.device"
    services.join_office(world["field1"], world.folder / "office.enroll", "Laptop field1",
                         device_file)
    boss = services.open_session(world.db("office"), "boss", PASSWORD, world.clock)
    try:
        with pytest.raises(InputError, match="another root admin key"):
            services.enroll_device(boss, device_file)
    finally:
        boss.close()
