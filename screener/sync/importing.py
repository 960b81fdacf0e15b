"""Importing a bundle: verify (pass 1), then merge everything in one transaction (pass 2).

Decisions about the order bundles arrive in:
* Replays: the bundle id ledger makes a second import of the same bundle a no-op.
* Out of order: merging is by version vectors, so an older bundle imported after a newer one
  changes nothing the newer one superseded (its versions are already known here).
* Gaps: a bundle whose sequence range starts after what has been imported from that device
  is imported anyway (its records stand on their own) and the missing ranges are reported.
  If one of its records needs a row that only the missing bundle has (an answer of an intake
  this office has never seen), the whole bundle is refused with a message naming the gap:
  import the earlier bundle first, or ask the device for `screener export --full`.
* Clocks: a record stamped more than `CLOCK_TOLERANCE` ahead of this computer's clock comes
  from a laptop whose clock is wrong; the bundle is refused, naming the device, so that one
  bad clock never drags this database's clock (and every later edit here) into the future.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from screener.clock import CLOCK_TOLERANCE
from screener.errors import BundleError
from screener.store.hlc import Hlc
from screener.store.migrations import latest_version
from screener.store.stamps import timestamp
from screener.store.sync_records import DuplicateRow, LedgerEntry, SyncIdentity
from screener.store.sync_repo import SyncRepo
from screener.sync.applying import Applier, ApplyCounts
from screener.sync.bundle import OnBytes, VerifiedBundle, read_records, verify_bundle
from screener.sync.manifest import FIELD_TO_OFFICE, OFFICE_TO_FIELD, Manifest

#: How far ahead of this computer's clock a remote timestamp may be (clocks drift, time
#: zones get mis-set by an hour or two; a day ahead is a wrong clock).

#: Given a client id just added or changed, the ids of clients that may be the same person.
DuplicateFinder = Callable[[str], tuple[tuple[str, tuple[str, ...]], ...]]


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one bundle did."""

    manifest: Manifest
    already_imported_at: str | None
    counts: ApplyCounts | None
    duplicate_pairs: tuple[tuple[str, str], ...]
    gaps: tuple[tuple[int, int], ...]


def _signer_lookup(repo: SyncRepo, identity: SyncIdentity) -> Callable[[str], bytes]:
    expected = "field" if identity.role == "office" else "office"

    def lookup(device_id: str) -> bytes:
        peer = repo.peer(device_id)
        if peer is None or peer.kind != expected:
            who = "device" if expected == "field" else "office"
            raise BundleError(
                f"The bundle is signed by {who} {device_id}, which is not enrolled here. "
                "Nothing was imported."
            )
        if peer.revoked:
            raise BundleError(
                f"The bundle is signed by device {device_id} ({peer.name}), which was revoked "
                f"on {peer.revoked_at[:10] if peer.revoked_at else ''}. Nothing was imported."
            )
        return peer.signing_key

    return lookup


def _check_clock(repo: SyncRepo, manifest: Manifest, latest: str, now: datetime) -> None:
    """BundleError if the bundle's newest record is stamped too far ahead of `now`."""
    if not latest:
        return
    stamp = Hlc.parse(latest)
    bound = now + CLOCK_TOLERANCE
    if stamp.millis <= int(bound.timestamp() * 1000):
        return
    peer = repo.peer(manifest.device_id)
    who = f"{peer.name} ({manifest.device_id})" if peer is not None else manifest.device_id
    raise BundleError(
        f"The bundle from device {who} has changes stamped {latest[:19]}Z, more than "
        f"{CLOCK_TOLERANCE.total_seconds() / 3600:.0f} hours ahead of this computer's clock "
        f"({now.astimezone().isoformat(timespec='minutes')}): that device's clock is wrong. "
        "Nothing was imported and this database's clock was not moved. Set that device's "
        "date and time, then export again."
    )


def missing_ranges(entries: tuple[LedgerEntry, ...]) -> tuple[tuple[int, int], ...]:
    """Sequence ranges (first, last) not covered by the imported bundles of one device."""
    gaps: list[tuple[int, int]] = []
    covered = 0
    for entry in sorted(entries, key=lambda e: (e.since_seq, e.until_seq)):
        if entry.since_seq > covered:
            gaps.append((covered + 1, entry.since_seq))
        covered = max(covered, entry.until_seq)
    return tuple(gaps)


