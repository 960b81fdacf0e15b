"""One set of input limits on every path (issue 20, finding 5): what the command line's
`client add` refuses, `intake fill` (an answers file) refuses too, and whatever the store
accepts, export and import accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener import services
from screener.errors import AnswerError, InputError
from screener.limits import shown_safely
from tests.unit.sync.world import World

HUGE = "A" * 100_000


def _intake(world: World) -> services.Intake:
    client = services.create_client(world["field1"], services.ClientIdentity("Rosa", "Q"))
    return services.start_intake(world["field1"], client.id, "intake", 1)


@pytest.mark.parametrize(("value", "reason"), [
    (HUGE, "longer than 200 characters"),
    ("Ro\x00sa", "control characters"),
    ("Ro\x1b[2Jsa", "control characters"),
])
def test_every_path_refuses_the_same_names(
    world: World, tmp_path: Path, value: str, reason: str
) -> None:
    session = world["field1"]
    with pytest.raises(InputError, match=reason):
        services.create_client(session, services.ClientIdentity(value, "Q"))
    intake = _intake(world)
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"first_name: {value!r}\n".replace("'", '"'), encoding="utf-8")
    with pytest.raises(AnswerError, match=reason):
        services.save_answers_file(session, intake.id, answers)
    with pytest.raises(AnswerError, match=reason):
        services.save_answer(session, intake.id, "first_name", value)
    assert services.answer_values(session, intake.id).get("first_name") is None


def test_text_is_normalised_and_bidi_controls_are_removed(world: World) -> None:
    session = world["field1"]
    client = services.create_client(
        session, services.ClientIdentity("Jose\u0301", "\u202eorreF"))  # e + accent; RLO
    assert (client.first_name, client.last_name) == ("Jos\u00e9", "orreF")
    intake = _intake(world)
    services.save_answer(session, intake.id, "last_name", "\u2067Ferro\u2069")
    assert services.answer_values(session, intake.id)["last_name"] == "Ferro"
    assert shown_safely("a\u202eb\x1bc") == "a\\u202eb\\u001bc"


_TEXT = st.text(st.characters(codec="utf-8"), max_size=250)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_TEXT, last=_TEXT, note=st.text(st.characters(codec="utf-8"), max_size=400))
def test_whatever_the_store_accepts_export_and_import_accept(
    world: World, first: str, last: str, note: str
) -> None:
    session = world["field1"]
    try:
        client = services.create_client(session, services.ClientIdentity(first, last))
    except InputError:
        return  # refused on the way in: nothing to carry
    intake = services.start_intake(session, client.id, "intake", 1)
    try:
        services.save_answer(session, intake.id, "preferred_name", note)
    except AnswerError:
        pass
    world.tick()
    summary = world.sync_to_office("field1")
    assert summary.already_imported_at is None
    assert services.get_client(world.office, client.id).first_name == client.first_name
