"""Accented answers and Spanish rule texts travel in bundles (they are stored as UTF-8 JSON)."""

from __future__ import annotations

from screener import services
from screener.domain import ClientIdentity
from tests.unit.sync.world import World


def test_accented_answers_survive_a_bundle(world: World) -> None:
    field = world["field1"]
    client = services.create_client(field, ClientIdentity("José", "Ibáñez"))
    intake = services.start_intake(field, client.id, "intake", 1)
    services.save_answer(field, intake.id, "last_name", "Ibáñez-Quetzal")
    services.save_answer(field, intake.id, "preferred_name", "Pepé")
    world.sync_to_office("field1")
    values = services.answer_values(world.office, intake.id)
    assert (values["last_name"], values["preferred_name"]) == ("Ibáñez-Quetzal", "Pepé")
