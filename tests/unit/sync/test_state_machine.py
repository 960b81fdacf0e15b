"""Random edits, exports and imports over two field laptops and the office, in any order and
any repetition, in both directions, with content packs published at the office: every value
ever current on an installation stays there, as the current value, an open conflict, or in
the answer history. Never gone. After a full exchange every installation holds the same
values and has the office's content pack in force.

The same for a client's name and a consent, edited concurrently (renamed, its expiry date
changed, revoked): a value leaves an installation only when a person replaced it (an edit
there, or a choice in review), a revoked consent never comes back, and once the office has
reviewed every conflict of theirs a full exchange leaves all three the same."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from screener import paths, services
from screener.services import content as content_service
from screener.store.sync_repo import SyncRepo
from screener.sync import content
from tests.unit.sync.world import (
    PNG,
    World,
    add_clients,
    build_template,
    copy_world,
    edit_consent_expiry,
)

# Free-text questions: any "vN" value is a valid answer to them.
FIELDS = ("race_ethnicity_detail", "emergency_contact_name", "supervising_officer_name")
DEVICES = ("office", "field1", "field2")
_TEMPLATE: Path | None = None
#: fsync is free in memory: the machine makes thousands of commits.
_SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None


def _template() -> Path:
    """Three installations sharing one client and intake (built once per test run)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="sync-machine-", dir=_SCRATCH))
        build_template(folder / "base")
        world = World(copy_world(folder / "base", folder / "shared"))
        [client] = add_clients(world["field1"], 1, answers_each=0)
        services.capture_consent(world["field1"], client, ["housing"], mental_health=False,
                                 substance_use=False, expires_on="2027-11-25", signature_png=PNG)
        world.sync_to_office("field1")
        device2 = services.list_devices(world.office)[1].peer.device_id
        path = world.bundle_path()
        services.export_to_device(world.office, path, device2, [client], forms=False, rules=False)
        services.import_bundle(world["field2"], path)
        world.close()
        for leftover in (folder / "shared").glob("*.screener-bundle"):
            leftover.unlink()
        _TEMPLATE = folder / "shared"
    return _TEMPLATE


