"""Sync between field devices and the office (DESIGN §8): keys, enrollment, export, import.

The office runs `init_office` once and hands its enrollment file to each field laptop; the
laptop runs `join_office` and hands back a device file, which the office enrolls with
`enroll_device`. From then on the laptop exports its changes (`export_bundle`) and the
office imports them (`import_bundle`); the office can send forms/rules updates and chosen
clients back (`export_to_device`). Conflicts and duplicates are reviewed with the functions
in `screener.services.sync_review`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from screener import paths
from screener.domain import Role
from screener.errors import BundleError, ContentPackError, InputError
from screener.progress import Progress
from screener.services import audit_heads
from screener.services.clients import SAME_DOB_SIMILAR_NAME
from screener.services.content import ContentChange, install_received_pack, pack_document
from screener.services.session import Session
from screener.store.atomic import atomic_write
from screener.store.names import similar_people
from screener.store.stamps import timestamp
from screener.store.sync_changes import clients_of_device
from screener.store.sync_records import DocumentRecord, Peer, SyncIdentity
from screener.store.sync_repo import SyncRepo
from screener.sync import exporting, importing
from screener.sync.applying import MERGES, ApplyCounts
from screener.sync.keys import (
    PublicKeys,
    age_recipient_of,
    check_name,
    fingerprint,
    generate_keys,
    key_file,
    public_signing_key,
    read_key_file,
)
from screener.sync.manifest import Manifest


@dataclass(frozen=True)
class KeyFileInfo:
    """A key file that was written: where, for whom, and the fingerprint to compare."""

    path: Path
    device_id: str
    name: str
    fingerprint: str


@dataclass(frozen=True)
class DeviceStatus:
    """An enrolled device (or the office, on a field laptop) and its sync state."""

    peer: Peer
    fingerprint: str
    bundles_imported: int
    last_import_at: str | None
    highest_seq: int
    missing: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ExportSummary:
    """A bundle that was written."""

    path: Path
    bundle_id: str
    recipient: str
    records: int
    counts: tuple[tuple[str, int], ...]
    since_seq: int
    until_seq: int


@dataclass(frozen=True)
class ImportSummary:
    """What importing one bundle did (everything zero when it was already imported)."""

    path: Path
    bundle_id: str
    device_id: str
    device_name: str
    already_imported_at: str | None
    added: tuple[tuple[str, int], ...]
    updated: tuple[tuple[str, int], ...]
    unchanged: int
    conflicts: int
    duplicates: int
    documents: int
    missing: tuple[tuple[int, int], ...]
    #: Clients merged away here because the office merged them into another.
    merged: int = 0
    #: The content pack this import put in force (and what re-screening with it changed).
    content: ContentChange | None = None
    #: Why the content pack received was not installed (the import itself still stands).
    content_refused: str | None = None

    @property
    def total_added(self) -> int:
        """Records that were new here."""
        return sum(n for _, n in self.added)

    @property
    def total_updated(self) -> int:
        """Records that changed here."""
        return sum(n for _, n in self.updated)


def _repo(session: Session) -> SyncRepo:
    return SyncRepo(session.repos.db)


def sync_identity(session: Session) -> SyncIdentity | None:
    """This installation's sync role ("office" or "field") and name, or None if not set up."""
    return _repo(session).identity()


def _identity(session: Session, role: str | None = None) -> SyncIdentity:
    identity = _repo(session).identity()
    if identity is None:
        raise InputError("Sync is not set up here: run `screener office init` at the office, "
                         "or `screener device join OFFICE_FILE` on a field laptop.")
    if role is not None and identity.role != role:
        where = "the office" if role == "office" else "a field device"
        raise InputError(f"Only {where} can do this; this installation is "
                         f"{'the office' if identity.role == 'office' else 'a field device'}.")
    return identity


def _public(identity: SyncIdentity, office_id: str | None = None) -> PublicKeys:
    return PublicKeys(kind=identity.role, device_id=identity.device_id, name=identity.name,
                      age_recipient=age_recipient_of(identity.age_identity),
                      signing_key=public_signing_key(identity.signing_key), office_id=office_id)


def _write_key_file(path: Path, keys: PublicKeys, signing_key: bytes) -> KeyFileInfo:
    atomic_write(path, key_file(keys, signing_key))  # 0600: only its owner handles it
    return KeyFileInfo(path=path, device_id=keys.device_id, name=keys.name,
                       fingerprint=keys.fingerprint)


