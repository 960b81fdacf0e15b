"""Audit heads in bundles: the office notices a field laptop's audit log being rewritten.

A person with the database key can drop or rewrite the rows at the end of the audit log
that they wrote themselves (nobody else's signature is involved, store/audit.py). Each
bundle to the office therefore carries checkpoints: for the heads of the laptop's recent
exports, and its current head, the hash that row has NOW. Because every row's hash covers
the rows before it, the office, which kept the head it was told last time (seq and hash),
only compares: a different hash at that seq, or a log now shorter than that, means rows
the office was already told about were changed or dropped. The office then records a
`sync.device_audit_changed` row, which its own `audit verify` reports from then on.

The office also pins each laptop's root admin key (the key its role grants are signed with,
`store/grants.py`): from the device file when the laptop is enrolled, or, for a laptop
enrolled before pinning, from its first bundle that carries one. Each bundle carries the
proof (`proof`): the root record, the grants of its newest audit row's author up to the
root, and that row. A bundle whose proof does not check out under the pinned key (someone
on the laptop replaced the root key and re-signed its grants) is refused, naming the device,
and a `sync.device_root_changed` row makes the office's `audit verify` report it.
"""

from __future__ import annotations

import json

from screener.domain import AuditEntry
from screener.errors import BundleError
from screener.services.session import Session
from screener.store.audit import DEVICE_LOG_CHANGED, DEVICE_ROOT_CHANGED, row_hash, signed_by
from screener.store.grants import Grants
from screener.sync.manifest import Manifest

#: How many recent export heads a laptop keeps checkpoints for.
_KEPT = 50
_EXPORTED = "audit.exported."
_SEEN = "audit.seen."
#: Settings key (+ device id) of a laptop's pinned root admin public key, at the office.
_PINNED = "device_root."
#: The action of the row that records a pin made from a bundle (a laptop enrolled before).
ROOT_PINNED = "sync.device_root_pinned"


class RootChanged(BundleError):
    """A bundle whose grants or audit head are not signed under the device's pinned root."""

    def __init__(self, manifest: Manifest, why: str) -> None:
        super().__init__(
            f"The bundle from device {manifest.device_name} ({manifest.device_id}) was "
            f"refused: {why}. Someone may have replaced that laptop's root admin key (the key "
            "its accounts' roles are signed with) to give an account rights it was not "
            "granted. Nothing was imported. Have an admin check that laptop (`screener user "
            "list`, `screener audit verify`) and revoke it (`screener device revoke`) if it "
            "was tampered with.")
        self.manifest = manifest


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


def proof(session: Session, head_seq: int) -> str:
    """On a laptop: the `signing` entry of a bundle whose newest checkpoint is `head_seq`
    (its root record, grants and that audit row), or "" before signing began here."""
    rows = session.repos.audit.entries(after_seq=head_seq - 1, limit=1)
    evidence = session.grants.evidence(rows[0].username) if rows else None
    if evidence is None or rows[0].seq != head_seq:
        return ""
    head = rows[0]
    evidence["head"] = [head.seq, head.at, head.username, head.action, head.record_type,
                        head.record_id, head.details, head.prev_hash]
    return json.dumps(evidence, sort_keys=True, separators=(",", ":"))


def root_key(session: Session) -> str | None:
    """On a laptop: its root admin public key (for the device file), if signing began."""
    root = session.grants.root()
    return None if root is None else root.public_key


def pinned_root(session: Session, device_id: str) -> str | None:
    """At the office: the root admin key pinned for `device_id` (None: not yet)."""
    return session.repos.settings.get(_PINNED + device_id)


def pin_root(session: Session, device_id: str, public_key: str) -> None:
    """At the office: pin `device_id`'s root admin key (joins the caller's transaction)."""
    session.repos.settings.set(_PINNED + device_id, public_key)


def check_device_root(session: Session, manifest: Manifest) -> None:
    """At the office (inside the import's transaction): RootChanged unless the bundle proves
    its grants and audit head are signed under the root pinned for its device; pins the
    root of a device enrolled before pinning, from its first bundle that carries one."""
    pinned = pinned_root(session, manifest.device_id)
    if pinned is None and not manifest.signing:
        return  # a laptop from before signed roles or pinning: nothing to compare yet
    key, why = _proven_root(manifest)
    if key is None:
        raise RootChanged(manifest, why)
    if pinned is None:
        pin_root(session, manifest.device_id, key)
        session.audit(ROOT_PINNED, "device", manifest.device_id,
                      {"bundle": manifest.bundle_id})
    elif key != pinned:
        raise RootChanged(manifest, "its accounts' roles and its audit log are signed under "
                                    "another root admin key than the one this office "
                                    "recorded for it")


def record_root_refusal(session: Session, refused: RootChanged) -> None:
    """At the office, after the refused import rolled back: the row `audit verify` reports."""
    with session.repos.db.transaction():
        session.audit(DEVICE_ROOT_CHANGED, "device", refused.manifest.device_id,
                      {"bundle": refused.manifest.bundle_id})


def _proven_root(manifest: Manifest) -> tuple[str | None, str]:
    """(the root key whose signatures the bundle's proof checks out under, "") or (None,
    why not)."""
    if not manifest.signing:
        return None, "it carries no proof of its root admin key"
    evidence = json.loads(manifest.signing)
    grants = Grants.of_evidence(evidence)
    root = None if grants is None else grants.root()
    if grants is None or root is None:
        return None, "its root admin record does not check out"
    head = _head(evidence.get("head"))
    if head is None or not manifest.audit or (head.seq, head.hash) != manifest.audit[-1]:
        return None, "its newest audit row does not match the bundle's checkpoints"
    if head.seq > root.since_seq and not signed_by(head, grants.keys_of(head.username)):
        return None, ("its newest audit row is not signed by a key that its root admin "
                      "granted")
    return root.public_key, ""


def _head(row: object) -> AuditEntry | None:
    """The audit row a proof carries, with its hash recomputed (None if malformed)."""
    if not isinstance(row, list) or len(row) != 8:
        return None
    seq, at, user, action, record_type, record_id, details, prev = row
    texts = (at, user, action, details, prev)  # (prev: hashed as ASCII)
    optional = (record_type, record_id)
    if (not isinstance(seq, int) or isinstance(seq, bool) or seq < 1
            or not all(isinstance(t, str) for t in texts) or not str(prev).isascii()
            or not all(o is None or isinstance(o, str) for o in optional)):
        return None
    digest = row_hash(seq, at, user, action, record_type, record_id, details, prev)
    return AuditEntry(seq, at, user, action, record_type, record_id, details, prev, digest)


def _load(session: Session, key: str) -> list[object]:
    raw = session.repos.settings.get(key)
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []
