"""Data made by earlier versions opens in this one (STYLE: upgrades tested against real old
files). Each release commits a database it wrote (tests/fixtures/make_release_fixture.py);
this test opens every committed fixture with the current code, upgrades it and finds the
records its manifest lists. tests/installer/test_frozen.py does the same with the built app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from screener import services
from screener.clock import FixedClock
from screener.store.migrations import latest_version
from screener.store.sqlite import scalar
from tests.installer.fixture_dbs import FIXTURES, copy_fixture, manifests

MANIFESTS = manifests()


def test_there_is_a_fixture_for_the_current_schema() -> None:
    """A release that adds a migration must also commit a fixture written by it."""
    assert MANIFESTS and max(m["schema"] for m in MANIFESTS) == latest_version(), (
        "no committed fixture has the current schema: run tests/fixtures/make_release_fixture.py")


def test_every_fixture_has_its_files() -> None:
    for manifest in MANIFESTS:
        assert (FIXTURES / manifest["database"]).is_file()
        assert (FIXTURES / (manifest["database"] + ".keys")).is_file()


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[m["database"] for m in MANIFESTS])
def test_committed_fixture_opens_upgrades_and_keeps_its_records(
    manifest: dict[str, Any], tmp_path: Path
) -> None:
    path = copy_fixture(manifest, tmp_path)
    clock = FixedClock.on(date(2027, 3, 1))
    admin = manifest["users"]["admin"]["password"]
    with services.open_session(path, "admin", admin, clock) as session:
        assert scalar(session.repos.db.conn, "PRAGMA user_version") == latest_version()
        _check_records(session, manifest)
        assert services.verify_audit(session).ok
        identity = services.sync_identity(session)
        assert (identity.role if identity else None) == manifest["sync_role"]
        # the upgraded database keeps working
        client = services.create_client(session, services.ClientIdentity("Nueva", "Persona"))
        assert services.get_client(session, client.id).first_name == "Nueva"
    for name, user in manifest["users"].items():
        with services.open_session(path, name, user["password"], clock) as session:
            assert session.role.value == user["role"]


def _check_records(session: services.Session, manifest: dict[str, Any]) -> None:
    for client_id, names in manifest["clients"].items():
        client = services.get_client(session, client_id)
        assert (client.first_name, client.last_name) == (names["first_name"], names["last_name"])
    for intake_id, expected in manifest["intakes"].items():
        intake = services.get_intake(session, intake_id)
        assert (intake.client_id, intake.status.value) == (expected["client"], expected["status"])
        values = services.answer_values(session, intake_id)
        assert {k: values.get(k) for k in expected["answers"]} == expected["answers"]
    for intake_id, fields in manifest["history"].items():
        for field_id, history in fields.items():
            versions = services.answer_history(session, intake_id, field_id)
            assert [v.value for v in versions] == history
    for client_id, count in manifest["determinations"].items():
        screening = services.client_screening(session, client_id)
        assert screening is not None and len(screening.determinations) == count
    for client_id, count in manifest["consents"].items():
        assert len(services.consents_of(session, client_id)) == count
    for client_id, count in manifest["packets"].items():
        assert len(services.packets_of(session, client_id)) == count
