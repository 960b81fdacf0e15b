"""Sync between field devices and the office (DESIGN §8): export and import of bundles.

Once a laptop has joined the office (`services/devices.py`), it exports its changes
(`export_bundle`) and the office imports them (`import_bundle`); the office sends forms/rules
updates, its decisions and chosen clients back (`export_to_device`). Conflicts and
duplicates are reviewed with the functions in `screener.services.sync_review`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from screener import paths
from screener.domain import Role
from screener.errors import BundleError, ContentPackError, InputError
from screener.progress import Progress
from screener.services import audit_heads
from screener.services.clients import SAME_DOB_SIMILAR_NAME
from screener.services.content import ContentChange, install_received_pack, pack_document
from screener.services.devices import require_identity, require_peer, sync_repo
from screener.services.session import Session
from screener.store.atomic import atomic_write
from screener.store.names import similar_people
from screener.store.sync_records import DocumentRecord, Peer, SyncIdentity
from screener.sync import exporting, importing
from screener.sync.applying import MERGES, ApplyCounts
from screener.sync.manifest import Manifest


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


def _bytes_progress(progress: Progress | None, label: str) -> Callable[[int, int | None], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress.step(done, total, label)


def export_bundle(session: Session, path: Path, *, full: bool = False,
                  progress: Progress | None = None) -> ExportSummary:
    """On a field laptop: write every change since the last export to the office (or
    everything, with `full`) to an encrypted, signed bundle at `path`."""
    session.require(Role.INTAKE, "export bundles")
    identity = require_identity(session, "field")
    offices = sync_repo(session).peers("office")
    if not offices:
        raise InputError("This laptop has not joined an office yet.")
    office = offices[0]
    since = 0 if full else sync_repo(session).last_export(office.device_id)
    checkpoints = audit_heads.checkpoints(session, office.device_id)
    result = exporting.export_changes(sync_repo(session), path, identity, office, since,
                                      session.now(), _bytes_progress(progress, "Exporting"),
                                      checkpoints, audit_heads.proof(session, checkpoints[-1][0]))
    manifest = result.manifest
    with _removed_on_failure(path), session.repos.db.transaction():
        audit_heads.record_export(session, office.device_id, manifest.audit[-1][0])
        sync_repo(session).set_last_export(office.device_id, manifest.until_seq, manifest.bundle_id,
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
    identity = require_identity(session, "office")
    device = require_peer(session, device_id)
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
    result = exporting.export_for_device(sync_repo(session), path, identity, device, ids, docs,
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
    repo = sync_repo(session)
    sent = json.loads(session.repos.settings.get(_SENT + device_id) or "[]")
    wanted = [*chosen, *sent, *repo.clients_of_device(device_id)]
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


class _SessionImport:
    """What an import needs from the session (`importing.ImportHost`)."""

    def __init__(self, session: Session, identity: SyncIdentity,
                 progress: Progress | None) -> None:
        self._session = session
        self._identity = identity
        self._progress = progress
        self.username = session.username

    def now(self) -> datetime:
        return self._session.now()

    def duplicates_of(self, client_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        # The store's duplicate test for "same date of birth and a similar name" (the one
        # `possible_duplicates` applies first), without its slower spelling-variant scans.
        return tuple(
            (other, (SAME_DOB_SIMILAR_NAME,))
            for first, last, other, other_first, other_last
            in self._session.repos.clients.born_same_day(client_id, 500)
            if other != client_id and similar_people(first, last, other_first, other_last)
        )

    def progress(self, done: int, total: int | None) -> None:
        if self._progress is not None:
            self._progress.step(done, total, "Importing")

    def applied(self, manifest: Manifest, counts: ApplyCounts) -> None:
        if self._identity.role == "office":
            audit_heads.check_device_root(self._session, manifest)
            audit_heads.check_device_head(self._session, manifest)
        self._session.audit("sync.import", "bundle", manifest.bundle_id,
                            {"from": manifest.device_id, "conflicts": counts.conflicts,
                             "added": sum(n for _, n in counts.added),
                             "updated": sum(n for _, n in counts.updated)})


def import_bundle(session: Session, path: Path, progress: Progress | None = None) -> ImportSummary:
    """Verify and merge one bundle, all or nothing. Importing it again changes nothing."""
    identity = require_identity(session)
    session.require(Role.OFFICE if identity.role == "office" else Role.INTAKE, "import bundles")
    try:
        outcome = importing.import_bundle(sync_repo(session), path, identity,
                                          _SessionImport(session, identity, progress))
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
    return tuple((k, p, h) for k, p, h, _ in sync_repo(session).documents())


def install_documents(session: Session, folder: Path) -> int:
    """Write the forms/rules files received from the office under `folder/forms` and
    `folder/rules` (admin); returns how many were written."""
    session.require(Role.ADMIN, "install forms and rules updates")
    count = 0
    for kind, rel, _, text in sync_repo(session).documents():
        target = folder / kind / rel
        if not target.resolve().is_relative_to(folder.resolve()):
            raise BundleError(f"A received file has an unsafe path: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"), mode=0o644)
        count += 1
    session.audit("sync.install_documents", details={"files": count})
    return count
