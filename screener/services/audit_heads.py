"""Audit heads in bundles: the office notices a field laptop's audit log being rewritten.

A person with the database key can drop or rewrite the rows at the end of the audit log
that they wrote themselves (nobody else's signature is involved, store/audit.py). Each
bundle to the office therefore carries checkpoints: for the heads of the laptop's recent
exports, and its current head, the hash that row has NOW. Because every row's hash covers
the rows before it, the office, which kept the head it was told last time (seq and hash),
only compares: a different hash at that seq, or a log now shorter than that, means rows
the office was already told about were changed or dropped. The office then records a
`sync.device_audit_changed` row, which its own `audit verify` reports from then on.
"""

from __future__ import annotations

import json

from screener.services.session import Session
from screener.store.audit import DEVICE_LOG_CHANGED
from screener.sync.manifest import Manifest

#: How many recent export heads a laptop keeps checkpoints for.
_KEPT = 50
_EXPORTED = "audit.exported."
_SEEN = "audit.seen."


def checkpoints(session: Session, office_id: str) -> tuple[tuple[int, str], ...]:
    """On a laptop: (seq, hash now) of its recent export heads and of its current head."""
    heads = _load(session, _EXPORTED + office_id)
    current, _ = session.repos.audit.head()
    found = []
    for seq in sorted({*(int(str(s)) for s in heads), current}):
        digest = session.repos.audit.hash_at(seq) if seq else None
        found.append((seq, digest or ""))
    return tuple(found)


def record_export(session: Session, office_id: str, head_seq: int) -> None:
    """On a laptop: remember a head just sent (the next bundles carry its hash again)."""
    heads = [int(str(s)) for s in _load(session, _EXPORTED + office_id)]
    heads = sorted({*heads, head_seq})[-_KEPT:]
    session.repos.settings.set(_EXPORTED + office_id, json.dumps(heads))


def check_device_head(session: Session, manifest: Manifest) -> None:
    """At the office (inside the import's transaction): compare the bundle's checkpoints
    with the head that device reported before, record a problem row if its log changed,
    and keep the new head."""
    if not manifest.audit:
        return  # a bundle from before checkpoints
    key = _SEEN + manifest.device_id
    seen = _load(session, key)
    if len(seen) == 2:
        seq, digest = int(str(seen[0])), str(seen[1])
        now = dict(manifest.audit)
        head_seq = manifest.audit[-1][0]
        changed = (seq > head_seq) or (seq in now and now[seq] != digest)
        if changed:
            session.audit(DEVICE_LOG_CHANGED, "device", manifest.device_id,
                          {"seq": seq, "bundle": manifest.bundle_id})
    head = manifest.audit[-1]
    if len(seen) != 2 or head[0] >= int(str(seen[0])):
        session.repos.settings.set(key, json.dumps([head[0], head[1]]))


def _load(session: Session, key: str) -> list[object]:
    raw = session.repos.settings.get(key)
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []
