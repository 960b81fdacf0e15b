"""Sync keys and enrollment (DESIGN §8): which office a laptop belongs to, and which
laptops an office accepts bundles from.

The office runs `init_office` once and hands its enrollment file to each field laptop; the
laptop runs `join_office` and hands back a device file, which the office enrolls with
`enroll_device`. A lost laptop is revoked (`revoke_device`), for good.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from screener.domain import Role
from screener.errors import InputError
from screener.services import audit_heads
from screener.services.session import Session
from screener.store.atomic import atomic_write
from screener.store.stamps import timestamp
from screener.store.sync_records import Peer, SyncIdentity
from screener.store.sync_repo import SyncRepo
from screener.sync import importing
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


def sync_repo(session: Session) -> SyncRepo:
    """The store's sync repository of this session's database."""
    return SyncRepo(session.repos.db)


def sync_identity(session: Session) -> SyncIdentity | None:
    """This installation's sync role ("office" or "field") and name, or None if not set up."""
    return sync_repo(session).identity()


def require_identity(session: Session, role: str | None = None) -> SyncIdentity:
    """This installation's sync identity (InputError if sync is not set up here, or if it
    is not `role`)."""
    identity = sync_repo(session).identity()
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
    repo = sync_repo(session)
    identity = repo.identity()
    if identity is None:
        keys = generate_keys()
        with session.repos.db.transaction():
            repo.create_identity("office", check_name(name), keys.age_identity,
                                 keys.signing_key, timestamp(session.now()), session.username)
            session.audit("sync.office_init", "device", session.repos.db.device_id)
        identity = require_identity(session)
    elif identity.role != "office":
        raise InputError("This installation already joined an office as a field device.")
    return _write_key_file(enrollment_path, _public(identity), identity.signing_key)


def export_office_key(session: Session, path: Path) -> Path:
    """Save the office's age secret key to a file (admin), e.g. to read bundles with
    `age -d -i FILE`. Keep that file as safe as the database itself."""
    session.require(Role.ADMIN, "export the office key")
    identity = require_identity(session, "office")
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
    repo = sync_repo(session)
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
    identity = require_identity(session, "field")
    device = replace(_public(identity, office.device_id), root_key=audit_heads.root_key(session))
    return _write_key_file(device_path, device, identity.signing_key)


def enroll_device(session: Session, device_path: Path) -> DeviceStatus:
    """At the office: enroll the field device described by a device file."""
    session.require(Role.OFFICE, "enroll devices")
    identity = require_identity(session, "office")
    device = read_key_file(_read(device_path), "field", str(device_path))
    if device.office_id != identity.device_id:
        raise InputError(f"{device_path} was made for another office.")
    for peer in sync_repo(session).peers("field"):
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
        sync_repo(session).add_peer(Peer(device.device_id, "field", device.name, device.signing_key,
                                     device.age_recipient, timestamp(session.now()),
                                     session.username, None, None))
        if pinned is None and device.root_key is not None:
            audit_heads.pin_root(session, device.device_id, device.root_key)
        session.audit("sync.enroll", "device", device.device_id)
    return _status(session, require_peer(session, device.device_id))


def list_devices(session: Session) -> tuple[DeviceStatus, ...]:
    """The enrolled devices (office) or the office this laptop joined (field)."""
    session.require(Role.INTAKE, "list sync devices")
    identity = require_identity(session)
    kind = "field" if identity.role == "office" else "office"
    return tuple(_status(session, p) for p in sync_repo(session).peers(kind))


def revoke_device(session: Session, device_id: str) -> DeviceStatus:
    """Refuse every bundle signed by this device from now on (a lost or stolen laptop)."""
    session.require(Role.OFFICE, "revoke devices")
    require_identity(session, "office")
    peer = require_peer(session, device_id)
    if not peer.revoked:
        with session.repos.db.transaction():
            sync_repo(session).revoke_peer(device_id, timestamp(session.now()), session.username)
            session.audit("sync.revoke", "device", device_id)
    return _status(session, require_peer(session, device_id))


def require_peer(session: Session, device_id: str) -> Peer:
    """The enrolled device (or office) `device_id` (InputError if there is none)."""
    peer = sync_repo(session).peer(device_id.strip())
    if peer is None:
        raise InputError(f"There is no enrolled device with id {device_id}.")
    return peer


def _status(session: Session, peer: Peer) -> DeviceStatus:
    ledger = sync_repo(session).ledger(peer.device_id)
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