def init_office(session: Session, name: str, enrollment_path: Path) -> KeyFileInfo:
    """Make this installation the office (keys generated once) and write the enrollment file
    that field laptops join with. Run again, it rewrites the file with the same keys."""
    session.require(Role.ADMIN, "set up the office")
    repo = _repo(session)
    identity = repo.identity()
    if identity is None:
        keys = generate_keys()
        with session.repos.db.transaction():
            repo.create_identity("office", check_name(name), keys.age_identity,
                                 keys.signing_key, timestamp(session.now()), session.username)
            session.audit("sync.office_init", "device", session.repos.db.device_id)
        identity = _identity(session)
    elif identity.role != "office":
        raise InputError("This installation already joined an office as a field device.")
    return _write_key_file(enrollment_path, _public(identity), identity.signing_key)


def export_office_key(session: Session, path: Path) -> Path:
    """Save the office's age secret key to a file (admin), e.g. to read bundles with
    `age -d -i FILE`. Keep that file as safe as the database itself."""
    session.require(Role.ADMIN, "export the office key")
    identity = _identity(session, "office")
    atomic_write(path, (identity.age_identity + "\n").encode("ascii"))
    session.audit("sync.office_key_export", "device", identity.device_id)
    return path


def join_office(session: Session, enrollment_path: Path, name: str,
                device_path: Path) -> KeyFileInfo:
    """On a field laptop: trust the office in `enrollment_path`, make this device's keys and
    write the device file for the office to enroll. Run again, it keeps the keys and takes
    the new `name` (the office enrolls the new device file to see it)."""
    session.require(Role.ADMIN, "join an office")
    office = read_key_file(_read(enrollment_path), "office", str(enrollment_path))
    repo = _repo(session)
    identity = repo.identity()
    if identity is not None and identity.role == "office":
        raise InputError("This installation is the office; field laptops join it.")
    if office.device_id == session.repos.db.device_id:
        raise InputError("That enrollment file is this installation's own.")
    now = timestamp(session.now())
    with session.repos.db.transaction():
        if identity is None:
            keys = generate_keys()
            repo.create_identity("field", check_name(name), keys.age_identity,
                                 keys.signing_key, now, session.username)
        elif identity.name != check_name(name):
            # Joining again renames the laptop: the office takes the new name when it
            # enrolls the new device file (same keys), and bundles carry it from now on.
            repo.rename_identity(check_name(name))
        for other in repo.peers("office"):
            if other.device_id != office.device_id:
                raise InputError(f"This laptop already joined office {other.name}.")
        repo.add_peer(Peer(office.device_id, "office", office.name, office.signing_key,
                           office.age_recipient, now, session.username, None, None))
        session.audit("sync.join", "device", office.device_id)
    identity = _identity(session, "field")
    device = replace(_public(identity, office.device_id), root_key=audit_heads.root_key(session))
    return _write_key_file(device_path, device, identity.signing_key)


def enroll_device(session: Session, device_path: Path) -> DeviceStatus:
    """At the office: enroll the field device described by a device file."""
    session.require(Role.OFFICE, "enroll devices")
    identity = _identity(session, "office")
    device = read_key_file(_read(device_path), "field", str(device_path))
    if device.office_id != identity.device_id:
        raise InputError(f"{device_path} was made for another office.")
    for peer in _repo(session).peers("field"):
        if peer.revoked and device.device_id == peer.device_id or (
                peer.revoked and peer.signing_key == device.signing_key):
            raise InputError(
                f"{device_path}: this laptop ({peer.name}) was revoked on "
                f"{(peer.revoked_at or '')[:10]}; a revoked laptop's keys are never accepted "
                "again. On the laptop, join again (`screener device join`) to get new keys, "
                "and enroll the new device file."
            )
    pinned = audit_heads.pinned_root(session, device.device_id)
    if pinned is not None and device.root_key is not None and device.root_key != pinned:
        raise InputError(
            f"{device_path}: this laptop ({device.name}) now has another root admin key than "
            "when it joined (the key its accounts' roles are signed with): someone may have "
            "replaced it to give an account rights it was not granted. It was not enrolled "
            "again. Have an admin check that laptop; revoke it if it was tampered with.")
    with session.repos.db.transaction():
        _repo(session).add_peer(Peer(device.device_id, "field", device.name, device.signing_key,
                                     device.age_recipient, timestamp(session.now()),
                                     session.username, None, None))
        if pinned is None and device.root_key is not None:
            audit_heads.pin_root(session, device.device_id, device.root_key)
        session.audit("sync.enroll", "device", device.device_id)
    return _status(session, _require_peer(session, device.device_id))


def list_devices(session: Session) -> tuple[DeviceStatus, ...]:
    """The enrolled devices (office) or the office this laptop joined (field)."""
    session.require(Role.INTAKE, "list sync devices")
    identity = _identity(session)
    kind = "field" if identity.role == "office" else "office"
    return tuple(_status(session, p) for p in _repo(session).peers(kind))


