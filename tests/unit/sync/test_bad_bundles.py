"""Every bad bundle is refused with a clear message, and the office database is untouched."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyrage
import pytest

from screener import services
from screener.errors import BundleError
from screener.store.migrations import latest_version
from screener.store.sync_repo import SyncRepo
from screener.sync.bundle import write_bundle
from screener.sync.exporting import _manifest
from screener.sync.keys import generate_keys
from screener.sync.manifest import FIELD_TO_OFFICE
from tests.unit.sync.world import World, add_clients, table_digest


def _refused(world: World, path: Path, match: str) -> str:
    before = table_digest(world.office)
    files = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(BundleError, match=match) as caught:
        services.import_bundle(world.office, path)
    assert table_digest(world.office) == before
    assert sorted(p.name for p in path.parent.iterdir()) == files  # nothing written
    return str(caught.value)


@pytest.fixture
def bundle(world: World) -> Path:
    add_clients(world["field1"], 20)
    return world.export("field1")


def _rewrite(world: World, lines: list[tuple[str, bytes]], *, schema: int | None = None,
             signing_key: bytes | None = None, device_id: str | None = None,
             recipient: str | None = None) -> Path:
    """A bundle written with field1's keys unless told otherwise."""
    identity = SyncRepo(world["field1"].repos.db).identity()
    office = SyncRepo(world["field1"].repos.db).peers("office")[0]
    assert identity is not None
    if device_id is not None:
        identity = replace(identity, device_id=device_id)
    manifest = _manifest(identity, FIELD_TO_OFFICE, office.device_id, world.clock.now(), 0, 1,
                         True)
    if schema is not None:
        manifest = replace(manifest, schema_version=schema)
    path = world.bundle_path()
    write_bundle(path, manifest, lines, recipient or office.age_recipient,
                 signing_key or identity.signing_key, 0)
    return path


def _lines(path: Path, world: World) -> list[tuple[str, bytes]]:
    """The decrypted lines of a good bundle (read with the office's key, in memory)."""
    identity = SyncRepo(world.office.repos.db).identity()
    assert identity is not None
    from screener.sync.bundle import read_records, verify_bundle

    repo = SyncRepo(world.office.repos.db)
    verified = verify_bundle(path, identity.age_identity,
                             lambda d: repo.peer(d).signing_key,  # type: ignore[union-attr]
                             latest_version())
    out: list[tuple[str, bytes]] = []
    read_records(path, identity.age_identity, verified,
                 lambda n, line: out.append(("x", line + b"\n")))
    return out


@pytest.mark.parametrize("where", [0.01, 0.5, 0.999])
def test_one_flipped_byte_is_refused(world: World, bundle: Path, where: float) -> None:
    data = bytearray(bundle.read_bytes())
    data[int(len(data) * where)] ^= 0x20
    bundle.write_bytes(bytes(data))
    message = _refused(world, bundle, "damaged|not for this installation|not a Screener")
    assert "Nothing was imported" in message


@pytest.mark.parametrize("keep", [0.5, 0.99, 0.0])
def test_a_truncated_bundle_is_refused(world: World, bundle: Path, keep: float) -> None:
    data = bundle.read_bytes()
    bundle.write_bytes(data[: int(len(data) * keep)] if keep else data[:-1])
    _refused(world, bundle, "damaged|incomplete|not a Screener")


def test_an_unknown_device_is_refused(world: World, bundle: Path) -> None:
    stranger = _rewrite(world, _lines(bundle, world), signing_key=generate_keys().signing_key,
                        device_id=str(uuid.uuid4()))
    _refused(world, stranger, "not enrolled")


def test_a_forged_signature_of_an_enrolled_device_is_refused(world: World, bundle: Path) -> None:
    forged = _rewrite(world, _lines(bundle, world), signing_key=generate_keys().signing_key)
    _refused(world, forged, "does not match")


def test_a_revoked_device_is_refused(world: World, bundle: Path) -> None:
    device = services.list_devices(world.office)[0].peer.device_id
    services.revoke_device(world.office, device)
    _refused(world, bundle, "revoked")


