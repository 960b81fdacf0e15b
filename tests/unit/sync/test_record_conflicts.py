"""Concurrent edits of a client's identity, an intake's status or a consent: both versions
kept for review like answers, a revocation never undone, the reviewer's choice synced back."""

from __future__ import annotations

import pytest

from screener import services
from screener.errors import InputError
from tests.e2e.test_store_cli import run
from tests.unit.sync.world import PASSWORD, PNG, World, add_clients, edit_consent_expiry


def _send(world: World, device: str, clients: list[str]) -> services.ImportSummary:
    """The office sends these clients (and everything it owes the laptop) to `device`."""
    target = {d.peer.name: d.peer.device_id for d in services.list_devices(world.office)}
    path = world.bundle_path()
    services.export_to_device(world.office, path, target[f"Laptop {device}"], clients,
                              forms=False, rules=False)
    return services.import_bundle(world[device], path)


def _shared_client(world: World) -> str:
    """A client field1 made, that the office and field2 also hold."""
    [client] = add_clients(world["field1"], 1, answers_each=0)
    world.sync_to_office("field1")
    _send(world, "field2", [client])
    return client


def _rename(world: World, device: str, client_id: str, first_name: str) -> None:
    world.tick()
    session = world[device]
    client = services.get_client(session, client_id)
    session.repos.clients.update_identity(
        client_id, client.identity.with_value("first_name", first_name), session.now())


def _first_names(world: World, client_id: str) -> dict[str, str]:
    return {name: services.get_client(world[name], client_id).first_name
            for name in ("office", "field1", "field2")}


def test_two_people_renaming_a_client_make_a_conflict_the_office_settles(world: World) -> None:
    client = _shared_client(world)
    _rename(world, "field1", client, "Anna")
    _rename(world, "field2", client, "Annie")
    world.sync_to_office("field1")
    assert world.sync_to_office("field2").conflicts == 1
    [conflict] = services.list_conflicts(world.office)
    assert (conflict.kind, conflict.record_id, conflict.client_id) == ("client", client, client)
    assert conflict.field_id == "first_name" and conflict.intake_id is None
    assert (conflict.local.value, conflict.remote.value) == (
        {"first_name": "Anna"}, {"first_name": "Annie"})
    field2 = world["field2"].repos.db.device_id
    assert conflict.remote.device_id == field2 and conflict.remote.entered_at.startswith("2026-")
    assert services.get_client(world.office, client).first_name == "Anna"  # local stays
    # The same version again, in any bundle, does not make a second conflict.
    assert services.import_bundle(world.office, world.export("field2", full=True)).conflicts == 0
    assert len(services.list_conflicts(world.office)) == 1

    # field2 hears of Anna before the office decides: it keeps Annie and waits for review too.
    assert _send(world, "field2", [client]).conflicts == 1
    assert services.get_client(world["field2"], client).first_name == "Annie"

    world.tick()
    resolved = services.resolve_conflict(world.office, conflict.id, "remote")
    assert (resolved.status, resolved.resolution) == ("resolved", "remote")
    assert services.list_conflicts(world.office) == ()
    # The decision is a change like any other: it reaches both laptops and settles theirs.
    for device in ("field1", "field2"):
        _send(world, device, [client])
    assert set(_first_names(world, client).values()) == {"Annie"}
    assert services.list_conflicts(world["field2"]) == ()
    closed = services.list_conflicts(world["field2"], include_closed=True)
    assert [c.status for c in closed] == ["superseded"]
    # And nothing more comes of a full exchange.
    for device in ("field1", "field2"):
        assert world.sync_to_office(device).conflicts == 0
        assert _send(world, device, [client]).conflicts == 0
    assert set(_first_names(world, client).values()) == {"Annie"}


def test_a_record_conflict_keeps_one_side_not_a_typed_value(world: World) -> None:
    client = _shared_client(world)
    _rename(world, "field1", client, "Anna")
    _rename(world, "field2", client, "Annie")
    world.sync_to_office("field1")
    world.sync_to_office("field2")
    [conflict] = services.list_conflicts(world.office)
    with pytest.raises(InputError, match="keep local or remote"):
        services.resolve_conflict(world.office, conflict.id, "value", "Ann")
    services.resolve_conflict(world.office, conflict.id, "local")
    with pytest.raises(InputError, match="already resolved"):
        services.resolve_conflict(world.office, conflict.id, "remote")
    assert services.get_client(world.office, client).first_name == "Anna"
    [closed] = services.list_conflicts(world.office, include_closed=True)
    assert closed.remote.value == {"first_name": "Annie"}  # the value not kept is not lost


