"""Bundle tampering: bit flips (many at the 64 KiB age chunk boundaries), truncations,
bundles re-encrypted by an attacker who holds the office public key, and a bundle replayed
from a revoked device.

Criterion: 100 % refused with a BundleError before any database write (the second,
importing pass never starts and the office database records no change); no plaintext
written to disk (no new file in the bundle's folder, the office's folder or the temporary
folder). Short run: 150 flips, 30 truncations; `--long`: 1,000 and 200.
"""

from __future__ import annotations

import base64
import io
import json
import random
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from screener import services
from screener.errors import BundleError
from screener.store.sync_repo import SyncRepo
from screener.sync import importing
from screener.sync.bundle import SIGNATURE_DOMAIN
from screener.sync.container import END_OF_ARCHIVE, member
from screener.sync.keys import generate_keys, sign
from tests.reliability.figures import scale
from tests.reliability.harness import clock
from tests.reliability.scenarios import Templates, copy_db
from tests.unit.sync.world import PASSWORD, add_clients

CHUNK = 64 * 1024 + 16  # an age STREAM chunk on disk: 64 KiB of data and a 16-byte tag
MARKER = "Xylofrumpet"


@dataclass
class Office:
    """The office's session, its key, and a spy on the importing pass."""

    session: services.Session
    identity: str
    recipient: str
    second_pass: list[Path]

    def changes(self) -> int:
        """How many rows the office's connection has changed so far."""
        return int(self.session.repos.db.conn.total_changes)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def world(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Office and two laptops; field1 has a bundle of several age chunks waiting, field2 a
    bundle made before the office revoked it."""
    folder = tmp_path_factory.mktemp("bundle-world")
    for name in ("office", "field1", "field2"):
        copy_db(templates.world / f"{name}.db", folder / f"{name}.db")
    with services.open_session(folder / "field1.db", "ana", PASSWORD, clock()) as field:
        add_clients(field, 120, answers_each=8, prefix=MARKER)
        services.export_bundle(field, folder / "field1.screener-bundle", full=True)
    with services.open_session(folder / "field2.db", "ana", PASSWORD, clock()) as field:
        add_clients(field, 3, prefix="Revoked")
        services.export_bundle(field, folder / "field2.screener-bundle", full=True)
    with services.open_session(folder / "office.db", "olga", PASSWORD, clock()) as office:
        field2 = [d for d in services.list_devices(office) if "field2" in d.peer.name][0]
        services.revoke_device(office, field2.peer.device_id)
    return folder


@pytest.fixture
def office(world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    (tmp_path / "office").mkdir()
    db = copy_db(world / "office.db", tmp_path / "office" / "office.db")
    second_pass: list[Path] = []
    real = importing.read_records

    def spy(path: Path, *args: object, **kwargs: object) -> None:
        second_pass.append(path)
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "read_records", spy)
    with services.open_session(db, "olga", PASSWORD, clock()) as session:
        identity = SyncRepo(session.repos.db).identity()
        assert identity is not None
        recipient = str(pyrage.x25519.Identity.from_str(identity.age_identity).to_public())
        yield Office(session, identity.age_identity, recipient, second_pass)


def payload_start(data: bytes) -> int:
    """Where the first age chunk starts: after the header's `---` line and the nonce."""
    mac_line = data.index(b"\n---") + 1
    return data.index(b"\n", mac_line) + 1 + 16


def flips(data: bytes, count: int, rng: random.Random) -> Iterator[bytes]:
    """Single-bit flips: half around chunk boundaries (and in the header), half anywhere."""
    start = payload_start(data)
    hot = list(range(0, start + 2))
    for k in range((len(data) - start) // CHUNK + 1):
        edge = start + k * CHUNK
        hot += [p for p in range(edge - 17, edge + 3) if 0 <= p < len(data)]
    for i in range(count):
        offset = rng.choice(hot) if i % 2 == 0 else rng.randrange(len(data))
        tampered = bytearray(data)
        tampered[offset] ^= 1 << rng.randrange(8)
        yield bytes(tampered)


def truncations(data: bytes, count: int, rng: random.Random) -> Iterator[bytes]:
    """Cuts at chunk boundaries (where a naive stream reader stops happily) and anywhere."""
    start = payload_start(data)
    edges = [start + k * CHUNK for k in range((len(data) - start) // CHUNK + 1)]
    cuts = [0, 1, start - 16, start, *edges, *(e - 16 for e in edges), len(data) - 1]
    # (a payload of whole chunks ends on an edge: "cutting" there keeps the whole bundle)
    cuts = [cut for cut in cuts if cut < len(data)]
    while len(cuts) < count:
        cuts.append(rng.randrange(len(data)))
    for cut in cuts[:count]:
        yield data[:cut]


def plaintext(data: bytes, identity: str) -> list[tuple[str, bytes]]:
    """The bundle's tar members (what an attacker who knew the plaintext could start from)."""
    tar = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)])
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        return [(m.name, archive.extractfile(m).read()) for m in archive.getmembers()]  # type: ignore[union-attr]


def reencrypted(members: list[tuple[str, bytes]], recipient: str) -> bytes:
    """Members packed and encrypted to the office with its public key, as anyone can."""
    tar = b"".join(member(name, body, 0) for name, body in members) + END_OF_ARCHIVE
    return bytes(pyrage.encrypt(tar, [pyrage.x25519.Recipient.from_str(recipient)]))


def forgeries(data: bytes, office: Office) -> Iterator[bytes]:
    """Attacks with the office public key: changed records under the original signature,
    a manifest fixed up to match them, a signature by another key, no signature."""
    members = plaintext(data, office.identity)
    names = [n for n, _ in members]
    changed = [(n, b.replace(MARKER.encode(), b"Mallory", 1)) if n.startswith("changes/") else (n, b)
               for n, b in members]
    yield reencrypted(changed, office.recipient)
    manifest = json.loads(dict(members)["manifest.json"])
    manifest["counts"] = {k: v + 1 for k, v in manifest["counts"].items()}
    fixed = [(n, json.dumps(manifest).encode() if n == "manifest.json" else b) for n, b in members]
    yield reencrypted(fixed, office.recipient)
    signature = json.loads(dict(members)["signature.json"])
    signature["signature"] = base64.b64encode(
        sign(generate_keys().signing_key, SIGNATURE_DOMAIN + dict(members)["manifest.json"])).decode()
    resigned = [(n, json.dumps(signature).encode() if n == "signature.json" else b) for n, b in members]
    yield reencrypted(resigned, office.recipient)
    yield reencrypted([(n, b) for n, b in members if n != "signature.json"], office.recipient)
    shortened = [(n, b[:b.rindex(b"\n", 0, len(b) - 1) + 1]) if n.startswith("changes/") else (n, b)
                 for n, b in members]  # the last record dropped
    yield reencrypted(shortened, office.recipient)
    assert names[-2:] == ["manifest.json", "signature.json"]


def new_files(folders: list[Path], before: set[Path]) -> list[Path]:
    return sorted(p for f in folders for p in f.rglob("*") if p.is_file() and p not in before)


def test_every_tampered_bundle_is_refused_before_any_write(
        world: Path, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        figures: Callable[[str], None]) -> None:
    private_tmp = tmp_path / "tmp"  # this test's own temporary folder, for Python and Rust
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    data = (world / "field1.screener-bundle").read_bytes()
    rng = random.Random(20261125)
    kinds: dict[str, Iterator[bytes]] = {
        "bit flips": flips(data, scale(150, 1000), rng),
        "truncations": truncations(data, scale(30, 200), rng),
        "re-encrypted forgeries": forgeries(data, office),
        "revoked-device replays": iter([(world / "field2.screener-bundle").read_bytes()]),
    }
    target = tmp_path / "incoming" / "tampered.screener-bundle"
    target.parent.mkdir()
    watched = [target.parent, office.session.path.parent, private_tmp]
    before = {p for f in watched for p in f.rglob("*") if p.is_file()}
    changes = office.changes()
    counts: dict[str, int] = {}
    problems: list[str] = []
    for kind, variants in kinds.items():
        for i, variant in enumerate(variants):
            target.write_bytes(variant)
            before.add(target)
            counts[kind] = counts.get(kind, 0) + 1
            try:
                services.import_bundle(office.session, target)
                problems.append(f"{kind} {i}: imported")
            except BundleError:
                pass
    if office.second_pass:
        problems.append(f"the importing pass started {len(office.second_pass)} times")
    if office.changes() != changes:
        problems.append("the office database was written")
    leaked = [p for p in new_files(watched, before) if MARKER.encode() in p.read_bytes()]
    problems += [f"plaintext on disk: {p}" for p in leaked]
    genuine = services.import_bundle(office.session, world / "field1.screener-bundle")
    figures(", ".join(f"{n} {k}" for k, n in counts.items()) + f" (bundle {len(data) // 1024} "
            f"KiB, {(len(data) - payload_start(data)) // CHUNK + 1} age chunks): "
            f"{sum(counts.values()) - len([p for p in problems if 'imported' in p])} refused "
            f"before any write, {len(problems)} problems")
    assert problems == []
    assert genuine.total_added > 0  # the untouched bundle imports: the refusals were earned
