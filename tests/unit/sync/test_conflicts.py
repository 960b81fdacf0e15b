"""Concurrent edits, conflict review, duplicates and merges, bundle order."""

from __future__ import annotations

import pytest

from screener import services
from screener.domain import ClientIdentity
from screener.errors import BundleError, InputError, PermissionDenied
from tests.unit.sync.world import World, add_clients


def _shared_intake(world: World) -> str:
    """A client from field1 that the office also has, and sent to field2."""
    [client] = add_clients(world["field1"], 1)
    world.sync_to_office("field1")
    device2 = services.list_devices(world.office)[1].peer.device_id
    path = world.bundle_path()
    services.export_to_device(world.office, path, device2, [client], forms=False, rules=False)
    services.import_bundle(world["field2"], path)
    return services.intakes_of(world.office, client)[0].id


def test_both_sides_changing_a_field_keeps_both_values_as_a_conflict(world: World) -> None:
    intake = _shared_intake(world)
    world.tick()
    services.save_answer(world["field1"], intake, "housing_status", "transitional")
    world.tick()
    services.save_answer(world["field2"], intake, "housing_status", "rent_own")
    first = world.sync_to_office("field1")
    assert first.conflicts == 0 and dict(first.updated) == {"answer": 1}
    second = world.sync_to_office("field2")
    assert second.conflicts == 1
    [conflict] = services.list_conflicts(world.office)
    assert (conflict.field_id, conflict.local.value, conflict.remote.value) == (
        "housing_status", "transitional", "rent_own")
    assert conflict.remote.entered_by == "ana" and conflict.local.entered_at
    assert services.answer_values(world.office, intake)["housing_status"] == "transitional"
    # Importing again does not make a second conflict.
    assert services.import_bundle(world.office, world.export("field2", full=True)).conflicts == 0
    assert len(services.list_conflicts(world.office)) == 1


@pytest.mark.parametrize(("keep", "value", "expected", "history"), [
    ("local", None, "transitional", {"unsheltered", "rent_own"}),
    ("remote", None, "rent_own", {"unsheltered", "transitional"}),
    ("value", "emergency_shelter", "emergency_shelter", {"unsheltered", "transitional", "rent_own"}),
])
def test_resolving_a_conflict_keeps_one_and_moves_the_other_to_history(
    world: World, keep: str, value: str | None, expected: str, history: set[str]
) -> None:
    intake = _shared_intake(world)
    services.save_answer(world["field1"], intake, "housing_status", "transitional")
    services.save_answer(world["field2"], intake, "housing_status", "rent_own")
    world.sync_to_office("field1")
    world.sync_to_office("field2")
    [conflict] = services.list_conflicts(world.office)
    world.tick()
    resolved = services.resolve_conflict(world.office, conflict.id, keep, value)
    assert resolved.status == "resolved" and resolved.resolution == keep
    assert services.list_conflicts(world.office) == ()
    assert services.answer_values(world.office, intake)["housing_status"] == expected
    earlier = {v.value for v in services.answer_history(world.office, intake, "housing_status")}
    assert history <= earlier
    audit = [e.action for e in services.audit_entries(world.office, limit=1000)]
    assert "sync.conflict_resolve" in audit
    # The resolution supersedes both sides when it travels back.
    device1 = services.list_devices(world.office)[0].peer.device_id
    client = services.get_intake(world.office, intake).client_id
    path = world.bundle_path()
    services.export_to_device(world.office, path, device1, [client], forms=False, rules=False)
    back = services.import_bundle(world["field1"], path)
    assert back.conflicts == 0
    assert services.answer_values(world["field1"], intake)["housing_status"] == expected


@pytest.mark.parametrize("value", ["remot", "sleeping_in_car", 3])
def test_a_new_value_that_does_not_fit_the_question_is_refused(world: World,
                                                               value: object) -> None:
    intake = _shared_intake(world)
    services.save_answer(world["field1"], intake, "housing_status", "transitional")
    services.save_answer(world["field2"], intake, "housing_status", "rent_own")
    world.sync_to_office("field1")
    world.sync_to_office("field2")
    [conflict] = services.list_conflicts(world.office)
    with pytest.raises(InputError, match="housing_status"):
        services.resolve_conflict(world.office, conflict.id, "value", value)
    assert [c.id for c in services.list_conflicts(world.office)] == [conflict.id]
    assert services.answer_values(world.office, intake)["housing_status"] == "transitional"


