"""Office set-up, joining, enrolling and revoking devices; key files are checked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from screener import services
from screener.clock import FixedClock
from screener.errors import BundleError, InputError, PermissionDenied
from screener.store.sync_repo import SyncRepo
from screener.sync.keys import read_key_file
from tests.databases import Templates
from tests.unit.sync.world import World, build_template


def test_devices_are_listed_with_fingerprints_and_keys_stay_inside(world: World) -> None:
    devices = services.list_devices(world.office)
    assert [d.peer.name for d in devices] == ["Laptop field1", "Laptop field2"]
    joined = json.loads((world.folder / "field1.device").read_text())
    assert "AGE-SECRET-KEY" not in json.dumps(joined) and set(joined) >= {"signing_key",
                                                                          "age_recipient"}
    office = services.list_devices(world["field1"])
    assert [d.peer.kind for d in office] == ["office"]
    identity = SyncRepo(world.office.repos.db).identity()
    assert identity is not None and identity.role == "office"


def test_a_tampered_device_file_is_refused(world: World) -> None:
    path = world.folder / "field1.device"
    body = json.loads(path.read_text())
    body["name"] = "Someone else's laptop"
    path.write_text(json.dumps(body))
    with pytest.raises(InputError, match="signature does not match"):
        services.enroll_device(world.office, path)


def test_a_device_file_for_another_office_is_refused(world: World) -> None:
    with pytest.raises(InputError, match="not a device file"):
        services.enroll_device(world.office, world.folder / "office.enroll")
    with pytest.raises(InputError, match="not an office enrollment file"):
        read_key_file((world.folder / "field1.device").read_bytes(), "office", "field1.device")


def test_roles_are_checked(world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.init_office(world["field1"], "Mine", tmp_path / "x")
    with pytest.raises(PermissionDenied):
        services.enroll_device(world["field1"], world.folder / "field2.device")
    with pytest.raises(PermissionDenied):
        services.export_office_key(world.office, tmp_path / "key")  # olga is office, not admin


def test_revocation_is_final_for_the_device_keys(world: World) -> None:
    """Issue 20, finding 4: re-enrolling a revoked laptop silently un-revoked it."""
    device = services.list_devices(world.office)[0].peer.device_id
    assert services.revoke_device(world.office, device).peer.revoked
    with pytest.raises(InputError, match=r"was revoked on \d{4}-\d{2}-\d{2}; .*join again"):
        services.enroll_device(world.office, world.folder / "field1.device")
    assert services.list_devices(world.office)[0].peer.revoked
    with pytest.raises(BundleError, match="revoked"):
        services.import_bundle(world.office, world.export("field1"))


def test_device_and_enrollment_files_are_private(database_templates: Templates) -> None:
    template = database_templates.path(build_template)
    for name in ("field1.device", "field2.device", "office.enroll"):
        assert (template / name).stat().st_mode & 0o077 == 0, name


def test_a_bundle_from_a_laptop_whose_clock_is_far_ahead_is_refused(world: World) -> None:
    """Issue 20, finding 3: a bundle stamped 2099 moved the office's clock for good."""
    office = world.office
    before = office.repos.db.conn.execute("SELECT hlc FROM sync_clock").fetchone()[0]
    world["field1"].clock = FixedClock(datetime(2099, 12, 31, 12, tzinfo=UTC))
    services.create_client(world["field1"], services.ClientIdentity("Futuro", "Reloj"))
    with pytest.raises(BundleError, match=r"device Laptop field1 \(.*\) has changes stamped "
                                          r"2099-12-31.*more than 24 hours ahead"):
        services.import_bundle(office, world.export("field1"))
    assert office.repos.db.conn.execute("SELECT hlc FROM sync_clock").fetchone()[0] == before
    services.create_client(office, services.ClientIdentity("Hoy", "Oficina"))
    after = office.repos.db.conn.execute("SELECT hlc FROM sync_clock").fetchone()[0]
    assert after[:4] == str(world.clock.now().year)