def _values_on(world: World, name: str, intake: str) -> tuple[set[str], set[str]]:
    """(current values, values kept in history or open conflicts) of the intake's answers."""
    conn = world[name].repos.db.conn
    current = {json.loads(r[0]) for r in conn.execute(
        "SELECT value FROM answers WHERE intake_id = ?", (intake,))}
    kept = {json.loads(r[0]) for r in conn.execute(
        "SELECT h.value FROM answer_history h JOIN answers a ON a.id = h.answer_id "
        "WHERE a.intake_id = ?", (intake,))}
    kept |= {json.loads(r[0]) for r in conn.execute(
        "SELECT remote_value FROM sync_conflicts WHERE intake_id = ? AND status = 'open'",
        (intake,))}
    return current, kept


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sync-run-", dir=_SCRATCH))
        self.world = World(copy_world(_template(), self.tmp / "w"))
        self.intake = services.intakes_of(self.world["field1"], self._client())[0].id
        self.counter = 0
        self.pending: dict[str, list[Path]] = {name: [] for name in DEVICES}
        self.seen: dict[str, set[str]] = {name: set() for name in DEVICES}
        # A pack's own checks (forms check, rules check, its rule tests) take seconds; they
        # are tested in test_content.py and tests/e2e/test_field_loop.py. Here packs are the
        # app's own files, so skipping them keeps thousands of steps quick.
        self.patch = pytest.MonkeyPatch()
        self.patch.setattr(content_service, "check_pack_folder", lambda folder: None)
        self.published = 0
        #: Record values a person replaced (an edit on top, the side not kept in review).
        self.decided: set[str] = set()
        self.seen_records: dict[str, set[str]] = {name: set() for name in DEVICES}
        self.revoked: set[str] = set()

    def _client(self) -> str:
        return self.world["field1"].repos.db.conn.execute(
            "SELECT id FROM clients").fetchone()[0]

    def _value(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    @rule(device=st.sampled_from(DEVICES), field=st.sampled_from(FIELDS))
    def edit(self, device: str, field: str) -> None:
        self.world.tick()
        services.save_answer(self.world[device], self.intake, field, self._value())

    def _consent(self, device: str) -> services.Consent:
        return services.consents_of(self.world[device], self._client())[0]

    def _record_values(self, device: str) -> set[str]:
        """The client's first name and the consent's expiry date current on `device`."""
        consent = self._consent(device)
        return {services.get_client(self.world[device], self._client()).first_name,
                consent.expires_on or ""}

    @rule(device=st.sampled_from(DEVICES))
    def rename(self, device: str) -> None:
        session = self.world[device]
        self.world.tick()
        client = services.get_client(session, self._client())
        self.decided.add(client.first_name)
        session.repos.clients.update_identity(
            client.id, client.identity.with_value("first_name", self._value()), session.now())

    @rule(device=st.sampled_from(DEVICES))
    def change_expiry(self, device: str) -> None:
        self.world.tick()
        consent = self._consent(device)
        self.decided.add(consent.expires_on or "")
        self.counter += 1
        edit_consent_expiry(self.world[device], consent.id, f"2028-01-{self.counter % 28 + 1:02d}")

    @rule(device=st.sampled_from(DEVICES))
    def revoke(self, device: str) -> None:
        self.world.tick()
        services.revoke_consent(self.world[device], self._consent(device).id)

    @rule(device=st.sampled_from(("field1", "field2")), full=st.booleans())
    def export_to_office(self, device: str, full: bool) -> None:
        self.pending["office"].append(self.world.export(device, full=full))

    @rule(device=st.sampled_from(("field1", "field2")))
    def office_sends(self, device: str) -> None:
        target = {d.peer.name: d.peer.device_id for d in services.list_devices(self.world.office)}
        path = self.world.bundle_path()
        services.export_to_device(self.world.office, path, target[f"Laptop {device}"],
                                  [self._client()], forms=False, rules=False)
        self.pending[device].append(path)

    @precondition(lambda self: self.published < 2)
    @rule()
    def publish(self) -> None:
        """The office puts the next content pack in force (it rides in its next bundles)."""
        office = self.world.office
        identity = SyncRepo(office.repos.db).identity()
        assert identity is not None
        self.published += 1
        pack = content.build_pack(
            content.collect_files(paths.forms_dir(), paths.rules_dir(), paths.resources_dir()),
            office_id=identity.device_id, office_name=identity.name, version=self.published,
            published_at=f"2026-11-25T18:00:0{self.published}Z", published_by="boss",
            changelog=f"pack {self.published}", rules_hash="", signing_key=identity.signing_key)
        content.install(paths.content_dir(office.path), pack, "pack", lambda folder: None)

    @precondition(lambda self: any(self.pending.values()))
    @rule(data=st.data())
    def import_any(self, data: st.DataObject) -> None:
        device = data.draw(st.sampled_from([d for d in DEVICES if self.pending[d]]))
        path = data.draw(st.sampled_from(self.pending[device]))
        services.import_bundle(self.world[device], path)

    @precondition(lambda self: bool(services.list_conflicts(self.world.office)))
    @rule(keep=st.sampled_from(("local", "remote", "value")))
    def resolve(self, keep: str) -> None:
        self._resolve(services.list_conflicts(self.world.office)[0], keep)

    def _resolve(self, conflict: services.Conflict, keep: str) -> None:
        event(f"resolved a conflict of a {conflict.kind}")  # --hypothesis-show-statistics
        self.world.tick()
        if conflict.kind != "answer":  # a client or consent: one side or the other
            keep = "remote" if keep == "value" else keep
            lost = conflict.remote if keep == "local" else conflict.local
            assert isinstance(lost.value, dict)
            self.decided |= {str(v or "") for v in lost.value.values()}
        services.resolve_conflict(self.world.office, conflict.id, keep,
                                  self._value() if keep == "value" else None)

    @rule()
    def full_exchange(self) -> None:
        """Both laptops send everything, the office imports it and sends back: afterwards all
        three hold the same answers, and the office's pack is in force everywhere."""
        for device in ("field1", "field2"):
            services.import_bundle(self.world.office, self.world.export(device, full=True))
        while records := [c for c in services.list_conflicts(self.world.office)
                          if c.kind != "answer"]:
            self._resolve(records[0], "local")
        for device in ("field1", "field2"):
            self.office_sends(device)
            services.import_bundle(self.world[device], self.pending[device][-1])
        answers = {name: self._answers(name) for name in DEVICES}
        assert answers["field1"] == answers["office"] == answers["field2"], answers
        packs = {name: content.in_force(paths.content_dir(self.world[name].path))
                 for name in DEVICES}
        versions = {name: p.version if p else None for name, p in packs.items()}
        assert len(set(versions.values())) == 1, versions
        records = {name: (self._record_values(name), self._consent(name).revoked)
                   for name in DEVICES}
        assert records["field1"] == records["office"] == records["field2"], records

    def _answers(self, name: str) -> dict[str, str]:
        return {str(r[0]): str(r[1]) for r in self.world[name].repos.db.conn.execute(
            "SELECT field_id, value FROM answers WHERE intake_id = ?", (self.intake,))}

    @invariant()
    def no_record_value_is_lost_and_no_revocation_undone(self) -> None:
        for name in DEVICES:
            current = self._record_values(name)
            self.seen_records[name] |= current
            waiting = {str(v or "") for c in services.list_conflicts(self.world[name])
                       if c.kind != "answer" and isinstance(c.remote.value, dict)
                       for v in c.remote.value.values()}
            lost = self.seen_records[name] - current - waiting - self.decided
            assert not lost, f"{name} lost {sorted(lost)}"
            if self._consent(name).revoked:
                self.revoked.add(name)
            assert name not in self.revoked or self._consent(name).revoked, name

    @invariant()
    def nothing_is_ever_lost(self) -> None:
        for name in DEVICES:
            current, kept = _values_on(self.world, name, self.intake)
            self.seen[name] |= current
            lost = self.seen[name] - current - kept
            assert not lost, f"{name} lost {sorted(lost)}"

    def teardown(self) -> None:
        self.patch.undo()
        self.world.close()
        paths.use_database(None)
        shutil.rmtree(self.tmp, ignore_errors=True)


#: Each example publishes packs and re-screens: 15 keep the suite's run near a minute; set
#: SCREENER_SYNC_EXAMPLES=200 for a long run (tests/reliability/README.md has the figures).
EXAMPLES = int(os.environ.get("SCREENER_SYNC_EXAMPLES", "15"))
SyncMachine.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_sync_never_loses_a_value = SyncMachine.TestCase