def test_a_bundle_for_another_office_is_refused(world: World, bundle: Path) -> None:
    other = str(pyrage.x25519.Identity.generate().to_public())
    _refused(world, _rewrite(world, _lines(bundle, world), recipient=other),
             "not for this installation")


def test_a_newer_schema_is_refused(world: World, bundle: Path) -> None:
    newer = _rewrite(world, _lines(bundle, world), schema=latest_version() + 1)
    assert "Update Screener" in _refused(world, newer, "newer version of Screener")


Mutation = Callable[[bytes], bytes]


@pytest.mark.parametrize(("mutate", "expect"), [
    (lambda line: re.sub(rb'"dob":"(\d{4})-\d\d-\d\d"', rb'"dob":"\1-02-30"', line)
     if b'"type":"client"' in line else line, "dob is not a real date"),
    (lambda line: line.replace(b'"field_id":"housing_status"', b'"field_id":"bad id!"'),
     "field_id is not an identifier"),
    (lambda line: line.replace(b'"status":"draft"', b'"status":"maybe"'), "status"),
    (lambda line: line.replace(b'"type":"intake"', b'"type":"spaceship"'), "unknown record type"),
    (lambda line: line.replace(b',"vv":{}', b''), "lacks vv"),
])
def test_one_bad_record_rejects_the_whole_bundle_and_names_it(
    world: World, bundle: Path, mutate: Mutation, expect: str
) -> None:
    lines = _lines(bundle, world)
    target = max(i for i, (_, line) in enumerate(lines) if mutate(line) != line)
    lines[target] = ("x", mutate(lines[target][1]))
    message = _refused(world, _rewrite(world, lines), expect)
    assert f"line {target + 1}" in message
    assert "Cfirst" not in message and "Clast" not in message  # no personal data


def test_a_line_cut_at_the_end_of_the_changes_is_refused(world: World, bundle: Path) -> None:
    lines = _lines(bundle, world)
    lines[-1] = ("x", lines[-1][1].rstrip(b"\n"))  # signed as it is, but cut
    _refused(world, _rewrite(world, lines), "line cut in two")


def test_not_a_bundle_at_all(world: World, tmp_path: Path) -> None:
    path = tmp_path / "notes.screener-bundle"
    path.write_bytes(b"Dear office, here are the notes.\n")
    _refused(world, path, "not a Screener bundle")
    missing = tmp_path / "missing.screener-bundle"
    _refused(world, missing, "no file")


def test_a_field_laptop_cannot_read_its_own_bundle(world: World, bundle: Path) -> None:
    with pytest.raises(BundleError):
        services.import_bundle(world["field1"], bundle)


def test_json_nested_100000_deep_is_a_bundle_error(world: World, bundle: Path) -> None:
    """Issue 20, finding 8: this was "unexpected error (RecursionError ...)"."""
    lines = _lines(bundle, world)
    lines[3] = ("x", b"[" * 100_000 + b"]" * 100_000 + b"\n")
    message = _refused(world, _rewrite(world, lines), "line 4 is not a JSON object")
    assert "Recursion" not in message


def test_a_refused_answer_names_its_question_and_intake_and_what_to_do(
    world: World, bundle: Path
) -> None:
    """Issue 20 §5: the office is told whose record it is and how to get past it."""
    lines = _lines(bundle, world)
    target = next(i for i, (_, line) in enumerate(lines)
                  if b'"type":"answer"' in line and b'"field_id":"housing_status"' in line)
    intake_id = re.search(rb'"intake_id":"([0-9a-f-]{36})"', lines[target][1])
    assert intake_id is not None
    lines[target] = ("x", re.sub(rb'"entered_at":"[^"]*"', b'"entered_at":"yesterday"',
                                 lines[target][1]))
    message = _refused(world, _rewrite(world, lines), "entered_at")
    assert f"question housing_status, intake {intake_id[1].decode()}" in message
    assert "Nothing of this bundle was imported" in message and "export again" in message