def test_intake_staff_cannot_resolve(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.resolve_conflict(world["field1"], "x", "local")


def test_same_value_on_both_sides_is_no_conflict(world: World) -> None:
    intake = _shared_intake(world)
    services.save_answer(world["field1"], intake, "housing_status", "transitional")
    services.save_answer(world["field2"], intake, "housing_status", "transitional")
    world.sync_to_office("field1")
    assert world.sync_to_office("field2").conflicts == 0


def test_older_bundle_imported_late_changes_nothing(world: World) -> None:
    [client] = add_clients(world["field1"], 1)
    intake = services.intakes_of(world["field1"], client)[0].id
    old = world.export("field1")
    world.tick()
    services.save_answer(world["field1"], intake, "housing_status", "rent_own")
    new = world.export("field1", full=True)
    services.import_bundle(world.office, new)
    late = services.import_bundle(world.office, old)
    assert late.total_updated == 0 and late.conflicts == 0
    assert services.answer_values(world.office, intake)["housing_status"] == "rent_own"


def test_a_gap_is_reported_and_a_bundle_that_needs_it_is_refused(world: World) -> None:
    f1 = world["field1"]
    [client] = add_clients(f1, 1)
    first = world.export("field1")  # never imported: lost on the way
    world.tick()
    services.create_client(f1, ClientIdentity("Bea", "Soto", dob="1980-05-05"))
    standalone = services.import_bundle(world.office, world.export("field1"))
    assert standalone.missing == ((1, standalone.missing[0][1]),) and standalone.total_added == 1
    intake = services.intakes_of(f1, client)[0].id
    world.tick()
    services.save_answer(f1, intake, "housing_status", "rent_own")
    refused = world.export("field1")
    with pytest.raises(BundleError, match="have not been imported"):
        services.import_bundle(world.office, refused)
    assert services.list_devices(world.office)[0].missing == standalone.missing
    services.import_bundle(world.office, first)
    assert services.list_devices(world.office)[0].missing == ()
    assert services.import_bundle(world.office, refused).total_updated == 1
    assert services.answer_values(world.office, intake)["housing_status"] == "rent_own"


def test_possible_duplicates_are_flagged_and_merging_keeps_every_intake(world: World) -> None:
    a = services.create_client(world["field1"], ClientIdentity("José", "García", dob="1985-03-12"))
    services.start_intake(world["field1"], a.id, "intake", 1)
    b = services.create_client(world["field2"], ClientIdentity("Jose", "Garcia", dob="1985-03-12"))
    intake_b = services.start_intake(world["field2"], b.id, "intake", 1)
    services.save_answer(world["field2"], intake_b.id, "housing_status", "unsheltered")
    world.sync_to_office("field1")
    summary = world.sync_to_office("field2")
    assert summary.duplicates == 1
    [pair] = services.list_duplicates(world.office)
    assert {pair.a.id, pair.b.id} == {a.id, b.id}
    kept = services.merge_clients(world.office, a.id, b.id)
    assert kept.id == a.id and len(services.intakes_of(world.office, a.id)) == 2
    assert services.answer_values(world.office, intake_b.id)["housing_status"] == "unsheltered"
    assert services.list_duplicates(world.office) == ()
    with pytest.raises(InputError):
        services.get_client(world.office, b.id)
    # field2 keeps working on the merged-away client: its changes land on the kept one.
    world.tick()
    services.save_answer(world["field2"], intake_b.id, "housing_status", "rent_own")
    services.start_intake(world["field2"], b.id, "intake", 1)
    later = world.sync_to_office("field2")
    assert later.conflicts == 0
    assert len(services.intakes_of(world.office, a.id)) == 3
    assert services.answer_values(world.office, intake_b.id)["housing_status"] == "rent_own"
