"""The field <-> office loop with three installations (an office, laptops A and B): the office
publishes content packs that laptops install and screen with, and its decisions (merges,
revoked consents) reach the laptops that hold those clients.

The installations are real SQLCipher databases; the services run in this process and the
command line in a subprocess (`screen --json`, `content list`), as an admin would use them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener import paths, services
from screener.domain import ClientIdentity
from screener.errors import ContentPackError
from screener.services.eligibility import PACK_STAMP
from screener.store.sync_repo import SyncRepo
from screener.sync import content
from screener.sync.keys import generate_keys
from tests.e2e.test_store_cli import run
from tests.unit.sync.world import PASSWORD, World, build_template, copy_world
from tests.unit.test_workflow import _consent, _person

ECM = "calaim_ecm"
#: A test-only Medi-Cal proxy limit (not a real figure): high enough that a client earning
#: 50,000 a month qualifies by income under pack v2 and not under the built-in rules.
TEST_LIMIT = "2026-11-01: 100000.00"


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    template = tmp_path_factory.getbasetemp() / "field-loop-template"
    if not template.exists():
        build_template(template.with_suffix(".building"))
        template.with_suffix(".building").rename(template)
    w = World(copy_world(template, tmp_path / "world"))
    yield w
    w.close()
    paths.use_database(None)


def _admin(w: World, name: str) -> services.Session:
    user = "boss" if name == "office" else "fadmin"
    return services.open_session(w.db(name), user, PASSWORD, w.clock)


def _v2_rules(folder: Path) -> Path:
    """The rules in force with a dated Medi-Cal proxy limit added (what an admin edits)."""
    services.copy_content(folder)
    rules = folder / "rules" / "physical_health.yaml"
    text = rules.read_text("utf-8")
    values = re.compile(r"(  medi_cal_income_limit_monthly:\n(?:    .*\n)*?    values: \{.*)\}")
    edited = values.sub(lambda m: f"{m[1]}, {TEST_LIMIT}}}", text, count=1)
    assert edited != text
    rules.write_text(edited, "utf-8")
    return folder / "rules"


def _send(w: World, to: str) -> services.ImportSummary:
    device = next(d.peer for d in services.list_devices(w.office)
                  if d.peer.name == f"Laptop {to}")
    path = w.bundle_path()
    services.export_to_device(w.office, path, device.device_id, [])
    return services.import_bundle(w[to], path)


def _ecm(session: services.Session, client_id: str) -> str:
    screening = services.client_screening(session, client_id)
    assert screening is not None
    found = screening.get(ECM)
    assert found is not None
    return found.outcome.value


def _screen_json(w: World, name: str, answers: Path) -> dict[str, object]:
    result = run("--db", str(w.db(name)), "screen", "--answers", str(answers), "--today",
                 "2026-11-25", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out, dict)
    return out


def test_a_pack_published_at_the_office_is_screened_with_on_laptop_a(
        world: World, tmp_path: Path) -> None:
    w = world
    # Laptop A screens a client with the built-in rules and sends the intake in.
    answers = _person(health_coverage="none", benefits_current=["none"], income_monthly=50000,
                      health_conditions=["chronic_condition"], release_date="2026-09-20")
    client = services.create_client(w["field1"], ClientIdentity("Yolanda", "Ibáñez"))
    intake = services.start_intake(w["field1"], client.id, "intake", 1)
    for field_id, value in answers.items():
        services.save_answer(w["field1"], intake.id, field_id, value)  # type: ignore[arg-type]
    services.complete_intake(w["field1"], intake.id)
    assert _ecm(w["field1"], client.id) == "not_eligible"
    w.sync_to_office("field1")

    # The office publishes v1 (the set as built) and v2 (one limit changed); both go out.
    with _admin(w, "office") as boss:
        v1 = services.publish_content(boss, "First pack: the rules of this release",
                                      output=tmp_path / "v1.screener-content")
        assert v1.pack is not None and v1.pack.version == 1
    assert _send(w, "field1").content.pack.version == 1  # type: ignore[union-attr]
    with _admin(w, "office") as boss:
        rules = _v2_rules(tmp_path / "work")
        v2 = services.publish_content(boss, "Medi-Cal proxy limit from November",
                                      rules_dir=rules, output=tmp_path / "v2.screener-content")
        assert v2.pack is not None and v2.pack.version == 2 and v2.rescreen.changed == 1
    got = _send(w, "field1")
    assert got.content is not None and got.content.pack is not None
    # (the office's determinations under v2 came along, so re-screening found them current)
    assert got.content.pack.version == 2 and got.content.rescreen.intakes == 1

    # Laptop A: `screen --json` and the stored determinations use v2.
    file = tmp_path / "answers.yaml"
    file.write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in answers.items()), "utf-8")
    out = _screen_json(w, "field1", file)
    assert out["content_pack"] == {"version": 2, "rules_hash": v2.pack.rules_hash}
    assert out["programs"][ECM]["outcome"] == "eligible"  # type: ignore[index]
    assert _ecm(w["field1"], client.id) == "eligible"
    [change] = [c for c in services.pack_changes(w["field1"], client.id) if c.program_id == ECM]
    assert (change.before, change.after, change.pack_version) == ("not_eligible", "eligible", 2)
    stored = w["field1"].repos.determinations.latest_for_intake(intake.id)
    assert stored and all(d.rules_version.startswith(f"{PACK_STAMP}=2;") for d in stored)
    assert {d.rules_hash for d in stored} == {v2.pack.rules_hash}
    listed = run("content", "list", "--db", str(w.db("field1")))
    assert "v2  in force" in listed.stdout and "v1  previous" in listed.stdout

    # Refused, changing nothing: a tampered pack, an older one, one from another office,
    # and one (properly signed) that fails its own rule tests.
    folder = paths.content_dir(w.db("field1"))
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    tampered = json.loads((tmp_path / "v2.screener-content").read_bytes())
    tampered["pack"]["version"] = 3
    (tmp_path / "v3.screener-content").write_text(json.dumps(tampered))
    office_key = SyncRepo(w.office.repos.db).identity().signing_key  # type: ignore[union-attr]
    office_id = w.office.repos.db.device_id
    files = content.read_pack((tmp_path / "v2.screener-content").read_bytes(), "v2").files
    failing = {**files, "rules/tests/extra.yaml":
               "- name: wrong on purpose\n  today: 2026-11-25\n  answers: {}\n"
               "  expect: {interim_housing: eligible}\n"}
    signed = {"office_id": office_id, "office_name": "ODR Main Office", "version": 3,
              "published_at": "2026-11-25T18:00:00Z", "published_by": "boss",
              "changelog": "x", "rules_hash": "", "signing_key": office_key}
    (tmp_path / "fails.screener-content").write_bytes(
        content.build_pack(failing, **signed).to_bytes())  # type: ignore[arg-type]
    foreign = {**signed, "office_id": "7f0e2a4c-0000-4000-8000-000000000000",
               "office_name": "Another office", "signing_key": generate_keys().signing_key}
    (tmp_path / "foreign.screener-content").write_bytes(
        content.build_pack(files, **foreign).to_bytes())  # type: ignore[arg-type]
    with _admin(w, "field1") as fadmin:
        for name, message in (("v3", "altered"), ("v1", "older than v2"),
                              ("foreign", "another office"), ("fails", "own rule tests")):
            with pytest.raises(ContentPackError, match=message):
                services.install_content(fadmin, tmp_path / f"{name}.screener-content")
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before
    cli = run("content", "install", str(tmp_path / "v3.screener-content"),
              "--db", str(w.db("field1")), user="fadmin", password=PASSWORD)
    # one line of error (after the clock warning: the test's data is stamped in 2026-11)
    errors = [line for line in cli.stderr.splitlines()
              if not line.startswith("Warning: this computer's clock")]
    assert cli.returncode == 2 and len(errors) == 1 and "altered" in errors[0]

    # Rollback restores v1 (and a later bundle carrying v2 does not bring it back).
    with _admin(w, "field1") as fadmin:
        back = services.rollback_content(fadmin)
    assert back.pack is not None and back.pack.version == 1 and back.rescreen.changed == 1
    assert _screen_json(w, "field1", file)["content_pack"]["version"] == 1  # type: ignore[index]
    assert _send(w, "field1").content is None
    assert _ecm(w["field1"], client.id) == "not_eligible"


def test_a_merge_and_a_revoked_consent_at_the_office_reach_laptop_b(world: World) -> None:
    w = world
    b = w["field2"]
    first = services.create_client(b, ClientIdentity("Marisol", "Quintero", dob="1990-03-04"))
    again = services.create_client(b, ClientIdentity("Marisol", "Quintero", dob="1990-03-04"))
    intake = services.start_intake(b, again.id, "intake", 1)
    services.save_answer(b, intake.id, "housing_status", "unsheltered")
    _consent(b, first.id, ["housing"], "2027-11-20")
    w.tick()
    summary = w.sync_to_office("field2")
    assert summary.duplicates == 1

    # At the office: the two records are one person; the client revokes the consent.
    [pair] = services.list_duplicates(w.office)
    kept = services.merge_clients(w.office, first.id, again.id)
    [consent] = services.consents_of(w.office, first.id)
    services.revoke_consent(w.office, consent.id)
    w.tick()

    got = _send(w, "field2")  # no client named: the laptop's own clients go back to it
    assert got.merged == 1
    assert services.get_client(b, kept.id) is not None
    with pytest.raises(Exception, match=again.id):
        services.get_client(b, again.id)
    assert [i.id for i in services.intakes_of(b, kept.id) if i.form_id == "intake"] == [intake.id]
    [copy] = services.consents_of(b, first.id)
    assert copy.revoked
    assert pair.id not in {p.id for p in services.list_duplicates(b)}

    # Idempotent: the same bundle again, or the next one, changes nothing more.
    again_summary = _send(w, "field2")
    assert again_summary.merged == 0 and again_summary.total_updated == 0
    assert again_summary.conflicts == 0