def revoke_device(session: Session, device_id: str) -> DeviceStatus:
    """Refuse every bundle signed by this device from now on (a lost or stolen laptop)."""
    session.require(Role.OFFICE, "revoke devices")
    _identity(session, "office")
    peer = _require_peer(session, device_id)
    if not peer.revoked:
        with session.repos.db.transaction():
            _repo(session).revoke_peer(device_id, timestamp(session.now()), session.username)
            session.audit("sync.revoke", "device", device_id)
    return _status(session, _require_peer(session, device_id))


def _require_peer(session: Session, device_id: str) -> Peer:
    peer = _repo(session).peer(device_id.strip())
    if peer is None:
        raise InputError(f"There is no enrolled device with id {device_id}.")
    return peer


def _status(session: Session, peer: Peer) -> DeviceStatus:
    ledger = _repo(session).ledger(peer.device_id)
    return DeviceStatus(
        peer=peer, fingerprint=fingerprint(peer.signing_key, peer.age_recipient),
        bundles_imported=len(ledger),
        last_import_at=max((e.imported_at for e in ledger), default=None),
        highest_seq=max((e.until_seq for e in ledger), default=0),
        missing=importing.missing_ranges(ledger) if peer.kind == "field" else (),
    )


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    if len(data) > 64 << 10:
        raise InputError(f"{path} is too large to be a key file.")
    return data