def _consent(world: World) -> tuple[str, str]:
    """A consent field1 captured for a client the office holds: (client id, consent id)."""
    [client] = add_clients(world["field1"], 1, answers_each=0)
    consent = services.capture_consent(
        world["field1"], client, ["housing"], mental_health=False, substance_use=False,
        expires_on="2027-11-25", signature_png=PNG)
    world.sync_to_office("field1")
    return client, consent.id


def _change_expiry(world: World, device: str, consent_id: str, expires_on: str) -> None:
    world.tick()
    edit_consent_expiry(world[device], consent_id, expires_on)


def _revoked(world: World, device: str, client: str) -> bool:
    [consent] = services.consents_of(world[device], client)
    return consent.revoked


@pytest.mark.parametrize("laptop_first", [True, False])
def test_a_revocation_at_the_office_holds_against_a_concurrent_laptop_edit(
    world: World, laptop_first: bool
) -> None:
    client, consent = _consent(world)
    world.tick()
    services.revoke_consent(world.office, consent)
    _change_expiry(world, "field1", consent, "2028-01-31")
    if laptop_first:
        assert world.sync_to_office("field1").conflicts == 1
        assert _send(world, "field1", [client]).conflicts == 1
    else:
        assert _send(world, "field1", [client]).conflicts == 1
        assert world.sync_to_office("field1").conflicts == 1
    # Revoked everywhere at once; the laptop's edit waits for review at the office.
    assert _revoked(world, "office", client) and _revoked(world, "field1", client)
    [conflict] = services.list_conflicts(world.office)
    assert (conflict.kind, conflict.field_id) == ("consent", "expires_on")
    assert conflict.local.value == {"expires_on": "2027-11-25"}
    assert conflict.remote.value == {"expires_on": "2028-01-31"}
    assert conflict.local.entered_by == "olga"  # who revoked it
    world.tick()
    services.resolve_conflict(world.office, conflict.id, "remote")
    _send(world, "field1", [client])
    for device in ("office", "field1"):
        [kept] = services.consents_of(world[device], client)
        assert kept.revoked and kept.expires_on == "2028-01-31" and kept.revoked_by == "olga"
    assert services.list_conflicts(world["field1"]) == ()


def test_a_revocation_alone_settles_without_review(world: World) -> None:
    client, consent = _consent(world)
    world.tick()
    services.revoke_consent(world.office, consent)
    _send(world, "field1", [client])
    assert _revoked(world, "field1", client) and services.list_conflicts(world["field1"]) == ()


def test_conflicts_on_the_command_line(world: World) -> None:
    client = _shared_client(world)
    _rename(world, "field1", client, "Anna")
    _rename(world, "field2", client, "Annie")
    world.sync_to_office("field1")
    world.sync_to_office("field2")
    world.close()
    db = str(world.db("office"))
    listed = run("conflicts", "list", "--db", db, user="olga", password=PASSWORD)
    assert listed.returncode == 0, listed.stderr
    assert f"open  client  client {client}  first_name" in listed.stdout
    assert 'local  {"first_name": "Anna"}  by (not recorded)' in listed.stdout
    assert 'remote {"first_name": "Annie"}' in listed.stdout and "1 conflict" in listed.stderr
    conflict_id = listed.stdout.split()[0]
    typed = run("conflicts", "resolve", conflict_id, "--keep", "Ann", "--db", db, user="olga",
                password=PASSWORD)
    assert typed.returncode == 2 and "keep local or remote" in typed.stderr
    done = run("conflicts", "resolve", conflict_id, "--keep", "remote", "--db", db,
               user="olga", password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert f"Resolved {conflict_id} (first_name): kept remote." in done.stdout
    after = run("conflicts", "list", "--db", db, user="olga", password=PASSWORD)
    assert after.stdout == "" and "no conflicts" in after.stderr


def test_merging_a_client_away_closes_its_conflicts(world: World) -> None:
    client = _shared_client(world)
    _rename(world, "field1", client, "Anna")
    _rename(world, "field2", client, "Annie")
    world.sync_to_office("field1")
    world.sync_to_office("field2")
    [other] = add_clients(world.office, 1, answers_each=0, prefix="K")
    services.merge_clients(world.office, other, client)
    assert services.list_conflicts(world.office) == ()
    [closed] = services.list_conflicts(world.office, include_closed=True)
    assert closed.status == "superseded" and closed.remote.value == {"first_name": "Annie"}
