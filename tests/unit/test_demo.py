"""Synthetic clients: deterministic, valid for the intake form, loaded into the store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.demo.people import NamePools, PersonFactory
from screener.forms import FormCatalog

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def names() -> NamePools:
    return NamePools.make(7)


def test_same_seed_gives_same_people(names: NamePools) -> None:
    first = PersonFactory(7, TODAY, names)
    second = PersonFactory(7, TODAY, names)
    assert [first.person() for _ in range(50)] == [second.person() for _ in range(50)]
    other = PersonFactory(8, TODAY, names)
    assert [other.person() for _ in range(5)] != [PersonFactory(7, TODAY, names).person() for _ in range(5)]


def test_names_in_english_and_spanish(names: NamePools) -> None:
    factory = PersonFactory(3, TODAY, names)
    people = [factory.person() for _ in range(300)]
    languages = {p.answers["preferred_language"] for p in people}
    assert {"en", "es"} <= languages
    assert any(ch in "áéíóúñÁÉÍÓÚÑ" for p in people for ch in p.identity.last_name + p.identity.first_name)


def test_every_synthetic_intake_is_valid_for_the_form(names: NamePools) -> None:
    form = FormCatalog.load().form("intake")
    factory = PersonFactory(11, TODAY, names)
    for _ in range(200):
        person = factory.person()
        parsed = form.parse_answers(person.answers)
        state = form.evaluate(parsed, TODAY)
        assert not state.answer_problems, state.answer_problems
        assert not state.messages, [(m.field_id, m.message.en) for m in state.messages]
        assert not state.not_on_form
        hidden = set(person.answers) - set(state.visible_fields)
        assert not hidden, f"answers to questions the form would skip: {hidden}"
        assert not state.missing_required


def test_fill_loads_clients_intakes_and_consents(tmp_path: Path) -> None:
    clock = FixedClock.on(TODAY)
    demo = services.create_demo_database(tmp_path, clients=60, seed=5, clock=clock)
    with services.open_session(demo.db_path, demo.username, demo.password, clock) as session:
        page = services.find_clients(session, "", limit=100)
        assert len(page.clients) == 60
        client = page.clients[0]
        intakes = services.intakes_of(session, client.id)
        assert intakes
        answers = services.answer_values(session, intakes[-1].id)
        assert answers["last_name"] == client.last_name
        # a second fill adds clients with fresh ids
        services.fill_demo_data(session, 10, seed=5)
        assert len(services.find_clients(session, "", limit=100).clients) == 70
        assert services.verify_audit(session).ok


def test_demo_data_command(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    env = {**os.environ, "SCREENER_PASSPHRASE": "office-password-1", "SCREENER_USER": "admin",
           "SCREENER_KDF_FAST": "1"}
    run = [sys.executable, "-m", "screener", "--db", str(db)]
    subprocess.run([*run, "init"], env=env, check=True, capture_output=True)
    out = subprocess.run([*run, "demo-data", "--clients", "25", "--seed", "3"], env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Added 25 synthetic clients" in out.stdout
    bad = subprocess.run([*run, "demo-data", "--clients", "-1"], env=env, capture_output=True,
                         text=True)
    assert bad.returncode == 2
    assert bad.stdout == "" and "--clients must be 0 or more" in bad.stderr
    # Like `--demo`, the command leaves eligibility worked out for every completed intake.
    with services.open_session(db, "admin", "office-password-1", FixedClock.on(TODAY)) as s:
        screened = [services.client_screening(s, c.id)
                    for c in services.find_clients(s, "", limit=100).clients]
    assert sum(1 for x in screened if x is not None) >= 15


def test_same_seed_on_two_installations_gives_different_ids(tmp_path: Path) -> None:
    clock = FixedClock.on(TODAY)
    ids = []
    for name in ("office", "laptop"):
        demo = services.create_demo_database(tmp_path / name, clients=5, seed=7, clock=clock)
        with services.open_session(demo.db_path, demo.username, demo.password, clock) as s:
            clients = services.find_clients(s, "", limit=10).clients
            ids.append({c.id for c in clients})
            names = sorted(f"{c.first_name} {c.last_name}" for c in clients)
        if name == "office":
            office_names = names
    assert names == office_names  # the same people ...
    assert not ids[0] & ids[1]  # ... under ids that never collide when the two sync


def test_some_clients_come_back_with_several_intakes(tmp_path: Path) -> None:
    clock = FixedClock.on(TODAY)
    demo = services.create_demo_database(tmp_path, clients=300, seed=2, clock=clock)
    with services.open_session(demo.db_path, demo.username, demo.password, clock) as session:
        counts = [int(r[0]) for r in session.repos.db.conn.execute(
            "SELECT count(*) FROM intakes GROUP BY client_id")]
    assert max(counts) >= 4 and counts.count(1) > len(counts) // 2