def _bytes_progress(progress: Progress | None, label: str) -> Callable[[int, int | None], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress.step(done, total, label)


def export_bundle(session: Session, path: Path, *, full: bool = False,
                  progress: Progress | None = None) -> ExportSummary:
    """On a field laptop: write every change since the last export to the office (or
    everything, with `full`) to an encrypted, signed bundle at `path`."""
    session.require(Role.INTAKE, "export bundles")
    identity = _identity(session, "field")
    offices = _repo(session).peers("office")
    if not offices:
        raise InputError("This laptop has not joined an office yet.")
    office = offices[0]
    since = 0 if full else _repo(session).last_export(office.device_id)
    checkpoints = audit_heads.checkpoints(session, office.device_id)
    result = exporting.export_changes(session.repos.db, path, identity, office, since,
                                      session.now(), _bytes_progress(progress, "Exporting"),
                                      checkpoints, audit_heads.proof(session, checkpoints[-1][0]))
    manifest = result.manifest
    with _removed_on_failure(path), session.repos.db.transaction():
        audit_heads.record_export(session, office.device_id, manifest.audit[-1][0])
        _repo(session).set_last_export(office.device_id, manifest.until_seq, manifest.bundle_id,
                                       manifest.created_at)
        session.audit("sync.export", "bundle", manifest.bundle_id,
                      {"to": office.device_id, "records": manifest.total,
                       "since_seq": manifest.since_seq, "until_seq": manifest.until_seq})
    return _export_summary(result, office)


@contextlib.contextmanager
def _removed_on_failure(path: Path) -> Iterator[None]:
    """Remove the bundle just written if recording the export fails (a full disk): the
    person is told the export failed, so no file may look like it succeeded."""
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def export_to_device(session: Session, path: Path, device_id: str, client_ids: Sequence[str],
                     *, forms: bool = True, rules: bool = True,
                     progress: Progress | None = None) -> ExportSummary:
    """At the office: write forms/rules files and the chosen clients' records to a bundle
    only `device_id` can read."""
    session.require(Role.OFFICE, "export bundles to field devices")
    identity = _identity(session, "office")
    device = _require_peer(session, device_id)
    if device.revoked:
        raise InputError(f"Device {device.device_id} was revoked; nothing is sent to it.")
    ids = tuple(dict.fromkeys(c.strip() for c in client_ids))
    for client_id in ids:
        if session.repos.clients.get(client_id) is None:
            raise InputError(f"There is no client with id {client_id}.")
    ids, merges = _clients_for(session, device.device_id, ids)
    docs = ((*exporting.yaml_documents("forms", paths.forms_dir()),) if forms else ()) + (
        exporting.yaml_documents("rules", paths.rules_dir()) if rules else ())
    pack = pack_document(session)
    if pack is not None:  # the content pack in force here goes to every laptop
        docs += (pack,)
    if merges is not None:
        docs += (merges,)
    result = exporting.export_for_device(session.repos.db, path, identity, device, ids, docs,
                                         session.now(), _bytes_progress(progress, "Exporting"))
    with _removed_on_failure(path), session.repos.db.transaction():
        session.repos.settings.set(_SENT + device.device_id, json.dumps(ids))
        session.audit("sync.export", "bundle", result.manifest.bundle_id,
                      {"to": device.device_id, "records": result.manifest.total,
                       "clients": len(ids)})
    return _export_summary(result, device)


#: Settings key (+ device id) of the clients the office has sent to that device.
_SENT = "sync.clients_sent."


def _clients_for(session: Session, device_id: str,
                 chosen: tuple[str, ...]) -> tuple[tuple[str, ...], DocumentRecord | None]:
    """The clients an export to `device_id` carries, and the office's merges among them.

    Besides the chosen ones: every client the device ever sent (its id is in their rows'
    version vectors) or received from here, so the office's decisions on them (merges,
    resolved conflicts, corrected identities, revoked consents) reach it. A merged-away
    client is sent as the client it was merged into.
    """
    repo = _repo(session)
    sent = json.loads(session.repos.settings.get(_SENT + device_id) or "[]")
    wanted = [*chosen, *sent, *clients_of_device(session.repos.db.conn, device_id)]
    ids: dict[str, None] = {}
    for client_id in wanted:
        kept = repo.merged_into(client_id) or client_id
        if session.repos.clients.get(kept) is not None:
            ids[kept] = None
    merges = [list(m) for m in repo.merges() if m[1] in ids]
    if not merges:
        return tuple(ids), None
    text = json.dumps(merges)
    return tuple(ids), DocumentRecord(kind=MERGES, path="client-merges.json",
                                      sha256=hashlib.sha256(text.encode()).hexdigest(),
                                      text=text)


def _export_summary(result: exporting.ExportResult, peer: Peer) -> ExportSummary:
    m = result.manifest
    return ExportSummary(path=result.path, bundle_id=m.bundle_id, recipient=peer.name,
                         records=m.total, counts=m.counts, since_seq=m.since_seq,
                         until_seq=m.until_seq)


def import_bundle(session: Session, path: Path, progress: Progress | None = None) -> ImportSummary:
    """Verify and merge one bundle, all or nothing. Importing it again changes nothing."""
    identity = _identity(session)
    session.require(Role.OFFICE if identity.role == "office" else Role.INTAKE, "import bundles")

    def duplicates_of(client_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        # The store's duplicate test for "same date of birth and a similar name" (the one
        # `possible_duplicates` applies first), without its slower spelling-variant scans.
        return tuple(
            (other, (SAME_DOB_SIMILAR_NAME,))
            for first, last, other, other_first, other_last
            in session.repos.clients.born_same_day(client_id, 500)
            if other != client_id and similar_people(first, last, other_first, other_last)
        )

    def audit(manifest: Manifest, counts: ApplyCounts) -> None:
        if identity.role == "office":
            audit_heads.check_device_root(session, manifest)
            audit_heads.check_device_head(session, manifest)
        session.audit("sync.import", "bundle", manifest.bundle_id,
                      {"from": manifest.device_id, "conflicts": counts.conflicts,
                       "added": sum(n for _, n in counts.added),
                       "updated": sum(n for _, n in counts.updated)})

    try:
        outcome = importing.import_bundle(
            session.repos.db, path, identity, session.username, session.now(), duplicates_of,
            _bytes_progress(progress, "Importing"), audit,
        )
    except audit_heads.RootChanged as root_changed:
        audit_heads.record_root_refusal(session, root_changed)
        raise
    m, counts = outcome.manifest, outcome.counts
    change, refused = None, None
    if identity.role == "field" and counts is not None and counts.packs:
        try:
            change = install_received_pack(session, counts.packs, progress)
        except ContentPackError as exc:
            refused = str(exc)
    return ImportSummary(
        path=path, bundle_id=m.bundle_id, device_id=m.device_id, device_name=m.device_name,
        already_imported_at=outcome.already_imported_at,
        added=counts.added if counts else (), updated=counts.updated if counts else (),
        unchanged=counts.unchanged if counts else 0,
        conflicts=counts.conflicts if counts else 0, duplicates=len(outcome.duplicate_pairs),
        documents=counts.documents if counts else 0, missing=outcome.gaps,
        merged=counts.merged if counts else 0, content=change, content_refused=refused,
    )


def received_documents(session: Session) -> tuple[tuple[str, str, str], ...]:
    """Forms/rules files received from the office, as (kind, path, sha256)."""
    session.require(Role.INTAKE, "list received forms and rules")
    return tuple((k, p, h) for k, p, h, _ in _repo(session).documents())


def install_documents(session: Session, folder: Path) -> int:
    """Write the forms/rules files received from the office under `folder/forms` and
    `folder/rules` (admin); returns how many were written."""
    session.require(Role.ADMIN, "install forms and rules updates")
    count = 0
    for kind, rel, _, text in _repo(session).documents():
        target = folder / kind / rel
        if not target.resolve().is_relative_to(folder.resolve()):
            raise BundleError(f"A received file has an unsafe path: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"), mode=0o644)
        count += 1
    session.audit("sync.install_documents", details={"files": count})
    return count
