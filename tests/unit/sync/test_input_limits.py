"""One set of input limits on every path (issue 20, finding 5): what the command line's
`client add` refuses, `intake fill` (an answers file) refuses too, and whatever the store
accepts, export and import accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener import services
from screener.errors import AnswerError, BundleError, InputError
from screener.limits import shown_safely
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import connect
from tests.unit.sync.world import PASSWORD, World

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


#: Characters the limits deal with: controls (refused, except line breaks and tabs in long
#: answers), bidirectional controls (removed), combining accents (normalised to NFC).
_TRICKY = st.sampled_from(["\x00", "\x1b", "\n", "\r\n", "\t", "\x7f", "\x85", "\u202e",
                           "\u2066", "\u200f", "e\u0301", "\u0301", "\ufeff", "\U0001f600"])
def _mixed(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.characters(codec="utf-8"), _TRICKY),
                    max_size=max_size).map("".join)


def _text(max_size: int) -> st.SearchStrategy[str]:
    """Text around a limit: short, or a run of letters close to `max_size` plus tricks."""
    return st.one_of(
        _mixed(40),
        st.builds(lambda n, tail: "a" * n + tail, st.integers(max_size - 5, max_size + 2),
                  _mixed(4)),
    )


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_text(200), last=_mixed(30), phone=_text(2000),
       note=_text(50_000), other=_mixed(60))
def test_whatever_the_store_accepts_export_and_import_accept(
    world: World, first: str, last: str, phone: str, note: str, other: str
) -> None:
    session = world["field1"]
    try:
        client = services.create_client(
            session, services.ClientIdentity(first, last or "Q", phone=phone or None))
    except InputError:
        return  # refused on the way in: nothing to carry
    intake = services.start_intake(session, client.id, "intake", 1)
    for field, value in (("preferred_name", other), ("race_ethnicity_detail", note),
                         ("last_name", other)):
        try:
            services.save_answer(session, intake.id, field, value)
        except AnswerError:
            pass
    world.tick()
    summary = world.sync_to_office("field1")
    assert summary.already_imported_at is None
    laptop, office = (services.get_client(s, client.id) for s in (session, world.office))
    assert (office.first_name, office.last_name, office.phone) == (
        laptop.first_name, laptop.last_name, laptop.phone)
    office_intake = services.intakes_of(world.office, client.id)[0]
    assert services.answer_values(world.office, office_intake.id) == (
        services.answer_values(session, intake.id))


def _edit_behind_screener(world: World, sql: str, *params: object) -> None:
    """What someone with the laptop's database key can write that Screener never would."""
    path = world.db("field1")
    key = unwrap_key(load_keys_file(keys_path_for(path)), "ana", PASSWORD)
    conn = connect(path.resolve().as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    conn.execute(sql, params)
    conn.close()


@pytest.mark.parametrize(("table", "column", "value", "named", "reason"), [
    ("clients", "first_name", "A" * 201, "first_name", "longer than 200 characters"),
    ("clients", "phone", "555\x1b[2J", "phone", "control characters"),
    ("answers", "value", '"' + "B" * 201 + '"', "question first_name", "longer than 200"),
    ("answers", "value", '"Ro\\u0000sa"', "question first_name", "control characters"),
])
def test_a_record_outside_the_limits_is_refused_by_name(
    world: World, table: str, column: str, value: str, named: str, reason: str
) -> None:
    """A value the store would never accept (written behind Screener's back) is refused at
    the office with the record, client or question and field named, never the value; the
    bundle follows the rule for refused records (fix on the laptop and export again)."""
    session = world["field1"]
    client = services.create_client(session, services.ClientIdentity("Rosa", "Q"))
    intake = services.start_intake(session, client.id, "intake", 1)
    services.save_answer(session, intake.id, "first_name", "Rosa")
    where = ("id = ?", client.id) if table == "clients" else (
        "intake_id = ? AND field_id = 'first_name'", intake.id)
    _edit_behind_screener(world, f"UPDATE {table} SET {column} = ? WHERE {where[0]}",
                          value, where[1])
    with pytest.raises(BundleError) as refused:
        world.sync_to_office("field1")
    message = str(refused.value)
    assert reason in message and "Nothing of this bundle was imported" in message
    assert (client.id in message) if table == "clients" else (
        named in message and intake.id in message)
    assert "AAAA" not in message and "BBBB" not in message