def verify(repo: SyncRepo, path: Path, identity: SyncIdentity,
           on_bytes: OnBytes | None = None) -> VerifiedBundle:
    """Pass 1 only: check that `path` is a bundle for this installation from an enrolled,
    non-revoked sender, untouched since it was signed."""
    verified = verify_bundle(path, identity.age_identity, _signer_lookup(repo, identity),
                             latest_version(), on_bytes)
    manifest = verified.manifest
    wanted = FIELD_TO_OFFICE if identity.role == "office" else OFFICE_TO_FIELD
    if manifest.kind != wanted or manifest.recipient_id != identity.device_id:
        raise BundleError(f"{path.name} was made for another installation. Nothing was imported.")
    return verified


class ImportHost(Protocol):
    """What an import needs from whoever runs it (the signed-in session)."""

    @property
    def username(self) -> str:
        """Who imports (the ledger and conflicts name them)."""

    def now(self) -> datetime:
        """The time of the import."""

    def duplicates_of(self, client_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Given a client id just added or changed, the ids of clients that may be the same
        person, each with the reasons."""

    def progress(self, done: int, total: int | None) -> None:
        """Bytes read so far (of both passes over the file)."""

    def applied(self, manifest: Manifest, counts: ApplyCounts) -> None:
        """Runs inside the import's transaction after the merge (the caller's audit line)."""


def import_bundle(repo: SyncRepo, path: Path, identity: SyncIdentity,
                  host: ImportHost) -> ImportOutcome:
    """Verify, then merge all of `path` in one transaction (or nothing, on any error)."""
    now = host.now()
    verified = verify(repo, path, identity, lambda done, total: host.progress(done // 2, total))
    manifest = verified.manifest
    earlier = repo.ledger_entry(manifest.bundle_id)
    if earlier is not None:
        return ImportOutcome(manifest, earlier.imported_at, None, (), ())
    prior = repo.ledger(manifest.device_id)
    gap_before = [g for g in missing_ranges(prior) if g[0] <= manifest.since_seq]
    if manifest.kind == FIELD_TO_OFFICE and manifest.since_seq > max(
            (e.until_seq for e in prior), default=0):
        gap_before.append((max((e.until_seq for e in prior), default=0) + 1, manifest.since_seq))
    hint = (
        f"Changes {', '.join(f'{a}-{b}' for a, b in gap_before)} from this device have not "
        "been imported: import the earlier bundle first, or export again with --full."
        if gap_before else "Export again from that device with --full."
    )

    def second(done: int, total: int | None) -> None:
        host.progress((total or done) // 2 + done // 2, total)

    at = timestamp(now)
    with repo.transaction() as rows:
        applier = Applier(rows, repo, manifest.bundle_id, now,
                          accept_documents=identity.role == "field", missing_hint=hint)
        try:
            read_records(path, identity.age_identity, verified, None, second,
                         on_lines=applier.lines)
            _check_clock(repo, manifest, applier.latest_remote, now)
            counts = applier.finish()
        finally:
            applier.close()  # no insert may still run when the transaction ends
        pairs = _flag_duplicates(repo, counts.new_client_ids, host.duplicates_of,
                                 manifest.bundle_id, at)
        summary = {"added": dict(counts.added), "updated": dict(counts.updated),
                   "unchanged": counts.unchanged, "conflicts": counts.conflicts,
                   "duplicates": len(pairs), "documents": counts.documents}
        repo.add_ledger_entry(LedgerEntry(
            bundle_id=manifest.bundle_id, device_id=manifest.device_id,
            created_at=manifest.created_at, since_seq=manifest.since_seq,
            until_seq=manifest.until_seq, imported_at=at, imported_by=host.username,
            summary=json.dumps(summary, sort_keys=True),
        ))
        host.applied(manifest, counts)
    gaps = missing_ranges(repo.ledger(manifest.device_id)) if manifest.kind == FIELD_TO_OFFICE else ()
    return ImportOutcome(manifest, None, counts, pairs, gaps)


def _flag_duplicates(repo: SyncRepo, client_ids: tuple[str, ...], find: DuplicateFinder,
                     bundle_id: str, at: str) -> tuple[tuple[str, str], ...]:
    flagged: list[tuple[str, str]] = []
    for client_id in dict.fromkeys(client_ids):
        for other, reasons in find(client_id):
            a, b = sorted((client_id, other))
            row = DuplicateRow(id=str(uuid.uuid4()), client_a=a, client_b=b,
                               reasons=json.dumps(list(reasons)), bundle_id=bundle_id,
                               found_at=at, status="open", closed_at=None, closed_by=None)
            if repo.add_duplicate(row):
                flagged.append((a, b))
    return tuple(flagged)
